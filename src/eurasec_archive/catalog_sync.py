"""Keeping the item catalog in step with the item files: the folders' (mtime) stamp, the
readers' freshness checks, a server's background build or resync, and ``sync`` itself (every
item file and tombstone compared with its row). Mixed into ``Catalog`` (catalog.py)."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from eurasec_archive.errors import ArchiveError

log = logging.getLogger("eurasec_archive")

FRESHNESS_INTERVAL = 1.0  # seconds between a reader's checks that the catalog is in step
READY_WAIT = 2.0  # seconds a request waits for a catalog being built before its 503
SYNC_BATCH = 2000  # rows per transaction of a sync (readers get the lock between batches)
RETRY_AFTER = 30  # seconds a 503 asks a client to wait while the catalog is being built


class CatalogBuilding(ArchiveError):
    """The item catalog is being built from the item files (in the background): the feed,
    OAI-PMH lists and the about page come back when it is done."""

    status = 503
    code = "catalog_building"
    retry_after = RETRY_AFTER

    def __init__(self, message: str = "The archive's item list is being built from its item "
                                      "files after an upgrade or a restore; please try again in "
                                      "a minute."):
        super().__init__(message)



class CatalogUpkeep:
    """``Catalog``'s upkeep: needs its ``store``, ``path``, lock, connection and row writers."""

    def stamp(self) -> str:
        """The (mtime) state of the folders whose changes the catalog must follow."""
        parts = []
        for d in (self.store.items_dir, self.store.tombstones_dir):
            try:
                parts.append(str(os.stat(d).st_mtime_ns))
            except OSError:
                parts.append("-")
        return " ".join(parts)

    def is_fresh(self) -> bool:
        """True if no write has bypassed the catalog since it last recorded one."""
        with self._lock:
            return self._meta(self._connect(), "stamp") == self.stamp()

    def fresh(self) -> CatalogUpkeep:
        """For readers: the catalog, brought in step with the files if it is stale (checked at
        most every FRESHNESS_INTERVAL seconds) — unless a writer is running, which records its
        own writes as it goes."""
        now = time.monotonic()
        if now >= self._next_check:
            self._next_check = now + FRESHNESS_INTERVAL
            writer = getattr(self.store, "writer", None)
            try:
                with self._lock:
                    recorded = self._meta(self._connect(), "stamp")
                # a catalog never filled is filled now, writer or not
                if recorded is None or recorded != self.stamp() and not (writer and writer()):
                    self.sync()
            except sqlite3.Error as e:  # a locked or damaged catalog: serve what it holds
                log.warning("item catalog %s not brought in step (%s)", self.path, e)
        return self

    def ready(self, wait: float | None = None) -> CatalogUpkeep:
        """For a server's request: the catalog as it is, never O(archive) work in the caller.
        A missing or stale catalog is built or resynced by ``refresh_in_background``; a stale
        one is served meanwhile, one never filled is waited for until ``wait`` seconds after its
        build started (default READY_WAIT: a small archive's catalog is built within the first
        request), then answered at once.

        :raise CatalogBuilding: the catalog is still being built (HTTP 503)
        """
        now = time.monotonic()
        if self._filled.is_set() and now >= self._next_ready_check:
            self._next_ready_check = now + FRESHNESS_INTERVAL
            try:
                with self._lock:
                    recorded = self._meta(self._connect(), "stamp")
            except sqlite3.Error as e:  # locked or damaged: serve what it holds, resync behind
                log.warning("item catalog %s not checked (%s)", self.path, e)
                recorded = ""
            if recorded is None:  # deleted or started again under us
                self._filled.clear()
            if recorded != self.stamp():
                self.refresh_in_background()
        if not self._filled.is_set():
            self.refresh_in_background()
            # only the build's first ``wait`` seconds are waited for (a small archive's build
            # ends within them); later requests get their 503 at once
            remaining = self._build_started + (READY_WAIT if wait is None else wait) - now
            if not self._filled.wait(max(0.0, remaining)):
                raise CatalogBuilding()
        return self

    def refresh_in_background(self) -> bool:
        """Start the one background build or resync of this process if none is running (a
        server calls it at start; ``ready`` when the catalog is missing or stale). True if
        one was started."""
        if not self._syncing.acquire(blocking=False):
            return False
        self._build_started = time.monotonic()
        try:
            threading.Thread(target=self._refresh, name="catalog-upkeep", daemon=True).start()
        except BaseException:
            self._syncing.release()
            raise
        return True

    def refresh_now(self) -> None:
        """``refresh_in_background``'s work in this thread, waiting for one already running
        (a multi-process server fills the catalog once, before it forks its workers)."""
        self._syncing.acquire()
        self._build_started = time.monotonic()
        self._refresh()  # releases _syncing

    def _refresh(self) -> None:
        try:
            with self._lock:
                recorded = self._meta(self._connect(), "stamp")  # opening may start it again
            if recorded is not None:
                self._filled.set()  # filled once: served as it is while it is resynced
            writer = getattr(self.store, "writer", None)
            if recorded is None or recorded != self.stamp() and not (writer and writer()):
                started = time.monotonic()
                n = self.sync()
                if recorded is None:
                    log.warning("item catalog built from the item files: %d rows in %.1f s",
                                n, time.monotonic() - started)
            self._filled.set()
        except Exception:  # noqa: BLE001 - upkeep must never take the server down
            log.exception("item catalog %s not brought in step", self.path)
        finally:
            self._next_ready_check = 0.0
            self._syncing.release()

    def sync(self) -> int:
        """Compare every item file and tombstone with its row; read what differs. Rows of a
        new catalog get their ``seq`` in datestamp order. Returns how many rows changed.
        The files are read without holding the catalog's lock, and rows are written
        ``SYNC_BATCH`` to a transaction, so readers in other threads are not held up."""
        with self._lock:
            db = self._connect()
            stamp = self.stamp()  # taken first: a write during the scan leaves it stale
            known = {r[0]: (r[1], r[2], r[3]) for r in
                     db.execute("SELECT id, deleted, mtime_ns, size FROM items")}
        # the O(archive) part, without the lock
        changed: list[dict] = []
        seen = set()
        try:
            entries = list(os.scandir(self.store.items_dir))
        except OSError:
            entries = []
        from eurasec_archive.store import ITEM_ID

        for entry in entries:
            if not entry.name.endswith(".json") or not ITEM_ID.match(entry.name[:-5]):
                continue
            item_id = entry.name[:-5]
            seen.add(item_id)
            try:
                st = entry.stat()
            except OSError:
                continue
            if known.get(item_id) == (0, st.st_mtime_ns, st.st_size):
                continue
            try:
                changed.append(self._item_values(json.loads(Path(entry.path).read_bytes()), st))
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                continue  # damaged: pages skip it, verify names it
        gone = [i for i, (deleted, _, _) in known.items() if not deleted and i not in seen]
        tomb_ids = set()
        if self.store.tombstones_dir.is_dir():
            tomb_ids = {p.stem for p in self.store.tombstones_dir.glob("*.json")}
        for item_id in sorted(tomb_ids - seen):
            if known.get(item_id, (0,))[0] == 1:
                continue
            try:
                tombstone = self.store.tombstone(item_id)
            except Exception:  # noqa: BLE001 - an unreadable tombstone: no record of it
                tombstone = None
            if tombstone is not None:
                changed.append(self._tombstone_values(item_id, tombstone))
        renamed = self._renamed_away(seen | tomb_ids, known)
        changed.extend(renamed)
        changed.sort(key=lambda v: (v["datestamp"], v["id"]))
        kept = tomb_ids | {v["id"] for v in renamed}
        dropped = [i for i in gone if i not in kept]
        batches = [changed[i:i + SYNC_BATCH] for i in range(0, len(changed), SYNC_BATCH)] or [[]]
        for n, batch in enumerate(batches):
            with self._lock:
                db = self._connect()
                db.execute("BEGIN IMMEDIATE")
                try:
                    if n == 0:
                        for item_id in dropped:
                            db.execute("DELETE FROM items WHERE id = ?", (item_id,))
                    for values in batch:
                        self._upsert(db, values)
                    if n == len(batches) - 1:
                        self._set_meta(db, "stamp", stamp)  # in step only when all is written
                    db.execute("COMMIT")
                except BaseException:
                    db.execute("ROLLBACK")
                    raise
        if changed or gone:
            log.info("item catalog: %d row(s) updated from the item files", len(changed) + len(gone))
        return len(changed) + len(gone)

    def _renamed_away(self, present: set, known: dict) -> list[dict]:
        """Rows for old ids in ``redirects.json`` the catalog does not yet hold as deleted; a
        rebuilt catalog dates them by the redirects file (the rename's own time is not kept)."""
        try:
            redirects = self.store.redirects()
            when = datetime.fromtimestamp(os.stat(self.store.redirects_path).st_mtime, UTC)
        except Exception:  # noqa: BLE001 - no (readable) redirects: nothing renamed to record
            return []
        return [self._renamed_values(old_id, when.isoformat()) for old_id in sorted(redirects)
                if old_id not in present and known.get(old_id, (0,))[0] != 1]
