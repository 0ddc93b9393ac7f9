"""Bulk import of files and folders into an archive (one file -> Item is ``documents.py``,
re-exported here: ``from eurasec_archive.importer import parse_document`` keeps working).

``Importer.run(paths)`` walks folders, parses (optionally in several processes), stores
items and originals atomically, indexes them, and writes a report. A failed file never
stops the run.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from eurasec_archive.archive import Archive, now_iso
from eurasec_archive.documents import (  # noqa: F401 - public: from eurasec_archive.importer import parse_document
    DEFAULT_MAX_BYTES,
    MAX_EXTRACT_CHARS,
    Parsed,
    extraction_window,
    media_type_of,
    parse_document,
    parse_file,
    parse_web_archive,
    warm_up,
)
from eurasec_archive.errors import StorageError
from eurasec_archive.files import (
    collect_files,  # noqa: F401 - public: from eurasec_archive.importer import collect_files
    display_name,
    path_bytes_hex,
    path_from_report,
)
from eurasec_archive.import_index_process import IndexProcess
from eurasec_archive.lock import writer_lock
from eurasec_archive.models import Item
from eurasec_archive.site_lines import SiteLines
from eurasec_archive.stories import StoryIndex
from eurasec_archive.stories.fingerprint import Fingerprint

INDEX_BATCH = 500  # items per index commit during an import
LEARN_WINDOW = 200  # files parsed before any is stored: their sites' repeated lines are learned first
PARSE_AHEAD = 512  # files the parse workers may run ahead of the store (a batch's commit stalls it)
PARSE_AHEAD_BYTES = 256 * 1024 * 1024  # ... and at most these bytes of them
log = logging.getLogger(__name__)


# ---------------------------------------------------------------------------- bulk import


@dataclass
class FileResult:
    path: str
    status: str  # imported | updated | unchanged | failed | skipped
    item_id: str | None = None
    reason: str | None = None
    source_path: str | None = None  # absolute path, for --retry-failed (shown safely)
    source_path_hex: str | None = None  # its exact bytes, when the shown form differs
    file: str | None = None  # web-archive records: the WARC/WACZ file they are in
    warnings: list[str] = field(default_factory=list)  # imported, but e.g. truncated


@dataclass
class ImportReport:
    started_at: str
    results: list[FileResult] = field(default_factory=list)
    finished_at: str | None = None
    error: str | None = None  # what stopped the run (disk full at the index commit…)

    def counts(self) -> dict[str, int]:
        c = {"imported": 0, "updated": 0, "unchanged": 0, "failed": 0, "skipped": 0}
        for r in self.results:
            c[r.status] += 1
        return c

    def to_json(self) -> dict:
        return {
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "counts": self.counts(),
            "error": self.error,
            "files": [r.__dict__ for r in self.results],
        }


def _bounded_map(pool, fn, tasks, window: int, budget: int = PARSE_AHEAD_BYTES):
    """``pool.map`` in order, with at most ``window`` tasks and ``budget`` bytes of files in
    flight: parsed documents wait in memory only while the store catches up (a batch's index
    commit), however many files there are. What is not started yet is cancelled if the
    consumer stops (Ctrl-C): the pool's shutdown does not parse it first."""
    pending: deque = deque()
    todo = iter(tasks)
    held = 0

    def submit(task):
        nonlocal held
        size = _file_size(task[0])
        held += size
        pending.append((pool.submit(fn, task), size))

    exhausted = False

    def fill():
        nonlocal exhausted
        while not exhausted and (not pending or (len(pending) < window and held < budget)):
            task = next(todo, None)
            if task is None:
                exhausted = True
            else:
                submit(task)

    try:
        fill()
        while pending:
            future, size = pending.popleft()
            held -= size
            fill()  # before waiting: the workers keep going while this result is handled
            yield future.result()
    finally:
        for future, _ in pending:
            future.cancel()


def _file_size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


class Importer:
    """Imports files into an archive and keeps its index in step."""

    def __init__(self, archive: Archive, index, max_bytes: int = DEFAULT_MAX_BYTES, jobs: int = 1,
                 index_batch: int = INDEX_BATCH):
        self.archive = archive.ensure()
        self.index = index
        self.max_bytes = max_bytes
        self.jobs = max(1, jobs)
        self.index_batch = max(1, index_batch)
        self.stories = StoryIndex.of(self.archive)  # reprints filed into stories as items are stored
        self._in_flight: Item | None = None  # the item being written, until noted for the index
        self._indexed: set[str] | None = None  # ids in the index when the run started (Whoosh)
        self._fresh: set[str] = set()  # ids stored by this run the index holds no entry of

    def run(self, files: list[tuple[Path, str]],
            progress: Callable[[FileResult], None] | None = None) -> ImportReport:
        """Import ``files`` under the archive's writer lock; return the report (also saved
        under reports/). A storage failure that stops the run (a full disk at an index commit)
        is ``report.error``: the report is still written and the stored items are pending
        for the next import or ``verify --repair``.

        :raise ArchiveBusy: another writer holds the archive
        """
        with writer_lock(self.archive.root, "import"):
            report = ImportReport(started_at=now_iso())
            self.site_lines = SiteLines(self.archive.root)
            try:
                self._run(files, report, progress)
            except StorageError as e:
                report.error = e.message
            except Exception as e:  # noqa: BLE001 - what is stored is indexed (_run); the report says why it stopped
                report.error = f"the import stopped on an unexpected failure ({type(e).__name__}: {e})"
            finally:
                self.site_lines.close()
            report.finished_at = now_iso()
            try:
                self.archive.write_report(report.to_json())
            except StorageError as e:
                report.error = report.error or e.message
            return report

    def _run(self, files, report: ImportReport, progress) -> None:
        # finish what an interrupted run left (items stored but not indexed) first; found
        # in the same pass over the item files that maps sources to items
        changed: list[Item] = []
        stale = self.index.stale_test() if self.index else None

        def scan():
            for item in self.archive.items():
                if stale and stale(item):
                    changed.append(item)
                yield item

        by_sha, by_name = self.archive.source_map(scan())
        taken = self.archive.ids_in_use()
        # ids the index does not hold: their items are added without a lookup in every segment
        whoosh = self.index is not None and hasattr(self.index, "import_merger")
        self._indexed = (self.index.indexed_ids() if self.index.exists() else set()) if whoosh else None
        self._fresh = set()
        merger = self.index.import_merger(self.index_batch) if whoosh else None
        names = {str(path): name for path, name in files}
        tasks = [(str(path), name, self.max_bytes, bool(self.stories)) for path, name in files]

        feed: IndexProcess | None = None  # the intermediate batches' index commits (import_index_process)

        def commit(final: bool = False):
            # in batches: new items show up in searches while a long import runs, and
            # memory stays bounded however many files there are. Items reach the disk
            # before the index names them.
            self.archive.sync()
            if self.stories:
                self.stories.commit()
            if feed is not None and feed.pending:
                feed.wait()  # the batch before this one is in; on a failure its items are handed back (below)
                if merger:
                    merger.step()
            if final and merger:
                merger.finish()  # the merges still running go in before the last commit
            if self.index and changed:
                # with merge_segments below, Whoosh's own merge at this commit (MERGE_SMALL) would
                # rewrite up to half of a tiered index through its slow path
                whoosh_merge = final and not merger
                if feed is not None and not final:
                    feed.submit(changed, self._fresh)  # indexed while the next batch is stored
                    self._fresh.difference_update(item.id for item in changed)
                elif self._fresh:
                    self.index.add_items(changed, merge=whoosh_merge, new_ids=self._fresh)
                    self._fresh.difference_update(item.id for item in changed)  # indexed now
                else:
                    self.index.add_items(changed, merge=whoosh_merge)
            changed.clear()
            if merger and not final and feed is None:
                merger.step()  # keeps the segment count bounded as the import goes (index/import_merging.py)
            if final and hasattr(self.index, "merge_segments"):
                self.index.merge_segments()  # a segment per batch: bound their count (index/merging.py)

        held: list = []  # parsed, not yet stored: their site's lines are learned first

        def handle(result):
            held.append(result)
            if len(held) >= LEARN_WINDOW:
                flush()

        def flush():
            try:
                self.site_lines.learn([e.item for _, entries, _ in held for e in entries if e.item is not None])
            except Exception as e:  # noqa: BLE001 - the counts only help: their failure never stops an import
                log.warning("site line learning failed for this batch (%s: %s)", type(e).__name__, e)
            for result in held:
                store(result)
            held.clear()

        def store(result):
            path, entries, container = result
            name = names[path]
            if container is not None and any(e.item for e in entries):
                # the web archive itself is kept too, before any item that names it
                self.archive.keep_original(hashlib.sha256(container).hexdigest(), container)
            for entry in entries:
                if entry.error:
                    r = FileResult(path=entry.name, status="failed", reason=entry.error)
                elif entry.item is None:
                    r = _record_result(entry, by_sha)
                else:
                    r = self._store_entry(entry, by_sha, by_name, taken, changed)
                    r.path = entry.name
                    r.warnings = list(entry.item.warnings)
                r.source_path = display_name(path)
                r.source_path_hex = path_bytes_hex(path)
                r.file = name if entry.name != name else None
                report.results.append(r)
                if len(changed) >= self.index_batch:
                    commit()
                if progress:
                    progress(r)

        with self.archive.deferred_sync(), merger or contextlib.nullcontext():
            try:
                if self.jobs > 1 and len(tasks) > 1:
                    if multiprocessing.get_start_method() == "fork":
                        warm_up()  # loaded once here, shared by the forked workers
                        if merger and len(tasks) > self.index_batch and threading.active_count() == 1:
                            feed = IndexProcess(self.index)  # forked while this process has one thread
                    with ProcessPoolExecutor(max_workers=self.jobs) as pool:
                        for result in _bounded_map(pool, parse_file, tasks, PARSE_AHEAD):
                            handle(result)
                else:
                    for t in tasks:
                        handle(parse_file(t))
                flush()
                commit(final=True)
                if self.stories:
                    self.stories.finish(self.archive)  # files what an interrupted run stored but did not
            except BaseException:
                # Ctrl-C, a full disk at a commit, a bug: what is stored gets indexed before the run
                # stops, the item being stored at that moment too if its file was written
                self._note_in_flight(changed)
                if feed is not None:
                    with contextlib.suppress(Exception):
                        feed.wait()  # the batch in the child goes in (it ignores Ctrl-C)...
                    noted = set(map(id, changed))  # (a batch cut off while being sent is in both)
                    changed[:0] = [item for item in feed.take_back() if id(item) not in noted]  # ... or here
                    feed = None
                if merger:
                    merger.close()  # merges running are dropped: the index keeps its segments
                try:
                    commit()
                except Exception:  # noqa: BLE001 - the first failure is the one to report
                    pass  # the stored items are pending: the next import or verify --repair indexes them
                raise
            finally:
                if feed is not None:
                    feed.close()

    def _store_entry(self, entry: Parsed, by_sha, by_name, taken, changed) -> FileResult:
        """Clean and store one parsed document; an unexpected failure fails this file only."""
        try:
            self.site_lines.clean(entry.item)
        except Exception as e:  # noqa: BLE001 - the counts only help: stored as parsed
            log.warning("%s: site lines not removed (%s: %s)", entry.name, type(e).__name__, e)
        try:
            return self._store(entry.item, entry.data, by_sha, by_name, taken, changed, entry.fingerprint)
        except Exception as e:  # noqa: BLE001 - one document's failure never stops the run
            self._note_in_flight(changed)  # written before it failed: indexed, never invisible
            return FileResult(path=entry.name, status="failed",
                              reason=f"{entry.name}: unexpected failure while storing ({type(e).__name__}: {e})")

    def _note_in_flight(self, changed: list[Item]) -> None:
        """The item ``_store`` was writing when it was cut off: noted for the index if its file
        holds it (between the store's write and the importer's note an interrupt would otherwise
        leave it stored and unindexed)."""
        item, self._in_flight = self._in_flight, None
        noted = bool(changed) and changed[-1] is item  # cut off between its note and the reset
        if item is not None and not noted and self.archive.holds(item):
            changed.append(item)

    def _store(self, item: Item, data: bytes, by_sha, by_name, taken, changed,
               fp: Fingerprint | None = None) -> FileResult:
        name = item.source.filename
        try:
            if item.source.sha256 in by_sha and self.archive.has_item(by_sha[item.source.sha256]):
                existing_id = by_sha[item.source.sha256]
                self.archive.keep_original(item.source.sha256, data)
                return FileResult(path=name, status="unchanged", item_id=existing_id)
            self.archive.keep_original(item.source.sha256, data)
            self._in_flight = item  # from its first write to its note below (see _note_in_flight)
            if name in by_name and self.archive.has_item(by_name[name]):
                # same file, new bytes: a new version of the same item, same id
                old = self.archive.get(by_name[name])
                item.id, item.version = old.id, old.version + 1
                item.updated_at = item.source.imported_at
                self.archive.put(item)
                self._fresh.discard(item.id)  # its earlier entry must go
                status = "updated"
            else:
                # the id is claimed atomically: never another document's file
                self.archive.put_new(item, taken)
                if self._indexed is not None and item.id not in self._indexed:
                    self._fresh.add(item.id)
                status = "imported"
            # noted at once: a Ctrl-C from here on still indexes it (see _run)
            changed.append(item)
            self._in_flight = None
            taken.add(item.id)
            by_sha[item.source.sha256] = item.id
            by_name[name] = item.id
            if self.stories:
                self.stories.add(item, fp)
        except StorageError as e:
            self._note_in_flight(changed)
            return FileResult(path=name, status="failed", reason=f"{name}: {e.message}")
        return FileResult(path=name, status=status, item_id=item.id)


def _record_result(entry: Parsed, by_sha: dict[str, str]) -> FileResult:
    """The report line of a web-archive record that is not a new document."""
    if entry.status == "revisit" and entry.sha256 in by_sha:
        return FileResult(path=entry.name, status="unchanged", item_id=by_sha[entry.sha256], reason=entry.reason)
    reason = entry.reason if entry.status != "revisit" else f"{entry.reason}, which was not imported"
    return FileResult(path=entry.name, status="skipped", reason=reason)


def failed_files_of_last_run(archive: Archive) -> list[tuple[Path, str]]:
    """The files that failed in the last import run, as (absolute path, source name); a web
    archive with a failed record is retried whole (its imported records come back unchanged)."""
    report = archive.last_report()
    if not report:
        return []
    failed = [(f["source_path"], f.get("source_path_hex"), f.get("file") or f["path"])
              for f in report["files"] if f["status"] == "failed" and f.get("source_path")]
    return [(path_from_report(path, hex_bytes), name) for path, hex_bytes, name in dict.fromkeys(failed)]
