"""The archive item and its parts, as plain dataclasses with a stable JSON form.

The JSON form is a public contract (see README "Item JSON"): fields are added, never renamed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from functools import cache

PARAGRAPH_KINDS = ("paragraph", "heading", "quote", "epigraph", "list", "table", "footnote")
_SCALARS = (str, int, bool, float, type(None))


@cache
def _field_names(cls) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _record(obj) -> dict:
    """``asdict(obj)``, faster for the usual record whose fields all hold plain values (asdict
    copies each value deeply: ~half of an item's serializing); any other record goes to asdict."""
    out = {}
    for name in _field_names(type(obj)):
        value = getattr(obj, name)
        if type(value) not in _SCALARS:
            return asdict(obj)
        out[name] = value
    return out


@dataclass
class Paragraph:
    id: str
    kind: str
    text: str
    rows: list[list[str]] | None = None  # tables: rows of cells (first row is the header)
    items: list[str] | None = None  # lists: the entries
    attribution: str | None = None  # quotes: who said it and where, as printed
    note: str | None = None  # footnotes: the footnote's number or mark
    page: int | None = None  # paged sources (PDF): the page the paragraph starts on

    def to_json(self) -> dict:
        return {k: v for k, v in _record(self).items() if v is not None}


@dataclass
class Speaker:
    name: str
    role: str | None = None


@dataclass
class Organization:
    name: str
    acronym: str | None = None


@dataclass
class Quote:
    text: str
    speaker: str | None
    paragraph: str
    cue: str | None = None  # the verb or phrase that attributes it ("said", "according to", ":" for a turn)
    direct: bool = True  # False for reported speech ("X said that …")
    epigraph: bool = False  # an epigraph or cited historical text: its author is no speaker of the document


@dataclass
class Comment:
    author: str | None
    text: str


@dataclass
class Source:
    filename: str
    sha256: str
    media_type: str
    imported_at: str
    size: int = 0
    encoding: str | None = None
    url: str | None = None
    pages: int | None = None  # paged documents (PDF): how many pages
    captured_at: str | None = None  # web-archive captures: WARC-Date, when the page was fetched
    warc_record_id: str | None = None  # web-archive captures: the WARC-Record-ID of the response
    archive_file: str | None = None  # web-archive captures: the WARC/WACZ file the record came from
    archive_sha256: str | None = None  # web-archive captures: that file's sha256 (kept among the originals)


@dataclass
class Item:
    id: str
    title: str
    date: str | None
    outlet: str | None
    language: str
    paragraphs: list[Paragraph]
    source: Source
    date_precision: str | None = None
    date_source: str = "none"
    speakers: list[Speaker] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    cited_outlets: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    version: int = 1
    updated_at: str | None = None
    title_source: str | None = None  # document | heading | text (made by the archive) | filename
    warnings: list[str] = field(default_factory=list)  # what the import noticed, e.g. a truncated page

    @property
    def url(self) -> str:
        return f"/items/{self.id}"

    @property
    def year(self) -> str | None:
        return self.date[:4] if self.date else None

    def body_text(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)

    def to_json(self) -> dict:
        data = {
            "id": self.id,
            "title": self.title,
            "date": self.date,
            "date_precision": self.date_precision,
            "date_source": self.date_source,
            "outlet": self.outlet,
            "language": self.language,
            "speakers": [_record(s) for s in self.speakers],
            "people": list(self.people),
            "organizations": [_record(o) for o in self.organizations],
            "places": list(self.places),
            "quotes": [_record(q) for q in self.quotes],
            "cited_outlets": list(self.cited_outlets),
            "authors": list(self.authors),
            "paragraphs": [p.to_json() for p in self.paragraphs],
            "comments": [_record(c) for c in self.comments],
            "source": _record(self.source),
            "url": self.url,
            "version": self.version,
            "updated_at": self.updated_at,
            "title_source": self.title_source,
            "warnings": list(self.warnings),
        }
        return data

    @classmethod
    def from_json(cls, data: dict) -> Item:
        known = {f.name for f in fields(cls)}
        kwargs = {k: v for k, v in data.items() if k in known}
        kwargs["paragraphs"] = [Paragraph(**p) for p in data.get("paragraphs", [])]
        kwargs["speakers"] = [Speaker(**s) for s in data.get("speakers", [])]
        kwargs["organizations"] = [Organization(**o) for o in data.get("organizations", [])]
        kwargs["quotes"] = [Quote(**q) for q in data.get("quotes", [])]
        kwargs["comments"] = [Comment(**c) for c in data.get("comments", [])]
        kwargs["source"] = Source(**data["source"])
        return cls(**kwargs)
