"""Segment merging: a bulk import commits a segment per batch and never merges (merging at each
commit costs more than the batch), so a 100,000-document import leaves ~200 segments; every
query then looks each word up in every segment, and each server process keeps every segment's
lexicons. ``merge_segments`` bounds the count.

Policy (``merge_plan``): at most ``max_segments`` segments stay as they are: the segments of at
least 1/``max_segments`` of the documents ("large") are kept, the others are merged, into one
segment, or into one per core when they hold most of the index (each group written by its own
process). So the count after a merge is at most ``max_segments`` + the cores, and a document is
rewritten only while it sits in a small segment. ``everything`` merges all segments into one per
core (``optimize``; an index of no more segments than cores is left as it is).

How (``_merge_group``): Whoosh's own merge (``add_reader``) pushes every posting through its
sorting pool one at a time; here the segments of a group are already sorted and follow each
other in doc-number order, so each term's postings are copied a block at a time from each
segment in turn, renumbered, into one new segment: the same segment Whoosh's optimize writes
(stored fields, lengths, columns and postings; deleted documents dropped), in a fraction of its
time. The writer lock is held throughout, so no deletion can be lost; readers keep reading the
old segments until the new table of contents is committed.
"""

from __future__ import annotations

import bisect
import heapq
import multiprocessing
import os
import shutil
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from whoosh.filedb.filestore import FileStorage
from whoosh.reading import SegmentReader
from whoosh.writing import SegmentWriter

from eurasec_archive.disk import storage_errors
from eurasec_archive.index.internals import add_posting_run, length_array, segment_terms, term_blocks
from eurasec_archive.index.schema import INDEX_NAME

MAX_SEGMENTS = 8  # segments a merge leaves as they are (plus at most one per core it writes)


@dataclass
class MergeReport:
    before: int  # segments before
    after: int  # segments after
    documents: int  # live documents rewritten
    seconds: float


def merge_plan(sizes: list[int], max_segments: int = MAX_SEGMENTS, jobs: int = 1,
               everything: bool = False) -> list[list[int]]:
    """Groups of segment positions to merge, each group one new segment (contiguous runs of
    the small segments, in index order); [] when the count is within ``max_segments``.

    :param sizes: each segment's live documents, in index order
    """
    total = sum(sizes)
    if not sizes or len(sizes) <= (jobs if everything else max_segments):
        return []
    if everything:
        small = list(range(len(sizes)))
    else:
        small = [i for i, n in enumerate(sizes) if n * max_segments < total]
    if len(small) < 2:
        return []
    docs = sum(sizes[i] for i in small)
    # one group per core when the small segments hold much of the index (the first merge of a
    # bulk import); otherwise one: a few recent batches
    groups = max(1, min(jobs, len(small), round(jobs * docs / max(1, total))))
    plan: list[list[int]] = [[] for _ in range(groups)]
    done, g = 0, 0
    for i in small:
        if g < groups - 1 and plan[g] and done >= docs * (g + 1) / groups:
            g += 1
        plan[g].append(i)
        done += sizes[i]
    return [group for group in plan if len(group) > 1]  # a segment alone would be copied for nothing


def merge_segments(path: Path, max_segments: int = MAX_SEGMENTS, jobs: int | None = None,
                   everything: bool = False) -> MergeReport:
    """Merge the index at ``path`` by ``merge_plan`` under its writer lock (waiting for it like
    any writer); the merged segments' search arrays are saved beside them (``segment_files``).

    :raise StorageError: the lock stayed taken, or the disk refused the new segments
    """
    from eurasec_archive.index.writing import build_jobs, open_writer

    started = time.monotonic()
    jobs = build_jobs() if jobs is None else max(1, jobs)
    ix = FileStorage(str(path), supports_mmap=False).open_index(INDEX_NAME)
    w = open_writer(ix, path)
    try:
        segments = list(w.segments)
        plan = merge_plan([s.doc_count() for s in segments], max_segments, jobs, everything)
        if not plan:
            w.cancel()
            return MergeReport(len(segments), len(segments), 0, time.monotonic() - started)
        with storage_errors(f"cannot merge the index {path}"):  # disk full: one line
            merged = _run_groups(path, [[segments[i] for i in group] for group in plan])
            first = {group[0]: new for group, new in zip(plan, merged, strict=True)}
            gone = {i for group in plan for i in group}
            result = [first[i] if i in first else s for i, s in enumerate(segments)
                      if i in first or i not in gone]
            result = [s for s in result if s.doc_count_all()]
            w._close_segment()  # the writer's own new segment stays empty; clean_files removes it
            w._commit_toc(result)
    except BaseException:
        if not w.is_closed:
            w.cancel()
        raise
    w._finish()
    documents = sum(segments[i].doc_count() for group in plan for i in group)
    return MergeReport(len(segments), len(result), documents, time.monotonic() - started)


def _run_groups(path: Path, groups: list[list]) -> list:
    """Each group's merged segment: in this process for one group, else a process per group
    (forked from a single-threaded process, spawned from a threaded one, as ``build_index``)."""
    if len(groups) == 1:
        return [_merge_group((str(path), groups[0]))]
    context = multiprocessing.get_context("fork" if threading.active_count() == 1 else "spawn")
    try:
        with ProcessPoolExecutor(max_workers=len(groups), mp_context=context) as pool:
            return list(pool.map(_merge_group, [(str(path), group) for group in groups]))
    except BrokenProcessPool:  # a worker died or could not start: this process merges them
        return [_merge_group((str(path), group)) for group in groups]


def _merge_group(args):
    """(index folder, segments in index order) -> one new segment holding their live
    documents in the same order; its search arrays saved beside it."""
    folder, segments = args
    storage = FileStorage(folder, supports_mmap=False)
    ix = storage.open_index(INDEX_NAME)
    return _merge_into(storage, ix, segments, Path(folder))


def merge_aside(folder: str, aside: str, segments: list):
    """Run in a worker while the import goes on, without the writer lock: ``segments`` of the
    index at ``folder`` merged into one new segment written in the folder ``aside`` (an index
    of its own, so the import's commits, which delete the files their table of contents does
    not name, never see it). Returns (``aside``, the new segment) for ``move_in``."""
    from whoosh import index as windex

    schema = FileStorage(folder, supports_mmap=False).open_index(INDEX_NAME).schema
    Path(aside).mkdir(parents=True, exist_ok=True)
    ix = windex.create_in(aside, schema, indexname=INDEX_NAME)
    return aside, _merge_into(FileStorage(folder, supports_mmap=False), ix, segments, Path(aside))


def move_in(path: Path, aside: Path, segment, segids: list[str], deleted: list[frozenset]) -> bool:
    """Under the writer lock, replace the segments ``segids`` of the index at ``path`` by
    ``segment`` (written by ``merge_aside`` in ``aside``, from those segments as they were when
    ``deleted`` held their deleted documents): its files renamed in, the documents deleted
    since then deleted in it too, one new table of contents. False (nothing changed) when one
    of the segments is gone meanwhile. ``aside`` is removed either way.

    :raise StorageError: the lock stayed taken, or the disk refused the new table of contents
    """
    from eurasec_archive.index.writing import open_writer

    try:
        ix = FileStorage(str(path), supports_mmap=False).open_index(INDEX_NAME)
        w = open_writer(ix, path)
        try:
            segments = list(w.segments)
            position = {s.segment_id(): i for i, s in enumerate(segments)}
            if any(segid not in position for segid in segids):
                w.cancel()
                return False
            with storage_errors(f"cannot merge the index {path}"):
                base = 0
                for segid, before in zip(segids, deleted, strict=True):
                    old = segments[position[segid]]
                    # old doc number -> new: the live ones (as merged) follow each other
                    live = [d for d in range(old.doc_count_all()) if d not in before]
                    for d in set(old.deleted_docs()) - before:
                        segment.delete_document(base + bisect.bisect_left(live, d))
                    base += len(live)
                new_id = segment.segment_id()
                for f in aside.iterdir():
                    if f.name.startswith(new_id) or f.name.startswith(f".{new_id}"):
                        os.replace(f, path / f.name)
                first = position[segids[0]]
                gone = {position[segid] for segid in segids}
                result = [segment if i == first else s for i, s in enumerate(segments)
                          if i == first or i not in gone]
                w._close_segment()  # the writer's own new segment stays empty; clean_files removes it
                w._commit_toc([s for s in result if s.doc_count_all()])
        except BaseException:
            if not w.is_closed:
                w.cancel()
            raise
        w._finish()
        return True
    finally:
        shutil.rmtree(aside, ignore_errors=True)


def _merge_into(storage, ix, segments: list, arrays_dir: Path):
    """The live documents of ``segments`` (read from ``storage``) written as one new segment
    by a writer of ``ix``; its search arrays and its ids saved in ``arrays_dir``."""
    schema = ix.schema
    w = SegmentWriter(ix, _lk=False)
    readers = [SegmentReader(storage, schema, seg) for seg in segments]
    try:
        fieldnames = set(schema.names())
        maps = []  # per reader: a doc number -> new doc number list (None: deleted)
        for r in readers:
            base = w.docnum
            docmap = w.write_per_doc(fieldnames | {f for f in r.indexed_field_names() if f in schema}, r)
            n = r.doc_count_all()
            maps.append([base + d for d in range(n)] if docmap is None else [docmap.get(d) for d in range(n)])
        w.perdocwriter.close()
        _copy_postings(w.fieldwriter, schema, readers, maps)
        w.fieldwriter.close()
        w._close_segment()
        w._assemble_segment()
        segment = w.get_segment()
    except BaseException:
        w._close_segment()
        raise
    finally:
        for r in readers:
            r.close()
    save_derived(ix.storage, schema, segment, arrays_dir)
    return segment


def save_derived(storage, schema, segment, arrays_dir: Path, ids: list[str] | None = None) -> None:
    """A new segment's search arrays and item ids saved beside it (``segment_files``), so the
    first server after a merge, a rebuild or an import does not walk the segment for them
    (at 1M items ~6 s CPU on the start path). :param ids: its ids if known (else read)"""
    from eurasec_archive.index import segment_files
    from eurasec_archive.index.tables import segment_arrays, segment_ids

    reader = SegmentReader(storage, schema, segment)
    try:
        segment_files.save(arrays_dir, segment.segment_id(), segment_arrays(reader))
        segment_files.save_ids(arrays_dir, segment.segment_id(), segment_ids(reader) if ids is None else ids)
    finally:
        reader.close()


def _copy_postings(fieldwriter, schema, readers: list, maps: list) -> None:
    """Every term of every field, in order; each term's postings from each reader in turn."""
    fields = sorted({f for r in readers for f in r.indexed_field_names() if f in schema})
    for fieldname in fields:
        fieldobj = schema[fieldname]
        lengths = [length_array(r, fieldname, r.doc_count_all()).astype(int).tolist()
                   if fieldobj.scorable else None for r in readers]
        streams = [_numbered(segment_terms(r, fieldname), k) for k, r in enumerate(readers)
                   if fieldname in r.indexed_field_names()]
        started = False  # the field, once it has a posting
        current = None  # the term being written, once it has a posting
        for btext, k, info in heapq.merge(*streams, key=lambda t: (t[0], t[1])):
            docmap, lens = maps[k], lengths[k]
            for ids, weights, values in term_blocks(readers[k], fieldname, btext, info):
                new = [docmap[d] for d in ids]
                if None in new:  # deleted documents' postings go
                    keep = [i for i, d in enumerate(new) if d is not None]
                    if not keep:
                        continue
                    ids = [ids[i] for i in keep]
                    new = [new[i] for i in keep]
                    weights = [weights[i] for i in keep]
                    values = [values[i] for i in keep]
                if btext != current:  # a term with no live posting is not written
                    if current is not None:
                        fieldwriter.finish_term()
                    if not started:
                        fieldwriter.start_field(fieldname, fieldobj)
                        started = True
                    fieldwriter.start_term(btext)
                    current = btext
                add_posting_run(fieldwriter, new, weights, values,
                                [lens[d] for d in ids] if lens is not None else None)
        if current is not None:
            fieldwriter.finish_term()
        if started:
            fieldwriter.finish_field()


def _numbered(terms, k: int):
    """(term, k, info) for each (term, info): a reader's terms, marked with the reader they
    came from (the merge orders equal terms by it)."""
    for t, info in terms:
        yield t, k, info
