"""One test suite, both engines: every test runs against the Whoosh index and against the
OpenSearch engine on a real three-node local cluster (``opensearch_cluster``), through the
same ``Archive.search`` the API uses. The items are written here, so each expected hit, count
and order follows from the items' text and metadata, not from either engine's output."""

from __future__ import annotations

import hashlib
import json

import pytest
from click.testing import CliRunner

from eurasec_archive.archive import Archive
from eurasec_archive.cli import main
from eurasec_archive.index.engine import SearchEngine, engine_settings
from eurasec_archive.models import Item, Organization, Paragraph, Source, Speaker
from eurasec_archive.search import SearchRequest

ENGINES = ["whoosh", "opensearch"]


def original(item_id: str) -> bytes:
    return f"the original of {item_id}".encode()


def make_item(item_id, title, paragraphs, date=None, outlet=None, language="en", speakers=(),
              people=(), places=(), orgs=()) -> Item:
    return Item(id=item_id, title=title, date=date, outlet=outlet, language=language,
                paragraphs=[Paragraph(id=f"p{i + 1}", kind="paragraph", text=t) for i, t in enumerate(paragraphs)],
                source=Source(filename=f"{item_id}.txt", sha256=hashlib.sha256(original(item_id)).hexdigest(),
                              media_type="text/plain",
                              imported_at="2026-01-01T00:00:00Z"),
                date_precision="day" if date and len(date) == 10 else ("month" if date else None),
                speakers=[Speaker(s) for s in speakers], people=list(people), places=list(places),
                organizations=[Organization(o) for o in orgs])


ITEMS = [
    make_item("charter-2024", "The Eurasian Charter draft is published",
              ["The draft of the Eurasian Charter was published on Monday.",
               "Diplomats said the charter would replace older security arrangements."],
              date="2024-02-10", outlet="TASS", speakers=["Sergey Lavrov"], people=["Sergey Lavrov"],
              places=["Minsk"]),
    make_item("sanctions-2024", "New sanctions announced",
              ["Brussels announced new sanctions against several banks.",
               "The sanctioned banks may appeal, officials said."],
              date="2024-11-30", outlet="Reuters", places=["Brussels"], orgs=["European Union"]),
    make_item("minsk-2023", "Minsk conference opens",
              ["The Minsk conference on Eurasian security opened with a speech.",
               "Lavrov spoke about indivisible security."],
              date="2023-05-01", outlet="BelTA", speakers=["Sergey Lavrov"], places=["Minsk"]),
    make_item("ru-2025", "Лавров о санкциях",
              ["Министр Сергей Лавров заявил, что новые санкции не достигнут цели.",
               "Он выступил на конференции в Минске."],
              date="2025-06", outlet="TASS", language="ru", speakers=["Сергей Лавров"],
              places=["Минск"]),
    make_item("undated-note", "A note on regional security",
              ["An undated note about regional security cooperation and trade."]),
    make_item("trade-2025", "Trade talks continue",
              ["Ministers discussed trade, tariffs and transit corridors with anti-Western partners."],
              date="2025-03-15", outlet="Reuters"),
]
BY_ID = {i.id: i for i in ITEMS}


@pytest.fixture(params=ENGINES)
def engine_archive(request, tmp_path):
    """A fresh archive holding ``ITEMS``, indexed by the engine of the parameter."""
    url = None
    if request.param == "opensearch":
        url = request.getfixturevalue("opensearch_cluster").url
    archive = Archive(tmp_path / "archive", engine=request.param, opensearch_url=url).ensure()
    for item in ITEMS:
        archive.keep_original(item.source.sha256, original(item.id))
        archive.put(item)
    index = archive.create_index()
    index.add_items(list(ITEMS))
    yield archive
    if request.param == "opensearch":
        archive.index.drop()


def search(archive, **params) -> dict:
    return archive.search(SearchRequest.from_params({k: v if isinstance(v, list) else [v]
                                                     for k, v in params.items()}))


def ids(result) -> set[str]:
    return {h["id"] for h in result["hits"]}


def test_both_engines_satisfy_the_boundary(engine_archive):
    assert isinstance(engine_archive.index, SearchEngine)
    assert engine_archive.index.check() is None
    assert set(engine_archive.index.entries()) == set(BY_ID)


def test_english_stemming_finds_every_form(engine_archive):
    # "sanctions", "sanctioned": one item in English; the Russian one says "санкции"
    assert ids(search(engine_archive, q="sanction")) == {"sanctions-2024"}
    assert ids(search(engine_archive, q="security")) == {"charter-2024", "minsk-2023", "undated-note"}


def test_russian_stemming_and_transliterated_names(engine_archive):
    # санкций (genitive) meets санкции; Лавров meets Lavrov in English items and back
    assert ids(search(engine_archive, q="санкций")) == {"ru-2025"}
    assert ids(search(engine_archive, q="Лавров")) == {"minsk-2023", "ru-2025"}  # charter-2024: only its speaker
    assert ids(search(engine_archive, q="speaker:lavrov")) == {"charter-2024", "minsk-2023", "ru-2025"}


def test_tolerant_query_language(engine_archive):
    assert ids(search(engine_archive, q='"Eurasian Charter"')) == {"charter-2024"}
    assert ids(search(engine_archive, q="security -Minsk")) == {"charter-2024", "undated-note"}
    assert ids(search(engine_archive, q="corrid*")) == {"trade-2025"}
    assert ids(search(engine_archive, q="tarifs~")) == {"trade-2025"}
    assert ids(search(engine_archive, q="lang:ru")) == {"ru-2025"}
    # a hyphenated compound is found whole, by its parts, and as the phrase of its parts
    assert ids(search(engine_archive, q="anti-western")) == {"trade-2025"}
    assert ids(search(engine_archive, q="western")) == {"trade-2025"}
    assert ids(search(engine_archive, q='"anti western partners"')) == {"trade-2025"}
    assert ids(search(engine_archive, q="trade AND Ministers")) == {"trade-2025"}
    assert ids(search(engine_archive, q="date:2024")) == {"charter-2024", "sanctions-2024"}
    odd = search(engine_archive, q='security) AND ("')  # unbalanced syntax is words, never an error
    assert ids(odd) == {"charter-2024", "minsk-2023", "undated-note"}
    assert search(engine_archive, q="the of")["total"] == 0


def test_facet_counts_with_other_facets_selections(engine_archive):
    r = search(engine_archive)
    outlets = {f["value"]: f["count"] for f in r["facets"]["outlet"]}
    assert outlets == {"TASS": 2, "Reuters": 2, "BelTA": 1, "unknown": 1}
    years = {f["value"]: f["count"] for f in r["facets"]["year"]}
    assert years == {"2023": 1, "2024": 2, "2025": 2, "undated": 1}
    r = search(engine_archive, outlet="TASS")
    assert ids(r) == {"charter-2024", "ru-2025"}
    # the outlet facet is counted without its own selection, the others within it
    assert {f["value"]: f["count"] for f in r["facets"]["outlet"]}["Reuters"] == 2
    assert {f["value"]: f["count"] for f in r["facets"]["language"]} == {"en": 1, "ru": 1}
    assert [f for f in r["facets"]["outlet"] if f["value"] == "TASS"][0]["selected"] is True
    assert ids(search(engine_archive, outlet="unknown")) == {"undated-note"}
    both = search(engine_archive, outlet=["TASS", "Reuters"], year="2024")
    assert ids(both) == {"charter-2024", "sanctions-2024"}


def test_paragraph_highlights(engine_archive):
    r = search(engine_archive, q="sanctions")
    hit = r["hits"][0]
    assert hit["highlights"][0]["paragraph"] == "p1"
    assert "<mark>sanctions</mark>" in hit["highlights"][0]["html"]
    assert "<mark>sanctioned</mark>" in " ".join(h["html"] for h in hit["highlights"])
    assert hit["title_html"] == "New <mark>sanctions</mark> announced"
    ru = search(engine_archive, q="санкции")["hits"][0]
    assert "<mark>санкции</mark>" in ru["highlights"][0]["html"]


def test_date_ranges_and_undated(engine_archive):
    assert ids(search(engine_archive, **{"from": "2024", "to": "2024-12"})) == {"charter-2024", "sanctions-2024"}
    assert ids(search(engine_archive, **{"from": "2025-01-01"})) == {"ru-2025", "trade-2025"}
    r = search(engine_archive, **{"from": "2025", "undated": "include"})
    assert ids(r) == {"ru-2025", "trade-2025", "undated-note"}
    r = search(engine_archive, **{"to": "2023-12-31"})
    assert ids(r) == {"minsk-2023"}
    assert r["undated_excluded"] == 1
    assert [m["month"] for m in search(engine_archive)["timeline"]] == ["2023-05", "2024-02", "2024-11",
                                                                          "2025-03", "2025-06"]


def test_sorting_by_date_keeps_undated_last(engine_archive):
    newest = [h["id"] for h in search(engine_archive, sort="newest")["hits"]]
    oldest = [h["id"] for h in search(engine_archive, sort="oldest")["hits"]]
    dated = sorted((i for i in ITEMS if i.date), key=lambda i: i.date)
    assert oldest == [i.id for i in dated] + ["undated-note"]
    assert newest == [i.id for i in reversed(dated)] + ["undated-note"]
    relevance = search(engine_archive, q="charter")["hits"]
    assert relevance[0]["id"] == "charter-2024" and relevance[0]["score"] > 0


def test_paging_and_total(engine_archive):
    first = search(engine_archive, sort="oldest", per_page=2)
    second = search(engine_archive, sort="oldest", per_page=2, page=2)
    assert first["total"] == second["total"] == len(ITEMS) and first["pages"] == 3
    assert not ids(first) & ids(second) and len(ids(first) | ids(second)) == 4


def test_did_you_mean(engine_archive):
    r = search(engine_archive, q="sanctoins")
    assert r["total"] == 0
    assert r["suggestions"] == ["sanctions"]
    assert search(engine_archive, q="sanctions")["suggestions"] == []


def test_delete_and_reindex_from_the_item_files(engine_archive):
    engine_archive.delete("trade-2025", reason="test")
    assert ids(search(engine_archive, q="trade")) == {"undated-note"}
    assert search(engine_archive)["total"] == len(ITEMS) - 1
    # reindex rebuilds from the item files: the deleted one stays out, the rest come back
    assert engine_archive.reindex() == len(ITEMS) - 1
    assert set(engine_archive.index.entries()) == set(BY_ID) - {"trade-2025"}
    assert ids(search(engine_archive, q="tariffs")) == set()
    assert engine_archive.verify().problems == []


def test_cli_search_with_the_engine_options(engine_archive):
    args = ["--archive-dir", str(engine_archive.root), "search", "--json", "sanctions"]
    opts = []
    if engine_archive.engine == "opensearch":
        opts = ["--engine", "opensearch", "--opensearch-url", engine_archive.opensearch_url]
    result = CliRunner().invoke(main, args + opts, env={"EURASEC_ENGINE": None})
    assert result.exit_code == 0, result.output
    assert {h["id"] for h in json.loads(result.output)["hits"]} == {"sanctions-2024"}


def test_engine_settings_from_the_environment(monkeypatch):
    monkeypatch.setenv("EURASEC_ENGINE", "opensearch")
    monkeypatch.setenv("EURASEC_OPENSEARCH_URL", "http://127.0.0.1:1")
    assert engine_settings() == ("opensearch", "http://127.0.0.1:1")
    assert engine_settings("whoosh") == ("whoosh", "http://127.0.0.1:1")
    monkeypatch.delenv("EURASEC_OPENSEARCH_URL")
    with pytest.raises(Exception, match="needs a cluster address"):
        engine_settings()


def test_unreachable_cluster_is_one_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["--archive-dir", str(tmp_path / "a"), "search", "x", "--engine",
                                       "opensearch", "--opensearch-url", "http://127.0.0.1:1"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: OpenSearch cluster unavailable")
    assert "Traceback" not in result.output


def test_web_api_and_item_page_through_either_engine(engine_archive):
    from bs4 import BeautifulSoup

    from eurasec_archive.app import create_app

    app = create_app({"ARCHIVE_DIR": str(engine_archive.root), "ENGINE": engine_archive.engine,
                      "OPENSEARCH_URL": engine_archive.opensearch_url, "TESTING": True})
    client = app.test_client()
    api = client.get("/api/search?q=sanctions&outlet=Reuters").get_json()
    assert [h["id"] for h in api["hits"]] == ["sanctions-2024"]
    page = client.get("/items/sanctions-2024?q=sanctions")
    assert page.status_code == 200
    marked = {m.get_text() for m in BeautifulSoup(page.data, "html.parser").select("#p1 mark, #p2 mark")}
    assert "sanctions" in marked
    results = BeautifulSoup(client.get("/?q=Lavrov&sort=oldest").data, "html.parser")
    links = [a["href"].split("?")[0] for a in results.select("li.hit a[href^='/items/']")]
    assert list(dict.fromkeys(links)) == ["/items/minsk-2023", "/items/ru-2025"]
