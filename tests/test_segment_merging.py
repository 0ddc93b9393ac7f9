"""Segment merging (index/merging.py) writes what Whoosh's own optimize writes, bounds the
segment count a bulk import leaves, and answers searches as the unmerged index did."""

from __future__ import annotations

import dataclasses
import os
import shutil

from click.testing import CliRunner
from conftest import SEEDS, Store
from whoosh import index as windex
from whoosh.reading import SegmentReader

from eurasec_archive.archive import Archive
from eurasec_archive.cli import main
from eurasec_archive.index import ArchiveIndex, segment_files
from eurasec_archive.index.merging import _run_groups, merge_plan, merge_segments
from eurasec_archive.index.schema import INDEX_NAME
from eurasec_archive.models import Paragraph


def _variants(items, copies: int):
    """``copies`` distinct items per seeded item (new ids, their paragraphs rotated and
    numbered, so terms, lengths and positions differ from copy to copy)."""
    out = []
    for c in range(copies):
        for item in items:
            paras = item.paragraphs[c % len(item.paragraphs):] + item.paragraphs[:c % len(item.paragraphs)]
            paras = [dataclasses.replace(p, text=f"{p.text} copy{c} w{c * 7 % 11}") for p in paras]
            out.append(dataclasses.replace(item, id=f"{item.id}-v{c}", paragraphs=paras,
                                           title=f"{item.title} {c}"))
    return out


def _segmented_index(seeded, batches: int = 6):
    """The seeded archive's index rebuilt as a bulk import leaves it: one segment per batch,
    never merged, with replaced and deleted entries (deletions inside old segments)."""
    items = [seeded.archive.get(i) for i in seeded.archive.item_ids()]
    index = ArchiveIndex(seeded.archive.index_dir)
    shutil.rmtree(seeded.archive.index_dir)
    variants = _variants(items, batches)
    per = len(variants) // batches
    for b in range(batches):
        index.add_items(variants[b * per:(b + 1) * per], merge=False)
    index.add_items([dataclasses.replace(variants[1], paragraphs=[Paragraph(id="p1", kind="p", text="replaced")])],
                    merge=False)
    w = index.ix.writer()
    w.delete_by_term("id", variants[2].id)
    w.commit(merge=False)  # as a bulk import's batches: no merge
    return index, variants


def _whole(path):
    """Everything a reader gives: stored fields in order, lengths, the date column, every
    term's postings and statistics."""
    ix = windex.open_dir(str(path), indexname=INDEX_NAME)
    with ix.searcher() as s:
        r = s.reader()
        docs = [d for _, d in r.iter_docs()]
        lengths = {f: [r.doc_field_length(n, f) for n in r.all_doc_ids()] for f in ("title", "body", "body_ru")}
        dates = [d["id"] for d in docs]  # order of documents
        terms = {}
        for fieldname, btext in r.all_terms():
            m = r.postings(fieldname, btext)
            postings = []
            while m.is_active():
                postings.append((m.id(), m.weight(), m.value()))
                m.next()
            if not postings:
                continue  # a term whose only documents are deleted
            ti = r.term_info(fieldname, btext)
            terms[(fieldname, btext)] = (postings, ti.doc_frequency(), ti.weight(), ti.min_length(),
                                         ti.max_length(), ti.max_weight())
        return docs, lengths, dates, terms, len(ix._segments())


def _search(root, text: str) -> list[tuple[str, float]]:
    index = ArchiveIndex(Archive(root).index_dir)
    res = index.search(index.parse(text), {}, None, None, "relevance", 0, 50)
    return [(h.id, round(h.score, 4)) for h in res.hits]


def test_merging_writes_what_whoosh_optimize_writes(seeded, tmp_path):
    index, _ = _segmented_index(seeded)
    path = seeded.archive.index_dir
    assert len(windex.open_dir(str(path), indexname=INDEX_NAME)._segments()) >= 6
    theirs = tmp_path / "theirs"
    shutil.copytree(path, theirs)
    windex.open_dir(str(theirs), indexname=INDEX_NAME).optimize()

    report = merge_segments(path, jobs=1, everything=True)

    mine = _whole(path)
    assert report.after == mine[4] == 1 and report.before >= 6
    expected = _whole(theirs)
    assert mine[0] == expected[0]  # stored fields, in the same order
    assert mine[1] == expected[1]
    assert mine[3].keys() == expected[3].keys()
    for key in expected[3]:
        assert mine[3][key] == expected[3][key], key
    assert any(f == "body" for f, _ in mine[3])  # not a comparison of two empty indexes


def test_merged_index_answers_as_before_and_keeps_arrays_files(seeded, tmp_path):
    _segmented_index(seeded)
    before_root = tmp_path / "before"
    shutil.copytree(seeded.root, before_root)
    queries = ("security", "secur*", '"foreign minister"', "charter minsk", "copy3", "replaced")
    before = {q: _search(before_root, q) for q in queries}

    report = merge_segments(seeded.archive.index_dir, max_segments=2, jobs=2)

    assert report.before >= 6 and report.after <= 2 + 2
    for q in queries:
        assert _search(seeded.root, q) == before[q], q
    assert before["copy3"] and before["replaced"]
    ix = windex.open_dir(str(seeded.archive.index_dir), indexname=INDEX_NAME)
    segids = {s.segment_id() for s in ix._segments()}
    arrays = {p.name.split(".")[0] for p in seeded.archive.index_dir.glob("*.arrays.npz")}
    assert arrays == segids  # merged segments' arrays written, the merged-away ones' gone
    for seg in ix._segments():
        if seg.segment_id() in segids:
            r = SegmentReader(ix.storage, ix.schema, seg)
            assert segment_files.load(seeded.archive.index_dir, seg.segment_id(), dict) is not None \
                or r.doc_count_all() == 0
            # the merge wrote its ids too (a server's start would read every stored document for them)
            ids = segment_files.load_ids(seeded.archive.index_dir, seg.segment_id(), r.doc_count_all())
            assert ids == [r.stored_fields(d).get("id") for d in range(r.doc_count_all())]
            r.close()


def test_merge_plan_bounds_the_count_and_keeps_large_segments():
    sizes = [500] * 200
    plan = merge_plan(sizes, max_segments=8, jobs=2)
    assert len(plan) == 2 and sorted(i for g in plan for i in g) == list(range(200))
    assert all(g == list(range(g[0], g[-1] + 1)) for g in plan)  # contiguous runs
    after = [50_000, 50_000] + [500] * 7
    assert merge_plan(after, max_segments=8, jobs=2) == [list(range(2, 9))]
    assert merge_plan([50_000, 50_000, 500, 500], max_segments=8, jobs=2) == []
    assert merge_plan([10, 10, 10, 10], max_segments=8, jobs=2, everything=True) == [[0, 1], [2, 3]]
    assert merge_plan([10, 10], max_segments=8, jobs=2, everything=True) == []
    assert merge_plan([10, 10, 10], max_segments=8, jobs=1, everything=True) == [[0, 1, 2]]


def _copies_of_seeds(folder, copies: int):
    """``copies`` distinct text captures per seed (a numbered closing line each)."""
    folder.mkdir()
    for path in sorted(SEEDS.glob("*.txt")):
        for c in range(copies):
            (folder / f"{path.stem}-{c}.txt").write_text(
                path.read_text("utf-8") + f"\n\nFiled as copy number {c} of the wire digest.\n", "utf-8")
    return folder


def test_bulk_import_leaves_a_bounded_number_of_segments(tmp_path):
    docs = _copies_of_seeds(tmp_path / "docs", 6)
    batched, whole = Store(tmp_path / "batched"), Store(tmp_path / "whole")
    batched.import_paths(docs, index_batch=2)  # a commit every 2 items: 15 segments before merging
    whole.import_paths(docs)
    segments = len(windex.open_dir(str(batched.archive.index_dir), indexname=INDEX_NAME)._segments())
    assert segments <= 2  # all small: merged into one per core
    for q in ("security", '"foreign minister"', "copy", "digest*"):
        assert _search(batched.root, q) == _search(whole.root, q), q
    assert len(batched.archive.item_ids()) == 30
    assert len(_search(batched.root, "digest*")) >= 24  # every English copy (the Russian seed's stem differs)


def test_optimize_command_merges_into_one_segment_per_core(seeded):
    _segmented_index(seeded)
    before = _search(seeded.root, "security")
    result = CliRunner().invoke(main, ["--archive-dir", str(seeded.root), "optimize"],
                                env={"EURASEC_INDEX_JOBS": "2"})
    assert result.exit_code == 0, result.output
    segments = len(windex.open_dir(str(seeded.archive.index_dir), indexname=INDEX_NAME)._segments())
    assert segments <= 2
    assert result.output.startswith("merged ") and f"into {segments} " in result.output
    assert _search(seeded.root, "security") == before and before


def _dies_in_a_worker(segment):
    """The same segment, but a worker process that receives it exits at once (as one killed by
    the kernel): unpickling it calls os._exit."""

    class DiesInWorker(type(segment)):
        def __reduce__(self):
            return os._exit, (3,)

    copy = DiesInWorker.__new__(DiesInWorker)
    copy.__dict__.update(segment.__dict__)
    return copy


def test_merge_finishes_in_this_process_when_a_worker_dies(seeded):
    _segmented_index(seeded)
    path = seeded.archive.index_dir
    segments = windex.open_dir(str(path), indexname=INDEX_NAME)._segments()
    groups = [[_dies_in_a_worker(s) for s in segments[:3]], [_dies_in_a_worker(s) for s in segments[3:]]]
    merged = _run_groups(path, groups)
    assert [m.doc_count_all() for m in merged] == [sum(s.doc_count() for s in g) for g in groups]
