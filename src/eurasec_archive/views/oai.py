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

:func:`oai_response` answers a request, without Flask; the view only hands it the request.
The protocol's pieces (records, arguments, tokens, XML) are in oai_protocol.py.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from flask import Blueprint, Response, current_app, request
from lxml import etree

from eurasec_archive.catalog import CatalogBuilding
from eurasec_archive.oai_protocol import (
    _DAY,
    _SECOND,
    DEFAULT_ADMIN_EMAIL,
    DEFAULT_PAGE_SIZE,
    DEFAULT_REPOSITORY_ID,
    METADATA_FORMATS,
    OAI,
    OAI_SCHEMA,
    VERBS,
    XSI,
    OaiError,
    Repository,
    bound,
    check_arguments,
    decode_token,
    encode_token,
    find_record,
    header,
    oai,
    record_element,
    sub,
)
from eurasec_archive.views.cite import base_url

bp = Blueprint("oai", __name__)

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
