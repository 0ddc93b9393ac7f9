"""Facet counts by bitmaps (frequent values) and pairs (rare values), issue 21: the same counts
as counting every (document, value) pair, whatever share of the archive a search matches.
The two tests through the real index are guards (the pair-by-pair counting passed them too)."""

from __future__ import annotations

import numpy as np
import pytest

from eurasec_archive.index.facet_counting import FREQUENT_SHARE, FacetIndex
from eurasec_archive.search import SearchRequest, run_search


def pairs_of(rng, n: int, n_values: int, grouped: bool):
    """A facet of ``n`` documents: value v in about n / (v + 1)**1.3 documents (a few values
    in most documents, many in one or two), each document holding a value once."""
    docs, terms = [], []
    for v in range(n_values):
        share = 1 / (v + 1) ** 1.3
        chosen = np.flatnonzero(rng.random(n) < share)
        docs.append(chosen)
        terms.append(np.full(len(chosen), v, dtype=np.int32))
    docs, terms = np.concatenate(docs).astype(np.int64), np.concatenate(terms)
    if not grouped:  # pairs in any order (a segment file written in another order)
        order = rng.permutation(len(docs))
        docs, terms = docs[order], terms[order]
    return docs, terms


def counted_pair_by_pair(docs, terms, n_values, mask):
    out = np.zeros(n_values, dtype=np.int64)
    for d, t in zip(docs.tolist(), terms.tolist(), strict=True):
        out[t] += bool(mask[d])
    return out


@pytest.mark.parametrize("grouped", [True, False])
@pytest.mark.parametrize("share", [0.0, 0.001, 0.01, 0.3, 0.9, 1.0])
def test_counts_equal_counting_every_pair(grouped, share):
    rng = np.random.default_rng(7)
    n, n_values = 3_001, 120  # not a multiple of 64: the last word's bits are partial
    docs, terms = pairs_of(rng, n, n_values, grouped)
    index = FacetIndex(docs, terms, n_values, n)
    df = np.bincount(terms, minlength=n_values)
    assert 0 < len(index.frequent) < n_values  # both kinds of value are exercised
    assert set(index.frequent.tolist()) == set(np.flatnonzero(df * FREQUENT_SHARE >= n).tolist())
    mask = rng.random(n) < share
    mask[-1] = share > 0  # the last document, in the last partial word
    assert np.array_equal(index.count(mask), counted_pair_by_pair(docs, terms, n_values, mask))


def test_documents_without_a_value_are_known():
    docs = np.array([0, 2, 5, 2], dtype=np.int64)
    terms = np.array([0, 0, 1, 1], dtype=np.int32)
    index = FacetIndex(docs, terms, 2, 7)
    assert index.has_value.tolist() == [True, False, True, False, False, True, False]
    mask = np.array([True, True, True, False, False, False, True])
    assert index.count(mask).tolist() == [2, 1]


def test_an_empty_facet_counts_nothing():
    index = FacetIndex(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int32), 0, 10)
    assert index.count(np.ones(10, dtype=bool)).tolist() == []


# --------------------------------------------------------------- through the real index

OUTLETS = {"tass.com": ("TASS", 150), "belta.by": ("BelTA", 47),
           "mid.ru": ("Russian Ministry of Foreign Affairs", 2), "mfa.gov.by": (None, 1)}


def write_corpus(folder) -> dict[str, int]:
    """200 short reports: most from one outlet, a few from outlets under 1/64 of the archive
    (counted by their pairs, not a bitmap). Returns the outlet hosts' report counts."""
    folder.mkdir()
    k = 0
    for host, (_, count) in OUTLETS.items():
        for i in range(count):
            day = 1 + k % 28
            (folder / f"r{k:03d}.txt").write_text(
                f" date 2025-03-{day:02d} {host}\n\nReport {k} on the grain harvest\n\n"
                f"Report number {k} says the grain harvest of district {k} grew by {i} percent.\n",
                encoding="utf-8")
            k += 1
    return {host: count for host, (_, count) in OUTLETS.items()}


def test_outlet_counts_of_a_200_item_archive_are_exact(store, tmp_path):
    hosts = write_corpus(tmp_path / "in")
    report = store.import_paths(tmp_path / "in")
    assert report.counts()["imported"] == 200
    res = run_search(store.archive, store.index, SearchRequest.from_params({"q": ["harvest"], "per_page": ["1"]}))
    assert res["total"] == 200
    counts = {f["value"]: f["count"] for f in res["facets"]["outlet"]}
    assert sorted(counts.values(), reverse=True) == sorted(hosts.values(), reverse=True)
    assert counts["TASS"] == 150 and counts["BelTA"] == 47
    # a query matching a handful: the few-matches path counts the same way
    few = run_search(store.archive, store.index,
                     SearchRequest.from_params({"q": ['"report number 150"'], "per_page": ["5"]}))
    assert few["total"] == 1
    assert {f["value"]: f["count"] for f in few["facets"]["outlet"]} == {"BelTA": 1}


def test_deleted_items_leave_the_counts(store, tmp_path):
    write_corpus(tmp_path / "in")
    store.import_paths(tmp_path / "in")
    params = {"q": ["harvest"], "outlet": ["BelTA"], "per_page": ["100"]}
    belta = run_search(store.archive, store.index, SearchRequest.from_params(params))
    assert belta["total"] == 47
    for hit in belta["hits"][:5]:
        store.index.delete(hit["id"])
    res = run_search(store.archive, store.index, SearchRequest.from_params({"q": ["harvest"], "per_page": ["1"]}))
    counts = {f["value"]: f["count"] for f in res["facets"]["outlet"]}
    assert res["total"] == 195 and counts["BelTA"] == 42 and counts["TASS"] == 150
