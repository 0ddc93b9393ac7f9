"""The archive store on disk: items as JSON (the source of truth), originals by sha256,
import reports, tombstones. Every write is atomic (temp file in the same directory, fsync,
rename), so an interrupted import leaves either the old file or the new one.

Layout::

    <root>/items/<id>.json
    <root>/originals/<sha[:2]>/<sha256>
    <root>/history/<id>/v<N>.json      earlier versions of an item
    <root>/tombstones/<id>.json        deleted items: what they were and why
    <root>/reports/import-<stamp>.json
    <root>/index/                      Whoosh (see index.py), rebuilt from items/
"""

from __future__ import annotations

import errno
import json
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from eurasec_archive.errors import NotFound, StorageError
from eurasec_archive.models import Item

ITEM_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,199}$")
SHA256 = re.compile(r"^[0-9a-f]{64}$")


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@contextmanager
def storage_errors(what: str):
    """Turn OS errors into a one-line StorageError naming what failed and why."""
    try:
        yield
    except OSError as e:
        reason = {errno.ENOSPC: "disk full", errno.EROFS: "read-only file system",
                  errno.EACCES: "permission denied"}.get(e.errno, e.strerror or str(e))
        raise StorageError(f"{what}: {reason}") from e


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old or the new file, never half."""
    with storage_errors(f"cannot write {path}"):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def dump_json(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


class Archive:
    """An archive directory. Cheap to create; reads files lazily."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root).resolve()
        self.items_dir = self.root / "items"
        self.originals_dir = self.root / "originals"
        self.history_dir = self.root / "history"
        self.tombstones_dir = self.root / "tombstones"
        self.reports_dir = self.root / "reports"
        self.index_dir = self.root / "index"

    def ensure(self) -> Archive:
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
            raise NotFound(f"no item {item_id!r}") from None
        except (ValueError, OSError) as e:
            raise StorageError(f"{path}: unreadable item file ({e})") from e
        return Item.from_json(data)

    def put(self, item: Item) -> None:
        """Store an item; the previous version, if its content differs, goes to history."""
        path = self.item_path(item.id)
        if path.exists():
            old = path.read_bytes()
            atomic_write(self.history_dir / item.id / f"v{json.loads(old).get('version', 1)}.json", old)
        atomic_write(path, dump_json(item.to_json()))

    def item_ids(self) -> list[str]:
        if not self.items_dir.is_dir():
            return []
        return sorted(p.stem for p in self.items_dir.glob("*.json") if ITEM_ID.match(p.stem))

    def items(self) -> Iterator[Item]:
        for item_id in self.item_ids():
            try:
                yield self.get(item_id)
            except NotFound:
                continue  # deleted while we were iterating

    def is_empty(self) -> bool:
        return not self.item_ids()

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

    # ---------------------------------------------------------------- originals

    def original_path(self, sha256: str) -> Path:
        if not SHA256.match(sha256 or ""):
            raise NotFound(f"no original {sha256!r}")
        return self.originals_dir / sha256[:2] / sha256

    def keep_original(self, sha256: str, data: bytes) -> None:
        path = self.original_path(sha256)
        if not path.exists():
            atomic_write(path, data)

    def has_original(self, sha256: str) -> bool:
        return self.original_path(sha256).is_file()

    # ---------------------------------------------------------------- reports

    def write_report(self, report: dict) -> Path:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        path = self.reports_dir / f"import-{stamp}.json"
        atomic_write(path, dump_json(report))
        return path

    def last_report(self) -> dict | None:
        reports = sorted(self.reports_dir.glob("import-*.json")) if self.reports_dir.is_dir() else []
        return json.loads(reports[-1].read_bytes()) if reports else None

    # ---------------------------------------------------------------- lookups

    def source_map(self) -> tuple[dict[str, str], dict[str, str]]:
        """(sha256 -> item id, source filename -> item id) over all items and their history."""
        by_sha, by_name = {}, {}
        for item in self.items():
            by_sha[item.source.sha256] = item.id
            by_name[item.source.filename] = item.id
            for v in self.history(item.id):
                try:
                    old = self.get_version(item.id, v)
                except NotFound:
                    continue
                by_sha.setdefault(old.source.sha256, item.id)
        return by_sha, by_name

    def ids_in_use(self) -> set[str]:
        ids = set(self.item_ids())
        if self.tombstones_dir.is_dir():
            ids.update(p.stem for p in self.tombstones_dir.glob("*.json"))
        return ids
