"""Keeping a serving archive's index in step with its items, without a restart.

A running server is a reader, but it is the one process that sees every request, so it
notices what no writer will fix: items stored and never indexed (an import killed before
its commit), an index deleted or damaged under it. ``IndexUpkeep.tick`` is called on each
request; at most every ``interval`` seconds it starts one background check:

- no writer running and the items folder changed since the last look: index the items the
  index lacks and drop entries whose item is gone, and file in the story store the items it
  lacks (under the writer lock, never waiting). The look is O(archive) (a listing of every
  item file and of every indexed id: ~7 s CPU at 1,000,000 items), so where it last found
  the archive at rest is kept in the index folder (``STAMP_FILE``): a server started again
  on an archive nothing wrote to since skips it;
- the index is missing or unreadable, or requests keep failing inside the index: rebuild
  it from the item files beside the old one (as ``reindex`` does) and swap it in.

Requests meanwhile get a 503 page saying the index is being rebuilt, never a crash.
Rebuilds caused by failing requests (not by a missing or unreadable index) are spaced
``rebuild_interval`` apart, so a query that trips a bug cannot make the server rebuild
over and over.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import traceback
from collections import deque

from eurasec_archive.errors import ArchiveBusy, ArchiveError

log = logging.getLogger("eurasec_archive.upkeep")

INDEX_MODULES = ("whoosh", "eurasec_archive/index/", "eurasec_archive\\index\\")
STAMP_FILE = ".caught-up.json"  # in the index folder: the stamp of the last catch-up (a reindex drops it)
SETTLED_NS = 2 * 10**9  # a stamp is kept only if the items folder had not changed for this long:
# a file written in the same tick of the folder's clock as the listing cannot hide behind it


def raised_in_index(exc: BaseException) -> bool:
    """True if ``exc`` (not one of ours) came from inside the search engine: a sign of a
    damaged index rather than of a bad request."""
    if isinstance(exc, ArchiveError):
        return False
    frames = traceback.extract_tb(exc.__traceback__)
    return any(any(m in f.filename for m in INDEX_MODULES) for f in frames[-6:])


class IndexUpkeep:
    """See the module docstring. One per app; thread-safe."""

    def __init__(self, archive, interval: float = 2.0, rebuild_interval: float = 600.0,
                 failures_before_rebuild: int = 3):
        self.archive = archive
        self.interval = interval
        self.rebuild_interval = rebuild_interval
        self.failures_before_rebuild = failures_before_rebuild
        self._next_check = 0.0
        self._running = threading.Lock()
        self._stamp = None  # (items folder mtime, index generation) at the last catch-up
        self._failures: deque[float] = deque(maxlen=100)  # when requests failed in the index
        self._last_rebuild = float("-inf")
        self.rebuilding = False
        self.last_action: str | None = None

    def tick(self) -> None:
        """Start a background check if one is due (cheap when not)."""
        now = time.monotonic()
        if now < self._next_check:
            return
        self._next_check = now + self.interval
        if self._running.acquire(blocking=False):
            threading.Thread(target=self._check_in_background, name="index-upkeep", daemon=True).start()

    def index_failed(self, exc: BaseException) -> None:
        """A request failed inside the index: check it now, rebuild if failures go on."""
        self._failures.append(time.monotonic())
        log.warning("search index error (%s: %s); checking the index", type(exc).__name__, exc)
        self._next_check = 0.0
        self.tick()

    def _check_in_background(self) -> None:
        try:
            self.check()
        except ArchiveBusy:
            pass  # a writer is at work; it indexes what it stores
        except Exception:  # noqa: BLE001 - upkeep must never take the server down
            log.exception("index upkeep failed")
        finally:
            self._running.release()

    def check(self) -> str | None:
        """One round of upkeep (what ``tick`` runs in the background); what was done, or None.

        :raise ArchiveBusy: a writer took the lock meanwhile (it will index what it stores)
        """
        archive, index = self.archive, self.archive.index
        if archive.writer():
            return None
        if not index.exists() and archive.is_empty():
            return None  # never imported into: it searches as empty, and nothing is created
        recent = self._recent_failures()
        if recent or not index.exists():
            problem = index.check()
            if problem:
                return self._rebuild(problem)
            if recent >= self.failures_before_rebuild and \
                    time.monotonic() - self._last_rebuild >= self.rebuild_interval:
                return self._rebuild(f"{recent} requests failed inside the index")
        looked_at = time.time_ns()
        stamp = self._current_stamp()
        if self._stamp is None:
            self._stamp = self._saved_stamp()
        if stamp == self._stamp:
            return None
        from eurasec_archive.maintenance import catch_up

        with archive.lock("serve: index catch-up", wait=0):
            ids = archive.item_ids()
            done = catch_up(archive, index, ids)
            filed = self._catch_up_stories(ids)  # the same listing: one read of the items folder
        self._stamp = stamp
        self._save_stamp(stamp, looked_at)
        done = "; ".join(x for x in (done, filed) if x) or None
        if done:
            log.warning("%s", done)
            self.last_action = done
        return done

    def _catch_up_stories(self, ids: list[str]) -> str | None:
        """File the items the story store lacks; a damaged store is logged, not fatal (pages
        show no story until ``reindex``)."""
        from eurasec_archive.maintenance import catch_up_stories

        try:
            return catch_up_stories(self.archive, ids)
        except ArchiveError as e:
            log.warning("story store: %s", e.message)
            return None

    def _stamp_path(self):
        return self.archive.index_dir / STAMP_FILE

    def _saved_stamp(self):
        """The stamp a catch-up recorded, or None (none, unreadable: the catch-up runs)."""
        try:
            saved = json.loads(self._stamp_path().read_text(encoding="utf-8"))
            return saved["items"], tuple(saved["tocs"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _save_stamp(self, stamp, looked_at: int) -> None:
        """Record that the archive was caught up at ``stamp`` (taken at ``looked_at``), if the
        items folder had not changed for SETTLED_NS then: a later write moves its clock on."""
        items, tocs = stamp
        if items is None or looked_at - items < SETTLED_NS or not self.archive.index_dir.is_dir():
            return
        from eurasec_archive.disk import atomic_write

        try:
            atomic_write(self._stamp_path(), json.dumps({"items": items, "tocs": list(tocs)}).encode(), fsync=False)
        except ArchiveError as e:  # a stamp not kept costs the next start a catch-up, nothing more
            log.debug("catch-up stamp not kept: %s", e.message)

    def _recent_failures(self) -> int:
        horizon = time.monotonic() - 60
        while self._failures and self._failures[0] < horizon:
            self._failures.popleft()
        return len(self._failures)

    def _rebuild(self, why: str) -> str:
        from eurasec_archive.maintenance import readable_items

        archive = self.archive
        log.warning("search index unusable (%s): rebuilding it from the item files", why)
        self.rebuilding = True
        try:
            with archive.lock("serve: index rebuild", wait=0):
                archive.cleanup()
                n = archive.index.rebuild(readable_items(archive))
        finally:
            self.rebuilding = False
        self._failures.clear()
        self._last_rebuild = time.monotonic()
        self._stamp = self._current_stamp()
        self.last_action = f"index rebuilt from {n} item files"
        log.warning("%s", self.last_action)
        return self.last_action

    def _current_stamp(self):
        try:
            items = self.archive.items_dir.stat().st_mtime_ns
        except OSError:
            items = None
        tocs = sorted(p.name for p in self.archive.index_dir.glob("*.toc")) if self.archive.index_dir.is_dir() else []
        return items, tuple(tocs)
