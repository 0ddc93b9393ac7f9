"""The Flask app through its test client, on a real seeded archive. Assertions parse HTML."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from eurasec_archive.app import create_app


@pytest.fixture
def client(seeded):
    app = create_app({"ARCHIVE_DIR": str(seeded.root), "TESTING": True})
    return app.test_client()


def soup(response):
    return BeautifulSoup(response.data, "html.parser")


def test_api_search_lavrov_returns_the_seeds_that_mention_him_with_marks(client, seeded):
    data = client.get("/api/search?q=Lavrov").get_json()
    mentioning = {i.id for i in seeded.archive.items() if "Lavrov" in i.body_text() + i.title}
    assert {h["id"] for h in data["hits"]} == mentioning
    assert data["total"] == len(mentioning) == 4
    for hit in data["hits"]:
        assert hit["url"] == f"/items/{hit['id']}"
        assert hit["source"]["filename"].endswith(".txt")
        assert hit["highlights"], hit["id"]
        for h in hit["highlights"]:
            frag = BeautifulSoup(h["html"], "html.parser")
            assert all(m.get_text().lower() == "lavrov" for m in frag.find_all("mark"))
            assert {t.name for t in frag.find_all(True)} <= {"mark"}


def test_api_pagination_and_facet_shape(client):
    data = client.get("/api/search?q=&per_page=2&page=2").get_json()
    assert data["total"] == 5 and len(data["hits"]) == 2 and data["page"] == 2
    for name in ("outlet", "speaker", "organization", "year"):
        for v in data["facets"][name]:
            assert set(v) >= {"value", "count"} and v["count"] > 0
    years = {v["value"]: v["count"] for v in data["facets"]["year"]}
    assert years == {"2025": 2, "undated": 3}


def test_facet_filter_narrows_results(client):
    data = client.get("/api/search?q=&speaker=Maxim+Ryzhenkov").get_json()
    assert data["total"] == 2
    for hit in data["hits"]:
        item = client.get(f"{hit['url']}.json").get_json()
        assert "Maxim Ryzhenkov" in [s["name"] for s in item["speakers"]]


def test_highlights_escape_markup_from_documents(store, tmp_path):
    doc = tmp_path / "evil.txt"
    doc.write_text("A <script>alert(1)</script> statement on Eurasian security by the ministry was published today.\n")
    store.import_paths(doc)
    client = create_app({"ARCHIVE_DIR": str(store.root)}).test_client()
    hit = client.get("/api/search?q=security").get_json()["hits"][0]
    html = hit["highlights"][0]["html"]
    assert "<script>" not in html and "&lt;script&gt;" in html
    page = soup(client.get("/?q=security"))
    assert page.find("script", string=lambda s: s and "alert" in s) is None


def test_search_page_has_query_box_results_and_facets(client):
    page = soup(client.get("/?q=Lavrov"))
    box = page.find("input", attrs={"type": "search", "name": "q"})
    assert box is not None and box["value"] == "Lavrov"
    hits = page.select("ol.hits li.hit")
    assert len(hits) == 4
    assert all(h.find("mark") for h in hits)
    for facet in ("outlet", "speaker", "organization", "year"):
        assert page.find("input", attrs={"type": "checkbox", "name": facet}), facet
    first_link = hits[0].select_one(".passage a.para-link")["href"]
    assert "#p" in first_link


def test_item_page_has_paragraph_anchors_and_metadata(client, seeded):
    item = next(i for i in seeded.archive.items() if i.source.filename.startswith("001"))
    page = soup(client.get(item.url))
    assert page.find("h1").get_text(strip=True) == item.title
    for p in item.paragraphs:
        el = page.find(id=p.id)
        assert el is not None, p.id
        assert el.find("a", href=f"#{p.id}") is not None
    assert page.select("table th")  # the membership table is rendered as a table
    assert page.select("figure.quote figcaption")
    assert page.find("link", rel="canonical")["href"].endswith(item.url)


def test_item_json_and_original(client, seeded):
    item = next(seeded.archive.items())
    assert client.get(f"{item.url}.json").get_json()["id"] == item.id
    original = client.get(f"{item.url}/original")
    assert original.status_code == 200
    assert original.data == seeded.archive.original_path(item.source.sha256).read_bytes()


@pytest.mark.parametrize("path", ["/items/nope", "/items/..%2F..%2Fetc%2Fpasswd", "/items/%2e%2e/%2e%2e/etc/passwd"])
def test_unknown_items_are_friendly_404_pages(client, path):
    r = client.get(path)
    assert r.status_code == 404
    page = soup(r)
    assert page.find("input", attrs={"name": "q"}) is not None
    assert "Traceback" not in r.get_data(as_text=True)


def test_api_errors_are_json_400(client):
    for q in ["per_page=5000", "page=1000000000", "sort=random", "from=20x5", "to=2025-13"]:
        r = client.get(f"/api/search?{q}")
        assert r.status_code == 400, q
        assert r.get_json()["error"]["message"]


def test_bad_query_on_search_page_is_a_400_page_with_message(client):
    r = client.get("/?q=security&from=2025-13")
    assert r.status_code == 400
    assert soup(r).find(attrs={"role": "alert"}) is not None


def test_every_response_carries_security_headers(client):
    for path in ["/", "/api/search?q=x", "/items/nope"]:
        r = client.get(path)
        assert "script-src 'self'" in r.headers["Content-Security-Policy"]
        assert "'unsafe-inline'" not in r.headers["Content-Security-Policy"]
        assert r.headers["X-Content-Type-Options"] == "nosniff"
        assert r.headers["Referrer-Policy"]
        assert r.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("q", ['"unbalanced', "AND (", "*", "field:", "🙂🙂", "Лавров", "(((", "NOT", "date:[2025 TO"])
def test_odd_queries_never_500(client, q):
    r = client.get("/api/search", query_string={"q": q})
    assert r.status_code in (200, 400)
    assert r.get_json()


def test_help_page_documents_the_syntax_and_every_facet(client):
    r = client.get("/help")
    assert r.status_code == 200
    page = soup(r)
    codes = {c.get_text() for c in page.find_all("code")}
    for example in ['"indivisible security"', "secur*", "lavrof~", "speaker:lavrov", "org:CSTO",
                    'outlet:"news.by"', "date:[2025-01 TO 2025-06]", "per_page"]:
        assert example in codes, example
    from eurasec_archive.facets import FACETS

    assert {f.name for f in FACETS} <= codes


@pytest.mark.parametrize("example", ['"indivisible security"', "secur*", "lavrof~", "speaker:lavrov",
                                     "org:CSTO", 'outlet:"news.by"', "date:[2025-01 TO 2025-06]",
                                     "charter -Geneva", "Lavrov AND charter", "charter NOT Geneva"])
def test_every_documented_example_runs_and_finds_something(client, example):
    data = client.get("/api/search", query_string={"q": example}).get_json()
    assert data["total"] >= 1, example


def test_an_empty_archive_searches_without_error(store):
    client = create_app({"ARCHIVE_DIR": str(store.root)}).test_client()
    data = client.get("/api/search?q=Lavrov").get_json()
    assert data["total"] == 0 and data["hits"] == []
    assert client.get("/api/search?q=").get_json()["total"] == 0
    page = client.get("/?q=Lavrov")
    assert page.status_code == 200
    assert soup(page).select_one("#results-heading").get_text(strip=True).startswith("0 results")
