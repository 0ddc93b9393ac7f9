"""Merging while a bulk import runs (index/import_merging.py): the segment count stays bounded,
every document stays exactly once, and documents replaced or deleted while their segment is
being merged stay replaced or deleted."""

from __future__ import annotations

import dataclasses
import shutil

from conftest import SEEDS, Store
from test_segment_merging import _copies_of_seeds, _search, _variants
from whoosh import index as windex

from eurasec_archive.index import ArchiveIndex
from eurasec_archive.index.import_merging import ImportMerger, level, tier_plan
from eurasec_archive.index.schema import INDEX_NAME
from eurasec_archive.models import Paragraph


def _segments(path):
    return windex.open_dir(str(path), indexname=INDEX_NAME)._segments()


def _ids(path) -> list[str]:
    with windex.open_dir(str(path), indexname=INDEX_NAME).searcher() as s:
        return sorted(f["id"] for f in s.all_stored_fields())


def test_levels_and_plan_merge_the_oldest_of_the_lowest_full_level():
    assert [level(n, 500) for n in (1, 499, 500, 7_999, 8_000, 127_999, 128_000)] == [0, 0, 0, 0, 1, 1, 2]
    sizes = [8_000] * 3 + [500] * 17
    assert tier_plan(sizes, 500) == list(range(3, 19))  # the 16 oldest batches, not the 17th
    assert tier_plan(sizes, 500, busy=set(range(3, 19))) == []  # being merged: not again
    assert tier_plan([500] * 15, 500) == []
    assert tier_plan([8_000] * 16 + [500] * 3, 500) == list(range(16))
    assert tier_plan([2_048_000] * 16, 500) == []  # the top level waits for the end of the import


def _batched_index(seeded, batches: int, per: int):
    """``batches`` segments of ``per`` distinct documents each, committed as an import's batches."""
    items = [seeded.archive.get(i) for i in seeded.archive.item_ids()]
    variants = _variants(items, -(-batches * per // len(items)))[:batches * per]
    shutil.rmtree(seeded.archive.index_dir)  # the seeds' own entries go: a new, empty index
    index = ArchiveIndex(seeded.archive.index_dir).ensure()
    for b in range(batches):
        batch = variants[b * per:(b + 1) * per]
        index.add_items(batch, merge=False, new_ids={v.id for v in batch})
    return index, variants


def test_merger_bounds_the_segments_and_answers_as_before(seeded, tmp_path):
    index, variants = _batched_index(seeded, batches=9, per=2)
    path = seeded.archive.index_dir
    queries = ("security", "secur*", '"foreign minister"', "copy3", "charter minsk")
    before = {q: _search(seeded.root, q) for q in queries}
    assert len(_segments(path)) == 9

    with ImportMerger(path, batch=2, factor=4) as merger:
        merger.step()
        assert len(merger.pending) == 2  # two groups of four, each in its own worker
        merger.finish()
        assert merger.merged == 2 and merger.dropped == 0

    assert [s.doc_count_all() for s in _segments(path)] == [8, 8, 2]
    assert _ids(path) == sorted(v.id for v in variants)
    for q in queries:
        assert _search(seeded.root, q) == before[q], q
    assert before["copy3"] and before["secur*"]
    assert not path.with_name(path.name + ".merge").exists()


def test_documents_replaced_or_deleted_during_a_merge_stay_so(seeded):
    index, variants = _batched_index(seeded, batches=4, per=3)
    path = seeded.archive.index_dir
    replaced = dataclasses.replace(variants[4], paragraphs=[Paragraph(id="p1", kind="p", text="zebrafinch")])
    with ImportMerger(path, batch=3, factor=4) as merger:
        merger.step()
        assert len(merger.pending) == 1
        index.add_items([replaced], merge=False)  # replaces its entry inside a segment being merged
        w = index.ix.writer()
        w.delete_by_term("id", variants[7].id)
        w.commit(merge=False)
        merger.finish()
        assert merger.merged == 1

    ids = _ids(path)
    assert ids.count(replaced.id) == 1 and variants[7].id not in ids
    assert len(ids) == len(variants) - 1
    assert [h for h, _ in _search(seeded.root, "zebrafinch")] == [replaced.id]
    assert len(_segments(path)) == 2  # the merged four, and the replacement's batch


def test_a_merge_that_fails_is_dropped_and_the_index_keeps_its_segments(seeded):
    index, variants = _batched_index(seeded, batches=4, per=2)
    path = seeded.archive.index_dir
    before = _search(seeded.root, "security")
    with ImportMerger(path, batch=2, factor=4) as merger:
        merger.aside.write_text("not a folder")  # the worker cannot write its segment there
        merger.step()
        merger.finish()
        assert merger.merged == 0 and merger.dropped == 1
    assert len(_segments(path)) == 4
    assert _ids(path) == sorted(v.id for v in variants)
    assert _search(seeded.root, "security") == before and before


def test_a_merge_of_segments_merged_meanwhile_is_dropped(seeded):
    index, variants = _batched_index(seeded, batches=4, per=2)
    path = seeded.archive.index_dir
    with ImportMerger(path, batch=2, factor=4) as merger:
        merger.step()
        index.merge_segments(everything=True)  # e.g. `optimize` from another process
        merger.finish()
        assert merger.merged == 0 and merger.dropped == 1
    assert _ids(path) == sorted(v.id for v in variants)


def test_an_import_merging_as_it_goes_holds_each_item_once(tmp_path):
    docs = _copies_of_seeds(tmp_path / "docs", 8)  # 40 documents
    batched, whole = Store(tmp_path / "batched"), Store(tmp_path / "whole")
    report = batched.import_paths(docs, index_batch=1)  # a commit per item: 16-segment merges run
    assert report.counts()["imported"] == 40 and report.error is None
    whole.import_paths(docs)
    assert _ids(batched.archive.index_dir) == sorted(batched.archive.item_ids())
    assert len(_segments(batched.archive.index_dir)) <= 8
    for q in ("security", '"foreign minister"', "copy", "digest*"):
        assert _search(batched.root, q) == _search(whole.root, q), q
    # a second run over the same files, one of them changed: replaced, never doubled
    changed = docs / f"{sorted(SEEDS.glob('*.txt'))[0].stem}-3.txt"
    changed.write_text(changed.read_text("utf-8") + "\nA late correction about zebrafinches.\n", "utf-8")
    again = batched.import_paths(docs, index_batch=1)
    assert again.counts()["updated"] == 1 and again.counts()["unchanged"] == 39
    assert _ids(batched.archive.index_dir) == sorted(batched.archive.item_ids())
    assert len(_search(batched.root, "zebrafinches")) == 1
