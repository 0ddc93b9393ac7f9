"""The story store: ``<archive>/stories.sqlite``, derived from the item files like the index.

Tables: ``docs`` (one row per item: its story, sort key, signature and sentence prints),
``prints`` (sentence hash -> item, paragraph), ``bands`` (LSH band key -> item), ``stories``
(size and earliest member) and ``aliases`` (a story merged into another, or renamed by a
rebuild, keeps answering). Candidates come from shared prints and shared bands through two
indexed lookups, so adding an item costs the same at ten thousand items and at ten million.

Stories are the connected components of the "same story" relation (``cluster.py``): a new item
joins the story of every item it matches, and two stories it bridges become one. That makes
the clustering independent of the order items arrive in. A story's id is the id of the item
that founded it; a rebuild gives each new story the old id most of its members had.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from eurasec_archive.errors import StorageError
from eurasec_archive.models import Item
from eurasec_archive.stories.cluster import similarity
from eurasec_archive.stories.fingerprint import Fingerprint, band_keys, fingerprint
from eurasec_archive.stories.reads import StoryReads, _chunks, _hashes, _marks

FILENAME = "stories.sqlite"
SCHEMA_VERSION = "2"  # a store of another version is emptied on open; catch-up or reindex refills it
MAX_CANDIDATE_ROWS = 20_000  # print/band rows read per new item: a bound on boilerplate sentences
MAX_CHECKED = 64  # candidates verified per new item, best first
MAX_CHECKED_PER_STORY = 4  # ... and per story: one verified member is enough to join

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS docs (
  n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, story TEXT NOT NULL, sortkey TEXT NOT NULL,
  date TEXT, outlet TEXT, title TEXT, shingles INTEGER, sig BLOB, prints BLOB, paras TEXT);
CREATE INDEX IF NOT EXISTS docs_story ON docs (story, sortkey);
CREATE TABLE IF NOT EXISTS prints (hash INTEGER NOT NULL, doc INTEGER NOT NULL, para INTEGER);
CREATE INDEX IF NOT EXISTS prints_hash ON prints (hash);
CREATE TABLE IF NOT EXISTS bands (key INTEGER NOT NULL, doc INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS bands_key ON bands (key);
CREATE TABLE IF NOT EXISTS stories (id TEXT PRIMARY KEY, size INTEGER NOT NULL, earliest TEXT,
  first_date TEXT, last_date TEXT, title TEXT);
CREATE INDEX IF NOT EXISTS stories_size ON stories (size);
CREATE TABLE IF NOT EXISTS aliases (old TEXT PRIMARY KEY, new TEXT NOT NULL);
"""


def _open_schema(conn: sqlite3.Connection) -> None:
    conn.executescript("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);")
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    if row is not None and row[0] != SCHEMA_VERSION:
        conn.executescript("DROP TABLE IF EXISTS docs; DROP TABLE IF EXISTS prints; DROP TABLE IF EXISTS bands;"
                           "DROP TABLE IF EXISTS stories; DROP TABLE IF EXISTS aliases; DELETE FROM meta;")
    conn.executescript(SCHEMA)
    conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))


def sort_key(item: Item) -> str:
    """Earliest first: dated before undated, then date, import time, id."""
    return sort_key_of(item.date, item.source.imported_at, item.id)


def sort_key_of(date: str | None, imported_at: str | None, item_id: str) -> str:
    """``sort_key`` from the three fields (read from an item file without making the Item)."""
    return f"{0 if date else 1}{(date or ''):<10}{(imported_at or ''):<20}{item_id}"


def _pack(fp: Fingerprint) -> bytes:
    """Sentence prints as 8-byte hashes followed by 2-byte paragraph numbers."""
    return (np.array([h for h, _ in fp.prints], dtype=np.int64).tobytes()
            + np.array([min(p, 65535) for _, p in fp.prints], dtype=np.uint16).tobytes())


def _unpack(doc: sqlite3.Row) -> tuple[Fingerprint, set[int]]:
    blob = doc["prints"]
    n = len(blob) // 10
    hashes = np.frombuffer(blob, dtype=np.int64, count=n)
    paras = np.frombuffer(blob, dtype=np.uint16, offset=8 * n, count=n)
    fp = Fingerprint(prints=list(zip(hashes.tolist(), paras.tolist(), strict=True)),
                     signature=np.frombuffer(doc["sig"], dtype=np.uint32), shingles=doc["shingles"])
    return fp, set(hashes.tolist())


class StoryIndex(StoryReads):
    """The story store of one archive. Reads are safe from many threads (one connection per
    thread); one writer at a time, whose changes others see after ``commit``."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._local = threading.local()

    @classmethod
    def of(cls, archive) -> StoryIndex:
        return cls(archive.root / FILENAME)

    def exists(self) -> bool:
        return self.path.is_file()

    # ------------------------------------------------------------ connection

    @property
    def db(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            with self._errors("cannot open"):
                if self.path.is_file() and not os.access(self.path.parent, os.W_OK):
                    # a read-only archive (mount, permissions, a backup copy) is still readable
                    conn = sqlite3.connect(f"{self.path.as_uri()}?immutable=1", uri=True, isolation_level=None)
                else:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                    conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
                    conn.execute("PRAGMA journal_mode=WAL")
                    conn.execute("PRAGMA synchronous=NORMAL")
                    _open_schema(conn)
                conn.row_factory = sqlite3.Row
            self._local.conn = conn
        return conn

    @contextmanager
    def _errors(self, what: str):
        try:
            yield
        except sqlite3.Error as e:
            if not os.access(self.path.parent, os.W_OK):
                raise StorageError(f"{self.path}: {what}: read-only file system (or no permission)") from e
            raise StorageError(f"{self.path}: {what} ({e}); `eurasec-archive reindex` rebuilds it") from e
        except OSError as e:
            raise StorageError(f"{self.path}: {what} ({e.strerror or e})") from e

    def _write(self):
        if not self.db.in_transaction:
            self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def commit(self) -> None:
        """Make the changes since the last commit visible (and durable)."""
        if getattr(self._local, "conn", None) is None:
            return  # nothing was written through this object
        with self._errors("cannot commit"):
            if self.db.in_transaction:
                self.db.execute("COMMIT")

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            conn.close()
            self._local.conn = None

    # ------------------------------------------------------------ writing

    def add(self, item: Item, fp: Fingerprint | None = None) -> str:
        """File ``item`` in its story (founding one if it matches nothing) and return the story
        id. An item already present is re-filed only if its text changed.

        :param fp: the item's ``fingerprint``, if already computed (the import's parse workers do)
        """
        if fp is None:
            fp = fingerprint(item)
        packed = _pack(fp)
        with self._errors("cannot add an item"):
            db = self._write()
            old = db.execute("SELECT * FROM docs WHERE id = ?", (item.id,)).fetchone()
            if old is not None and old["prints"] == packed and old["sig"] == fp.signature.tobytes():
                db.execute("UPDATE docs SET sortkey=?, date=?, outlet=?, title=? WHERE n=?",
                           (sort_key(item), item.date, item.outlet, item.title, old["n"]))
                self._refresh(old["story"])
                return old["story"]
            if old is not None:
                self._drop(old)
            keys = fp.band_keys()
            stories = self._matching_stories(fp, keys)
            story = self._join(stories) if stories else self._new_story_id(item.id)
            cur = db.execute(
                "INSERT INTO docs (id, story, sortkey, date, outlet, title, shingles, sig, prints, paras) "
                "VALUES (?,?,?,?,?,?,?,?,?,?)",
                (item.id, story, sort_key(item), item.date, item.outlet, item.title, fp.shingles,
                 fp.signature.tobytes(), packed, json.dumps([p.id for p in item.paragraphs])))
            n = cur.lastrowid
            db.executemany("INSERT INTO prints VALUES (?,?,?)", [(h, n, para) for h, para in fp.prints])
            db.executemany("INSERT INTO bands VALUES (?,?)", [(k, n) for k in keys])
            if stories:
                self._refresh(story)
            else:  # a new story of one: no need to count
                db.execute("INSERT OR REPLACE INTO stories VALUES (?,?,?,?,?,?)",
                           (story, 1, item.id, item.date, item.date, item.title))
            return story

    def remove(self, item_id: str) -> None:
        """Take an item out of its story (a removed item). Its story is not split: a rebuild
        does that if the item was the only bridge."""
        with self._errors("cannot remove an item"):
            old = self.db.execute("SELECT * FROM docs WHERE id = ?", (item_id,)).fetchone()
            if old is not None:
                self._write()
                self._drop(old)

    def _drop(self, doc: sqlite3.Row) -> None:
        db = self.db
        hashes = _hashes(doc["prints"]).tolist()
        for chunk in _chunks(sorted(set(hashes))):
            db.execute(f"DELETE FROM prints WHERE doc = ? AND hash IN ({_marks(chunk)})", (doc["n"], *chunk))
        keys = band_keys(np.frombuffer(doc["sig"], dtype=np.uint32))
        db.execute(f"DELETE FROM bands WHERE doc = ? AND key IN ({_marks(keys)})", (doc["n"], *keys))
        db.execute("DELETE FROM docs WHERE n = ?", (doc["n"],))
        self._refresh(doc["story"])

    def _candidates(self, fp: Fingerprint, keys: list[int]) -> Counter:
        """doc number -> shared prints (+1 for any shared band), from the two lookups."""
        found: Counter = Counter()
        hashes = sorted(fp.print_set)
        budget = MAX_CANDIDATE_ROWS
        for chunk in _chunks(hashes):
            rows = self.db.execute(f"SELECT doc FROM prints WHERE hash IN ({_marks(chunk)}) LIMIT ?",
                                   (*chunk, budget)).fetchall()
            budget -= len(rows)
            found.update(r[0] for r in rows)
            if budget <= 0:
                break
        if keys:
            rows = self.db.execute(f"SELECT DISTINCT doc FROM bands WHERE key IN ({_marks(keys)}) LIMIT ?",
                                   (*keys, MAX_CANDIDATE_ROWS)).fetchall()
            found.update(r[0] for r in rows)
        return found

    def _matching_stories(self, fp: Fingerprint, keys: list[int]) -> list[str]:
        """The stories with a member that is the same story as ``fp``, largest first."""
        found = self._candidates(fp, keys)
        if not found:
            return []
        mine = fp.print_set
        ranked = [n for n, _ in found.most_common()]
        matched: dict[str, int] = {}
        checked: Counter = Counter()
        for chunk in _chunks(ranked[:MAX_CHECKED * 4]):
            rows = self.db.execute(f"SELECT n, story, sig, prints, shingles FROM docs WHERE n IN ({_marks(chunk)})",
                                   chunk).fetchall()
            by_n = {r["n"]: r for r in rows}
            for n in chunk:
                doc = by_n.get(n)
                if doc is None or doc["story"] in matched or checked[doc["story"]] >= MAX_CHECKED_PER_STORY:
                    continue
                checked[doc["story"]] += 1
                other, theirs = _unpack(doc)
                if similarity(fp, other, mine, theirs).same_story:
                    matched[doc["story"]] = 0
                if sum(checked.values()) >= MAX_CHECKED:
                    break
        if not matched:
            return []
        sizes = dict(self.db.execute(
            f"SELECT id, size FROM stories WHERE id IN ({_marks(list(matched))})", list(matched)).fetchall())
        return sorted(matched, key=lambda s: (-sizes.get(s, 0), s))

    def _join(self, stories: list[str]) -> str:
        """Merge ``stories`` into the first (the largest); the others become aliases of it."""
        target, others = stories[0], stories[1:]
        for s in others:
            self.db.execute("UPDATE docs SET story = ? WHERE story = ?", (target, s))
            self.db.execute("UPDATE aliases SET new = ? WHERE new = ?", (target, s))
            self.db.execute("INSERT OR REPLACE INTO aliases VALUES (?, ?)", (s, target))
            self.db.execute("DELETE FROM stories WHERE id = ?", (s,))
        return target

    def _new_story_id(self, item_id: str) -> str:
        story, k = item_id, 2
        while self.db.execute("SELECT 1 FROM stories WHERE id = ? UNION SELECT 1 FROM aliases WHERE old = ?",
                              (story, story)).fetchone():
            story, k = f"{item_id}-s{k}", k + 1
        return story

    def _refresh(self, story: str) -> None:
        """Recount a story's size and earliest member (or drop it if it has none left)."""
        db = self.db
        size = db.execute("SELECT COUNT(*) FROM docs WHERE story = ?", (story,)).fetchone()[0]
        if not size:
            db.execute("DELETE FROM stories WHERE id = ?", (story,))
            return
        first = db.execute("SELECT id, date, title FROM docs WHERE story = ? ORDER BY sortkey LIMIT 1",
                           (story,)).fetchone()
        last = db.execute("SELECT MAX(date) FROM docs WHERE story = ?", (story,)).fetchone()[0]
        db.execute("INSERT OR REPLACE INTO stories VALUES (?,?,?,?,?,?)",
                   (story, size, first["id"], first["date"], last, first["title"]))

    # ------------------------------------------------------------ keeping in step

    def catch_up(self, archive, item_ids: list[str] | None = None) -> tuple[int, int]:
        """File the archive's items the store lacks (an import cut off before its commit, an
        archive older than stories) and drop the ones whose item is gone. Compares ids only.
        :param item_ids: the archive's item ids, if the caller has listed them already
        :return: (added, removed)"""
        if not self.exists() and archive.is_empty():
            return 0, 0
        with self._errors("cannot read"):
            known = {r[0] for r in self.db.execute("SELECT id FROM docs")}
        ids = set(archive.item_ids() if item_ids is None else item_ids)
        missing = sorted(ids - known)
        items = [archive.get(i) for i in missing if archive.has_item(i)]
        for item in sorted(items, key=sort_key):
            self.add(item)
        extra = sorted(known - ids)
        for item_id in extra:
            self.remove(item_id)
        self.commit()
        return len(items), len(extra)

    def finish(self, archive) -> None:
        """End of an import run: catch up (see ``catch_up``) and close this thread's connection."""
        try:
            self.catch_up(archive)
        finally:
            self.close()

    def assignments(self) -> dict:
        """What a rebuild needs to give stories their ids back (a backup keeps it):
        ``{"items": {item id: story id}, "aliases": {old story id: story id}}``, one snapshot."""
        if not self.exists():
            return {"items": {}, "aliases": {}}
        with self._errors("cannot read"):
            db = self.db
            begun = not db.in_transaction
            if begun:
                db.execute("BEGIN")  # one read transaction: both tables from the same moment
            try:
                items = dict(db.execute("SELECT id, story FROM docs").fetchall())
                aliases = dict(db.execute("SELECT old, new FROM aliases").fetchall())
            finally:
                if begun:
                    db.execute("COMMIT")
        return {"items": items, "aliases": aliases}

    def rebuild(self, archive, previous: dict | None = None) -> int:
        """Re-file every item from the item files, earliest first, keeping story ids (see
        ``rebuild.rebuild``). :param previous: ``assignments()`` to keep (a restored backup's);
        default the store's own. :return: items filed"""
        from eurasec_archive.stories.rebuild import rebuild

        return rebuild(self, archive, previous)
