"""Zip packages (DOCX, WACZ) opened safely: one bounded pass over every member first."""

from __future__ import annotations

import io
import zipfile
import zlib

from eurasec_archive.errors import ImportFailed

MAX_MEMBERS = 10_000
CHUNK = 1 << 20


def check_zip(data: bytes, filename: str, max_bytes: int, required: str | None = None) -> zipfile.ZipFile:
    """``data`` opened as a zip whose members, inflated, total at most ``max_bytes``.

    Every member is inflated once here (declared sizes can lie), so a zip bomb is refused
    after ``max_bytes`` of output, and a corrupt member fails here rather than mid-parse.

    :param required: a member the package must have (``word/document.xml``)
    :raise ImportFailed: not a zip, corrupt or encrypted member, too many members, too large
    """
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        members = package.infolist()
        if len(members) > MAX_MEMBERS:
            raise ImportFailed(filename, f"zip package has {len(members)} members (more than {MAX_MEMBERS})")
        if required and required not in package.namelist():
            raise ImportFailed(filename, f"not a valid package: it has no {required}")
        budget = max_bytes
        for info in members:
            if info.file_size > budget:
                raise _too_large(filename, info.filename, max_bytes)
            with package.open(info) as f:
                while chunk := f.read(CHUNK):
                    budget -= len(chunk)
                    if budget < 0:
                        raise _too_large(filename, info.filename, max_bytes)
    except ImportFailed:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError) as e:
        raise ImportFailed(filename, f"not a valid zip package ({type(e).__name__}: {str(e)[:100]})") from None
    return package


def _too_large(filename: str, member: str, limit: int) -> ImportFailed:
    return ImportFailed(filename, f"{member[:80]} expands past {limit} bytes (a zip bomb? refused; see --max-bytes)")
