"""WARC and WACZ files -> the captures they hold, one entry per response record.

warcio reads the records (plain or gzipped WARC; a WACZ is a zip with its WARCs under
``archive/``, checked against the byte budget first). Each HTTP response (or resource) record
becomes a ``Capture``: a document to import (HTML, PDF, DOCX with status 2xx), a revisit of an
earlier record (recognized by ``WARC-Refers-To`` or the payload digest, never imported twice),
or a record skipped with its reason (stylesheets, images, redirects, errors, crawler logs). A
truncated record or an unreadable tail ends the file with one error entry; what came before
it is kept.
"""

from __future__ import annotations

import hashlib
import io
import logging
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from eurasec_archive.errors import ImportFailed
from eurasec_archive.formats import DOCX, PDF
from eurasec_archive.formats.package import check_zip

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
WACZ_SUFFIX = ".wacz"
# pages a crawl captures by design (navigation, listings): skipped, not failed, in a web archive
NOT_ARTICLES = ("no article text found", "empty file")
DOCUMENT_TYPES = {"text/html": "text/html", "application/xhtml+xml": "text/html", PDF: PDF, DOCX: DOCX}


logging.getLogger("warcio").setLevel(logging.ERROR)  # malformed records are reported, not logged


@dataclass
class Capture:
    """One record of a web archive, as the importer needs it."""

    url: str
    status: str  # document | revisit | skipped | failed
    captured_at: str | None = None
    record_id: str | None = None
    media_type: str | None = None
    payload: bytes | None = None
    sha256: str | None = None  # revisits: the payload's sha256 (of the record revisited)
    reason: str | None = None


def is_web_archive(filename: str) -> bool:
    name = filename.lower()
    return name.endswith(WARC_SUFFIXES) or name.endswith(WACZ_SUFFIX)


def read_web_archive(data: bytes, filename: str, max_bytes: int) -> Iterator[Capture]:
    """The captures of a WARC or WACZ file, in record order.

    :raise ImportFailed: the file as a whole is unreadable (not a WARC, a bad WACZ)
    """
    seen: dict[str, str] = {}  # record id / WARC payload digest -> payload sha256
    if filename.lower().endswith(WACZ_SUFFIX):
        package = check_zip(data, filename, max_bytes)
        warcs = [n for n in package.namelist() if n.startswith("archive/") and n.lower().endswith(WARC_SUFFIXES)]
        if not warcs:
            raise ImportFailed(filename, "not a valid WACZ: no WARC files under archive/")
        for member in sorted(warcs):
            yield from _records(package.read(member), filename, max_bytes, seen)
    else:
        yield from _records(data, filename, max_bytes, seen)


def _records(data: bytes, filename: str, max_bytes: int, seen: dict[str, str]) -> Iterator[Capture]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    if not _starts_like_a_web_archive(data):
        raise ImportFailed(filename, "not a readable WARC file (it does not begin with a WARC/1.x or ARC header)")
    it = ArchiveIterator(io.BytesIO(data), arc2warc=True)
    count, end = 0, 0
    try:
        for record in it:
            count += 1
            capture = _capture(record, max_bytes, seen)
            it.read_to_end(record)
            end = it.get_record_offset() + it.get_record_length()
            if capture is not None:
                yield capture
                if capture.status == "failed":
                    return
    except (ArchiveLoadFailed, ValueError, EOFError, OSError, AttributeError, TypeError, KeyError, IndexError) as e:
        # warcio raises these on records cut inside their headers
        if count == 0:
            raise ImportFailed(filename, f"not a readable WARC file ({type(e).__name__}: "
                                         f"{str(e).strip().splitlines()[0][:100]})") from None
        yield Capture(url=f"record {count}", status="failed",
                      reason=f"truncated or malformed WARC: the header of record {count} cannot be read "
                             f"({type(e).__name__})")
        return
    if count == 0:
        raise ImportFailed(filename, "not a WARC file (no records)")
    if data[end:].strip():
        yield Capture(url=f"record {count + 1}", status="failed",
                      reason=f"truncated WARC: {len(data) - end} bytes after record {count} are not a whole record")


def _starts_like_a_web_archive(data: bytes) -> bool:
    head = data[:4096]
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            return False
    return head.lstrip().startswith((b"WARC/1.", b"filedesc://"))


def _capture(record, max_bytes: int, seen: dict[str, str]) -> Capture | None:
    """The record as a Capture; None for records that are not captures (requests,
    warcinfo, metadata)."""
    headers = record.rec_headers
    kind = record.rec_type
    if kind not in ("response", "resource", "revisit"):
        return None
    url = headers.get_header("WARC-Target-URI") or ""
    record_id = headers.get_header("WARC-Record-ID")
    when = headers.get_header("WARC-Date")
    base = dict(url=url, captured_at=when, record_id=record_id)
    if not url.startswith(("http://", "https://")):
        return Capture(status="skipped", reason=f"not a web capture ({url[:60] or 'no target URI'})", **base)
    http = record.http_headers
    media_type = ((http.get_header("Content-Type") if http else headers.get_header("Content-Type")) or "")
    media_type = media_type.split(";")[0].strip().lower()
    if kind == "revisit":
        refers = headers.get_header("WARC-Refers-To") or ""
        digest = headers.get_header("WARC-Payload-Digest") or ""
        key = refers if refers in seen else digest if digest in seen else None
        if key is None:
            return Capture(status="skipped", reason="revisit of a record not in this file", **base)
        target = seen[key]
        if target is None:
            return Capture(status="skipped", reason=f"revisit of {refers or 'a record'}, which is no document", **base)
        return Capture(status="revisit", sha256=target, media_type=media_type,
                       reason=f"revisit of {headers.get_header('WARC-Refers-To') or 'an earlier capture'} "
                              "(identical payload)", **base)
    for key in (record_id, headers.get_header("WARC-Payload-Digest")):
        if key:
            seen.setdefault(key, None)  # a revisit of a record that is no document is skipped too
    code = http.get_statuscode() if http and kind == "response" else "200"
    if not str(code).startswith("2"):
        return Capture(status="skipped", reason=f"HTTP {code}", media_type=media_type, **base)
    if media_type not in DOCUMENT_TYPES:
        return Capture(status="skipped", reason=f"not a document ({media_type or 'no content type'})",
                       media_type=media_type, **base)
    payload = record.content_stream().read(max_bytes + 1)
    if record.raw_stream.limit > 0 and len(payload) <= max_bytes:
        return Capture(status="failed", reason=f"truncated WARC record ({record.raw_stream.limit} bytes missing)",
                       **base)
    if len(payload) > max_bytes:
        return Capture(status="failed", reason=f"record payload larger than --max-bytes {max_bytes}", **base)
    sha = hashlib.sha256(payload).hexdigest()
    for key in (record_id, headers.get_header("WARC-Payload-Digest")):
        if key:
            seen[key] = sha
    return Capture(status="document", media_type=DOCUMENT_TYPES[media_type], payload=payload, sha256=sha, **base)
