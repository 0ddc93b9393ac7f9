"""Search caches shared by request threads and bounded by bytes. Each request thread's
searcher built its own joined arrays (dates, lengths, facet postings, the doc-number -> id
list: O(archive) time and memory per thread, rebuilt whenever more than four threads had
searchers), and the posting-list cache was bounded by count only (4,096 lists of common terms
can weigh gigabytes at 100k items)."""

from __future__ import annotations

import threading

import numpy as np

from eurasec_archive.index.tables import ArrayCache


def test_threads_searchers_share_one_generations_arrays(seeded):
    index = seeded.index
    tables, searchers = [], []
    barrier = threading.Barrier(3)

    def request():
        s = index.searcher()  # this thread's own searcher (Whoosh readers are not shared)
        table = index.facet_table(s)
        table.doc_ids()
        barrier.wait()  # all hold their searchers at once: three distinct readers
        tables.append(table)
        searchers.append(s)
        barrier.wait()
        index.release_searcher()

    threads = [threading.Thread(target=request) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(s) for s in searchers}) == 3
    assert len({id(t.reader) for t in tables}) == 3  # each its own reader...
    assert len({id(t.live) for t in tables}) == 1  # ...and one copy of the arrays
    assert len({id(t.pairs["outlet"][0]) for t in tables}) == 1
    assert len({id(t.doc_ids()) for t in tables}) == 1
    assert sorted(i for i in tables[0].doc_ids() if i) == seeded.archive.item_ids()


def test_a_new_generation_gets_new_arrays_and_sees_deletions(seeded):
    index = seeded.index
    before = index.facet_table(index.searcher())
    index.release_searcher()
    seeded.archive.delete(seeded.archive.item_ids()[0], "duplicate")
    after = index.facet_table(index.searcher())
    index.release_searcher()
    assert after.live is not before.live
    assert int(after.live.sum()) == int(before.live.sum()) - 1


def test_the_array_cache_is_bounded_by_bytes_least_recent_out():
    cache = ArrayCache(max_bytes=10_000)
    for n in range(10):
        cache[n] = (np.zeros(250, dtype=np.int64), np.zeros(250, dtype=np.float32))  # ~3 KB
    assert cache.bytes <= 10_000 and len(cache) == 3
    assert cache.get(9) is not None and cache.get(0) is None
    cache.get(7)
    cache[10] = (np.zeros(250, dtype=np.int64), np.zeros(250, dtype=np.float32))
    assert cache.get(7) is not None and cache.get(8) is None  # 7 was used, 8 was not
    cache["huge"] = np.zeros(100_000)
    assert cache.get("huge") is None and cache.bytes <= 10_000
