"""OAI-PMH 2.0 without Flask: the protocol's constants and errors, records, argument and
resumption-token checks, and the XML of headers and ``oai_dc`` records. The verbs and the view
are in views/oai.py."""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass
from datetime import datetime

from lxml import etree
from slugify import slugify

from eurasec_archive.archive import Archive
from eurasec_archive.catalog import datestamp
from eurasec_archive.cite import permalink
from eurasec_archive.errors import Gone, NotFound
from eurasec_archive.models import Item
from eurasec_archive.page_meta import summary

OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
METADATA_FORMATS = {"oai_dc": (OAI_DC_SCHEMA, OAI_DC)}

DEFAULT_PAGE_SIZE = 100  # records per response; the OAI_PAGE_SIZE setting overrides it
DEFAULT_ADMIN_EMAIL = "archivist@example.org"  # the OAI_ADMIN_EMAIL setting should override it
DEFAULT_REPOSITORY_ID = "eurasec-archive"  # oai:<this>:<item id>; OAI_REPOSITORY_ID overrides

# verb -> (required arguments, optional arguments); resumptionToken is exclusive
VERBS = {
    "Identify": (set(), set()),
    "ListMetadataFormats": (set(), {"identifier"}),
    "ListSets": (set(), {"resumptionToken"}),
    "GetRecord": ({"identifier", "metadataPrefix"}, set()),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
}
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SECOND = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class OaiError(Exception):
    """An OAI-PMH error condition: ``code`` is one of the protocol's error codes."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


@dataclass
class Record:
    """What an OAI header says about one item (live or removed)."""

    id: str
    datestamp: str
    set_spec: str | None
    set_name: str | None
    deleted: bool = False


@dataclass
class Repository:
    """The settings one response depends on."""

    archive: Archive
    base_url: str  # the site, e.g. https://archive.example.org
    name: str
    admin_email: str = DEFAULT_ADMIN_EMAIL
    repository_id: str = DEFAULT_REPOSITORY_ID
    page_size: int = DEFAULT_PAGE_SIZE

    @property
    def endpoint(self) -> str:
        return f"{self.base_url.rstrip('/')}/oai"

    def oai_identifier(self, item_id: str) -> str:
        return f"oai:{self.repository_id}:{item_id}"

    def item_id(self, oai_identifier: str) -> str:
        """:raise OaiError: idDoesNotExist, not one of this repository's identifiers"""
        prefix = f"oai:{self.repository_id}:"
        if not oai_identifier.startswith(prefix):
            raise OaiError("idDoesNotExist", f"{oai_identifier[:200]!r} is not an identifier "
                                             f"of this repository (they start with {prefix!r})")
        return oai_identifier[len(prefix):]


# ------------------------------------------------------------------ records


def item_record(item: Item) -> Record:
    return Record(item.id, datestamp(item.updated_at or item.source.imported_at),
                  slugify(item.outlet) if item.outlet else None, item.outlet)


def find_record(repo: Repository, identifier: str) -> Record:
    """:raise OaiError: idDoesNotExist"""
    item_id = repo.item_id(identifier)
    try:
        return item_record(repo.archive.get(item_id))
    except Gone as e:
        outlet = e.tombstone.get("outlet")
        return Record(item_id, datestamp(e.tombstone.get("removed_at")),
                      slugify(outlet) if outlet else None, outlet, deleted=True)
    except NotFound:
        row = renamed_row(repo, item_id)
        if row is None:
            raise OaiError("idDoesNotExist", f"no item {identifier[:200]!r}") from None
        return Record(item_id, row.datestamp, row.set_spec, row.set_name, deleted=True)


def renamed_row(repo: Repository, item_id: str):
    """The catalog's deleted row of an id renamed away (None if it never was one)."""
    try:
        row = repo.archive.catalog.get(item_id)
    except Exception:  # noqa: BLE001 - no catalog to ask: the id is simply unknown
        return None
    return row if row is not None and row.deleted else None


# ------------------------------------------------------------------ arguments


def bound(value: str, which: str) -> str:
    """A from/until argument as a datestamp at seconds granularity (a day covers all of it).

    :raise OaiError: badArgument
    """
    if _SECOND.match(value):
        text = value
    elif _DAY.match(value):
        text = value + ("T00:00:00Z" if which == "from" else "T23:59:59Z")
    else:
        raise OaiError("badArgument", f"{which!r} must be YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ, "
                                      f"not {value[:40]!r}")
    try:
        datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        raise OaiError("badArgument", f"{which!r} is not a real date: {value[:40]!r}") from None
    return text


def check_arguments(verb: str, args: dict[str, str]) -> None:
    """:raise OaiError: badArgument (missing, unknown, or resumptionToken not alone)"""
    required, optional = VERBS[verb]
    unknown = set(args) - required - optional
    if unknown:
        raise OaiError("badArgument", f"{verb} does not take {', '.join(sorted(unknown))}")
    if "resumptionToken" in args:
        if len(args) > 1:
            raise OaiError("badArgument", "resumptionToken must be the only argument besides verb")
        return
    missing = required - set(args)
    if missing:
        raise OaiError("badArgument", f"{verb} needs {', '.join(sorted(missing))}")
    if "from" in args and "until" in args:
        if len(args["from"]) != len(args["until"]):
            raise OaiError("badArgument", "'from' and 'until' must have the same granularity")
        if bound(args["from"], "from") > bound(args["until"], "until"):
            raise OaiError("badArgument", "'from' is after 'until'")


def encode_token(state: dict) -> str:
    raw = json.dumps(state, separators=(",", ":"), sort_keys=True).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


# token field -> the type it must have (a forged or garbled token is refused, never a 500)
TOKEN_FIELDS = {"verb": str, "cursor": int, "after": int, "total": int, "epoch": str,
                "metadataPrefix": str, "from": str, "until": str, "set": str}


def decode_token(token: str, verb: str) -> dict:
    """:raise OaiError: badResumptionToken"""
    bad = OaiError("badResumptionToken", f"the resumptionToken {token[:60]!r} is not one this "
                                         "repository issued for this verb")
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        state = json.loads(raw)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError, RecursionError):
        raise bad from None
    if not isinstance(state, dict) or state.get("verb") != verb:
        raise bad
    for key, value in state.items():
        kind = TOKEN_FIELDS.get(key)
        if kind is None or type(value) is not kind or (kind is int and not 0 <= value < 2**62):
            raise bad
    return state


# ------------------------------------------------------------------ XML


def oai(tag: str, text: str | None = None, **attrib) -> etree._Element:
    el = etree.Element(f"{{{OAI}}}{tag}", {k: v for k, v in attrib.items() if v is not None})
    if text is not None:
        el.text = _NOT_XML.sub("", text)
    return el


def sub(parent, tag: str, text: str | None = None, **attrib) -> etree._Element:
    el = oai(tag, text, **attrib)
    parent.append(el)
    return el


def header(repo: Repository, record: Record) -> etree._Element:
    el = oai("header", status="deleted" if record.deleted else None)
    sub(el, "identifier", repo.oai_identifier(record.id))
    sub(el, "datestamp", record.datestamp)
    if record.set_spec:
        sub(el, "setSpec", record.set_spec)
    return el


def oai_dc(repo: Repository, item: Item) -> etree._Element:
    """Simple Dublin Core of one item (the 15 elements, each as often as needed)."""
    nsmap = {"oai_dc": OAI_DC, "dc": DC, "xsi": XSI}
    dc = etree.Element(f"{{{OAI_DC}}}dc", nsmap=nsmap)
    dc.set(f"{{{XSI}}}schemaLocation", f"{OAI_DC} {OAI_DC_SCHEMA}")

    def add(name, value):
        if value:
            etree.SubElement(dc, f"{{{DC}}}{name}").text = _NOT_XML.sub("", value)

    add("title", item.title)
    for author in item.authors:
        add("creator", author)
    names = [s.name for s in item.speakers] + list(item.people)
    for name in dict.fromkeys(names + [o.name for o in item.organizations]):
        add("subject", name)
    add("description", summary(item, 1000))
    add("publisher", item.outlet)
    add("date", item.date)
    add("type", "Text")
    add("format", "text/html")
    add("identifier", f"{repo.base_url.rstrip('/')}{item.url}")
    add("identifier", permalink(item, repo.base_url))
    add("source", item.source.url or item.source.filename)
    add("language", item.language)
    add("relation", f"{repo.base_url.rstrip('/')}{item.url}.json")
    for place in item.places:
        add("coverage", place)
    add("rights", "Archived copy for research; rights remain with the original publisher.")
    return dc


def record_element(repo: Repository, record, item: Item | None = None) -> etree._Element:
    """One record; ``item`` is the live item's metadata if the caller already has it."""
    el = oai("record")
    el.append(header(repo, record))
    if not record.deleted:
        if item is None:
            try:
                item = repo.archive.get(record.id)
            except (NotFound, Gone):  # removed between listing and reading: say so
                el[0].set("status", "deleted")
                return el
        sub(el, "metadata").append(oai_dc(repo, item))
    return el
