"""File -> Item: one document's bytes read, decoded and normalized, its metadata extracted.

``parse_document(data, filename)`` is pure: bytes in, Item out (or ImportFailed).
``parse_web_archive`` gives one entry per capture record of a WARC/WACZ file, and
``parse_file`` is what an import's worker process runs on one path. The bulk loop that
stores and indexes what these return is ``importer.py``.
"""

from __future__ import annotations

import codecs
import dataclasses
import gzip
import hashlib
import io
import logging
import re
import threading
import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes
from slugify import slugify

from eurasec_archive.archive import now_iso
from eurasec_archive.errors import ArchiveError, ImportFailed
from eurasec_archive.extract import extract_metadata, language, ner
from eurasec_archive.file_checks import skip_reason, truncation_warning
from eurasec_archive.files import (
    UnreadablePath,
    read_document,
)
from eurasec_archive.formats import DOCUMENT_READERS, DOCUMENT_SUFFIXES, sniff_document
from eurasec_archive.formats.webarchive import NOT_ARTICLES, is_web_archive, read_web_archive
from eurasec_archive.models import Item, Source
from eurasec_archive.normalize import Draft, normalize_html, normalize_text
from eurasec_archive.stories.fingerprint import Fingerprint, fingerprint, minhash_permutations
from eurasec_archive.text import without_controls

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_ID_CHARS = 80
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?\s*([A-Za-z0-9_-]+)", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
log = logging.getLogger(__name__)
# two short texts whose parsing loads what any document's needs: the language identifier, the
# Russian model and dictionaries, the authority files and their patterns, MinHash
_WARM_UP_TEXTS = (
    "MOSCOW, June 9. The foreign minister told reporters on Monday that the talks would go on.\n\n"
    "“The meeting was useful,” the ministry said in a statement.",
    "МОСКВА, 9 июня. Министр иностранных дел заявил журналистам, что переговоры продолжатся.\n\n"
    "«Встреча была полезной», — сообщили в министерстве.",
)


def media_type_of(filename: str, data: bytes,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, bytes]:
    """(media type, content bytes) — gzip is unpacked (to at most ``max_bytes``), HTML sniffed.

    :raise ImportFailed: unsupported type, bad gzip, gzip expanding past ``max_bytes``
    """
    name = filename.lower()
    if name.endswith(".gz"):
        data = _gunzip(filename, data, max_bytes)
        name = name[:-3]
    suffix = Path(name).suffix
    head = data[:512].lstrip().lower()
    if head.startswith(codecs.BOM_UTF8):
        head = head[3:]
    looks_html = head.startswith((b"<!doctype html", b"<html", b"<head", b"<?xml")) and b"<html" in data[:4096].lower()
    document_type = sniff_document(suffix, data)
    if document_type:
        return document_type, data
    if suffix in HTML_SUFFIXES or (looks_html and suffix not in DOCUMENT_SUFFIXES):
        return "text/html", data
    if suffix in TEXT_SUFFIXES or suffix == "":
        return "text/plain", data
    raise ImportFailed(filename, f"unsupported file type {suffix!r} (supported: .txt, .html, .htm, .html.gz, "
                                 f"{', '.join(sorted(DOCUMENT_SUFFIXES))})")


def _gunzip(filename: str, data: bytes, limit: int = DEFAULT_MAX_BYTES) -> bytes:
    """Unpack gzip data, refusing to expand past ``limit`` bytes (a gzip bomb stops early)."""
    chunks: list[bytes] = []
    total = 0
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
            while chunk := f.read(1 << 20):
                total += len(chunk)
                if total > limit:
                    raise ImportFailed(
                        filename, f"gzip expands to more than {limit} bytes (refused; see --max-bytes)")
                chunks.append(chunk)
    except (OSError, EOFError, zlib.error) as e:
        raise ImportFailed(filename, f"not a valid gzip file ({e})") from None
    return b"".join(chunks)


def decode(filename: str, data: bytes, media_type: str) -> tuple[str, str]:
    """Bytes -> (NFC text, encoding name). BOMs first, then UTF-8, the HTML meta charset,
    then charset-normalizer's best guess.

    :raise ImportFailed: binary or undecodable content
    """
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _checked(filename, data.decode(enc, errors="replace"), enc)
    if b"\x00" not in data[:4096]:
        try:
            return _checked(filename, data.decode("utf-8"), "utf-8")
        except UnicodeDecodeError:
            pass
    if media_type == "text/html":
        m = _META_CHARSET.search(data[:4096])
        if m:
            try:
                enc = codecs.lookup(m.group(1).decode("ascii")).name
                return _checked(filename, data.decode(enc), enc)
            except (LookupError, UnicodeDecodeError):
                pass
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise ImportFailed(filename, "binary or undecodable content (no text encoding fits)")
    return _checked(filename, data.decode(best.encoding, errors="replace"), best.encoding)


def _checked(filename: str, text: str, encoding: str) -> tuple[str, str]:
    sample = text[:20000]
    if sample and len(_CONTROL.findall(sample)) > max(2, len(sample) // 100):
        raise ImportFailed(filename, "binary content, not text")
    return unicodedata.normalize("NFC", text), encoding


def make_id(date: str | None, outlet: str | None, title: str) -> str:
    """A readable slug id: date, outlet, title."""
    parts = [date or "undated", outlet or "", title]
    slug = slugify(" ".join(p for p in parts if p))
    if len(slug) > MAX_ID_CHARS:
        slug = slug[:MAX_ID_CHARS + 1].rsplit("-", 1)[0]
    return slug or "item"


MAX_EXTRACT_CHARS = 300_000  # metadata comes from the start of a document; its cost stays bounded


def extraction_window(draft: Draft, limit: int = MAX_EXTRACT_CHARS) -> Draft:
    """``draft`` cut to its first ``limit`` characters of paragraph text, for metadata
    extraction (whose entity patterns are slow on multi-megabyte texts); the item keeps
    every paragraph."""
    kept, budget = [], limit
    for p in draft.paragraphs:
        if budget <= 0:
            break
        kept.append(p if len(p.text) <= budget else dataclasses.replace(p, text=p.text[:budget]))
        budget -= len(p.text)
    if len(kept) == len(draft.paragraphs) and kept[-1:] == draft.paragraphs[-1:]:
        return draft
    return dataclasses.replace(draft, paragraphs=kept)


def parse_document(data: bytes, filename: str, url: str | None = None,
                   max_bytes: int = DEFAULT_MAX_BYTES, media_type: str | None = None) -> Item:
    """Bytes of one document -> a normalized Item (id not yet made unique).

    :param max_bytes: the most a compressed file may expand to
    :param media_type: the type when known (a web capture's Content-Type), else sniffed
    :raise ImportFailed: the file cannot become an item; the message says why
    """
    if not data.strip():
        raise ImportFailed(filename, "empty file")
    if media_type:
        content = data
    else:
        media_type, content = media_type_of(filename, data, max_bytes)
    encoding, warnings = None, []
    try:
        if media_type in DOCUMENT_READERS:
            draft: Draft = DOCUMENT_READERS[media_type](content, filename, url=url, max_bytes=max_bytes)
        else:
            text, encoding = decode(filename, content, media_type)
            text = without_controls(text)  # kept in the original; never in titles or XML
            draft = normalize_html(text, url=url) if media_type == "text/html" else normalize_text(text)
            if media_type == "text/html":
                warnings = [w for w in [truncation_warning(text, draft.paragraphs)] if w]
        meta = extract_metadata(extraction_window(draft), filename=Path(filename).name)
        if not meta["date"] and draft.meta.get("document_date"):
            # the document file's own date (PDF CreationDate, DOCX core properties), last resort
            meta.update(date=draft.meta["document_date"], date_precision="day", date_source="document-metadata")
    except ArchiveError:
        raise
    except (ValueError, TypeError, RecursionError, MemoryError) as e:
        raise ImportFailed(filename, f"could not be parsed ({type(e).__name__}: {e})") from None
    if not draft.paragraphs:
        raise ImportFailed(filename, "no article text found")
    sha = hashlib.sha256(data).hexdigest()
    source = Source(filename=filename, sha256=sha, media_type=media_type, imported_at=now_iso(),
                    size=len(data), encoding=encoding, url=url or draft.meta.get("url"),
                    pages=draft.meta.get("pages"))
    return Item(
        id=make_id(meta["date"], meta["outlet"], meta["title"]),
        paragraphs=draft.paragraphs,
        source=source,
        comments=draft.comments,
        warnings=warnings,
        **meta,
    )


@dataclass
class Parsed:
    """One document a file yielded: the file itself, or one record of a web archive."""

    name: str  # what the report calls it: the file, or "file#URL" for a record
    item: Item | None = None
    data: bytes | None = None  # the original bytes to keep for the item
    error: str | None = None
    status: str | None = None  # records that are no document: skipped | revisit
    reason: str | None = None
    sha256: str | None = None  # revisits: the payload revisited
    fingerprint: Fingerprint | None = None  # the item's story fingerprint, computed in the worker


def parse_web_archive(data: bytes, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Parsed]:
    """A WARC or WACZ file -> one entry per capture record. Each HTML/PDF/DOCX response is a
    document whose ``source`` says where and when it was captured; its identity
    (``source.filename``) is the captured URL, so a later capture of the same page with new
    bytes is a new version of the same item.

    :raise ImportFailed: the file as a whole is unreadable
    """
    container = hashlib.sha256(data).hexdigest()
    entries: list[Parsed] = []
    for c in read_web_archive(data, name, max_bytes):
        label = f"{name}#{c.url}"
        if c.status == "document":
            try:
                item = parse_document(c.payload, c.url, url=c.url, max_bytes=max_bytes, media_type=c.media_type)
            except ImportFailed as e:
                if e.reason in NOT_ARTICLES:  # a crawl's navigation pages are not failures
                    entries.append(Parsed(label, status="skipped", reason=e.reason))
                else:
                    entries.append(Parsed(label, error=f"{label}: {e.reason}"))
                continue
            except Exception as e:  # noqa: BLE001 - one bad record must not lose the others
                entries.append(Parsed(label, error=f"{label}: unexpected parser failure ({type(e).__name__}: {e})"))
                continue
            src = item.source
            src.captured_at, src.warc_record_id = c.captured_at, c.record_id
            src.archive_file, src.archive_sha256 = name, container
            entries.append(Parsed(label, item=item, data=c.payload))
        elif c.status == "failed":
            entries.append(Parsed(label, error=f"{label}: {c.reason}"))
        else:
            entries.append(Parsed(label, status=c.status, reason=c.reason, sha256=c.sha256))
    return entries


def parse_file(args: tuple[str, str, int, bool]) -> tuple[str, list[Parsed], bytes | None]:
    """Worker: (path, name, max_bytes, fingerprint for stories?) -> (path, parsed documents,
    the bytes of a web archive whose records they are, else None). Runs in a subprocess."""
    path, name, max_bytes, stories = args
    try:
        data = read_document(path, max_bytes)  # first: a symlink or an unreadable path fails, whatever its name
        skip = None if is_web_archive(name) else skip_reason(name, (*DOCUMENT_SUFFIXES, ".warc", ".wacz"))
        if skip:
            return path, [Parsed(name, status="skipped", reason=skip)], None
        if is_web_archive(name):
            return path, _fingerprinted(parse_web_archive(data, name, max_bytes), stories), data
        entry = Parsed(name, item=parse_document(data, name, max_bytes=max_bytes), data=data)
        return path, _fingerprinted([entry], stories), None
    except ImportFailed as e:
        return path, [Parsed(name, error=e.message)], None
    except UnreadablePath as e:
        return path, [Parsed(name, error=f"{name}: {e}")], None
    except Exception as e:  # noqa: BLE001 - one bad file must never stop a bulk import
        return path, [Parsed(name, error=f"{name}: unexpected parser failure ({type(e).__name__}: {e})")], None


def _fingerprinted(entries: list[Parsed], stories: bool) -> list[Parsed]:
    """Each parsed item's story fingerprint, in the worker: it is a pure function of the parsed
    text, so it runs in parallel with the other files' parsing, not in the storing process."""
    for entry in entries if stories else ():
        if entry.item is not None:
            try:
                entry.fingerprint = fingerprint(entry.item)
            except Exception:  # noqa: BLE001 - never lose the item: the store fingerprints it again
                entry.fingerprint = None
    return entries


def _quietly(load) -> None:
    try:
        load()
    except Exception as e:  # noqa: BLE001 - only a head start: the workers load what they need anyway
        log.debug("warm-up: %s failed (%s: %s)", getattr(load, "__name__", load), type(e).__name__, e)


def warm_up() -> None:
    """Load, in this process, what parsing any document needs (models, dictionaries, the
    authority files and their compiled patterns): an import's parse workers forked after this
    start with it loaded instead of each loading it again (~2 s of CPU per worker)."""
    # the language identifier's model is lzma-compressed, ~0.5 s to inflate, which releases the
    # GIL: a thread reads it while this one loads the Russian model and MinHash (the workers are
    # forked after it has ended)
    reader = threading.Thread(target=_quietly, args=(language.load_identifier,), name="eurasec-warm-up", daemon=True)
    reader.start()
    try:
        _quietly(ner.russian_model)
        _quietly(minhash_permutations)
    finally:
        reader.join()
    for n, text in enumerate(_WARM_UP_TEXTS):
        try:
            fingerprint(parse_document(text.encode("utf-8"), f"warm-up-{n}.txt"))
        except Exception as e:  # noqa: BLE001 - only a head start: the workers load what they need anyway
            log.debug("warm-up text %d failed (%s: %s)", n, type(e).__name__, e)
