"""Entity, browse and about pages, and the item page's links to them (Flask test client on a
real seeded archive; assertions parse the HTML)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from slugify import slugify

from eurasec_archive.app import create_app
from eurasec_archive.facets import FACETS_BY_NAME

FIRST = "2025-06-09-news-by-the-concept-of-eurasian-security-is-one-of-the-main-foreign"
SECOND = "2025-11-24-a-meeting-of-the-boards-of-the-belarusian-and-russian-foreign"


@pytest.fixture
def client(seeded_dir):
    return create_app({"ARCHIVE_DIR": str(seeded_dir), "TESTING": True}).test_client()


def page(client, url, status=200):
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code)
    return BeautifulSoup(r.data, "html.parser")


def items_with(seeded_dir, pred):
    from eurasec_archive.archive import Archive

    return {i.id for i in Archive(seeded_dir).items() if pred(i)}


def test_speaker_page_lists_their_items_quotes_and_role(client, seeded_dir):
    doc = page(client, "/speakers/sergey-lavrov")
    assert doc.h1.get_text(strip=True) == "Sergey Lavrov"
    expected = items_with(seeded_dir, lambda i: "Sergey Lavrov" in [s.name for s in i.speakers])
    listed = {a["href"].rsplit("/", 1)[-1] for a in doc.select(".entity-items li.hit h3 a")}
    assert listed == expected
    assert doc.select_one(".entity-count").get_text() == str(len(expected))
    assert "Russian Foreign Minister" in doc.select_one(".roles").get_text()
    quotes = doc.select(".quotes li")
    assert quotes
    for q in quotes:  # each quote links to its paragraph in its item
        href = q.select_one(".meta a")["href"]
        assert href.startswith("/items/") and "#p" in href


def test_entity_timeline_bars_link_to_a_filtered_month_search(client):
    doc = page(client, "/speakers/sergey-lavrov")
    months = {a["data-month"]: a["href"] for a in doc.select("figure.timeline a.bar")}
    assert set(months) == {"2025-06", "2025-11"}
    assert months["2025-06"] == "/?speaker=Sergey+Lavrov&from=2025-06&to=2025-06"


@pytest.mark.parametrize("route,facet", [("outlets", "outlet"), ("speakers", "speaker"),
                                         ("organizations", "organization"), ("people", "person"),
                                         ("places", "place")])
def test_browse_pages_list_every_value_with_the_facet_count(client, route, facet):
    doc = page(client, f"/{route}")
    api = client.get("/api/search?q=").get_json()["facets"][facet]
    rows = doc.select(".browse-list li")
    assert len(rows) >= len([v for v in api if v["value"] != FACETS_BY_NAME[facet].missing])
    shown = {r.a.get_text(): int(r.select_one(".count").get_text().split()[0]) for r in rows}
    missing = FACETS_BY_NAME[facet].missing
    for v in api:
        if v["value"] == missing:  # items without a value: a search link, not an entity
            note = doc.select_one(".unknown-note a")
            assert int(note.get_text().split()[0]) == v["count"]
            assert client.get(note["href"]).status_code == 200
            continue
        assert shown[v["value"]] == v["count"]
    for r in rows:  # and every entry opens its entity page
        assert r.a["href"] == f"/{route}/{slugify(r.a.get_text())}"
        assert client.get(r.a["href"]).status_code == 200


def test_about_page_counts_the_archive(client):
    doc = page(client, "/about")
    assert doc.select_one("#stat-items").get_text() == "5"
    assert doc.select("figure.timeline a.bar")


@pytest.mark.parametrize("url", ["/speakers/nobody", "/places/atlantis", "/outlets/x"])
def test_unknown_entity_is_a_friendly_404_with_a_search_box(client, url):
    doc = page(client, url, 404)
    assert doc.h1.get_text().startswith("Not found")
    assert doc.select_one("form[role=search] input[name=q]")


def test_unknown_entity_json_style_paths_are_not_entities(client):
    assert client.get("/widgets").status_code == 404


def test_item_page_links_entities_and_reserves_the_cite_panel(client):
    doc = page(client, f"/items/{FIRST}")
    assert doc.select_one("dd.speakers a")["href"] == "/speakers/sergey-lavrov"
    assert doc.select_one("dd.outlet a")["href"] == "/outlets/news-by"
    assert {a["href"].split("/")[1] for a in doc.select("dd.organizations a")} == {"organizations"}
    assert {a["href"].split("/")[1] for a in doc.select("dd.people a")} == {"people"}
    assert {a["href"].split("/")[1] for a in doc.select("dd.places a")} == {"places"}
    assert doc.select_one("section#cite") is not None
    for a in doc.select("dd a[href^='/speakers/'], dd a[href^='/places/'], dd a[href^='/people/']"):
        assert client.get(a["href"]).status_code == 200, a["href"]


def test_item_page_previous_and_next_follow_date_order(client):
    first, second = page(client, f"/items/{FIRST}"), page(client, f"/items/{SECOND}")
    assert first.select_one(".prevnext a[rel=next]")["href"] == f"/items/{SECOND}"
    assert first.select_one(".prevnext a[rel=prev]") is None
    assert second.select_one(".prevnext a[rel=prev]")["href"] == f"/items/{FIRST}"
    assert second.select_one(".prevnext a[rel=next]") is None


def test_undated_item_has_no_date_neighbours(client, seeded_dir):
    undated = min(items_with(seeded_dir, lambda i: not i.date))
    doc = page(client, f"/items/{undated}")
    assert doc.select_one(".prevnext") is None
    assert doc.select_one("dd.date").get_text(strip=True) == "undated"


def test_similar_items_exclude_the_item_itself(client):
    doc = page(client, f"/items/{FIRST}")
    similar = [a["href"] for a in doc.select(".similar li a")]
    assert similar and f"/items/{FIRST}" not in similar
