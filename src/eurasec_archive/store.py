"""The item store on disk: items as JSON (the source of truth), originals by sha256,
import reports, tombstones. Every write is atomic (temp file in the same directory, fsync,
rename), so an interrupted import leaves either the old file or the new one.

Layout::

    <root>/items/<id>.json
    <root>/originals/<sha[:2]>/<sha256>
    <root>/history/<id>/v<N>.json      earlier versions of an item
    <root>/tombstones/<id>.json        deleted items: what they were and why
    <root>/redirects.json              renamed ids: old id -> new id (301s)
    <root>/reports/import-<stamp>.json
    <root>/reports/last-import.json   the newest import in brief (no per-file entries), for pages
    <root>/index/                      Whoosh (see index.py), rebuilt from items/
    <root>/catalog.sqlite              item metadata for listings (catalog.py), rebuilt from items/
    <root>/stories.sqlite              reprint clusters (stories/), rebuilt from items/
    <root>/site_lines.sqlite           line counts per site: repeated lines are chrome (site_lines.py)
    <root>/.lock                       the writer lock (lock.py; who holds it, while held)
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from eurasec_archive.catalog import Catalog
from eurasec_archive.disk import (  # noqa: F401 - file_mode is also imported from here
    atomic_write,
    dump_json,
    file_mode,
    now_iso,
    storage_errors,
    temp_file,
)
from eurasec_archive.errors import BadQuery, Gone, NotFound, UnreadableItem
from eurasec_archive.models import Item
from eurasec_archive.store_permalinks import ITEM_ID, Permalinks, removed_message  # noqa: F401 - public here

log = logging.getLogger("eurasec_archive")
SHA256 = re.compile(r"^[0-9a-f]{64}$")
LAST_IMPORT = "last-import.json"  # reports/: the newest import in brief (write_report)


class ItemStore(Permalinks):
    """The files of an archive directory. Cheap to create; reads files lazily. ``Archive``
    (archive.py) adds the index, the writer lock and the operations on top."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root).resolve()
        self.items_dir = self.root / "items"
        self.originals_dir = self.root / "originals"
        self.history_dir = self.root / "history"
        self.tombstones_dir = self.root / "tombstones"
        self.reports_dir = self.root / "reports"
        self.index_dir = self.root / "index"
        self._deferred: int | None = None  # writes since the last sync, while deferring
        self.catalog = Catalog(self)  # item metadata for listings, told of every write below

    def _write(self, path: Path, data: bytes) -> None:
        atomic_write(path, data, fsync=self._deferred is None)
        if self._deferred is not None:
            self._deferred += 1

    @contextmanager
    def deferred_sync(self):
        """Within this block item and original writes are not flushed one by one; call
        ``sync()`` at a commit point (and it is called on leaving). Renames stay atomic, so a
        killed process still leaves whole files; only a power cut can lose unsynced writes."""
        self._deferred = 0
        try:
            yield self
        finally:
            self.sync()
            self._deferred = None

    def sync(self) -> None:
        """Flush deferred writes to disk (one flush for the whole batch); the catalog records
        the batch."""
        if self._deferred:
            with storage_errors(f"cannot flush writes to {self.root}"):
                os.sync()
            self._deferred = 0
        self.catalog.flush()

    def ensure(self):
        with storage_errors(f"cannot create archive at {self.root}"):
            for d in (self.items_dir, self.originals_dir, self.reports_dir, self.index_dir):
                d.mkdir(parents=True, exist_ok=True)
        return self

    # ---------------------------------------------------------------- items

    def item_path(self, item_id: str) -> Path:
        """Path of an item's JSON; ids that could escape the archive are NotFound."""
        if not ITEM_ID.match(item_id or ""):
            raise NotFound(f"no item {item_id!r}")
        return self.items_dir / f"{item_id}.json"

    def has_item(self, item_id: str) -> bool:
        return ITEM_ID.match(item_id or "") is not None and self.item_path(item_id).is_file()

    def get(self, item_id: str) -> Item:
        """:raise NotFound: no such item"""
        path = self.item_path(item_id)
        try:
            data = json.loads(path.read_bytes())
        except FileNotFoundError:
            tombstone = self.tombstone(item_id)
            if tombstone is not None:
                raise Gone(removed_message(tombstone), tombstone) from None
            raise NotFound(f"no item {item_id!r}") from None
        except (ValueError, OSError) as e:
            raise UnreadableItem(f"item {item_id} is damaged: its file {path.name} cannot be read "
                                 f"({type(e).__name__}); run `eurasec-archive verify`") from e
        try:
            return Item.from_json(data)
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            raise UnreadableItem(f"item {item_id} is damaged: its file {path.name} cannot be read "
                                 f"({type(e).__name__}); run `eurasec-archive verify`") from e

    def holds(self, item: Item) -> bool:
        """True if the file of ``item.id`` holds exactly ``item``, as ``put`` writes it (an
        importer cut off mid-store asks whether the item it was writing got there)."""
        try:
            return self.item_path(item.id).read_bytes() == dump_json(item.to_json())
        except (OSError, NotFound):
            return False

    def put(self, item: Item) -> None:
        """Store an item; the previous version, if its content differs, goes to history."""
        path = self.item_path(item.id)
        if path.exists():
            old = path.read_bytes()
            self._write(self.history_dir / item.id / f"v{json.loads(old).get('version', 1)}.json", old)
        self._write(path, dump_json(item.to_json()))
        self.catalog.stored(item, defer=self._deferred is not None)

    def put_new(self, item: Item, taken: set[str] = frozenset()) -> str:
        """Store a new item under its id, or the first ``<id>-2``, ``<id>-3``… that is free;
        set ``item.id`` to it and return it. The id is claimed by creating its file
        exclusively (a hard link of the written temp file), so two writers can never both
        take one id, whatever each believed was free; ``taken`` adds ids not to use (ids of
        removed or renamed items are never reused)."""
        base, n = item.id, 2
        with storage_errors(f"cannot write an item into {self.items_dir}"):
            self.items_dir.mkdir(parents=True, exist_ok=True)
            fd, tmp = temp_file(self.items_dir, base)
            try:
                while True:
                    if item.id not in taken:
                        with os.fdopen(os.dup(fd), "wb") as f:
                            f.seek(0)
                            f.truncate()
                            f.write(dump_json(item.to_json()))
                            f.flush()
                            if self._deferred is None:
                                os.fsync(f.fileno())
                        try:
                            os.link(tmp, self.items_dir / f"{item.id}.json")
                            break
                        except FileExistsError:
                            pass
                    item.id = f"{base}-{n}"
                    n += 1
            finally:
                os.close(fd)
                Path(tmp).unlink(missing_ok=True)
        if self._deferred is not None:
            self._deferred += 1
        self.catalog.stored(item, defer=self._deferred is not None)
        return item.id

    def item_ids(self) -> list[str]:
        if not self.items_dir.is_dir():
            return []
        # one scandir, not Path.glob + .stem per file (0.46 s CPU per 100,000 items at serve's start)
        with os.scandir(self.items_dir) as entries:
            stems = [e.name[:-5] for e in entries if e.name.endswith(".json")]
        return sorted(stem for stem in stems if ITEM_ID.match(stem))

    def items(self, skipped: list[str] | None = None) -> Iterator[Item]:
        """Every readable item, in id order. A damaged item file is skipped with a logged
        warning (and its id appended to ``skipped``): one bad file never stops a page, an
        export or an import for the others; ``verify`` reports it."""
        for item_id in self.item_ids():
            try:
                yield self.get(item_id)
            except (NotFound, Gone):
                continue  # deleted while we were iterating
            except UnreadableItem as e:
                log.warning("%s", e.message)
                if skipped is not None:
                    skipped.append(item_id)

    def is_empty(self) -> bool:
        """No item file (stops at the first one: a listing of 100,000 costs ~0.3 s CPU)."""
        if not self.items_dir.is_dir():
            return True
        with os.scandir(self.items_dir) as entries:
            return not any(e.name.endswith(".json") and ITEM_ID.match(e.name[:-5]) for e in entries)

    def history(self, item_id: str) -> list[int]:
        d = self.history_dir / item_id
        if not ITEM_ID.match(item_id) or not d.is_dir():
            return []
        return sorted(int(p.stem[1:]) for p in d.glob("v*.json") if p.stem[1:].isdigit())

    def get_version(self, item_id: str, version: int) -> Item:
        current = self.get(item_id)
        if version == current.version:
            return current
        path = self.history_dir / item_id / f"v{int(version)}.json"
        if not path.is_file():
            raise NotFound(f"item {item_id!r} has no version {version}")
        return Item.from_json(json.loads(path.read_bytes()))

    def get_at(self, item_id: str, version: str | int | None = None) -> Item:
        """The item as it was at ``version`` (a query-string value is fine), or the current one.

        :raise BadQuery: ``version`` is not a positive whole number
        :raise NotFound: no such item, or no such version of it
        :raise Gone: the item was removed (the tombstone is on the exception)
        """
        if version is None or version == "":
            return self.get(item_id)
        try:
            number = int(version)
        except (TypeError, ValueError):
            raise BadQuery(f"version must be a whole number, not {str(version)[:40]!r}") from None
        if number < 1:
            raise BadQuery("versions are numbered from 1")
        return self.get_version(item_id, number)

    def versions(self, item_id: str) -> list[dict]:
        """Every version of an item, oldest first: ``{"version", "updated_at", "url"}``."""
        current = self.get(item_id)
        out = []
        for n in self.history(item_id):
            if n >= current.version:
                continue
            try:
                old = self.get_version(item_id, n)
            except NotFound:
                continue
            out.append({"version": n, "updated_at": old.updated_at or old.source.imported_at,
                        "url": f"{current.url}?version={n}"})
        out.append({"version": current.version,
                    "updated_at": current.updated_at or current.source.imported_at,
                    "url": current.url})
        return out

    # ---------------------------------------------------------------- originals

    def original_path(self, sha256: str) -> Path:
        if not SHA256.match(sha256 or ""):
            raise NotFound(f"no original {sha256!r}")
        return self.originals_dir / sha256[:2] / sha256

    def keep_original(self, sha256: str, data: bytes) -> None:
        path = self.original_path(sha256)
        if not path.exists():
            self._write(path, data)

    def has_original(self, sha256: str) -> bool:
        return self.original_path(sha256).is_file()

    # ---------------------------------------------------------------- reports

    def write_report(self, report: dict) -> Path:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        path = self.reports_dir / f"import-{stamp}.json"
        atomic_write(path, dump_json(report))
        # the import in brief beside it, for pages: the report has an entry per file (~280 bytes
        # each: 280 MB after a million-file import), which no page should read to show a date
        brief = {k: v for k, v in report.items() if k != "files"} | {"report": path.name}
        atomic_write(self.reports_dir / LAST_IMPORT, dump_json(brief))
        return path

    def _reports(self) -> list[Path]:
        return sorted(self.reports_dir.glob("import-*.json")) if self.reports_dir.is_dir() else []

    def last_report(self) -> dict | None:
        reports = self._reports()
        return json.loads(reports[-1].read_bytes()) if reports else None

    def last_import(self) -> dict | None:
        """The last import in brief (``started_at``, ``finished_at``, ``counts``, ``error`` and
        ``report``, its report's file name) without reading its per-file entries; None if there
        was none or what it left is unreadable."""
        reports = self._reports()
        if not reports:
            return None
        newest = reports[-1]
        # the brief if it is the newest report's; else (an archive written before briefs) the report
        for path in (self.reports_dir / LAST_IMPORT, newest):
            try:
                data = json.loads(path.read_bytes())
            except (ValueError, OSError):
                continue
            if isinstance(data, dict) and (path == newest or data.get("report") == newest.name):
                return {k: v for k, v in data.items() if k != "files"} | {"report": newest.name}
        return None

    # ---------------------------------------------------------------- lookups

    def source_map(self, items=None) -> tuple[dict[str, str], dict[str, str]]:
        """(sha256 -> item id, source filename -> item id) over all items and their history.

        :param items: the archive's items if already being read (one pass serves two uses)
        """
        by_sha, by_name = {}, {}
        for item in self.items() if items is None else items:
            by_sha[item.source.sha256] = item.id
            by_name[item.source.filename] = item.id
            for v in self.history(item.id):
                try:
                    old = self.get_version(item.id, v)
                except NotFound:
                    continue
                by_sha.setdefault(old.source.sha256, item.id)
        return by_sha, by_name
