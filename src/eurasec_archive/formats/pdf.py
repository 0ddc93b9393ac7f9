"""PDF -> Draft: text in reading order, headings by type size, lists, tables, footnotes,
the page of every paragraph, and the document's own metadata where it is sound.

pypdf reads the file (pure Python, maintained, and it bounds stream decompression, so a
flate bomb inside a PDF stops at pypdf's limit instead of filling memory); its text visitor
gives each run of text with its position and size, from which lines and then paragraphs
are rebuilt here. A PDF without any text (a scan) is refused with a one-line reason.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from dataclasses import dataclass, field

from eurasec_archive.errors import ImportFailed
from eurasec_archive.extract.dates import date_from_dateline
from eurasec_archive.models import Paragraph
from eurasec_archive.normalize import Draft, number_paragraphs
from eurasec_archive.text import clean_line, is_terminated

MAX_PAGES = 2000
HEADING_RATIO = 1.15  # a line this much larger than body text is a heading
SMALL_RATIO = 0.92  # footnotes are set smaller than body text
MARGIN_ZONE = 0.09  # running heads and page numbers live in the top/bottom 9% of a page
# bullets as they come out of PDFs: typographic ones and Symbol/Wingdings private-use glyphs
_BULLET = re.compile(r"^(?:[•·▪‣◦●○■□➢►–—*\-]|[\ue000-\uf8ff])$")
_NUMBERED = re.compile(r"^(?:\d{1,2}|[a-z])[.)]$")
_PAGE_NUMBER = re.compile(r"^(?:page\s+|стр\.\s*)?[-–—]?\s*(?:\d{1,4}|[ivxlc]{1,7})\s*[-–—]?"
                          r"(?:\s*(?:of|/|из)\s*\d{1,4})?$", re.IGNORECASE)
_UNSOUND_TITLE = re.compile(r"^(?:untitled|document\d*|microsoft word\b.*)$|\.(?:docx?|odt|rtf|pdf|indd|tex|qxd)$",
                            re.IGNORECASE)

logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed files are reported, not logged


@dataclass
class Run:
    x: float
    y: float
    size: float
    text: str


@dataclass
class Line:
    page: int
    runs: list[Run] = field(default_factory=list)
    page_height: float = 842.0

    @property
    def text(self) -> str:
        return clean_line(" ".join(r.text for r in self.runs))

    @property
    def size(self) -> float:
        sizes = [r.size for r in self.runs if len(r.text.strip()) > 1] or [r.size for r in self.runs]
        return max(sizes)

    @property
    def x(self) -> float:
        return self.runs[0].x

    @property
    def y(self) -> float:
        return self.runs[0].y


def read_pdf(data: bytes, filename: str, url: str | None = None) -> Draft:
    """PDF bytes -> Draft (paragraphs carry ``page``; ``meta`` has title, author,
    document_date, pages when the file says so).

    :raise ImportFailed: not a PDF pypdf can read, encrypted, too many pages, no text layer
    """
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ImportFailed(filename, "encrypted PDF (needs a password)")
        count = len(reader.pages)
        if count > MAX_PAGES:
            raise ImportFailed(filename, f"PDF has {count} pages (more than {MAX_PAGES})")
        lines: list[Line] = []
        has_images = False
        for number, page in enumerate(reader.pages, 1):
            lines.extend(_page_lines(page, number))
            has_images = has_images or _has_images(page)
        info = reader.metadata or {}
        meta = _metadata(info)
    except ImportFailed:
        raise
    except Exception as e:  # noqa: BLE001 - pypdf raises many kinds on malformed input
        raise ImportFailed(filename, f"not a readable PDF ({type(e).__name__}: {str(e)[:120]})") from None
    if not any(ln.text for ln in lines):
        if has_images:
            raise ImportFailed(filename, "PDF has no text layer (a scanned document; OCR is not enabled)")
        raise ImportFailed(filename, "PDF contains no text")
    paragraphs = lines_to_paragraphs(_drop_running_lines(lines, count))
    meta["pages"] = count
    if url:
        meta["url"] = url
    first = next((p.text for p in paragraphs if p.kind == "paragraph"), "")
    if date_from_dateline(first):
        meta.pop("document_date", None)  # the date printed on the document beats the file's
    title = meta.pop("title", None)
    if paragraphs and title and paragraphs[0].kind == "heading" and \
            clean_line(paragraphs[0].text).casefold() == title.casefold():
        paragraphs.pop(0)
    return Draft(paragraphs=number_paragraphs(paragraphs), title=title, meta=meta)


def _page_lines(page, number: int) -> list[Line]:
    """The page's text runs grouped into lines, in content order (reading order for the
    PDFs office software writes)."""
    try:
        height = float(page.mediabox.height)
    except (TypeError, ValueError, KeyError):
        height = 842.0
    lines = [Line(page=number, page_height=height)]

    def visit(text, cm, tm, _font, font_size):
        # the text matrix times the current transformation matrix: position and vertical scale
        c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
        e, f = tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        size = abs(font_size * (c * c + d * d) ** 0.5) or float(font_size or 0)
        parts = text.split("\n")
        for i, part in enumerate(parts):
            if i:
                lines.append(Line(page=number, page_height=height))
            if part.strip():
                lines[-1].runs.append(Run(x=e, y=f, size=size, text=part))

    page.extract_text(visitor_text=visit)
    return [ln for ln in lines if ln.runs and ln.text]


def _has_images(page) -> bool:
    try:
        xobjects = page["/Resources"].get("/XObject") or {}
        return any(xobjects[k].get_object().get("/Subtype") == "/Image" for k in xobjects)
    except (KeyError, AttributeError, TypeError):
        return False


def _metadata(info) -> dict:
    meta: dict = {}
    title = clean_line(str(info.get("/Title") or ""))
    if title and not _UNSOUND_TITLE.search(title):
        meta["title"] = title
    author = clean_line(str(info.get("/Author") or ""))
    # a login name ("admin", "jsmith") is who owned the computer, not who wrote the text
    if author and (" " in author or "," in author):
        meta["author"] = author
    created = str(info.get("/CreationDate") or "")
    m = re.match(r"^(?:D:)?(\d{4})(\d{2})(\d{2})", created)
    if m:
        meta["document_date"] = f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    return meta


def _drop_running_lines(lines: list[Line], pages: int) -> list[Line]:
    """Without page numbers, and without running heads and feet repeated on most pages."""
    def in_margin(ln: Line) -> bool:
        return ln.y > ln.page_height * (1 - MARGIN_ZONE) or ln.y < ln.page_height * MARGIN_ZONE

    def shape(ln: Line) -> str:
        return re.sub(r"\d+", "#", ln.text.casefold())

    repeated = Counter(shape(ln) for ln in lines if in_margin(ln))
    threshold = max(2, pages // 2 + 1)
    return [ln for ln in lines
            if not (in_margin(ln) and (_PAGE_NUMBER.match(ln.text) or
                                       (pages >= 2 and repeated[shape(ln)] >= threshold)))]


def _body_size(lines: list[Line]) -> float:
    weights: Counter = Counter()
    for ln in lines:
        weights[round(ln.size, 1)] += len(ln.text)
    return weights.most_common(1)[0][0] if weights else 12.0


def _with_note_marks(line: Line, body: float) -> str:
    """Line text with superscript note numbers (small raised digits) written as ``[n]``."""
    parts = []
    for r in line.runs:
        t = r.text.strip()
        if t.isdigit() and len(t) <= 3 and r.size < body * 0.8 and r.y > line.y + 0.5 and parts:
            parts[-1] = parts[-1].rstrip() + f"[{t}]"
        else:
            parts.append(r.text)
    return clean_line(" ".join(parts))


def _columns(line: Line) -> list[float]:
    return [round(r.x) for r in line.runs]


def lines_to_paragraphs(lines: list[Line]) -> list[Paragraph]:
    """Rebuild blocks from lines: headings (larger type), list items (bullet runs), table
    rows (two or more runs at the same column positions as the next or previous line),
    footnotes (small type starting with a number), and paragraphs (joined lines)."""
    body = _body_size(lines)
    full = sorted(len(ln.text) for ln in lines if abs(ln.size - body) < 0.5) or [80]
    full_width = full[int(len(full) * 0.9)] if len(full) > 1 else full[0]
    out: list[Paragraph] = []
    i = 0

    def add(kind: str, text: str, page: int, **extra):
        out.append(Paragraph(id="", kind=kind, text=text, page=page, **extra))

    while i < len(lines):
        ln = lines[i]
        text = _with_note_marks(ln, body)
        first = ln.runs[0].text.strip()
        if ln.size >= body * HEADING_RATIO and len(text) <= 200:
            parts = [text]
            while i + 1 < len(lines) and lines[i + 1].page == ln.page and \
                    abs(lines[i + 1].size - ln.size) < 0.5 and len(lines[i + 1].runs) == 1:
                i += 1
                parts.append(lines[i].text)
            add("heading", clean_line(" ".join(parts)), ln.page)
            i += 1
            continue
        if ln.size < body * SMALL_RATIO and first.isdigit() and len(ln.runs) >= 2 and \
                ln.y < ln.page_height * 0.5:
            note_text = clean_line(" ".join(r.text for r in ln.runs[1:]))
            while i + 1 < len(lines) and lines[i + 1].page == ln.page and \
                    abs(lines[i + 1].size - ln.size) < 0.5 and not lines[i + 1].runs[0].text.strip().isdigit():
                i += 1
                note_text = _join(note_text, lines[i].text)
            add("footnote", f"[{first}] {note_text}", ln.page, note=first)
            i += 1
            continue
        if (_BULLET.match(first) or _NUMBERED.match(first)) and len(ln.runs) >= 2:
            entries = []
            while i < len(lines) and len(lines[i].runs) >= 2 and (
                    _BULLET.match(lines[i].runs[0].text.strip()) or _NUMBERED.match(lines[i].runs[0].text.strip())):
                entry = clean_line(" ".join(r.text for r in lines[i].runs[1:]))
                indent = lines[i].runs[1].x
                while i + 1 < len(lines) and lines[i + 1].page == lines[i].page and \
                        abs(lines[i + 1].x - indent) < 2 and not _BULLET.match(lines[i + 1].runs[0].text.strip()):
                    i += 1
                    entry = _join(entry, lines[i].text)
                entries.append(entry)
                i += 1
            add("list", "\n".join(entries), ln.page, items=entries)
            continue
        if len(ln.runs) >= 2 and _is_table_row(lines, i):
            rows = []
            cols = _columns(ln)
            while i < len(lines) and _columns(lines[i]) == cols and lines[i].page == ln.page:
                rows.append([clean_line(r.text) for r in lines[i].runs])
                i += 1
            add("table", "\n".join(" | ".join(c for c in r if c) for r in rows), ln.page, rows=rows)
            continue
        # a paragraph: join lines until one ends short and terminated, the type changes,
        # the gap grows, or something else begins
        para = text
        while i + 1 < len(lines):
            nxt, cur = lines[i + 1], lines[i]
            if nxt.page != cur.page or abs(nxt.size - cur.size) >= 0.5 or len(nxt.runs) > 1 and (
                    _BULLET.match(nxt.runs[0].text.strip()) or _is_table_row(lines, i + 1)):
                break
            ended = is_terminated(_with_note_marks(cur, body).removesuffix(f"[{cur.runs[-1].text.strip()}]"))
            gap = cur.y - nxt.y
            if (gap <= 0 or gap > cur.size * 1.9) and (ended or not nxt.text[:1].islower()):
                break  # a new block, unless a sentence runs on into the next column
            if ended and len(cur.text) < full_width * 0.85:
                break
            if nxt.x > cur.x + cur.size and ended:
                break  # a first-line indent begins the next paragraph
            i += 1
            para = _join(para, _with_note_marks(nxt, body))
        add("paragraph", para, ln.page)
        i += 1
    return _join_across_pages(out)


def _is_table_row(lines: list[Line], i: int) -> bool:
    cols = _columns(lines[i])
    if len(cols) < 2 or _BULLET.match(lines[i].runs[0].text.strip()):
        return False
    return any(0 <= j < len(lines) and lines[j].page == lines[i].page and _columns(lines[j]) == cols
               for j in (i - 1, i + 1))


def _join(text: str, more: str) -> str:
    """Join two lines of one paragraph, undoing a hyphenation at the line end."""
    if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and more[:1].islower():
        return text[:-1] + more
    return f"{text} {more}"


def _join_across_pages(out: list[Paragraph]) -> list[Paragraph]:
    """A paragraph cut by a page break (unterminated, the next one starting lower case on
    the next page, only footnotes between) is one paragraph, on the page where it starts."""
    merged: list[Paragraph] = []
    for p in out:
        back = len(merged) - 1
        while back >= 0 and merged[back].kind == "footnote":
            back -= 1
        prev = merged[back] if back >= 0 else None
        if (prev is not None and prev.kind == p.kind == "paragraph" and p.page == (prev.page or 0) + 1
                and not is_terminated(prev.text) and p.text[:1].islower()):
            prev.text = _join(prev.text, p.text)
            continue
        merged.append(p)
    return merged
