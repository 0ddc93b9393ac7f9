"""Writing: an Item -> the document the index holds, and the writes (add/replace, delete,
rebuild beside the old index then swap)."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import shutil
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime
from pathlib import Path

from whoosh import index as windex
from whoosh.index import LockError

from eurasec_archive.archive import dump_json, storage_errors
from eurasec_archive.errors import StorageError
from eurasec_archive.facets import FACETS, facet_values
from eurasec_archive.index.merging import save_derived
from eurasec_archive.index.schema import INDEX_NAME, WORDS, has_cyrillic_body, make_schema
from eurasec_archive.index.segment_writer import FastSegmentWriter
from eurasec_archive.models import Item

WRITER_LOCK_WAIT = 60  # seconds to wait for another writer's lock


def item_rev(item: Item) -> str:
    """A digest of an item's stored form: the index entry is current iff the revs agree."""
    return hashlib.sha256(dump_json(item.to_json())).hexdigest()[:16]


def date_number(date: str | None) -> int:
    """'2025-06-09' -> 20250609, '2025-06' -> 20250600, '2025' -> 20250000, None -> 0"""
    if not date:
        return 0
    parts = [int(x) for x in date.split("-")] + [0, 0]
    return parts[0] * 10000 + parts[1] * 100 + parts[2]


def calendar_date(date: str | None) -> datetime | None:
    """'2025-06-09' / '2025-06' / '2025' -> its first day; None for no date or one that is no
    real date ('2025-02-30', 'soon': only a hand-edited or damaged item file holds one, and
    it must not stop the index from taking every other item)."""
    if not date:
        return None
    try:
        parts = [int(x) for x in date.split("-")]
        return datetime(parts[0], *(parts[1:] + [1, 1])[:2])
    except (ValueError, TypeError):
        return None


def item_document(item: Item) -> dict:
    """The fields the index holds for an item."""
    body_parts = [p.text for p in item.paragraphs]
    body = "\n".join(body_parts)
    day = calendar_date(item.date)  # None: undated, or a date no calendar has (indexed as undated)
    doc = dict(
        id=item.id,
        rev=item_rev(item),
        title=item.title,
        body=body,
        speaker="\n".join(s.name for s in item.speakers),
        person="\n".join(item.people),
        org="\n".join(f"{o.name} {o.acronym or ''}" for o in item.organizations),
        place="\n".join(item.places),
        outlet=item.outlet or "",
        lang=item.language,
        date_num=date_number(item.date) if day else 0,
        # the spelling dictionary needs each word once, not every occurrence
        spell=" ".join(dict.fromkeys(WORDS.findall(f"{item.title}\n{body}".lower()))),
    )
    if has_cyrillic_body(item.language, body):
        doc["body_ru"] = f"{item.title}\n{body}"
    if day:
        doc["date"] = day
    for f in FACETS:
        values = facet_values(f, item)
        if values:
            doc[f.field] = "\t".join(v.replace("\t", " ") for v in values)
    return doc


def open_writer(ix, path: Path):
    """A writer of ``ix``, waiting for another writer's lock up to ``WRITER_LOCK_WAIT``.

    :raise StorageError: the lock stayed taken
    """
    deadline = time.monotonic() + WRITER_LOCK_WAIT
    while True:
        try:
            return FastSegmentWriter(ix)
        except LockError:
            if time.monotonic() > deadline:
                raise StorageError(f"index {path} is locked by another writer") from None
            time.sleep(0.2)


def write_items(ix, path: Path, items: list[Item], merge: bool = True, new_ids=frozenset()) -> None:
    """Add or replace the entries of ``items`` in one commit.

    :param new_ids: ids the index is known not to hold (a bulk import's new items): added
        without looking them up in every segment to delete an older entry
    """
    if not items:
        return
    w = open_writer(ix, path)
    try:
        for item in items:
            if item.id in new_ids:
                w.add_document(**item_document(item))
            else:
                w.update_document(**item_document(item))
    except BaseException:
        w.cancel()
        raise
    _commit(w, path, merge=merge)


def delete_item(ix, path: Path, item_id: str) -> None:
    w = open_writer(ix, path)
    w.delete_by_term("id", item_id)
    _commit(w, path)


def _commit(w, path: Path, **options) -> None:
    """``w.commit`` with a disk error as one line; a commit cut off by anything (a Ctrl-C too,
    which Whoosh's own clean-up does not catch) releases the write lock, so the next writer of
    this process (an interrupted import's last commit) is not locked out."""
    try:
        with storage_errors(f"cannot write the index {path}"):  # disk full: one line
            w.commit(**options)
    except BaseException:
        if not w.is_closed:
            w._cleanup_on_error()  # whoosh3: releases the lock, drops the temp storage
        raise


PARALLEL_MIN_ITEMS = 2000  # below this a rebuild runs in one process (starting workers costs more)
SEGMENT_POSTINGS = 20_000_000  # postings per rebuilt segment (~47 bytes each in memory while written)


def build_jobs() -> int:
    """Processes a parallel rebuild uses: the machine's cores (EURASEC_INDEX_JOBS overrides)."""
    try:
        return max(1, int(os.environ.get("EURASEC_INDEX_JOBS") or os.cpu_count() or 1))
    except ValueError:
        return max(1, os.cpu_count() or 1)


def build_index(path: Path, items, jobs: int | None = None, parallel_from: int = PARALLEL_MIN_ITEMS) -> int:
    """Build a fresh index of ``items`` beside the one at ``path``, then swap it in.

    When ``items`` can be split (``items.shards(n)``: parts other processes read on their own)
    and holds at least ``parallel_from`` items, ``jobs`` processes (default ``build_jobs()``)
    each write the segments of their part, and the segments are joined in one commit (no
    merge). Otherwise this process writes them. A segment holds at most
    ``SEGMENT_POSTINGS`` postings (a writer keeps its segment's postings in memory): one per
    process up to ~50,000 bench items.

    :return: the number of items indexed
    """
    jobs = build_jobs() if jobs is None else max(1, jobs)
    parallel = jobs > 1 and hasattr(items, "shards") and len(items) >= parallel_from
    with storage_errors(f"cannot rebuild the index {path}"):  # disk full: one line
        tmp = path.with_name(path.name + ".new")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        ix = windex.create_in(str(tmp), make_schema(), indexname=INDEX_NAME)
        done = None
        if parallel:
            try:
                done = _build_in_processes(tmp, items.shards(jobs))
            except BrokenProcessPool:  # a worker died or could not start: this process does it all
                shutil.rmtree(tmp, ignore_errors=True)
                tmp.mkdir(parents=True)
                ix = windex.create_in(str(tmp), make_schema(), indexname=INDEX_NAME)
        if done is None:
            done = [_write_segments((str(tmp), items))]
        n = _join_segments(ix, done)
        old = path.with_name(path.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if path.exists():
            path.rename(old)
        tmp.rename(path)
        shutil.rmtree(old, ignore_errors=True)
    return n


def _build_in_processes(tmp: Path, shards: list) -> list[tuple[list, int]]:
    """Each shard's segments written by its own process (in shard order, so document numbers
    follow the items' order)."""
    # fork when this process has one thread (the CLI); else spawn: a server's upkeep thread may
    # rebuild, and a fork of a threaded process can leave a child holding a lock no thread of it
    # will release
    context = multiprocessing.get_context("fork" if threading.active_count() == 1 else "spawn")
    with ProcessPoolExecutor(max_workers=len(shards), mp_context=context) as pool:
        return list(pool.map(_write_segments, [(str(tmp), shard) for shard in shards]))


def _join_segments(ix, done: list[tuple[list, int]]) -> int:
    """The written segments, in order, as the index's one new TOC; returns the items in them."""
    w = ix.writer()
    try:
        w._close_segment()  # its own new segment stays empty; clean_files removes its files
        w._commit_toc([segment for segments, _ in done for segment in segments])
    finally:
        w._finish()
    return sum(count for _, count in done)


def _write_segments(args) -> tuple[list, int]:
    """(index folder, items) -> (the finished segments, documents in them); run in a worker of
    a parallel build. Whoosh's own multiprocess writer does the same per sub-writer (``_lk=False``:
    the parent holds the index; segment file names are random per process)."""
    folder, items = args
    ix = windex.open_dir(folder, indexname=INDEX_NAME)
    segments, n, w, ids = [], 0, None, []

    def finish(writer) -> None:
        segment = writer._finalize_segment()
        # its arrays and ids now, in this process, not in the first server's start
        save_derived(ix.storage, ix.schema, segment, Path(folder), ids)
        segments.append(segment)
        ids.clear()

    try:
        for item in items:
            if w is None:
                w = FastSegmentWriter(ix, _lk=False)
            w.add_document(**item_document(item))
            ids.append(item.id)
            n += 1
            if w.pool.count >= SEGMENT_POSTINGS:
                finish(w)
                w = None
        if w is not None and w.doc_count():
            finish(w)
            w = None
    finally:
        if w is not None:
            w._close_segment()
    return segments, n
