"""Writing files safely: atomic replacement (temp file in the same directory, fsync, rename),
new files' modes from the umask, OS errors as one-line StorageErrors, the archive's JSON form
and its UTC timestamps. Used by the item store, the index writer, backups and the lock."""

from __future__ import annotations

import errno
import json
import os
import tempfile
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from eurasec_archive.errors import StorageError


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


def file_mode() -> int:
    """The mode new files get: 0666 less the umask (mkstemp's 0600 would hide item files from
    a server running as another user). Read from /proc, as os.umask() can only be read by
    setting it, which would race with other threads creating files."""
    global _FILE_MODE
    if _FILE_MODE is None:
        try:
            line = next(ln for ln in Path("/proc/self/status").read_text().splitlines()
                        if ln.startswith("Umask:"))
            umask = int(line.split()[1], 8)
        except (OSError, StopIteration, ValueError, IndexError):
            umask = os.umask(0o022)
            os.umask(umask)
        _FILE_MODE = 0o666 & ~umask
    return _FILE_MODE


_FILE_MODE: int | None = None


def temp_file(directory: Path, name: str) -> tuple[int, str]:
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".tmp")
    os.fchmod(fd, file_mode())
    return fd, tmp


def atomic_write(path: Path, data: bytes, fsync: bool = True) -> None:
    """Write ``data`` to ``path`` so that readers see the old or the new file, never half.

    :param fsync: flush to disk before the rename; a bulk import passes False and syncs once
        per batch instead (``Archive.deferred_sync``), which is as safe against a killed
        process and costs one flush per batch instead of two per file
    """
    with storage_errors(f"cannot write {path}"):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = temp_file(path.parent, path.name)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                if fsync:
                    os.fsync(f.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def dump_json(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")
