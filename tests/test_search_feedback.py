"""Pseudo-relevance feedback (index/feedback.py): a query of several words is also ranked by
the words frequent in its best results, so a document on the same subject that shares few of
the query's words rises above one that merely contains a query word; the matches, excluded
words and highlighted words stay those of the query as written. Real archive, real search."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from bs4 import BeautifulSoup
from conftest import Store

from eurasec_archive.index import ArchiveIndex
from eurasec_archive.search import SearchRequest, run_search

HEAD = " date 2024-03-{day:02d} earth.example.org\n\n{title}\n\n{text}\n"

DOCS = {
    "best": ("Glacier melt measured", "The glacier lost ice as melt water ran off: the melt of glacier ice "
             "left a moraine below the crevasse field, and the firn line rose. Glacier ice melt was "
             "fastest near the moraine and the crevasse zone, where firn turned to ice."),
    "related": ("Field notes from the moraine", "We camped below the moraine. The crevasse field above it "
                "was wide, the firn soft in the afternoon, and the moraine walls loose; a guide said the "
                "glacier had retreated since his youth. Crevasse rescue drills filled the days, and "
                "the firn basin shone above every moraine ridge we crossed, crevasse after crevasse."),
    "unrelated": ("Street bakery opens", "A bakery opened on Glacier Street, selling bread and cakes "
                  "to the neighbours every morning."),
    "moraine-only": ("Stones", "A moraine, a crevasse and firn are words from mountain books."),
}
FILLER = ["football", "cooking", "trains", "music", "gardens", "taxes", "bridges", "ships", "radio",
          "painting", "chess", "weather", "coffee", "tennis", "libraries", "museums", "cinema",
          "rivers", "poetry", "markets"]
for _i, _topic in enumerate(FILLER):  # two short notes on each of 20 other subjects
    for _j in range(2):
        DOCS[f"filler{_i}-{_j}"] = (f"Notes on {_topic} {_j}", f"This note is about {_topic}, part {_j}: "
                                    f"{_topic} and more {_topic}, as people who like {_topic} say.")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    root = tmp_path_factory.mktemp("feedback")
    docs = root / "docs"
    docs.mkdir()
    for n, (name, (title, text)) in enumerate(DOCS.items()):
        (docs / f"{name}.txt").write_text(HEAD.format(day=n % 28 + 1, title=title, text=text),
                                          encoding="utf-8")
    store = Store(root / "archive")
    store.import_paths(docs)
    return store


def search(store, q, **params):
    params = {"q": [q], "per_page": ["50"], **{k: [str(v)] for k, v in params.items()}}
    return run_search(store.archive, store.index, SearchRequest.from_params(params))


def titles(result) -> list[str]:
    return [h["title"] for h in result["hits"]]


def as_typed(store, q) -> list[str]:
    """The ranking of the query without feedback (the index's own search of the parsed query)."""
    raw = store.index.search(store.index.parse(q), {}, None, None, "relevance", 0, 50, facet_limit=0)
    by_id = {item.id: item.title for item in store.archive.items()}
    return [by_id[h.id] for h in raw.hits]


def test_a_document_on_the_subject_rises_above_one_with_a_query_word_only(store):
    q = "glacier ice melt"
    plain = as_typed(store, q)
    assert plain.index("Street bakery opens") < plain.index("Field notes from the moraine")  # BM25 alone
    ranked = titles(search(store, q))
    assert ranked[0] == "Glacier melt measured"
    assert ranked.index("Field notes from the moraine") < ranked.index("Street bakery opens")


def test_feedback_changes_the_order_not_the_matches(store):
    q = "glacier ice melt"
    result = search(store, q)
    assert sorted(titles(result)) == sorted(as_typed(store, q))
    assert result["total"] == 3
    assert "Stones" not in titles(result)  # feedback words alone match nothing


def test_an_excluded_word_stays_excluded_with_feedback(store):
    result = search(store, "glacier ice melt -bakery")
    assert titles(result)[:2] == ["Glacier melt measured", "Field notes from the moraine"]
    assert "Street bakery opens" not in titles(result)


def test_feedback_words_are_not_highlighted(store):
    result = search(store, "glacier ice melt")
    related = next(h for h in result["hits"] if h["title"] == "Field notes from the moraine")
    marked = {m.get_text().lower() for p in related["highlights"]
              for m in BeautifulSoup(p["html"], "html.parser").find_all("mark")}
    assert marked == {"glacier"}


def test_short_queries_are_ranked_as_typed(store):
    q = store.index.parse("glacier street")
    assert store.index.with_feedback(q, lambda item_id: None) is q
    assert titles(search(store, "glacier street"))[0] == "Street bakery opens"


def test_a_query_out_of_time_in_its_first_pass_stays_flagged(store):
    """The feedback's first pass is the query's evaluation, reused by the search: a query that
    ran out of time there is flagged timed_out (the flag travels with the reused evaluation),
    and a NOT still holds."""
    fast = ArchiveIndex(store.archive.index_dir, time_limit=0)
    q = fast.parse("glacier ice melt -bakery")
    ranked = fast.with_feedback(q, lambda item_id: None, deadline=0.0)
    raw = fast.search(ranked, {}, None, None, "relevance", 0, 50, facet_limit=0)
    assert raw.timed_out is True
    assert "Street bakery opens" not in {item.title for item in store.archive.items() if item.id in
                                         {h.id for h in raw.hits}}
    normal = store.index.with_feedback(q, lambda item_id: None)
    raw = store.index.search(normal, {}, None, None, "relevance", 0, 50, facet_limit=0)
    assert raw.timed_out is False and raw.total == 2


def test_concurrent_searches_rank_as_one_search_alone(store):
    """Request threads share the feedback's word counts (one LRU, one analyzer): eight threads
    searching at once get the rankings one thread gets alone (a guard: a race need not show)."""
    queries = ["glacier ice melt", "moraine crevasse firn", "notes about football and chess",
               "glacier street bakery bread", "rivers poetry markets"]
    alone = {q: [(h["id"], h["score"]) for h in search(store, q)["hits"]] for q in queries}
    cold = ArchiveIndex(store.archive.index_dir)  # a fresh index object: the threads analyse the texts

    def ranked(q):
        res = run_search(store.archive, cold, SearchRequest.from_params({"q": [q], "per_page": ["50"]}))
        return q, [(h["id"], h["score"]) for h in res["hits"]]

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(ranked, queries * 8))
    for q, hits in results:
        assert hits == alone[q], q
