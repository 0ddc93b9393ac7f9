"""The item catalog: a small SQLite table of item metadata beside the index
(``<root>/catalog.sqlite``), so that the feed, OAI-PMH, the about page and entity lookups cost
O(page), not O(archive). The item files stay the source of truth: the catalog is a cache of
them, updated by every store write (``ItemStore.put``, ``put_new``, ``delete_item``,
``rename_item`` call ``stored``/``removed``) and brought back in step from the files when it
is missing or stale.

One row per item ever stored: its id, a change sequence ``seq`` (strictly increasing, a new
one at every write: OAI resumption tokens resume after a ``seq``, so a harvest running while
imports run gets every new or changed item once more at the end and skips none), the OAI
datestamp and set, the feed's ``added_at``, a deleted flag (removed items and renamed-away ids stay as rows), the
file's (mtime, size) when it was read, and a *card*: the item's JSON cut to what the feed and
Dublin Core need (its first body paragraph only). A page checks its rows' files with one
``stat`` each and reads the file again when it changed, so a page never shows what the file
no longer says.

Staleness: the catalog keeps the (mtime) stamp of the items/ and tombstones/ folders as they
were after the last write it recorded; any write that bypassed it (an interrupted writer, a
restore, another version of the program) changes that stamp, and the next reader or writer
compares every file's (mtime, size) with its row and reads the ones that differ.

Serving: a request never does that O(archive) work. Views call ``ready()``, which answers from
the catalog as it is and leaves building or resyncing to one background thread per process
(started by ``refresh_in_background``: at ``serve`` start, and by ``ready`` when it finds the
catalog missing or stale). A catalog never filled (a new or upgraded archive, one deleted or
of an older format, a read-only archive's in-memory catalog) makes ``ready`` raise
``CatalogBuilding`` (HTTP 503 with Retry-After) until the build is done; a stale one is
served as it is meanwhile (each row's file is checked when shown, and rows the resync adds
get new sequence numbers, so a harvest in progress still gets them at its end).

Modules: this one (connection, writes, reads), catalog_rows.py (schema, cards, rows),
catalog_sync.py (stamps, freshness, background build, ``sync``).
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
import uuid
import zlib
from datetime import UTC, datetime
from pathlib import Path

from eurasec_archive.catalog_rows import COLUMNS, SCHEMA, Row, datestamp, item_card, item_card_of, row_of, slugify
from eurasec_archive.catalog_sync import (
    CatalogBuilding,  # noqa: F401 - raised by ready(); callers import it from here
    CatalogUpkeep,
)
from eurasec_archive.facets import FACETS, facet_values
from eurasec_archive.models import Item

log = logging.getLogger("eurasec_archive")

CATALOG_NAME = "catalog.sqlite"
CATALOG_FORMAT = "2"  # 2: cards zlib-compressed; a catalog of another format is started again
ENTITY_FACETS = tuple(f for f in FACETS if f.entity_route)


class Catalog(CatalogUpkeep):
    """The catalog of one item store (see the module docstring). Thread-safe: one SQLite
    connection per process behind a lock (queries take a millisecond or two)."""

    def __init__(self, store):
        self.store = store
        self.path = store.root / CATALOG_NAME
        self._lock = threading.RLock()
        self._db: sqlite3.Connection | None = None
        self._inode = None
        self._in_memory = False
        self._pending: list[Item] = []  # stored, not yet recorded (``stored(defer=True)``)
        self._trusted = False  # a writer checked the catalog against the files once
        self._next_check = 0.0
        self._filled = threading.Event()  # set once this process knows the catalog was filled
        self._syncing = threading.Lock()  # held by the one background build/resync
        self._next_ready_check = 0.0
        self._build_started = 0.0  # monotonic time the current background build started

    # ------------------------------------------------------------ connection

    def _connect(self) -> sqlite3.Connection:
        try:
            inode = os.stat(self.path).st_ino
        except OSError:
            inode = None
        if self._db is not None and (self._in_memory or inode == self._inode and inode is not None):
            return self._db
        if self._db is not None:  # replaced (restore) or removed under us
            self._db.close()
            self._trusted = False
        try:
            db = self._open_file()
        except sqlite3.OperationalError as e:  # read-only archive: in memory for this process
            log.warning("item catalog %s not writable (%s); keeping it in memory", self.path, e)
            db = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
            db.executescript(SCHEMA)
            self._set_meta(db, "format", CATALOG_FORMAT)
            self._in_memory = self.store.root.is_dir()  # no archive yet: try the file again later
        except sqlite3.DatabaseError as e:  # not a database any more: start it again
            log.warning("item catalog %s damaged (%s); rebuilding it from the items", self.path, e)
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            db = self._open_file()
        try:
            inode = os.stat(self.path).st_ino
        except OSError:
            inode = None
        self._db, self._inode = db, inode
        if self._meta(db, "epoch") is None:
            self._set_meta(db, "epoch", uuid.uuid4().hex[:12])
        return db

    def _open_file(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, check_same_thread=False, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")  # a cache of the files: no fsync per write
            db.executescript(SCHEMA)
            if self._meta(db, "format") != CATALOG_FORMAT:
                old = db.execute("SELECT 1 FROM items LIMIT 1").fetchone()
                db.executescript("DROP TABLE items; DROP TABLE sets; DROP TABLE entities; "
                                 "DELETE FROM meta;" + SCHEMA)
                if old:
                    log.warning("item catalog %s has an older format; rebuilding it", self.path)
                    db.execute("VACUUM")
                self._set_meta(db, "format", CATALOG_FORMAT)
        except BaseException:
            db.close()
            raise
        return db

    @staticmethod
    def _meta(db, key: str) -> str | None:
        row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    @staticmethod
    def _set_meta(db, key: str, value: str) -> None:
        db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def _read(self, sql: str, args=()) -> list:
        with self._lock:
            return self._connect().execute(sql, args).fetchall()

    # ------------------------------------------------------------ writes

    def stored(self, item: Item, defer: bool = False) -> None:
        """Record an item just written to its file (new, new version, or renamed to).

        :param defer: keep it for the next ``flush`` (a bulk import flushes at each commit: one
            transaction per batch, and no catalog work between storing an item and the
            importer noting it, where a Ctrl-C would lose it from the index)
        """
        self._pending.append(item)
        if not defer:
            self.flush()

    def flush(self) -> None:
        """Record the deferred items (kept if interrupted: the next flush records them)."""
        if not self._pending:
            return
        pending = list(self._pending)

        def change(db):
            for item in pending:
                self._upsert(db, self._item_values(item_card_of(item)))
        if self._write(change):
            del self._pending[:len(pending)]

    def removed(self, item_id: str, tombstone: dict | None) -> None:
        """Record an item whose file went: removed (``tombstone``) or renamed away (None).

        Either way its id is a deleted record from now on (a harvester that holds the old id
        learns it is gone; the new id is a record of its own)."""
        def change(db):
            if tombstone is not None:
                self._upsert(db, self._tombstone_values(item_id, tombstone))
                return
            old = db.execute("SELECT set_spec, set_name FROM items WHERE id = ?",
                             (item_id,)).fetchone()
            self._upsert(db, self._renamed_values(item_id, datetime.now(UTC).isoformat(),
                                                  *(old or (None, None))))
        self._write(change)

    def _write(self, change) -> bool:
        """Apply a change made by a writer; never fails the write it follows (the files are
        the truth, and a catalog left behind is found stale and rebuilt from them). True if
        the change was recorded."""
        try:
            with self._lock:
                if not self._trusted:
                    self.sync()
                    self._trusted = True
                db = self._connect()
                db.execute("BEGIN IMMEDIATE")
                try:
                    change(db)
                    self._set_meta(db, "stamp", self.stamp())
                    db.execute("COMMIT")
                except BaseException:
                    db.execute("ROLLBACK")
                    raise
            return True
        except (sqlite3.Error, OSError) as e:
            log.warning("item catalog %s not updated (%s); it will be rebuilt from the items",
                        self.path, e)
            self._pending.clear()  # the stamp is stale now: the next reader compares the files
            return False
        finally:
            self.close()  # writers come and go: none keeps the file open (nor its file system busy)

    def close(self) -> None:
        """Close the connection (the next use opens it again)."""
        with self._lock:
            if self._db is not None and not self._in_memory:
                self._db.close()
                self._db = None

    def _next_seq(self, db) -> int:
        n = int(self._meta(db, "seq") or 0) + 1
        self._set_meta(db, "seq", str(n))
        return n

    def _upsert(self, db, values: dict) -> None:
        values["seq"] = self._next_seq(db)
        db.execute(f"INSERT OR REPLACE INTO items ({COLUMNS}) VALUES "
                   "(:id, :seq, :deleted, :datestamp, :added_at, :set_spec, :set_name, "
                   ":mtime_ns, :size, :card)", values)
        if values["set_spec"]:
            db.execute("INSERT OR IGNORE INTO sets (spec, name) VALUES (?, ?)",
                       (values["set_spec"], values["set_name"] or values["set_spec"]))
        db.executemany("INSERT OR IGNORE INTO entities (facet, slug, value) VALUES (?, ?, ?)",
                       values.get("entities", ()))

    def _item_values(self, data: dict, stat: os.stat_result | None = None) -> dict:
        """A row from an item's JSON (its file, or a card already); raises if it is damaged."""
        card = item_card(data)
        item = Item.from_json(card)
        if stat is None:
            try:
                stat = os.stat(self.store.items_dir / f"{item.id}.json")
            except OSError:
                stat = None
        return {
            "id": item.id, "deleted": 0,
            "datestamp": datestamp(item.updated_at or item.source.imported_at),
            "added_at": item.source.imported_at, "set_spec": slugify(item.outlet) if item.outlet else None,
            "set_name": item.outlet, "mtime_ns": stat.st_mtime_ns if stat else None,
            "size": stat.st_size if stat else None,
            "card": zlib.compress(json.dumps(card, ensure_ascii=False, separators=(",", ":"))
                                  .encode("utf-8"), 6),
            "entities": [(f.name, slugify(v), v) for f in ENTITY_FACETS for v in facet_values(f, item)],
        }

    @staticmethod
    def _tombstone_values(item_id: str, tombstone: dict) -> dict:
        outlet = tombstone.get("outlet") if isinstance(tombstone.get("outlet"), str) else None
        return {"id": item_id, "deleted": 1, "datestamp": datestamp(tombstone.get("removed_at")),
                "added_at": None, "set_spec": slugify(outlet) if outlet else None,
                "set_name": outlet, "mtime_ns": None, "size": None, "card": None}

    @staticmethod
    def _renamed_values(item_id: str, when: str | None, set_spec: str | None = None,
                        set_name: str | None = None) -> dict:
        """A renamed-away id: a deleted record (its item lives on under the new id)."""
        return {"id": item_id, "deleted": 1, "datestamp": datestamp(when), "added_at": None,
                "set_spec": set_spec, "set_name": set_name, "mtime_ns": None, "size": None,
                "card": None}

    # ------------------------------------------------------------ reads

    def epoch(self) -> str:
        """Names this catalog's sequence numbering (a rebuilt catalog numbers anew)."""
        with self._lock:
            return self._meta(self._connect(), "epoch")

    def count(self) -> int:
        """How many items the archive holds (removed ones not counted)."""
        return self._read("SELECT COUNT(*) FROM items WHERE deleted = 0")[0][0]

    def newest(self, limit: int) -> list[Row]:
        """The most recently added items, newest first."""
        return [row_of(r) for r in self._read(
            f"SELECT {COLUMNS} FROM items WHERE deleted = 0 ORDER BY added_at DESC, id LIMIT ?",
            (limit,))]

    def get(self, item_id: str) -> Row | None:
        rows = self._read(f"SELECT {COLUMNS} FROM items WHERE id = ?", (item_id,))
        return row_of(rows[0]) if rows else None

    @staticmethod
    def _where(after: int, set_spec, lo, hi) -> tuple[str, list]:
        clauses, args = ["seq > ?"], [after]
        if set_spec is not None:
            clauses.append("set_spec = ?")
            args.append(set_spec)
        if lo is not None:
            clauses.append("datestamp >= ?")
            args.append(lo)
        if hi is not None:
            clauses.append("datestamp <= ?")
            args.append(hi)
        return " AND ".join(clauses), args

    def records(self, after: int, limit: int, set_spec=None, lo=None, hi=None) -> list[Row]:
        """Rows (removed ones too) with ``seq`` past ``after``, in ``seq`` order."""
        where, args = self._where(after, set_spec, lo, hi)
        return [row_of(r) for r in self._read(
            f"SELECT {COLUMNS} FROM items WHERE {where} ORDER BY seq LIMIT ?", (*args, limit))]

    def count_records(self, set_spec=None, lo=None, hi=None) -> int:
        where, args = self._where(0, set_spec, lo, hi)
        return self._read(f"SELECT COUNT(*) FROM items WHERE {where}", args)[0][0]

    def sets(self) -> list[tuple[str, str]]:
        """(setSpec, setName) of every outlet an item ever had, in setSpec order."""
        return [tuple(r) for r in self._read("SELECT spec, name FROM sets ORDER BY spec")]

    def earliest_datestamp(self) -> str | None:
        return self._read("SELECT MIN(datestamp) FROM items")[0][0]

    def entity_values(self, facet: str, slug: str) -> list[str]:
        """The values of ``facet`` an item ever had whose slug is ``slug``."""
        return [r[0] for r in self._read(
            "SELECT value FROM entities WHERE facet = ? AND slug = ? ORDER BY value", (facet, slug))]

    def current(self, row: Row) -> Item | None:
        """The row's item as its file says now: the card if the file is unchanged (one
        ``stat``), else the file read again; None if it is gone or damaged."""
        path = self.store.items_dir / f"{row.id}.json"
        try:
            st = os.stat(path)
            if row.card and (st.st_mtime_ns, st.st_size) == (row.mtime_ns, row.size):
                return row.item()
            return Item.from_json(json.loads(path.read_bytes()))
        except (OSError, ValueError, KeyError, TypeError, AttributeError, zlib.error):
            if path.exists():
                log.warning("item %s is damaged: its file %s cannot be read; run "
                            "`eurasec-archive verify`", row.id, path.name)
            return None
