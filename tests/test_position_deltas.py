"""Reading Whoosh's Positions values with numpy (issue 21): one-byte deltas straight from the
bytes, any other value unpickled; the positions come out as Whoosh's own matcher gives them."""

from __future__ import annotations

import pickle
import struct

import pytest

from eurasec_archive.index.internals import position_arrays, position_deltas
from eurasec_archive.search import SearchRequest, run_search


def value(deltas: list[int]) -> bytes:
    """A posting's value as Whoosh's Positions format writes it (count, pickled deltas)."""
    return struct.pack("!I", len(deltas)) + pickle.dumps(deltas, 2)


@pytest.mark.parametrize("postings", [
    [[]], [[5]], [[0, 1, 2]], [[255, 255]],
    [[3], [256], [1, 70_000, 2], [], [9, 9, 9, 9]],  # two- and four-byte deltas among one-byte ones
])
def test_deltas_as_written(postings):
    counts, deltas = position_deltas([value(p) for p in postings])
    assert counts.tolist() == [len(p) for p in postings]
    assert deltas.tolist() == [d for p in postings for d in p]


def test_positions_far_apart_match_whooshs_matcher(store, tmp_path):
    """A word 300 and 70,000 words after its previous occurrence (deltas of 2 and 4 bytes)."""
    filler = " ".join(["plain"] * 300)
    far = " ".join(["words"] * 70_000)
    (tmp_path / "long.txt").write_text(
        f" date 2025-09-01 tass.com\n\nA long report\n\nKestrel wing {filler} kestrel wing {far} kestrel wing.\n",
        encoding="utf-8")
    store.import_paths(tmp_path / "long.txt")
    s = store.index.searcher()
    leaf = s.reader().leaf_readers()[0][0]
    docs, positions = position_arrays(leaf, "body", "kestrel")
    m = leaf.postings("body", "kestrel")
    expected = [(m.id(), p) for p in m.value_as("positions")]
    assert list(zip(docs.tolist(), positions.tolist(), strict=True)) == expected
    assert len(expected) == 3 and expected[1][1] - expected[0][1] > 255
    res = run_search(store.archive, store.index, SearchRequest.from_params({"q": ['"kestrel wing"']}))
    assert res["total"] == 1
