"""Import speed per format: PDF pages/s, DOCX documents/s, WARC/WACZ records/s.

Each format is timed three ways in one run, on the committed samples under tests/data/:

* ``library``: the bare library pass a plain import would do (pypdf ``extract_text``, pdfminer.six
  ``extract_pages`` for comparison; python-docx paragraphs; warcio iterating the records and
  reading every payload) — the baseline, no structure, no metadata;
* ``read``: our reader (formats/: structure, pages, metadata; for web archives the records
  classified and their documents parsed by the importer's ``parse_web_archive``);
* ``import``: the real ``Importer`` into a fresh archive with its index (extraction, storage,
  index commit), per file, from a folder of ``--copies`` copies of each sample (copies with one
  byte changed, so each is a new document, not an unchanged one).

    python bench/formats.py [--rounds 5] [--copies 20]

Prints a table and the machine. On a shared machine the figures are contended: say so.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
DATA = ROOT / "tests" / "data"

from eurasec_archive.archive import Archive  # noqa: E402
from eurasec_archive.formats.docx import read_docx  # noqa: E402
from eurasec_archive.formats.pdf import read_pdf  # noqa: E402
from eurasec_archive.importer import Importer, collect_files, parse_web_archive  # noqa: E402
from eurasec_archive.index import ArchiveIndex  # noqa: E402

PDFS = [DATA / "pdf" / "minsk_statement_en.pdf", DATA / "pdf" / "consultations_ru.pdf"]
DOCXS = [DATA / "docx" / "minsk_statement_en.docx", DATA / "docx" / "consultations_ru.docx"]
WARCS = [DATA / "warc" / "mfa_site.warc.gz", DATA / "warc" / "mfa_site_recrawl.warc.gz",
         DATA / "warc" / "mfa_site.wacz"]


def timed(fn, rounds: int) -> float:
    """Best of ``rounds`` wall-clock seconds (the least disturbed run on a shared machine)."""
    fn()  # warm: imports, caches
    best = float("inf")
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def pdf_pages() -> int:
    from pypdf import PdfReader

    return sum(len(PdfReader(p).pages) for p in PDFS)


def warc_records() -> int:
    from warcio.archiveiterator import ArchiveIterator

    n = 0
    for path in WARCS[:2]:
        with open(path, "rb") as f:
            n += sum(1 for r in ArchiveIterator(f) if r.rec_type in ("response", "resource", "revisit"))
    return n + sum(1 for e in parse_web_archive(WARCS[2].read_bytes(), WARCS[2].name) if e)


def library_pypdf():
    from pypdf import PdfReader

    for p in PDFS:
        for page in PdfReader(p).pages:
            page.extract_text()


def library_pdfminer():
    from pdfminer.high_level import extract_pages

    for p in PDFS:
        list(extract_pages(str(p)))


def library_docx():
    import docx

    for p in DOCXS:
        d = docx.Document(str(p))
        [x.text for x in d.paragraphs]
        [c.text for t in d.tables for r in t.rows for c in r.cells]


def library_warcio():
    import zipfile

    from warcio.archiveiterator import ArchiveIterator

    blobs = [p.read_bytes() for p in WARCS[:2]]
    with zipfile.ZipFile(WARCS[2]) as z:
        blobs += [z.read(n) for n in z.namelist() if n.startswith("archive/")]
    for b in blobs:
        for r in ArchiveIterator(io.BytesIO(b)):
            r.content_stream().read()


def ours_pdf():
    for p in PDFS:
        read_pdf(p.read_bytes(), p.name)


def ours_docx():
    for p in DOCXS:
        read_docx(p.read_bytes(), p.name)


def ours_warc():
    for p in WARCS:
        parse_web_archive(p.read_bytes(), p.name)


def distinct_warc(path: Path, n: int) -> bytes:
    """The WARC with an HTML comment added to every HTML payload: copy ``n`` holds new
    documents (an exact copy would only count as unchanged)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    with open(path, "rb") as f:
        for r in ArchiveIterator(f):
            if r.rec_type != "response":
                continue
            payload = r.content_stream().read()
            if "html" in (r.http_headers.get_header("Content-Type") or ""):
                payload += f"<!-- copy {n} -->".encode()
            r.http_headers.replace_header("Content-Length", str(len(payload)))
            writer.write_record(writer.create_warc_record(
                r.rec_headers.get_header("WARC-Target-URI") + f"?copy={n}", "response",
                payload=io.BytesIO(payload), http_headers=r.http_headers))
    return out.getvalue()


def import_folder(paths: list[Path], copies: int) -> tuple[float, int, int]:
    """Seconds to import ``copies`` distinct copies of ``paths`` with the real Importer, and
    the number of report entries (files or records) and items."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for n in range(copies):
            for p in paths:
                if p.name.endswith(".warc.gz"):
                    data = distinct_warc(p, n)
                else:  # bytes after %%EOF or after a zip's end record: a distinct file, same document
                    data = p.read_bytes() + b"\n" * (n + 1)
                (folder / f"{n:03d}-{p.name}").write_bytes(data)
        archive = Archive(Path(tmp) / "archive").ensure()
        index = ArchiveIndex(archive.index_dir).ensure()
        t = time.perf_counter()
        report = Importer(archive, index, jobs=1).run(collect_files([folder]))
        elapsed = time.perf_counter() - t
        entries = len(report.results)
        items = len(archive.ids_in_use())
        failed = [r.reason for r in report.results if r.status == "failed"]
        if failed:
            print(f"  ({len(failed)} failed: {failed[0]})")
    return elapsed, entries, items


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--copies", type=int, default=20)
    args = ap.parse_args(argv)

    pages, docs, records = pdf_pages(), len(DOCXS), warc_records()
    rows = [
        ("PDF", "pages", pages, [("pypdf extract_text (baseline)", library_pypdf),
                                 ("pdfminer.six extract_pages", library_pdfminer),
                                 ("formats.pdf.read_pdf", ours_pdf)]),
        ("DOCX", "documents", docs, [("python-docx paragraphs+tables (baseline)", library_docx),
                                     ("formats.docx.read_docx", ours_docx)]),
        ("WARC+WACZ", "records", records, [("warcio iterate+read payloads (baseline)", library_warcio),
                                           ("importer.parse_web_archive", ours_warc)]),
    ]
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cpus, "
          f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f} at start")
    print(f"{'format':10} {'pass':42} {'seconds':>8} {'units/s':>10}")
    for fmt, unit, count, passes in rows:
        for label, fn in passes:
            s = timed(fn, args.rounds)
            print(f"{fmt:10} {label:42} {s:8.3f} {count / s:10.1f} {unit}")
    for fmt, paths, unit in (("PDF", PDFS, "pages"), ("DOCX", DOCXS, "documents"), ("WARC", WARCS[:1], "records")):
        s, entries, items = import_folder(paths, args.copies)
        per = {"pages": pages * args.copies, "documents": entries, "records": entries}[unit]
        print(f"{fmt:10} {f'Importer.run, {args.copies} copies ({entries} entries, {items} items)':42} "
              f"{s:8.3f} {per / s:10.1f} {unit}")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
