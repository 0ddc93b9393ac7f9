"""Readers for the formats archivists hold beyond text and HTML: one module per format.

Each document reader turns the bytes of one document into a ``Draft`` (as ``normalize``
does for text and HTML); ``webarchive`` turns a WARC or WACZ file into its captured records,
each of which is then read as a document of its own.
"""

from __future__ import annotations

from collections.abc import Callable

from eurasec_archive.normalize import Draft

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOCUMENT_SUFFIXES = {".pdf": PDF, ".docx": DOCX}


def sniff_document(suffix: str, data: bytes) -> str | None:
    """The media type of a PDF or DOCX by its name or its first bytes, else None."""
    if suffix in DOCUMENT_SUFFIXES:
        return DOCUMENT_SUFFIXES[suffix]
    if data[:1024].lstrip().startswith(b"%PDF-"):
        return PDF
    return None


def _read_pdf(data: bytes, filename: str, url: str | None = None, max_bytes: int = 0) -> Draft:
    from eurasec_archive.formats.pdf import read_pdf

    return read_pdf(data, filename, url=url)


def _read_docx(data: bytes, filename: str, url: str | None = None, max_bytes: int = 0) -> Draft:
    from eurasec_archive.formats.docx import read_docx

    return read_docx(data, filename, url=url, max_bytes=max_bytes)


# media type -> reader(data, filename, url=, max_bytes=) -> Draft; raises ImportFailed
DOCUMENT_READERS: dict[str, Callable[..., Draft]] = {PDF: _read_pdf, DOCX: _read_docx}
