"""A rebuild split across processes (each writes a segment of its share of the items, joined
in one commit) indexes exactly what one writer does."""

from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import closing

from whoosh import index as windex

from eurasec_archive.archive import Archive
from eurasec_archive.index import ArchiveIndex
from eurasec_archive.index.schema import INDEX_NAME
from eurasec_archive.index.writing import build_index
from eurasec_archive.maintenance import ItemFiles, readable_items
from eurasec_archive.site_lines import LearnedItems, site_of


def _stored(path) -> list[tuple]:
    ix = windex.open_dir(str(path), indexname=INDEX_NAME)
    with ix.searcher() as s:
        return sorted(tuple(sorted(d.items())) for d in s.all_stored_fields())


def _segments(path) -> int:
    return len(windex.open_dir(str(path), indexname=INDEX_NAME)._segments())


def _found(root, text: str) -> list[str]:
    index = ArchiveIndex(Archive(root).index_dir)
    q = index.parse(text)
    return [h.id for h in index.search(q, {}, None, None, "relevance", 0, 50).hits]


def test_parallel_rebuild_indexes_what_one_writer_does(seeded, tmp_path):
    one = seeded.archive.index_dir
    build_index(one, readable_items(seeded.archive), jobs=1)
    other_root = tmp_path / "other"
    shutil.copytree(seeded.root, other_root)
    other = Archive(other_root)
    n = build_index(other.index_dir, readable_items(other), jobs=2, parallel_from=1)

    assert n == len(seeded.archive.item_ids()) == 5
    assert _segments(one) == 1 and _segments(other.index_dir) == 2  # two processes wrote it
    assert _stored(other.index_dir) == _stored(one)
    for text in ("security", '"foreign minister"', "charter AND minsk", "secur*"):
        assert sorted(_found(other_root, text)) == sorted(_found(seeded.root, text)), text
    assert _found(other_root, "security")  # the comparison is not between two empty lists


def test_parallel_rebuild_skips_an_unreadable_item_file(seeded):
    ids = seeded.archive.item_ids()
    seeded.archive.item_path(ids[0]).write_text("{ not json", "utf-8")
    n = build_index(seeded.archive.index_dir, readable_items(seeded.archive), jobs=2, parallel_from=1)
    assert n == len(ids) - 1
    ix = windex.open_dir(str(seeded.archive.index_dir), indexname=INDEX_NAME)
    with ix.searcher() as s:
        indexed = {d["id"] for d in s.all_stored_fields()}
    assert indexed == set(ids[1:])


class _ShardThatDies(ItemFiles):
    """A share whose worker process dies as it starts reading (as one killed by the kernel)."""

    def __iter__(self):
        os._exit(3)


class _ItemsWithDyingWorkers(ItemFiles):
    def shards(self, n):
        return [_ShardThatDies(s.root, s.item_ids) for s in super().shards(n)]


def test_rebuild_finishes_in_one_writer_when_a_worker_dies(seeded):
    archive = seeded.archive
    items = _ItemsWithDyingWorkers(archive.root, archive.item_ids())
    n = build_index(archive.index_dir, items, jobs=2, parallel_from=1)
    assert n == 5
    assert _segments(archive.index_dir) == 1
    assert _found(seeded.root, "security")


def _counted_documents(root) -> int:
    with closing(sqlite3.connect(root / "site_lines.sqlite")) as db:
        return db.execute("SELECT COUNT(*) FROM docs").fetchone()[0]


def test_a_rebuild_that_learns_the_site_lines_still_runs_in_several_processes(seeded):
    """reindex learns the site line counts from the items it reads; the wrapper that did so
    once hid the items' shards, and every reindex ran in one process (CPU = wall at 50k)."""
    archive = seeded.archive
    (archive.root / "site_lines.sqlite").unlink(missing_ok=True)
    sited = [i for i in readable_items(archive) if site_of(i)]
    assert sited  # the seeds hold a document with a site (its outlet)
    for _ in range(2):  # a second rebuild counts no document again
        n = build_index(archive.index_dir, LearnedItems(archive.root, readable_items(archive)),
                        jobs=2, parallel_from=1)
        assert n == 5 and _segments(archive.index_dir) == 2
        assert _counted_documents(archive.root) == len(sited)
    assert _found(seeded.root, "security")
