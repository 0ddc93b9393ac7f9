"""Phrases, words and the time limit (issue 21): position and posting reads are checked
against the deadline segment by segment, a read cut short is flagged and never widens or
drops a negation, and what was read stays cached so that the next try goes on instead of
starting again."""

from __future__ import annotations

import time

import numpy as np
import pytest

from eurasec_archive.index import term_reads
from eurasec_archive.index.evaluator import Evaluator
from eurasec_archive.index.tables import ArrayCache

EXTRA = """ date 2025-09-01 tass.com

Eurasian security in a second segment

Eurasian security was discussed again in Minsk, the ministry said.
"""
SLOW = 0.3  # seconds each position read of one segment takes in these tests


@pytest.fixture
def two_segments(seeded, tmp_path):
    (tmp_path / "extra.txt").write_text(EXTRA, encoding="utf-8")
    seeded.import_paths(tmp_path / "extra.txt")
    s = seeded.index.searcher()
    table = seeded.index.facet_table(s)
    assert len(table.leaves) >= 2, "the import should have added a segment"
    return seeded, s, table


def slowed(monkeypatch, name: str) -> list:
    """Each call of ``term_reads.<name>`` (one segment's read) takes ``SLOW`` seconds more;
    the list returned records them."""
    reads = []
    real = getattr(term_reads, name)

    def slow(leaf, fieldname, text):
        reads.append((id(leaf), fieldname, text))
        time.sleep(SLOW)
        return real(leaf, fieldname, text)

    monkeypatch.setattr(term_reads, name, slow)
    return reads


@pytest.fixture
def slow_reads(monkeypatch):
    return slowed(monkeypatch, "position_arrays")


def run(store, s, table, text, seconds, cache):
    ev = Evaluator(s, table, time.monotonic() + seconds, cache)
    mask, _ = ev.run(store.index.parse(text))
    return ev, mask


def test_a_phrase_past_the_deadline_is_flagged_and_the_next_try_goes_on(two_segments, slow_reads):
    store, s, table = two_segments
    cache = ArrayCache()
    full, complete = run(store, s, table, 'body:"eurasian security"', 60, ArrayCache())
    assert not full.timed_out and complete.sum() >= 2
    slow_reads.clear()

    ev, mask = run(store, s, table, 'body:"eurasian security"', SLOW / 2, cache)
    assert ev.timed_out
    assert not (mask & ~complete).any()  # a subset of the true matches (here: none of them)
    first_try = len(slow_reads)
    every = 4 * len(table.leaves)  # body and body_ru, two words, each segment
    assert 0 < first_try < every  # stopped before reading every segment

    tries = 1
    while ev.timed_out and tries < every + 1:
        ev, mask = run(store, s, table, 'body:"eurasian security"', SLOW / 2, cache)
        tries += 1
    assert not ev.timed_out, "each try reads more: the phrase completes"
    assert np.array_equal(mask, complete)
    assert len(slow_reads) == len(set(slow_reads)) == every  # each (segment, field, word) read once


def test_a_negated_phrase_cut_short_excludes_nothing_it_should_keep(two_segments, slow_reads):
    """A guard: before the deadline reached position reads, the phrase always completed."""
    store, s, table = two_segments
    _, truth = run(store, s, table, 'Minsk NOT body:"eurasian security"', 60, ArrayCache())
    _, minsk = run(store, s, table, "Minsk", 60, ArrayCache())
    slow_reads.clear()
    ev, mask = run(store, s, table, 'Minsk NOT body:"eurasian security"', SLOW / 2, ArrayCache())
    assert ev.timed_out
    # cut short, the NOT is not dropped: the result holds only documents of the true one
    assert not (mask & ~truth).any()
    assert not (mask & ~minsk).any()


def test_a_word_past_the_deadline_is_flagged_and_the_next_try_goes_on(two_segments, monkeypatch):
    store, s, table = two_segments
    _, complete = run(store, s, table, "body:minsk", 60, ArrayCache())
    reads = slowed(monkeypatch, "posting_arrays")
    cache = ArrayCache()
    ev, mask = run(store, s, table, "body:minsk", SLOW / 2, cache)
    assert ev.timed_out and not (mask & ~complete).any()
    every = 2 * len(table.leaves)  # body and body_ru, each segment
    assert len(reads) < every
    for _ in range(every):
        ev, mask = run(store, s, table, "body:minsk", SLOW / 2, cache)
        if not ev.timed_out:
            break
    assert not ev.timed_out and np.array_equal(mask, complete) and complete.sum() >= 2
    assert len(reads) == len(set(reads)) == every
