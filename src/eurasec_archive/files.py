"""The import's side of the file system: which paths an import reads, how a file is read
safely, and how any file name is shown.

- Any file name works: names that are not valid UTF-8 keep their bytes (for reading and for
  ``--retry-failed``) and are shown with ``\\xNN`` escapes; control characters (a newline in a
  name) are shown escaped too, so no message, report or header can be split by a name.
- Only regular files are read: a FIFO, a device (``/dev/zero``) or a socket is refused with
  a reason instead of hanging or being read without end; ``--max-bytes`` is enforced while
  reading, not by trusting ``stat``.
- Nothing is skipped silently: a symbolic link (never followed, as a link in an import
  folder could pull in files from anywhere) or a folder that cannot be read is reported as a
  failed path. Hidden files and folders (``.git``…) are left out, as before.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class UnreadablePath(OSError):
    """A path an import was given but cannot read as a document (the message says why)."""


def display_name(name: str | bytes) -> str:
    """A file name safe to print, store as JSON and send in a header: invalid UTF-8 bytes
    become ``\\xNN``, control characters ``\\n``-style escapes; valid names are unchanged."""
    raw = name if isinstance(name, bytes) else os.fsencode(name)
    text = raw.decode("utf-8", errors="backslashreplace")
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def path_bytes_hex(path: str | os.PathLike) -> str | None:
    """The path's bytes in hex when its display name differs from it (so a report keeps the
    exact bytes for ``--retry-failed``), else None."""
    raw = os.fsencode(path)
    return raw.hex() if display_name(raw) != raw.decode("utf-8", errors="replace") or \
        _CONTROL.search(raw.decode("utf-8", errors="replace")) else None


def path_from_report(display: str, hex_bytes: str | None) -> Path:
    return Path(os.fsdecode(bytes.fromhex(hex_bytes))) if hex_bytes else Path(display)


def collect_files(paths: Iterable[str | os.PathLike]) -> list[tuple[Path, str]]:
    """(absolute path, source name) for every file under ``paths``, folders recursively in
    name order. Hidden files and folders are left out. Symbolic links and unreadable folders
    are listed too, so that reading them fails with the reason (see ``read_document``)."""
    found: list[tuple[Path, str]] = []
    for p in paths:
        p = Path(p)
        if p.is_symlink() or not p.is_dir():
            found.append((Path(os.path.abspath(p)), display_name(p.name)))
            continue
        base = Path(os.path.abspath(p))
        for sub, rel in _walk(base, Path()):
            found.append((sub, display_name(rel.as_posix())))
    return found


def _walk(folder: Path, rel: Path):
    try:
        entries = sorted(os.scandir(folder), key=lambda e: os.fsencode(e.name))
    except OSError:
        yield folder, rel  # reported when read: "cannot read folder"
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path, sub_rel = folder / entry.name, rel / entry.name
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path, sub_rel)
        else:
            yield path, sub_rel


def read_document(path: str | os.PathLike, max_bytes: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``max_bytes`` of them.

    :raise UnreadablePath: a link, a folder, a FIFO/device/socket, too large, unreadable
    """
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; O_NOFOLLOW: links are refused
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise UnreadablePath("a symbolic link (links are not followed; import its target)") from None
        raise UnreadablePath(f"cannot read ({e.strerror or e})") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            try:
                os.listdir(path)
            except OSError as e:
                raise UnreadablePath(f"cannot read folder ({e.strerror or e})") from None
            raise UnreadablePath("a folder (give it as an import argument to import its files)")
        if not stat.S_ISREG(mode):
            kind = "a FIFO" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode) or \
                stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode) else "a special file"
            raise UnreadablePath(f"not a regular file ({kind}); only regular files are imported")
        os.set_blocking(fd, True)
        chunks, total = [], 0
        while chunk := os.read(fd, min(1 << 20, max_bytes + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                raise UnreadablePath(f"file too large (more than --max-bytes {max_bytes} bytes)")
        return b"".join(chunks)
    except OSError as e:
        if isinstance(e, UnreadablePath):
            raise
        raise UnreadablePath(f"cannot read ({e.strerror or e})") from None
    finally:
        os.close(fd)
