"""OAI-PMH 2.0 at /oai, so that library and aggregator harvesters can collect the archive.

Verbs: Identify, ListMetadataFormats, ListSets (one set per outlet, setSpec = the outlet's
slug), ListIdentifiers, ListRecords, GetRecord; metadata format ``oai_dc`` (simple Dublin Core).
Datestamps are when an item version entered the archive (``updated_at``, else
``source.imported_at``) at seconds granularity; removed items stay as ``status="deleted"``
headers with their removal date (``deletedRecord`` is ``persistent``). Lists come from the
item catalog (catalog.py) in change-sequence order, a page at a time: resumption tokens carry
the request and the last sequence number sent, so they need no server state, a page costs the
same however large the archive, and an item added, re-imported or removed during a harvest is
sent (again) at the end rather than skipped. Tokens name the catalog they were made from: a
rebuilt catalog numbers anew, and its tokens from before are refused (badResumptionToken).
While the catalog is being built (a new, upgraded or restored archive: catalog.py), list
requests get HTTP 503 with Retry-After, the protocol's flow control.

:func:`oai_response` is the protocol, without Flask; the view only hands it the request.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from flask import Blueprint, Response, current_app, request
from lxml import etree
from slugify import slugify

from eurasec_archive.archive import Archive
from eurasec_archive.catalog import CatalogBuilding, datestamp
from eurasec_archive.cite import permalink
from eurasec_archive.errors import Gone, NotFound
from eurasec_archive.models import Item
from eurasec_archive.page_meta import summary
from eurasec_archive.views.cite import base_url

bp = Blueprint("oai", __name__)

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


# ------------------------------------------------------------------ verbs


def identify(repo: Repository, args: dict) -> etree._Element:
    el = oai("Identify")
    sub(el, "repositoryName", repo.name)
    sub(el, "baseURL", repo.endpoint)
    sub(el, "protocolVersion", "2.0")
    sub(el, "adminEmail", repo.admin_email)
    try:
        earliest = repo.archive.catalog.ready().earliest_datestamp()
    except CatalogBuilding:
        earliest = None  # being built: 1970 is still a true lower bound
    sub(el, "earliestDatestamp", earliest or "1970-01-01T00:00:00Z")
    sub(el, "deletedRecord", "persistent")
    sub(el, "granularity", "YYYY-MM-DDThh:mm:ssZ")
    return el


def list_metadata_formats(repo: Repository, args: dict) -> etree._Element:
    if "identifier" in args:
        find_record(repo, args["identifier"])
    el = oai("ListMetadataFormats")
    for prefix, (schema, namespace) in METADATA_FORMATS.items():
        fmt = sub(el, "metadataFormat")
        sub(fmt, "metadataPrefix", prefix)
        sub(fmt, "schema", schema)
        sub(fmt, "metadataNamespace", namespace)
    return el


def list_sets(repo: Repository, args: dict) -> etree._Element:
    sets = repo.archive.catalog.ready().sets()
    if not sets:
        raise OaiError("noSetHierarchy", "no item has an outlet yet, so there are no sets")
    offset = 0
    if "resumptionToken" in args:
        offset = decode_token(args["resumptionToken"], "ListSets").get("cursor", 0)
        if not 0 < offset < len(sets):
            raise OaiError("badResumptionToken", "the resumptionToken is past the list's end")
    el = oai("ListSets")
    chosen = sets[offset:offset + repo.page_size]
    for spec, name in chosen:
        s = sub(el, "set")
        sub(s, "setSpec", spec)
        sub(s, "setName", name)
    more = offset + len(chosen) < len(sets)
    if more or offset:
        token = encode_token({"verb": "ListSets", "cursor": offset + len(chosen)}) if more else None
        sub(el, "resumptionToken", token, completeListSize=str(len(sets)), cursor=str(offset))
    return el


def list_query(args: dict, verb: str, epoch: str) -> tuple[dict, int, int, int | None]:
    """(query, cursor, last seq sent, complete list size if known) of a list request.

    :raise OaiError: badResumptionToken, cannotDisseminateFormat, badArgument
    """
    if "resumptionToken" not in args:
        query = {k: args[k] for k in ("metadataPrefix", "from", "until", "set") if k in args}
        cursor, after, total = 0, 0, None
    else:
        state = decode_token(args["resumptionToken"], verb)
        query = {k: state[k] for k in ("metadataPrefix", "from", "until", "set") if k in state}
        if "metadataPrefix" not in query or "after" not in state:
            raise OaiError("badResumptionToken", "the resumptionToken is incomplete")
        if state.get("epoch") != epoch:
            raise OaiError("badResumptionToken", "the archive's catalog was rebuilt since this "
                                                 "resumptionToken was issued; start the harvest again")
        cursor, after, total = state.get("cursor", 0), state["after"], state.get("total")
        try:
            check_arguments(verb, query)  # a token says what a request would have said
            for which in ("from", "until"):
                if which in query:
                    bound(query[which], which)
        except OaiError:
            raise OaiError("badResumptionToken", "the resumptionToken's arguments are not valid") \
                from None
    if query["metadataPrefix"] not in METADATA_FORMATS:
        raise OaiError("cannotDisseminateFormat",
                       f"no metadata format {query['metadataPrefix'][:40]!r}; use oai_dc")
    return query, cursor, after, total


def list_records(repo: Repository, args: dict, verb: str) -> etree._Element:
    catalog = repo.archive.catalog.ready()
    epoch = catalog.epoch()
    query, cursor, after, total = list_query(args, verb, epoch)
    if "set" in query and not catalog.sets():
        raise OaiError("noSetHierarchy", "no item has an outlet yet, so there are no sets")
    lo = bound(query["from"], "from") if "from" in query else None
    hi = bound(query["until"], "until") if "until" in query else None
    where = {"set_spec": query.get("set"), "lo": lo, "hi": hi}
    rows = catalog.records(after, repo.page_size + 1, **where)
    if not rows:
        if after:
            raise OaiError("badResumptionToken", "the resumptionToken is past the list's end")
        raise OaiError("noRecordsMatch", "no records match these arguments")
    page, more = rows[:repo.page_size], len(rows) > repo.page_size
    if total is None:  # counted once, on the first page; items added since come on top
        total = catalog.count_records(**where) if more else len(page)
    el = oai(verb)
    for row in page:
        if verb == "ListIdentifiers":
            el.append(header(repo, row))
            continue
        item = None if row.deleted else catalog.current(row)
        if item is None and not row.deleted:
            if row_file_exists(repo, row):
                continue  # damaged: skipped here, named by verify
            row.deleted = True  # removed since it was listed
        el.append(record_element(repo, row, item))
    sent = cursor + len(page)
    total = max(total, sent + (1 if more else 0))
    if more or cursor:
        token = encode_token({"verb": verb, **query, "cursor": sent, "after": page[-1].seq,
                              "total": total, "epoch": epoch}) if more else None
        sub(el, "resumptionToken", token, completeListSize=str(total), cursor=str(cursor))
    return el


def row_file_exists(repo: Repository, row) -> bool:
    return (repo.archive.items_dir / f"{row.id}.json").exists()


def get_record(repo: Repository, args: dict) -> etree._Element:
    record = find_record(repo, args["identifier"])
    if args["metadataPrefix"] not in METADATA_FORMATS:
        raise OaiError("cannotDisseminateFormat",
                       f"no metadata format {args['metadataPrefix'][:40]!r}; use oai_dc")
    el = oai("GetRecord")
    el.append(record_element(repo, record))
    return el


HANDLERS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": lambda repo, args: list_records(repo, args, "ListIdentifiers"),
    "ListRecords": lambda repo, args: list_records(repo, args, "ListRecords"),
}


_PREFIX = r"[A-Za-z0-9\-_\.!~\*'\(\)]+"
# what the request element may echo of each argument (the schema's types): a value that is not
# of its type (a control character, a malformed date) is left out rather than sent invalid
ECHOED = {"verb": re.compile("|".join(VERBS)), "metadataPrefix": re.compile(_PREFIX),
          "set": re.compile(f"{_PREFIX}(:{_PREFIX})*"), "from": re.compile(f"{_DAY.pattern}|{_SECOND.pattern}"),
          "until": re.compile(f"{_DAY.pattern}|{_SECOND.pattern}"),
          "identifier": re.compile(r"[^\x00-\x20\x7f\ufffe\uffff]+"),
          "resumptionToken": re.compile(r"[^\x00-\x1f\ufffe\uffff]+")}


def echo(req, args: dict[str, str]) -> None:
    """Echo the request's arguments on the request element, each only if of its type."""
    for k, v in args.items():
        pattern = ECHOED.get(k)
        if pattern is not None and pattern.fullmatch(v):
            req.set(k, v)


def oai_response(repo: Repository, params: dict[str, list[str]]) -> bytes:
    """The OAI-PMH response document for one request (``params``: argument -> its values)."""
    root = etree.Element(f"{{{OAI}}}OAI-PMH", nsmap={None: OAI, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI} {OAI_SCHEMA}")
    sub(root, "responseDate", datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
    req = sub(root, "request", repo.endpoint)
    try:
        repeated = sorted(k for k, v in params.items() if len(v) > 1)
        verbs = params.get("verb", [])
        if len(verbs) != 1 or verbs[0] not in VERBS:
            raise OaiError("badVerb", "verb must be one of " + ", ".join(VERBS)
                           if len(verbs) < 2 else "the verb argument is repeated")
        if repeated:
            raise OaiError("badArgument", f"repeated argument: {', '.join(repeated)}")
        verb = verbs[0]
        args = {k: v[0] for k, v in params.items() if k != "verb"}
        check_arguments(verb, args)
        body = HANDLERS[verb](repo, args)
        echo(req, {"verb": verb, **args})
        root.append(body)
    except OaiError as e:
        if e.code not in ("badVerb", "badArgument"):  # the spec: echo arguments unless bad
            echo(req, {k: v[0] for k, v in params.items()})
        sub(root, "error", e.message, code=e.code)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# ------------------------------------------------------------------ the view


@bp.route("/oai", methods=["GET", "POST"])
def oai_endpoint():
    """OAI-PMH requests by GET or by POST (application/x-www-form-urlencoded)."""
    config = current_app.config
    repo = Repository(
        archive=current_app.extensions["eurasec"]["archive"], base_url=base_url(),
        name=config["SITE_NAME"],
        admin_email=config.get("OAI_ADMIN_EMAIL", DEFAULT_ADMIN_EMAIL),
        repository_id=config.get("OAI_REPOSITORY_ID", DEFAULT_REPOSITORY_ID),
        page_size=int(config.get("OAI_PAGE_SIZE", DEFAULT_PAGE_SIZE)))
    source = request.form if request.method == "POST" else request.args
    params = {k: source.getlist(k) for k in source}
    try:
        response = Response(oai_response(repo, params), content_type="text/xml; charset=utf-8")
    except CatalogBuilding as e:  # the protocol's flow control: 503 with Retry-After
        response = Response(e.message + "\n", status=503, content_type="text/plain; charset=utf-8")
        response.headers["Retry-After"] = str(e.retry_after)
    response.headers["Access-Control-Allow-Origin"] = "*"  # read-only, for harvesters in browsers
    return response
