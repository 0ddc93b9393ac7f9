"""DOCX -> Draft: headings, lists, quotes, tables and footnotes mapped to paragraph kinds,
the core properties (title, author, created) as metadata.

python-docx reads the package (style names resolved, tables, core properties); footnotes and
endnotes, which it does not expose, are read from their parts with the same XML tree. The
zip is checked first: every member is inflated once against a byte budget, so a zip bomb
stops at ``max_bytes`` instead of filling memory.
"""

from __future__ import annotations

import io
import re
import zipfile

from eurasec_archive.errors import ImportFailed
from eurasec_archive.formats.package import check_zip
from eurasec_archive.models import Paragraph
from eurasec_archive.normalize import Draft, number_paragraphs
from eurasec_archive.text import clean_line

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NOTE_PARTS = {
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes": "footnote",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes": "endnote",
}
_HEADING_STYLE = re.compile(r"^(?:heading|заголовок)\s*(\d)?$|^title$|^subtitle$", re.IGNORECASE)
_QUOTE_STYLE = re.compile(r"quote|block text|цитата", re.IGNORECASE)
_LIST_STYLE = re.compile(r"^list", re.IGNORECASE)
_UNSOUND_TITLE = re.compile(r"^(?:untitled|document\d*|word document|microsoft word\b.*)$|\.(?:docx?|odt|rtf)$",
                            re.IGNORECASE)


def read_docx(data: bytes, filename: str, url: str | None = None, max_bytes: int = 20 * 1024 * 1024) -> Draft:
    """DOCX bytes -> Draft (``meta``: title, author, document_date, language when set).

    :raise ImportFailed: not a zip, not a Word document, a member expanding past ``max_bytes``
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    package = check_zip(data, filename, max_bytes, required="word/document.xml")
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as e:
        raise ImportFailed(filename, f"not a Word document ({type(e).__name__}: {str(e)[:100]})") from None
    except Exception as e:  # noqa: BLE001 - malformed XML inside the package, and the like
        raise ImportFailed(filename, f"not a readable Word document ({type(e).__name__}: {str(e)[:100]})") from None
    notes = _notes(document)
    marks: dict[tuple[str, str], str] = {}  # (footnote|endnote, id) -> the number shown
    styles = {s.style_id: s.name or "" for s in document.styles}
    paragraphs: list[Paragraph] = []
    for block in _blocks(document.element.body):
        if block.tag == W + "tbl":
            rows = _table_rows(block, styles, marks)
            if rows:
                text = "\n".join(" | ".join(c for c in r if c) for r in rows)
                paragraphs.append(Paragraph(id="", kind="table", text=text, rows=rows))
            continue
        text = _text(block, marks)
        if not text:
            continue
        kind = _kind(block, styles)
        if kind == "list":
            if paragraphs and paragraphs[-1].kind == "list" and paragraphs[-1].items is not None:
                paragraphs[-1].items.append(text)
                paragraphs[-1].text += "\n" + text
            else:
                paragraphs.append(Paragraph(id="", kind="list", text=text, items=[text]))
        else:
            paragraphs.append(Paragraph(id="", kind=kind, text=text))
    for (part, note_id), mark in marks.items():
        body = notes.get((part, note_id))
        if body:
            paragraphs.append(Paragraph(id="", kind="footnote", text=f"[{mark}] {body}", note=mark))
    meta = _core(package)
    if url:
        meta["url"] = url
    title = meta.pop("title", None)
    if paragraphs and paragraphs[0].kind == "heading" and (
            title is None or paragraphs[0].text.casefold() == title.casefold()):
        title = paragraphs.pop(0).text
    return Draft(paragraphs=number_paragraphs(paragraphs), title=title, meta=meta)


def _blocks(body):
    """Paragraphs and tables of the body in document order, through content controls."""
    for el in body.iterchildren():
        if el.tag in (W + "p", W + "tbl"):
            yield el
        elif el.tag == W + "sdt":
            content = el.find(W + "sdtContent")
            if content is not None:
                yield from _blocks(content)


def _style_name(p, styles: dict[str, str]) -> str:
    style = p.find(f"{W}pPr/{W}pStyle")
    return styles.get(style.get(W + "val"), style.get(W + "val")) if style is not None else ""


def _kind(p, styles: dict[str, str]) -> str:
    name = _style_name(p, styles)
    if _HEADING_STYLE.match(name) or p.find(f"{W}pPr/{W}outlineLvl") is not None:
        return "heading"
    if p.find(f"{W}pPr/{W}numPr") is not None or _LIST_STYLE.match(name):
        return "list"
    if _QUOTE_STYLE.search(name):
        return "quote"
    return "paragraph"


def _text(el, marks: dict) -> str:
    """The visible text of a paragraph (or cell), note references written ``[n]``."""
    out: list[str] = []
    for node in el.iter(W + "t", W + "tab", W + "br", W + "footnoteReference", W + "endnoteReference"):
        if node.tag == W + "t":
            out.append(node.text or "")
        elif node.tag in (W + "tab", W + "br"):
            out.append(" ")
        else:
            part = "footnote" if node.tag == W + "footnoteReference" else "endnote"
            key = (part, node.get(W + "id"))
            marks.setdefault(key, str(len(marks) + 1))
            out.append(f"[{marks[key]}]")
    return clean_line("".join(out))


def _table_rows(tbl, styles, marks) -> list[list[str]]:
    rows = []
    for tr in tbl.iterchildren(W + "tr"):
        cells = [_text(tc, marks) for tc in tr.iterchildren(W + "tc")]
        if any(cells):
            rows.append(cells)
    if rows:
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
    return rows


def _notes(document) -> dict[tuple[str, str], str]:
    """(footnote|endnote, id) -> the note's text, from the notes parts of the package."""
    from lxml import etree

    found: dict[tuple[str, str], str] = {}
    for rel in document.part.rels.values():
        part = NOTE_PARTS.get(rel.reltype)
        if part is None or rel.is_external:
            continue
        root = etree.fromstring(rel.target_part.blob, etree.XMLParser(resolve_entities=False, no_network=True))
        for note in root.iterchildren(W + part):
            if note.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            text = " ".join(t for t in (_text(p, {}) for p in note.iter(W + "p")) if t)
            found[(part, note.get(W + "id"))] = text
    return found


CORE_NS = {"dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/"}


def _core(package) -> dict:
    """Title, author and creation date from docProps/core.xml, read directly: LibreOffice
    relates that part with a relationship type python-docx does not look for."""
    from lxml import etree

    try:
        root = etree.fromstring(package.read("docProps/core.xml"),
                                etree.XMLParser(resolve_entities=False, no_network=True))
    except (KeyError, etree.XMLSyntaxError):
        return {}

    def value(path: str) -> str:
        el = root.find(path, CORE_NS)
        return clean_line(el.text or "") if el is not None and el.text else ""

    meta: dict = {}
    title = value("dc:title")
    if title and not _UNSOUND_TITLE.search(title):
        meta["title"] = title
    author = value("dc:creator")
    if author and (" " in author or "," in author):  # a login name is not an author
        meta["author"] = author
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value("dcterms:created"))
    if m and 1980 < int(m.group(1)):
        meta["document_date"] = "-".join(m.groups())
    return meta
