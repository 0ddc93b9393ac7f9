"""The archive's writer lock: one writer at a time (import, delete, rename, reindex,
verify --repair, restore), readers never wait.

The lock is ``fcntl.flock`` on ``<root>/.lock``. The kernel drops it when its holder dies, so
a lock left by a killed process is stale by construction: the file may still name the dead
holder, but the next writer takes the lock at once and overwrites the name. While the lock is
held the file says who holds it (pid, command, since when), so a second writer can wait a
little and then give up with a message naming the holder.

Re-entrant within a process (an import started by ``serve`` while it prepares the index):
one process-wide count per archive root.
"""

from __future__ import annotations

import fcntl
import json
import os
import threading
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from eurasec_archive.errors import ArchiveBusy
from eurasec_archive.store import storage_errors

LOCK_NAME = ".lock"
DEFAULT_WAIT = 10.0  # seconds a second writer waits before giving up (EURASEC_LOCK_WAIT)

_held: dict[Path, list] = {}  # root -> [fd, depth, owning thread id]
_registry_lock = threading.Lock()


def lock_wait() -> float:
    try:
        return max(0.0, float(os.environ.get("EURASEC_LOCK_WAIT", DEFAULT_WAIT)))
    except ValueError:
        return DEFAULT_WAIT


def read_holder(root: Path) -> dict | None:
    """What the lock file says about its holder (may be stale: see ``current_holder``)."""
    try:
        data = json.loads((root / LOCK_NAME).read_bytes() or b"null")
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def describe(holder: dict | None) -> str:
    if not holder:
        return "another process"
    return f"pid {holder.get('pid')} ({holder.get('command') or 'unknown command'}, since {holder.get('since')})"


def current_holder(root: Path) -> dict | None:
    """The live holder of the writer lock of ``root``, or None if no writer is running."""
    with _registry_lock:
        if root in _held:
            return read_holder(root) or {"pid": os.getpid()}
    path = root / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return read_holder(root) or {}
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


@contextmanager
def writer_lock(root: Path, command: str, wait: float | None = None):
    """Hold the exclusive writer lock of the archive at ``root`` for the block.

    :param command: what this writer does, shown to a writer that has to wait
    :param wait: seconds to wait for another writer (default EURASEC_LOCK_WAIT or 10)
    :raise ArchiveBusy: another writer still holds the lock after ``wait`` seconds
    :raise StorageError: the lock file cannot be created (archive not writable)
    """
    root = Path(root)
    with _registry_lock:
        entry = _held.get(root)
        if entry is not None and entry[2] == threading.get_ident():
            entry[1] += 1
            reentered = True
        else:
            reentered = False
    if reentered:
        try:
            yield
        finally:
            with _registry_lock:
                _held[root][1] -= 1
        return
    fd = _acquire(root, command, lock_wait() if wait is None else wait)
    with _registry_lock:
        _held[root] = [fd, 1, threading.get_ident()]
    try:
        yield
    finally:
        with _registry_lock:
            del _held[root]
        try:
            os.ftruncate(fd, 0)
        except OSError:
            pass
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _acquire(root: Path, command: str, wait: float) -> int:
    path = root / LOCK_NAME
    with storage_errors(f"cannot create the lock file {path}"):
        root.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() >= deadline:
                holder = read_holder(root)
                os.close(fd)
                raise ArchiveBusy(f"{root} is being changed by {describe(holder)}; "
                                  f"try again when it has finished") from None
            time.sleep(0.1)
    since = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    data = json.dumps({"pid": os.getpid(), "command": command[:200], "since": since}).encode()
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, data + b"\n", 0)
    except OSError:
        pass  # a full disk must not stop the writer that would report it; the lock holds anyway
    return fd
