"""Backups of an archive: one ``.tar.gz`` with a manifest of sha256s, taken while the server
runs and while an import may be writing; restore checks the manifest and rebuilds the index.

Why the snapshot is consistent without locking anything: every archive write is a rename of
a complete file, an import stores an item's original *before* the item, and originals are
never removed. So the backup reads the item files first (each read sees a whole old or a
whole new file) and copies originals afterwards: every item it holds has its original. Items
stored after the listing are simply not in this backup. The index is not copied (a writer may
be merging segments under it); ``restore`` rebuilds it from the item files, the source of
truth, and ends with ``verify``.

Layout of the tar (paths relative to the archive root)::

    items/<id>.json  history/<id>/v<N>.json  tombstones/<id>.json  redirects.json
    reports/import-*.json  originals/<sha[:2]>/<sha256>
    stories.json     which story each item is in, and merged story ids (the story store is
                     rebuilt from the items like the index; this gives it its ids back)
    site_lines.sqlite  the site line counts (site_lines.py): what the archive learned of its
                     sites' chrome, which the cleaned items no longer show
    MANIFEST.json    last member: {"format", "created_at", "items", "files": {path: {sha256, size}}}
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import tarfile
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from eurasec_archive.archive import SHA256, Archive, dump_json, now_iso, storage_errors
from eurasec_archive.errors import ArchiveError
from eurasec_archive.index import ArchiveIndex
from eurasec_archive.maintenance import VerifyReport, pid_alive, verify
from eurasec_archive.site_lines import FILE_NAME as SITE_LINES
from eurasec_archive.site_lines import SiteLines, snapshot
from eurasec_archive.stories import StoryIndex

FORMAT = "eurasec-archive-backup/1"
MANIFEST = "MANIFEST.json"
STORIES = "stories.json"
# the only member names a backup may hold: nothing absolute, no "..", no links
_MEMBER = re.compile(
    r"^(?:items/[a-z0-9][a-z0-9-]{0,199}\.json"
    r"|history/[a-z0-9][a-z0-9-]{0,199}/v\d{1,9}\.json"
    r"|tombstones/[a-z0-9][a-z0-9-]{0,199}\.json"
    r"|redirects\.json"
    r"|stories\.json"
    r"|site_lines\.sqlite"
    r"|reports/import-[0-9A-Za-z]{1,40}\.json"
    r"|originals/[0-9a-f]{2}/[0-9a-f]{64})$")


class BackupError(ArchiveError):
    """A backup cannot be written, or a backup file is damaged or not a backup."""

    code = "backup_error"


@dataclass
class BackupReport:
    path: Path
    items: int = 0
    files: int = 0
    bytes: int = 0
    warnings: list[str] = field(default_factory=list)


@dataclass
class RestoreReport:
    items: int = 0
    files: int = 0
    verify: VerifyReport | None = None


def default_backup_name() -> str:
    return f"eurasec-backup-{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}.tar.gz"


def create_backup(archive: Archive, dest: str | os.PathLike) -> BackupReport:
    """Write a consistent snapshot of ``archive`` to ``dest`` (a new ``.tar.gz``; if ``dest``
    is a directory, a dated file inside it). Safe while the server runs and an import writes.

    :return: what was written (items, files, bytes, warnings about unreadable files)
    :raise BackupError: the archive does not exist, or ``dest`` already exists
    :raise StorageError: ``dest`` cannot be written (disk full, read-only, ...)
    """
    if not archive.items_dir.is_dir():
        raise BackupError(f"no archive at {archive.root} (it has no items/ folder)")
    dest = Path(dest)
    if dest.is_dir():
        dest = dest / default_backup_name()
    dest = dest.resolve()
    if dest.exists():
        raise BackupError(f"{dest} already exists; give a new file name")
    if archive.root == dest or archive.root in dest.parents:
        raise BackupError(f"write the backup outside the archive, not into {archive.root}")
    report = BackupReport(path=dest)
    files: dict[str, dict] = {}
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    with storage_errors(f"cannot write the backup {dest}"):
        dest.parent.mkdir(parents=True, exist_ok=True)
        remove_partial_backups(dest.parent)
        try:
            with open(tmp, "wb") as raw:
                with tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6) as tar:
                    def add(name: str, data: bytes) -> None:
                        files[name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
                        _add_member(tar, name, data)

                    # 1. items, each read once (a whole file, old or new); the originals they
                    #    name were stored before them, so step 3 finds every one
                    shas: set[str] = set()
                    for item_id in archive.item_ids():
                        data = _read(archive.item_path(item_id))
                        if data is None:
                            continue  # deleted or renamed since the listing
                        sha = _source_sha(data)
                        if sha is None:
                            report.warnings.append(f"items/{item_id}.json: unreadable item file, copied as is")
                        else:
                            shas.add(sha)
                        add(f"items/{item_id}.json", data)
                        report.items += 1
                    # 2. history, tombstones, redirects, reports (written before the items
                    #    they belong to are replaced or removed)
                    for path in _files(archive.history_dir, "*/v*.json"):
                        data = _read(path)
                        if data is not None:
                            add(path.relative_to(archive.root).as_posix(), data)
                            if (sha := _source_sha(data)) is not None:
                                shas.add(sha)
                    for path in [*_files(archive.tombstones_dir, "*.json"), archive.redirects_path,
                                 *_files(archive.reports_dir, "import-*.json")]:
                        data = _read(path)
                        if data is not None:
                            add(path.relative_to(archive.root).as_posix(), data)
                    try:  # story ids, so that /stories/<id> links survive a restore
                        add(STORIES, dump_json(StoryIndex.of(archive).assignments()))
                    except ArchiveError as e:  # a damaged story store: restore renumbers stories
                        report.warnings.append(f"{STORIES}: not saved ({e.message})")
                    try:  # the learned site chrome: not derivable from the cleaned items
                        if (counts := snapshot(archive.root)) is not None:
                            add(SITE_LINES, counts)
                    except sqlite3.Error as e:  # damaged: the restore relearns from the items
                        report.warnings.append(f"{SITE_LINES}: not saved ({e})")
                    # 3. originals: all of them (they are immutable once written)
                    for path in _files(archive.originals_dir, "*/*"):
                        if not SHA256.match(path.name):
                            continue  # a temp file of a write in progress
                        data = _read(path)
                        if data is not None:
                            add(path.relative_to(archive.root).as_posix(), data)
                    missing = sorted(s for s in shas if f"originals/{s[:2]}/{s}" not in files)
                    for s in missing:
                        report.warnings.append(f"original {s} is missing from the archive")
                    manifest = {"format": FORMAT, "created_at": now_iso(),
                                "archive": str(archive.root), "items": report.items, "files": files}
                    _add_member(tar, MANIFEST, dump_json(manifest))
                raw.flush()
                os.fsync(raw.fileno())
            os.replace(tmp, dest)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    report.files = len(files)
    report.bytes = dest.stat().st_size
    return report


def restore_backup(archive: Archive, src: str | os.PathLike, force: bool = False) -> RestoreReport:
    """Restore the backup ``src`` into ``archive``: check every file against the manifest,
    unpack beside the archive, rebuild the index from the items, verify, then swap it in.

    :param force: replace an archive that already has items (otherwise refused)
    :raise BackupError: ``src`` is missing, damaged, not a backup, or disagrees with its
        manifest; or the archive is not empty and ``force`` is not given. Nothing is changed.
    :raise StorageError: the archive location cannot be written
    """
    src = Path(src)
    if not src.is_file():
        raise BackupError(f"no backup file at {src}")
    root = archive.root
    if _has_content(root) and not force:
        raise BackupError(f"{root} is not empty; restore into a new directory or add --force "
                          "to replace it")
    work = root.with_name(f".{root.name}.restore-{os.getpid()}")
    with storage_errors(f"cannot restore into {root}"):
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
    try:
        manifest, seen = _unpack(src, work)
        report = RestoreReport(items=int(manifest.get("items", 0)), files=len(seen))
        restored = Archive(work).ensure()
        found = len(restored.item_ids())
        if found != report.items:
            raise BackupError(f"{src}: the manifest counts {report.items} items, the backup holds {found}")
        site_lines = SiteLines(work)  # the backup's counts, plus items they lack (older archives)
        with storage_errors(f"cannot build the index in {work}"):
            try:
                ArchiveIndex(restored.index_dir).rebuild(site_lines.learning(restored.items()))
            finally:
                site_lines.close()
        stories = StoryIndex.of(restored)  # like the index, derived from the items; ids kept
        stories.rebuild(restored, previous=_story_ids(work / STORIES))
        stories.close()
        (work / STORIES).unlink(missing_ok=True)
        with storage_errors(f"cannot replace {root}"):
            old = root.with_name(f".{root.name}.replaced-{os.getpid()}")
            if root.exists():
                root.rename(old)
            work.rename(root)
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    final = Archive(root)
    report.verify = verify(final, ArchiveIndex(final.index_dir))
    return report


# ------------------------------------------------------------------ helpers


_PARTIAL = re.compile(r"^\..+\.(\d+)\.tmp$")


def remove_partial_backups(folder: Path) -> list[Path]:
    """Remove the temp files of backups into ``folder`` whose process died (a killed backup
    or a full disk left them; a backup still running keeps its own)."""
    removed = []
    for path in folder.glob(".*.tar.gz.*.tmp"):
        m = _PARTIAL.match(path.name)
        if m and not pid_alive(int(m.group(1))):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def _add_member(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.now(UTC).timestamp())
    info.mode = 0o644
    tar.addfile(info, io.BytesIO(data))


def _read(path: Path) -> bytes | None:
    """The whole file, or None if it vanished (a rename or delete running beside us)."""
    try:
        return path.read_bytes()
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return None


def _files(folder: Path, pattern: str) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob(pattern) if p.is_file() and not p.name.startswith("."))


def _story_ids(path: Path) -> dict | None:
    """A backup's story assignments (None for a backup older than them: stories renumbered)."""
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not all(isinstance(data.get(k, {}), dict) for k in ("items", "aliases")):
        return None
    return data


def _source_sha(item_json: bytes) -> str | None:
    try:
        sha = json.loads(item_json)["source"]["sha256"]
    except (ValueError, KeyError, TypeError):
        return None
    return sha if isinstance(sha, str) and SHA256.match(sha) else None


def _has_content(root: Path) -> bool:
    """True if ``root`` holds anything a restore would lose (an empty index does not count)."""
    if not root.exists():
        return False
    if not root.is_dir():
        raise BackupError(f"{root} is not a directory")
    for p in root.iterdir():
        if p.name in ("index", ".lock") or p.name.startswith("catalog.sqlite"):
            continue  # rebuilt from the items anyway (the index, the item catalog)
        if p.is_dir() and p.name in ("items", "originals", "reports", "history", "tombstones") \
                and not any(p.iterdir()):
            continue
        return True
    return False


def _unpack(src: Path, work: Path) -> tuple[dict, dict[str, str]]:
    """Extract every member of ``src`` under ``work``, hashing as it goes; check the result
    against the manifest. Only plain files with known archive paths are accepted."""
    seen: dict[str, str] = {}
    manifest = None
    with storage_errors(f"cannot unpack {src} into {work}"):  # disk full etc.: one line
        try:
            with tarfile.open(src, mode="r:gz") as tar:
                for member in tar:
                    name = member.name
                    if name == MANIFEST and member.isfile():
                        if member.size > 256 * 1024 * 1024:
                            raise BackupError(f"{src}: the manifest is implausibly large")
                        manifest = json.loads(tar.extractfile(member).read())
                        continue
                    if not member.isfile() or not _MEMBER.match(name) or name in seen:
                        raise BackupError(f"{src}: unexpected member {name[:200]!r} (not an archive file)")
                    target = work / PurePosixPath(name)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    digest = hashlib.sha256()
                    with tar.extractfile(member) as f, open(target, "wb") as out:
                        while chunk := f.read(1 << 20):
                            digest.update(chunk)
                            out.write(chunk)
                    seen[name] = digest.hexdigest()
        except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile, ValueError) as e:
            raise BackupError(f"{src}: not a readable backup ({type(e).__name__}: {e})") from e
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{src}: no {MANIFEST} of format {FORMAT}; not an eurasec-archive backup")
    listed = manifest.get("files") or {}
    for name, entry in listed.items():
        if name not in seen:
            raise BackupError(f"{src}: {name} is in the manifest but not in the backup")
        if seen[name] != entry.get("sha256"):
            raise BackupError(f"{src}: {name} does not match its sha256 in the manifest (damaged)")
    extra = sorted(set(seen) - set(listed))
    if extra:
        raise BackupError(f"{src}: {extra[0]} is in the backup but not in the manifest")
    return manifest, seen


__all__ = ["BackupError", "BackupReport", "RestoreReport", "create_backup", "restore_backup"]
