"""The per-segment lexicons behind prefix, wildcard and fuzzy words are kept by bytes, least
recently used dropped first: a bound by count (64) emptied the whole cache whenever it filled,
and at 100,000 documents (~100 segments x 6 fields) every prefix query rebuilt every lexicon
and ran into its deadline with 0 hits."""

from __future__ import annotations

from whoosh import fields
from whoosh.filedb.filestore import RamStorage

from eurasec_archive.index.expansion import Lexicons


def segment_readers(n: int):
    """``n`` one-segment indexes, each holding the words of its own small document."""
    schema = fields.Schema(body=fields.TEXT)
    readers = []
    for i in range(n):
        ix = RamStorage().create_index(schema)
        with ix.writer() as w:
            w.add_document(body=f"security secure{i} word{i} minsk")
        readers.append(ix.reader())
    return readers


def test_lexicons_are_kept_and_the_least_recently_used_goes_first():
    readers = segment_readers(6)
    lexicons = Lexicons()
    first = [lexicons.get(r, f"seg{i}", "body") for i, r in enumerate(readers)]
    assert [lexicons.get(r, f"seg{i}", "body") for i, r in enumerate(readers)] == first  # kept, not rebuilt
    one = first[0].nbytes
    small = Lexicons(max_bytes=3 * one)
    kept = [small.get(r, f"seg{i}", "body") for i, r in enumerate(readers[:3])]
    small.get(readers[0], "seg0", "body")  # used again: now the most recent
    small.get(readers[3], "seg3", "body")  # over the bound: the least recently used (seg1) goes
    assert small.get(readers[0], "seg0", "body") is kept[0]
    assert small.get(readers[2], "seg2", "body") is kept[2]
    assert small.get(readers[1], "seg1", "body") is not kept[1]


def test_expansion_over_many_segments_finds_every_segment_s_terms():
    readers = segment_readers(80)  # more (segment, field) lexicons than the old count bound
    leaves = [(r, 0, f"seg{i}") for i, r in enumerate(readers)]
    lexicons = Lexicons()
    terms, complete = lexicons.expand(leaves, "prefix", "body", "secure", 1000, float("inf"))
    assert complete and sorted(terms) == sorted(f"secure{i}" for i in range(80))
    again = [lexicons.get(r, f"seg{i}", "body") for i, r in enumerate(readers)]
    assert all(lex is lexicons.get(r, f"seg{i}", "body") for lex, (i, r) in zip(again, enumerate(readers), strict=True))
