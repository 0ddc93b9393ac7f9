"""File -> Item, and bulk import of files and folders into an archive.

``parse_document(data, filename)`` is pure: bytes in, Item out (or ImportFailed).
``Importer.run(paths)`` walks folders, parses (optionally in several processes), stores
items and originals atomically, indexes them, and writes a report. A failed file never
stops the run.
"""

from __future__ import annotations

import codecs
import dataclasses
import gzip
import hashlib
import io
import logging
import os
import re
import unicodedata
import zlib
from collections import deque
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes
from slugify import slugify

from eurasec_archive.archive import Archive, now_iso
from eurasec_archive.errors import ArchiveError, ImportFailed, StorageError
from eurasec_archive.extract import extract_metadata
from eurasec_archive.file_checks import skip_reason, truncation_warning
from eurasec_archive.files import (
    UnreadablePath,
    collect_files,  # noqa: F401 - public: from eurasec_archive.importer import collect_files
    display_name,
    path_bytes_hex,
    path_from_report,
    read_document,
)
from eurasec_archive.formats import DOCUMENT_READERS, DOCUMENT_SUFFIXES, sniff_document
from eurasec_archive.formats.webarchive import NOT_ARTICLES, is_web_archive, read_web_archive
from eurasec_archive.lock import writer_lock
from eurasec_archive.models import Item, Source
from eurasec_archive.normalize import Draft, normalize_html, normalize_text
from eurasec_archive.site_lines import SiteLines
from eurasec_archive.stories import StoryIndex
from eurasec_archive.stories.fingerprint import Fingerprint, fingerprint
from eurasec_archive.text import without_controls

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_ID_CHARS = 80
INDEX_BATCH = 500  # items per index commit during an import
LEARN_WINDOW = 200  # files parsed before any is stored: their sites' repeated lines are learned first
PARSE_AHEAD = 512  # files the parse workers may run ahead of the store (a batch's commit stalls it)
PARSE_AHEAD_BYTES = 256 * 1024 * 1024  # ... and at most these bytes of them
log = logging.getLogger(__name__)
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?\s*([A-Za-z0-9_-]+)", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# ---------------------------------------------------------------------------- parsing


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


# ---------------------------------------------------------------------------- bulk import


@dataclass
class FileResult:
    path: str
    status: str  # imported | updated | unchanged | failed | skipped
    item_id: str | None = None
    reason: str | None = None
    source_path: str | None = None  # absolute path, for --retry-failed (shown safely)
    source_path_hex: str | None = None  # its exact bytes, when the shown form differs
    file: str | None = None  # web-archive records: the WARC/WACZ file they are in
    warnings: list[str] = field(default_factory=list)  # imported, but e.g. truncated


@dataclass
class ImportReport:
    started_at: str
    results: list[FileResult] = field(default_factory=list)
    finished_at: str | None = None
    error: str | None = None  # what stopped the run (disk full at the index commit…)

    def counts(self) -> dict[str, int]:
        c = {"imported": 0, "updated": 0, "unchanged": 0, "failed": 0, "skipped": 0}
        for r in self.results:
            c[r.status] += 1
        return c

    def to_json(self) -> dict:
        return {
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "counts": self.counts(),
            "error": self.error,
            "files": [r.__dict__ for r in self.results],
        }


def _parse_file(args: tuple[str, str, int, bool]) -> tuple[str, list[Parsed], bytes | None]:
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


def _bounded_map(pool, fn, tasks, window: int, budget: int = PARSE_AHEAD_BYTES):
    """``pool.map`` in order, with at most ``window`` tasks and ``budget`` bytes of files in
    flight: parsed documents wait in memory only while the store catches up (a batch's index
    commit), however many files there are. What is not started yet is cancelled if the
    consumer stops (Ctrl-C): the pool's shutdown does not parse it first."""
    pending: deque = deque()
    todo = iter(tasks)
    held = 0

    def submit(task):
        nonlocal held
        size = _file_size(task[0])
        held += size
        pending.append((pool.submit(fn, task), size))

    exhausted = False

    def fill():
        nonlocal exhausted
        while not exhausted and (not pending or (len(pending) < window and held < budget)):
            task = next(todo, None)
            if task is None:
                exhausted = True
            else:
                submit(task)

    try:
        fill()
        while pending:
            future, size = pending.popleft()
            held -= size
            fill()  # before waiting: the workers keep going while this result is handled
            yield future.result()
    finally:
        for future, _ in pending:
            future.cancel()


def _file_size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


class Importer:
    """Imports files into an archive and keeps its index in step."""

    def __init__(self, archive: Archive, index, max_bytes: int = DEFAULT_MAX_BYTES, jobs: int = 1,
                 index_batch: int = INDEX_BATCH):
        self.archive = archive.ensure()
        self.index = index
        self.max_bytes = max_bytes
        self.jobs = max(1, jobs)
        self.index_batch = max(1, index_batch)
        self.stories = StoryIndex.of(self.archive)  # reprints filed into stories as items are stored
        self._in_flight: Item | None = None  # the item being written, until noted for the index

    def run(self, files: list[tuple[Path, str]],
            progress: Callable[[FileResult], None] | None = None) -> ImportReport:
        """Import ``files`` under the archive's writer lock; return the report (also saved
        under reports/). A storage failure that stops the run (a full disk at an index commit)
        is ``report.error``: the report is still written and the stored items are pending
        for the next import or ``verify --repair``.

        :raise ArchiveBusy: another writer holds the archive
        """
        with writer_lock(self.archive.root, "import"):
            report = ImportReport(started_at=now_iso())
            self.site_lines = SiteLines(self.archive.root)
            try:
                self._run(files, report, progress)
            except StorageError as e:
                report.error = e.message
            except Exception as e:  # noqa: BLE001 - what is stored is indexed (_run); the report says why it stopped
                report.error = f"the import stopped on an unexpected failure ({type(e).__name__}: {e})"
            finally:
                self.site_lines.close()
            report.finished_at = now_iso()
            try:
                self.archive.write_report(report.to_json())
            except StorageError as e:
                report.error = report.error or e.message
            return report

    def _run(self, files, report: ImportReport, progress) -> None:
        # finish what an interrupted run left (items stored but not indexed) first; found
        # in the same pass over the item files that maps sources to items
        changed: list[Item] = []
        stale = self.index.stale_test() if self.index else None

        def scan():
            for item in self.archive.items():
                if stale and stale(item):
                    changed.append(item)
                yield item

        by_sha, by_name = self.archive.source_map(scan())
        taken = self.archive.ids_in_use()
        names = {str(path): name for path, name in files}
        tasks = [(str(path), name, self.max_bytes, bool(self.stories)) for path, name in files]

        def commit(final: bool = False):
            # in batches: new items show up in searches while a long import runs, and
            # memory stays bounded however many files there are. Items reach the disk
            # before the index names them.
            self.archive.sync()
            if self.stories:
                self.stories.commit()
            if self.index and changed:
                self.index.add_items(changed, merge=final)
            changed.clear()
            if final and hasattr(self.index, "merge_segments"):
                self.index.merge_segments()  # a segment per batch: bound their count (index/merging.py)

        held: list = []  # parsed, not yet stored: their site's lines are learned first

        def handle(result):
            held.append(result)
            if len(held) >= LEARN_WINDOW:
                flush()

        def flush():
            try:
                self.site_lines.learn([e.item for _, entries, _ in held for e in entries if e.item is not None])
            except Exception as e:  # noqa: BLE001 - the counts only help: their failure never stops an import
                log.warning("site line learning failed for this batch (%s: %s)", type(e).__name__, e)
            for result in held:
                store(result)
            held.clear()

        def store(result):
            path, entries, container = result
            name = names[path]
            if container is not None and any(e.item for e in entries):
                # the web archive itself is kept too, before any item that names it
                self.archive.keep_original(hashlib.sha256(container).hexdigest(), container)
            for entry in entries:
                if entry.error:
                    r = FileResult(path=entry.name, status="failed", reason=entry.error)
                elif entry.item is None:
                    r = _record_result(entry, by_sha)
                else:
                    r = self._store_entry(entry, by_sha, by_name, taken, changed)
                    r.path = entry.name
                    r.warnings = list(entry.item.warnings)
                r.source_path = display_name(path)
                r.source_path_hex = path_bytes_hex(path)
                r.file = name if entry.name != name else None
                report.results.append(r)
                if len(changed) >= self.index_batch:
                    commit()
                if progress:
                    progress(r)

        with self.archive.deferred_sync():
            try:
                if self.jobs > 1 and len(tasks) > 1:
                    with ProcessPoolExecutor(max_workers=self.jobs) as pool:
                        for result in _bounded_map(pool, _parse_file, tasks, PARSE_AHEAD):
                            handle(result)
                else:
                    for t in tasks:
                        handle(_parse_file(t))
                flush()
                commit(final=True)
                if self.stories:
                    self.stories.finish(self.archive)  # files what an interrupted run stored but did not
            except BaseException:
                # Ctrl-C, a full disk at a commit, a bug: what is stored gets indexed before the run
                # stops, the item being stored at that moment too if its file was written
                self._note_in_flight(changed)
                try:
                    commit()
                except Exception:  # noqa: BLE001 - the first failure is the one to report
                    pass  # the stored items are pending: the next import or verify --repair indexes them
                raise

    def _store_entry(self, entry: Parsed, by_sha, by_name, taken, changed) -> FileResult:
        """Clean and store one parsed document; an unexpected failure fails this file only."""
        try:
            self.site_lines.clean(entry.item)
        except Exception as e:  # noqa: BLE001 - the counts only help: stored as parsed
            log.warning("%s: site lines not removed (%s: %s)", entry.name, type(e).__name__, e)
        try:
            return self._store(entry.item, entry.data, by_sha, by_name, taken, changed, entry.fingerprint)
        except Exception as e:  # noqa: BLE001 - one document's failure never stops the run
            self._note_in_flight(changed)  # written before it failed: indexed, never invisible
            return FileResult(path=entry.name, status="failed",
                              reason=f"{entry.name}: unexpected failure while storing ({type(e).__name__}: {e})")

    def _note_in_flight(self, changed: list[Item]) -> None:
        """The item ``_store`` was writing when it was cut off: noted for the index if its file
        holds it (between the store's write and the importer's note an interrupt would otherwise
        leave it stored and unindexed)."""
        item, self._in_flight = self._in_flight, None
        noted = bool(changed) and changed[-1] is item  # cut off between its note and the reset
        if item is not None and not noted and self.archive.holds(item):
            changed.append(item)

    def _store(self, item: Item, data: bytes, by_sha, by_name, taken, changed,
               fp: Fingerprint | None = None) -> FileResult:
        name = item.source.filename
        try:
            if item.source.sha256 in by_sha and self.archive.has_item(by_sha[item.source.sha256]):
                existing_id = by_sha[item.source.sha256]
                self.archive.keep_original(item.source.sha256, data)
                return FileResult(path=name, status="unchanged", item_id=existing_id)
            self.archive.keep_original(item.source.sha256, data)
            self._in_flight = item  # from its first write to its note below (see _note_in_flight)
            if name in by_name and self.archive.has_item(by_name[name]):
                # same file, new bytes: a new version of the same item, same id
                old = self.archive.get(by_name[name])
                item.id, item.version = old.id, old.version + 1
                item.updated_at = item.source.imported_at
                self.archive.put(item)
                status = "updated"
            else:
                # the id is claimed atomically: never another document's file
                self.archive.put_new(item, taken)
                status = "imported"
            # noted at once: a Ctrl-C from here on still indexes it (see _run)
            changed.append(item)
            self._in_flight = None
            taken.add(item.id)
            by_sha[item.source.sha256] = item.id
            by_name[name] = item.id
            if self.stories:
                self.stories.add(item, fp)
        except StorageError as e:
            self._note_in_flight(changed)
            return FileResult(path=name, status="failed", reason=f"{name}: {e.message}")
        return FileResult(path=name, status=status, item_id=item.id)


def _record_result(entry: Parsed, by_sha: dict[str, str]) -> FileResult:
    """The report line of a web-archive record that is not a new document."""
    if entry.status == "revisit" and entry.sha256 in by_sha:
        return FileResult(path=entry.name, status="unchanged", item_id=by_sha[entry.sha256], reason=entry.reason)
    reason = entry.reason if entry.status != "revisit" else f"{entry.reason}, which was not imported"
    return FileResult(path=entry.name, status="skipped", reason=reason)


def failed_files_of_last_run(archive: Archive) -> list[tuple[Path, str]]:
    """The files that failed in the last import run, as (absolute path, source name); a web
    archive with a failed record is retried whole (its imported records come back unchanged)."""
    report = archive.last_report()
    if not report:
        return []
    failed = [(f["source_path"], f.get("source_path_hex"), f.get("file") or f["path"])
              for f in report["files"] if f["status"] == "failed" and f.get("source_path")]
    return [(path_from_report(path, hex_bytes), name) for path, hex_bytes, name in dict.fromkeys(failed)]
