"""Boilerplate learned from the archive's own documents: a line that recurs in many documents of
one site (the same web domain, else the same outlet) is that site's chrome — its menu, footer,
newsletter prompt or disclaimer — however it is worded.

The counts live beside the archive in ``site_lines.sqlite``: for each site, the documents
learned (by sha256, so a file imported twice counts once) and, for each short line, how many of
them hold it. Lines are compared folded (case, spacing, digits), so "© 2007" and "© 2008" are
one line. A bulk import learns a window of documents before it stores any of them, so the
first documents of a site are cleaned too; later imports add to the same counts. Only the
item's paragraphs lose the lines: the kept original holds every byte.

The counts cannot be rebuilt from the items (a cleaned item no longer holds its site's chrome),
so a backup carries a snapshot of them (``snapshot``). ``reindex`` and ``restore`` learn the
stored items the counts lack (``learning``): an archive imported before the counts existed
learns its sites, and a document already counted (same sha256) is not counted again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import re
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

from eurasec_archive.models import Item

log = logging.getLogger(__name__)
FILE_NAME = "site_lines.sqlite"
MAX_LINE_CHARS = 200  # longer paragraphs are articles' own text, not chrome
MIN_DOCS = 3  # documents of a site that must hold a line before it counts as the site's chrome
MIN_SHARE = 0.3  # ... and the share of the site's documents that hold it
MAX_REMOVED_SHARE = 0.5  # a document whose text is mostly "repeated" is a reprint: nothing is removed
LEARN_BATCH = 256  # stored items learned per transaction by ``learning``
_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")


def site_of(item: Item) -> str | None:
    """The site a document comes from: its URL's host (without ``www.``), else its outlet."""
    host = urlsplit(item.source.url).hostname if item.source.url else None
    if host:
        return host.removeprefix("www.")
    return f"outlet:{item.outlet.casefold()}" if item.outlet else None


def line_key(text: str) -> str:
    folded = _DIGITS.sub("0", _SPACE.sub(" ", text.casefold()).strip())
    return hashlib.blake2b(folded.encode("utf-8"), digest_size=8).hexdigest()


def _keys(item: Item) -> set[str]:
    return {line_key(p.text) for p in item.paragraphs if len(p.text) <= MAX_LINE_CHARS}


class SiteLines:
    """Line counts per site, in ``root/site_lines.sqlite``. Opened by the one writer of the
    archive (the importer, under the writer lock). The counts only help: when they cannot be
    read or written (a full disk, a damaged file) they are logged once and left alone for the
    rest of the run, and no line is removed; the import goes on."""

    def __init__(self, root: Path | str):
        self.path = Path(root) / FILE_NAME
        self.db: sqlite3.Connection | None = None
        self.failed = False

    def _failure(self, e: Exception) -> None:
        if not self.failed:
            log.warning("site line counts unavailable for this run (%s: %s)", self.path, e)
        self.failed = True

    def _open(self, create: bool) -> sqlite3.Connection | None:
        # made only when a document with a site is learned: an import of nothing leaves no file
        if self.db is None and (create or self.path.exists()):
            self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self.db.executescript(
                "CREATE TABLE IF NOT EXISTS docs (site TEXT, sha TEXT, PRIMARY KEY (site, sha)) WITHOUT ROWID;"
                "CREATE TABLE IF NOT EXISTS lines (site TEXT, key TEXT, docs INTEGER,"
                " PRIMARY KEY (site, key)) WITHOUT ROWID;")
        return self.db

    def close(self) -> None:
        if self.db is not None:
            try:
                self.db.close()
            except sqlite3.Error as e:
                self._failure(e)
            self.db = None

    def learn(self, items: list[Item]) -> None:
        """Count the short lines of ``items`` (each document once per site)."""
        sited = [(site, item) for item in items for site in [site_of(item)] if site]
        if not sited or self.failed:
            return
        try:
            self._learn(sited)
        except (sqlite3.Error, OSError) as e:
            self._failure(e)

    def _learn(self, sited: list[tuple[str, Item]]) -> None:
        db = self._open(create=True)
        with db:
            db.execute("BEGIN")
            for site, item in sited:
                new = db.execute("INSERT OR IGNORE INTO docs VALUES (?, ?)", (site, item.source.sha256))
                if new.rowcount:
                    db.executemany(
                        "INSERT INTO lines VALUES (?, ?, 1) ON CONFLICT (site, key) DO UPDATE SET docs = docs + 1",
                        [(site, k) for k in _keys(item)])

    def learning(self, items: Iterable[Item]) -> Iterator[Item]:
        """Yield ``items`` unchanged, learning them in batches on the way (so a rebuild that
        reads every item file learns them in the same pass). Nothing is removed from them:
        their paragraph ids are cited and stay as they are."""
        batch: list[Item] = []
        for item in items:
            batch.append(item)
            if len(batch) >= LEARN_BATCH:
                self.learn(batch)
                batch.clear()
            yield item
        self.learn(batch)

    def repeated(self, item: Item) -> set[str]:
        """Keys of ``item``'s lines that recur across its site's documents."""
        if self.failed:
            return set()
        try:
            return self._repeated(item)
        except (sqlite3.Error, OSError) as e:
            self._failure(e)
            return set()

    def _repeated(self, item: Item) -> set[str]:
        site = site_of(item)
        db = self._open(create=False) if site else None
        if db is None:
            return set()
        (docs,) = db.execute("SELECT COUNT(*) FROM docs WHERE site = ?", (site,)).fetchone()
        need = max(MIN_DOCS, MIN_SHARE * docs)
        keys = list(_keys(item))
        found: set[str] = set()
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            rows = db.execute(
                f"SELECT key FROM lines WHERE site = ? AND docs >= ? AND key IN ({','.join('?' * len(chunk))})",
                (site, need, *chunk))
            found.update(k for (k,) in rows)
        return found

    def clean(self, item: Item) -> int:
        """Remove from ``item`` the paragraphs its site repeats; renumber the rest and move its
        quotes' paragraph ids with them. Returns how many were removed (0 for a reprint)."""
        found = self.repeated(item)
        if not found:
            return 0
        drop = [p for p in item.paragraphs if len(p.text) <= MAX_LINE_CHARS and line_key(p.text) in found]
        total = sum(len(p.text) for p in item.paragraphs)
        if len(drop) == len(item.paragraphs) or sum(len(p.text) for p in drop) > MAX_REMOVED_SHARE * total:
            return 0
        dropped = {id(p) for p in drop}
        kept = [p for p in item.paragraphs if id(p) not in dropped]
        renamed = {p.id: f"p{n}" for n, p in enumerate(kept, 1)}
        item.paragraphs = [dataclasses.replace(p, id=renamed[p.id]) for p in kept]
        item.quotes = [dataclasses.replace(q, paragraph=renamed[q.paragraph])
                       for q in item.quotes if q.paragraph in renamed]
        return len(drop)


class LearnedItems:
    """Splittable items (``maintenance.ItemFiles``) read for a rebuild (``reindex``), learned
    by the counts on the way in whichever process reads them: iterable and sized like
    ``items``, and split as they are (``shards``, for a parallel index build) into parts that
    each open the counts themselves, so the build stays parallel (SQLite serializes the parts'
    short transactions; a document is counted once per site whichever part reads it)."""

    def __init__(self, root: Path | str, items):
        self.root, self.items = Path(root), items

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Item]:
        counts = SiteLines(self.root)
        try:
            yield from counts.learning(self.items)
        finally:
            counts.close()

    def shards(self, n: int) -> list[LearnedItems]:
        return [LearnedItems(self.root, part) for part in self.items.shards(n)]


def snapshot(root: Path | str) -> bytes | None:
    """A consistent copy of the counts in ``root`` as the bytes of a SQLite file (taken with
    SQLite's backup API, so an import writing beside it is no harm), or None if there are none.

    :raise sqlite3.Error: the counts file is damaged
    """
    path = Path(root) / FILE_NAME
    if not path.is_file():
        return None
    src = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=30)
    copy = sqlite3.connect(":memory:")
    try:
        src.backup(copy)
        copy.execute("SELECT COUNT(*) FROM docs").fetchone()  # a counts file, not any database
        return copy.serialize()
    finally:
        src.close()
        copy.close()
