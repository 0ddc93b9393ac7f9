"""A bulk import's intermediate batch commits run in a process of their own
(import_index_process.py) while the importer stores the next batch: the index is the one the
importer writes itself, and a batch the child cannot write stops the import as a failed commit
did, with every stored item still indexed."""

from __future__ import annotations

import os

from conftest import Store
from test_index_merge_import import _ids, _segments
from test_segment_merging import _copies_of_seeds, _search

import eurasec_archive.importer as importer_module
from eurasec_archive.errors import StorageError
from eurasec_archive.import_index_process import IndexProcess
from eurasec_archive.index import ArchiveIndex


class CountingIndexProcess(IndexProcess):
    batches = 0

    def submit(self, items, new_ids):
        CountingIndexProcess.batches += 1
        super().submit(items, new_ids)


def test_batches_indexed_in_the_index_process_make_the_same_index(tmp_path, monkeypatch):
    """Guard (the index is meant to be the same): what the child commits batch by batch equals
    what the importer commits itself, segment by segment."""
    docs = _copies_of_seeds(tmp_path / "docs", 3)  # 15 documents
    monkeypatch.setattr(importer_module, "IndexProcess", CountingIndexProcess)
    CountingIndexProcess.batches = 0
    child, inline = Store(tmp_path / "child"), Store(tmp_path / "inline")
    report = child.import_paths(docs, jobs=2, index_batch=4)
    assert report.error is None and report.counts()["imported"] == 15
    assert CountingIndexProcess.batches == 3  # 4 + 4 + 4 in the child, the last 3 by the importer
    inline.import_paths(docs, jobs=1, index_batch=4)
    assert _ids(child.archive.index_dir) == sorted(child.archive.item_ids()) == _ids(inline.archive.index_dir)
    assert ([s.doc_count_all() for s in _segments(child.archive.index_dir)]
            == [s.doc_count_all() for s in _segments(inline.archive.index_dir)] == [4, 4, 4, 3])
    for q in ("security", '"foreign minister"', "copy", "digest*"):
        assert _search(child.root, q) == _search(inline.root, q), q


def test_a_batch_the_index_process_cannot_write_stops_the_import_and_what_is_stored_is_indexed(tmp_path, monkeypatch):
    docs = _copies_of_seeds(tmp_path / "docs", 3)
    importer_pid = os.getpid()
    real = ArchiveIndex.add_items

    def full_disk_in_the_child(self, items, *args, **kwargs):
        if os.getpid() != importer_pid:
            raise StorageError("no space left on the index's disk (test)")
        return real(self, items, *args, **kwargs)

    monkeypatch.setattr(ArchiveIndex, "add_items", full_disk_in_the_child)
    store = Store(tmp_path / "archive")
    report = store.import_paths(docs, jobs=2, index_batch=4)
    assert report.error == "no space left on the index's disk (test)"
    stored = sorted(store.archive.item_ids())
    assert len(stored) >= 8  # the failed batch and the one stored meanwhile
    assert _ids(store.archive.index_dir) == stored  # indexed by the importer's own last commit
