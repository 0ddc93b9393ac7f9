"""Any text a person types is a query: regressions for the parser and the evaluator's bounds.

Each test names a behaviour that once failed: hyphens inside words read as NOT (a 400 inside
parentheses), long questions refused, a trailing ``?`` read as a wildcard, stop-words-only
text a 400, ``speaker:*`` matching every document, a NOT dropped when the time limit hit,
fuzzy/wildcard/suggestion work unbounded, thousands of repeated facet parameters.
"""

from __future__ import annotations

import random
import time

import numpy as np
import pytest
from conftest import SEEDS, Store
from whoosh.query import Phrase

from eurasec_archive.app import create_app
from eurasec_archive.index import Evaluator
from eurasec_archive.search import SearchRequest, run_search

DOCS = {
    "gas.txt": """ date 2024-03-02 physics.example.org

Shock-wave structure in rarefied gases

The Chapman-Enskog theory gives the structure of a shock-wave in a rarefied gas. We compare
the Burnett equations with measurements of shock waves in argon and nitrogen.
""",
    "wheat.txt": """ date 2025-09-01 tass.com

Wheat harvest in Belarus

The wheat harvest in Belarus reached a record this year, according to the ministry of
agriculture. Grain exports to Minsk buyers rose.
""",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("tolerant")
    docs = root / "docs"
    docs.mkdir()
    for name, text in DOCS.items():
        (docs / name).write_text(text, encoding="utf-8")
    store = Store(root / "archive")
    store.import_paths(SEEDS)
    store.import_paths(docs)  # a second segment
    return store


def search(store, **params):
    params = {k: v if isinstance(v, list) else [str(v)] for k, v in params.items()}
    return run_search(store.archive, store.index, SearchRequest.from_params(params))


def titles(res):
    return [h["title"] for h in res["hits"]]


def test_a_hyphenated_word_inside_parentheses_is_words_not_a_negation(corpus):
    res = search(corpus, q="what is the structure of a shock-wave (chapman-enskog theory) in a gas?")
    assert titles(res)[0] == "Shock-wave structure in rarefied gases"


def test_a_long_natural_language_question_is_searched_not_refused(corpus):
    question = ("I am looking for reports that discuss the harvest of wheat in Belarus and how the "
                "ministry of agriculture describes the record, and also whether exports of grain to "
                "buyers rose during the year; anything about the yields, the weather, the prices, "
                "the farms, the regions, the storage, the transport and the markets would help me "
                "very much with the article that I am writing for a journal this month. ") * 3
    assert len(question.split()) > 60 and len(question) > 1000
    res = search(corpus, q=question)
    assert titles(res)[0] == "Wheat harvest in Belarus"


def test_text_beyond_the_bound_is_cut_with_a_notice(corpus):
    res = search(corpus, q="wheat " + "lorem " * 2000)
    assert "Wheat harvest in Belarus" in titles(res)
    assert any("cut" in n for n in res["notices"])


def test_a_trailing_question_mark_is_punctuation_not_a_wildcard(corpus):
    res = search(corpus, q="What is the CSTO?")
    assert res["total"] >= 1
    assert all("CSTO" in h["title"] + " ".join(p["html"] for p in h["highlights"])
               for h in res["hits"][:1])
    assert search(corpus, q="What is the CSTO")["total"] == res["total"]


def test_stop_words_only_is_a_200_that_says_nothing_is_searchable(corpus):
    client = create_app({"ARCHIVE_DIR": str(corpus.root), "TESTING": True}).test_client()
    r = client.get("/api/search", query_string={"q": "to be or not to be"})
    assert r.status_code == 200
    data = r.get_json()
    assert data["total"] == 0 and data["hits"] == []
    assert any("Nothing to search" in n for n in data["notices"])


@pytest.mark.parametrize("q", [
    "((((", "))))", '"', '"""', "-", "+", "NOT", "AND OR NOT", "a AND", "OR b", "title:", ":",
    "speaker:(", "date:[x TO y]", "date:yesterday", "lavrov~~~", "*", "**", "?", "a?b/c:d",
    "x" * 5000, "(" * 500 + "minsk" + ")" * 500, "NOT " * 300 + "minsk", "- - - minsk",
    "minsk -", "title:title:title:minsk", "\x00minsk", "🙂 CSTO", "org:\"\"", "+-minsk",
])
def test_any_text_gets_a_200_over_http(corpus, q):
    client = create_app({"ARCHIVE_DIR": str(corpus.root), "TESTING": True}).test_client()
    for path in ("/api/search", "/"):
        r = client.get(path, query_string={"q": q})
        assert r.status_code == 200, (path, q, r.get_data(as_text=True)[:300])


def test_random_syntax_soup_always_parses_and_evaluates(corpus):
    rng = random.Random(15)
    alphabet = list('()"+-*~?:/[]{}^ ') + ["AND", "OR", "NOT", "TO", "title:", "speaker:", "date:",
                                          "minsk", "lavrov", "security", "a", "the", " "]
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30)))
        res = search(corpus, q=text)
        assert res["total"] >= 0 and isinstance(res["notices"], list), text


def test_has_a_speaker_means_items_with_a_speaker(corpus):
    everything = search(corpus, per_page=100)
    with_speakers = {h["id"] for h in everything["hits"] if h["speakers"]}
    assert with_speakers and len(with_speakers) < everything["total"]
    res = search(corpus, q="speaker:*", per_page=100)
    assert {h["id"] for h in res["hits"]} == with_speakers


def test_words_repeated_in_the_query_count_more(corpus):
    q = corpus.index.parse("wheat wheat security")
    words = [sub for sub in q.subqueries if not any(isinstance(x, Phrase) for x in sub.leaves())]
    assert sorted(sub.boost for sub in words) == [1.0, 2.0]


def test_adjacent_query_words_also_count_as_a_phrase(corpus):
    """Each two different adjacent words of a query are also a phrase clause, weighted below
    a word, so documents holding them together rank first."""
    q = corpus.index.parse("wheat wheat security")
    pairs = [sub for sub in q.subqueries if any(isinstance(x, Phrase) for x in sub.leaves())]
    assert [[x.words for x in p.leaves() if x.fieldname == "body"] for p in pairs] == [[["wheat", "secur"]]]
    assert all(0 < p.boost < 1 for p in pairs)


class Countdown(float):
    """A deadline that passes after ``checks`` comparisons: ``monotonic() > deadline`` asks
    the subclass's reflected ``__lt__`` first, so time-outs land at every possible clause."""

    def __new__(cls, checks):
        obj = super().__new__(cls, 0.0)
        obj.left = checks
        return obj

    def __lt__(self, other):
        self.left -= 1
        return self.left < 0


@pytest.mark.parametrize("text", ["Minsk -Lavrov", "Minsk NOT (Lavrov OR Putin)", "-Lavrov",
                                  "wheat OR (security -charter)", "NOT (Minsk -wheat)"])
def test_a_timed_out_search_never_drops_a_negation(corpus, text):
    """Timed-out results are a subset of the true results, whichever clause the limit hits."""
    index = corpus.index
    s = index.searcher()
    table = index.facet_table(s)
    q = index.parse(text)
    truth, _ = Evaluator(s, table, time.monotonic() + 60, {}).run(q)
    assert truth.any()
    for checks in range(0, 40):
        ev = Evaluator(s, table, Countdown(checks), {})
        got, _ = ev.run(q)
        assert not (got & ~truth).any(), (text, checks)
        if not ev.timed_out:
            assert np.array_equal(got, truth)


def test_minsk_not_lavrov_at_the_time_limit_contains_no_lavrov(corpus, tmp_path):
    from eurasec_archive.index import ArchiveIndex

    fast = ArchiveIndex(corpus.archive.index_dir, time_limit=0)
    res = run_search(corpus.archive, fast, SearchRequest.from_params({"q": ["Minsk -Lavrov"],
                                                                       "per_page": ["100"]}))
    assert res["timed_out"]
    lavrov = {h["id"] for h in search(corpus, q="Lavrov", per_page=100)["hits"]}
    assert not {h["id"] for h in res["hits"]} & lavrov


def test_many_fuzzy_and_wildcard_words_are_bounded(corpus):
    text = " ".join(f"*{c}{d}~" if i % 2 else f"*{c}{d}*" for i, (c, d) in
                    enumerate(zip("abcdefghijklmnopqrstuvwxyz" * 3, "etaoinshrdlu" * 7, strict=False)))
    started = time.monotonic()
    res = search(corpus, q=text)
    assert time.monotonic() - started < 2.5
    assert any("expanded" in n for n in res["notices"])


def test_fuzzy_words_find_near_spellings(corpus):
    assert search(corpus, q="lavrof~")["total"] == search(corpus, q="lavrov")["total"] >= 1
    assert search(corpus, q="*arvest")["total"] >= 1  # a leading wildcard, bounded


def test_suggestions_for_unknown_words_are_bounded_and_useful(corpus):
    res = search(corpus, q="wheet")
    assert res["total"] == 0 and res["suggestions"] == ["wheat"]
    started = time.monotonic()
    search(corpus, q=" ".join(f"zq{w}xv" for w in "abcdefghijklmnopqrst"))
    assert time.monotonic() - started < 2.5


def test_thousands_of_repeated_facet_parameters_are_capped(corpus):
    client = create_app({"ARCHIVE_DIR": str(corpus.root), "TESTING": True}).test_client()
    values = [f"Outlet {i}" for i in range(5000)]
    started = time.monotonic()
    for path in ("/api/search", "/"):
        r = client.get(path, query_string={"q": "minsk", "outlet": values})
        assert r.status_code == 200
    assert time.monotonic() - started < 5
    data = client.get("/api/search", query_string={"outlet": values}).get_json()
    assert len(data["filters"]["outlet"]) == 20 and any("outlet" in n for n in data["notices"])
