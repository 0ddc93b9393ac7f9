"""The index's own search machinery: numpy evaluation agrees with Whoosh's matchers, arrays
cached per segment stay right across refreshes, additions and deletions."""

from __future__ import annotations

import time

import numpy as np
import pytest
from conftest import SEEDS

from eurasec_archive.index import SEARCH_TIME_LIMIT, _Evaluator
from eurasec_archive.search import SearchRequest, run_search

EXTRA = """ date 2025-09-01 tass.com

Wheat harvest in Belarus

The wheat harvest in Belarus reached a record, the ministry of agriculture said.
"""


def search(store, **params):
    params = {k: v if isinstance(v, list) else [str(v)] for k, v in params.items()}
    return run_search(store.archive, store.index, SearchRequest.from_params(params))


@pytest.mark.parametrize("text", [
    "security", "eurasian security", '"eurasian security"', '"foreign minister"', "secur*",
    "Minsk -Lavrov", "Minsk NOT charter", "lavrof~", "speaker:lavrov", "org:CSTO",
    "charter AND (Minsk OR Moscow)", "date:[2025-01 TO 2025-12]", "Лавров", "title:lavrov",
])
def test_numpy_evaluation_matches_whoosh_matchers(seeded, text):
    """The array evaluator and Whoosh's own matchers find the same documents."""
    index = seeded.index
    s = index.searcher()
    table = index.facet_table(s)
    q = index.parse(text)
    ours, _ = _Evaluator(s, table, time.monotonic() + SEARCH_TIME_LIMIT, {}).run(q)
    theirs, _ = _Evaluator(s, table, time.monotonic() + SEARCH_TIME_LIMIT, {}).fallback(q)
    assert np.array_equal(ours, theirs & table.live)


def test_results_span_segments_after_an_incremental_import(seeded, tmp_path):
    before = search(seeded, q="wheat")["total"]
    search(seeded, q="Minsk")  # a searcher and its arrays exist before the import
    (tmp_path / "wheat.txt").write_text(EXTRA, encoding="utf-8")
    seeded.import_paths(tmp_path / "wheat.txt")
    res = search(seeded, q='"wheat harvest"')
    assert res["total"] == before + 1
    assert {f["value"]: f["count"] for f in res["facets"]["outlet"]} == {"TASS": 1}
    assert search(seeded)["total"] == 6
    # a seed still matches, with its own segment's arrays
    assert search(seeded, q="Lavrov", outlet="news.by")["total"] == 1


def test_deleted_item_leaves_results_and_counts(seeded):
    res = search(seeded, q="Lavrov", per_page=100)
    gone = res["hits"][0]["id"]
    seeded.index.delete(gone)
    after = search(seeded, q="Lavrov", per_page=100)
    assert gone not in [h["id"] for h in after["hits"]]
    assert after["total"] == res["total"] - 1
    assert search(seeded)["total"] == 4
    assert sum(f["count"] for f in search(seeded)["facets"]["language"]) == 4


def test_phrase_inside_boolean_query(seeded):
    res = search(seeded, q='"Eurasian security" AND Lavrov', per_page=100)
    assert res["total"] >= 1
    for hit in res["hits"]:
        assert any("<mark>" in p["html"] for p in hit["highlights"])


def test_repeated_query_is_answered_from_the_same_arrays(seeded):
    first = search(seeded, q="security", sort="newest")
    again = search(seeded, q="security", sort="newest")
    assert [h["id"] for h in first["hits"]] == [h["id"] for h in again["hits"]]
    assert first["facets"] == again["facets"]


def test_seeds_import_once(store):
    store.import_paths(SEEDS)
    assert search(store)["total"] == 5
