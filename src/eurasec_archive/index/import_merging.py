"""Merging while a bulk import runs: the import commits a segment per batch (500 documents), and
an index of hundreds of segments makes every later batch, search and server start dearer (each
word looked up in every segment; at 1,000,000 documents 2,000 segments). ``ImportMerger`` keeps
the count bounded as the import goes, without holding the import up.

Policy (``tier_plan``, log-structured as Lucene's LogMergePolicy): a segment's level is how
many times ``FACTOR`` its size is above a batch's (level 0: under 16 batches, level 1: under
256…); when ``FACTOR`` segments share a level, the oldest of them are merged into one of the
next level. A document is rewritten once per level it climbs (log_16 of the archive's size in
batches: 1 at 100,000 documents, 2 at 1,000,000), and the index holds at most
``FACTOR`` - 1 segments per level (< 50 at 1,000,000). Segments of ``MAX_LEVEL`` and above
are left for the end of the import (``merging.merge_segments``) and ``optimize``.

How: the merge runs in a worker process *without* the index's writer lock, into a folder
beside the index (``<index>.merge``: the import's own commits delete any file of the index
folder its new table of contents does not name). Between two batches the importer calls
``step``: a finished merge is then moved in under the lock (its files renamed into the index
folder, the merged segments replaced in one new table of contents); documents deleted in the
merged segments meanwhile (an updated item replaced in a later batch) are deleted in the new
segment too. A merge that fails (a full disk, a killed worker) is dropped, logged: the index
keeps the segments it had, and the end of the import merges them.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from whoosh.filedb.filestore import FileStorage

from eurasec_archive.index.schema import INDEX_NAME

FACTOR = 16  # segments of a level merged into one of the next
MAX_LEVEL = 3  # segments of this level and above (4,096 batches: 2M documents) wait for the end
WORKERS = 2  # merges at most running at once (a big one does not hold up the small ones)
log = logging.getLogger(__name__)


def level(docs: int, batch: int, factor: int = FACTOR) -> int:
    """0 for a segment under ``factor`` batches, 1 under ``factor``² batches, …"""
    n, lv = max(1, docs) // max(1, batch), 0
    while n >= factor:
        n //= factor
        lv += 1
    return lv


def tier_plan(sizes: list[int], batch: int, busy: set[int] = frozenset(), factor: int = FACTOR,
              max_level: int = MAX_LEVEL) -> list[int]:
    """Positions (in index order) of the segments to merge next: the ``factor`` oldest of the
    lowest level that has ``factor`` segments not ``busy`` (already being merged); [] if none.

    :param sizes: each segment's documents (live and deleted), in index order
    """
    by_level: dict[int, list[int]] = {}
    for i, n in enumerate(sizes):
        if i not in busy:
            by_level.setdefault(level(n, batch, factor), []).append(i)
    for lv in sorted(by_level):
        if lv < max_level and len(by_level[lv]) >= factor:
            return by_level[lv][:factor]
    return []


@dataclass
class _Pending:
    future: object
    segids: list[str]  # the merged segments' ids, in order
    deleted: list[frozenset]  # their deleted documents when the merge started


class ImportMerger:
    """Bounds a bulk import's segment count (see the module's docstring). Use as a context
    manager around the import; call ``step()`` after each batch commit (cheap when there is
    nothing to do) and ``finish()`` before the import's last commit."""

    def __init__(self, path: Path, batch: int, factor: int = FACTOR, workers: int = WORKERS):
        self.path, self.batch, self.factor, self.workers = Path(path), max(1, batch), factor, workers
        self.aside = self.path.with_name(self.path.name + ".merge")
        self.pending: list[_Pending] = []
        self.pool = None
        self.merged = 0  # merges moved in
        self.dropped = 0  # merges failed or overtaken
        self.closed = False

    def __enter__(self) -> ImportMerger:
        shutil.rmtree(self.aside, ignore_errors=True)  # what a killed import left
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def step(self) -> None:
        """Move in the merges that finished; start the next ones the policy asks for."""
        if self.closed:
            return
        for p in [p for p in self.pending if p.future.done()]:
            self.pending.remove(p)
            self._move_in(p)
        while len(self.pending) < self.workers and self._start():
            pass

    def finish(self) -> None:
        """Wait for the merges running and move them in (the import's end merges the rest)."""
        while self.pending:
            p = self.pending.pop(0)
            try:
                p.future.result()
            except BaseException:  # noqa: BLE001 - logged by _move_in below
                pass
            self._move_in(p)

    def close(self) -> None:
        """Stop: merges not moved in are dropped (the index keeps its segments)."""
        self.closed = True
        for p in self.pending:
            p.future.cancel()
        self.pending.clear()
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
        shutil.rmtree(self.aside, ignore_errors=True)

    # ---------------------------------------------------------------- internals

    def _start(self) -> bool:
        from eurasec_archive.index.merging import merge_aside

        if not any(self.path.glob(f"_{INDEX_NAME}_*.toc")):
            return False  # nothing committed yet
        try:
            ix = FileStorage(str(self.path), supports_mmap=False).open_index(INDEX_NAME)
            segments = ix._segments()
        except Exception as e:  # noqa: BLE001 - merging only helps: the import goes on without it
            log.warning("segments not merged during the import (%s: %s)", type(e).__name__, e)
            return False
        busy_ids = {segid for p in self.pending for segid in p.segids}
        busy = {i for i, s in enumerate(segments) if s.segment_id() in busy_ids}
        plan = tier_plan([s.doc_count_all() for s in segments], self.batch, busy, self.factor)
        if not plan:
            return False
        group = [segments[i] for i in plan]
        if self.pool is None:
            # fork when this process has one thread; else spawn (see writing.build_index)
            context = multiprocessing.get_context("fork" if threading.active_count() == 1 else "spawn")
            self.pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=context)
        folder = self.aside / f"m{self.merged + self.dropped + len(self.pending)}-{os.getpid()}"
        future = self.pool.submit(merge_aside, str(self.path), str(folder), group)
        self.pending.append(_Pending(future, [s.segment_id() for s in group],
                                     [frozenset(s.deleted_docs()) for s in group]))
        return True

    def _move_in(self, p: _Pending) -> None:
        from eurasec_archive.index.merging import move_in

        try:
            folder, segment = p.future.result()
            if move_in(self.path, Path(folder), segment, p.segids, p.deleted):
                self.merged += 1
            else:  # its segments were merged meanwhile (``optimize``)
                self.dropped += 1
        except Exception as e:  # noqa: BLE001 - merging only helps: the import goes on without it
            self.dropped += 1
            log.warning("a merge of %d segments was dropped (%s: %s)", len(p.segids), type(e).__name__, e)
