"""OAI-PMH and the Atom feed cost O(page): every request read every item file (a full harvest
was O(N²): ~1 s per 100-record page at 10,000 items), and a control character in an argument
or a forged resumption token answered 500 (lxml refuses control characters in attributes; a
token's fields were trusted). Lists now come from the item catalog (catalog.py), pages open no
item file whose catalog row is current, and every bad request is an OAI error."""

from __future__ import annotations

import base64
import json
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from eurasec_archive.app import create_app

SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "data" / "oai" / "harvest.xsd")))
OAI = "{http://www.openarchives.org/OAI/2.0/}"
COPIES = 12  # the five seeds each stored this many times: 60 items


# ------------------------------------------------------------------ counting item-file reads

_opened: list[str] = []
_watching = threading.local()


def _audit(event, args):
    items_dir = getattr(_watching, "items_dir", None)
    if not items_dir or not args or not isinstance(args[0], str | Path):
        return
    path = str(args[0]).rstrip("/")
    if event == "open" and path.startswith(items_dir) and path.endswith(".json"):
        _opened.append(path)
    elif event in ("os.scandir", "os.listdir") and path == items_dir:
        _opened.append(path + "/ (listed)")


sys.addaudithook(_audit)  # audit hooks cannot be removed; this one only counts while watching


@contextmanager
def item_reads(archive):
    """The item files this thread opens inside the block, and listings of the items folder
    (Python's 'open', 'os.scandir' and 'os.listdir' audit events)."""
    _opened.clear()
    _watching.items_dir = str(archive.items_dir)
    try:
        yield _opened
    finally:
        _watching.items_dir = None


# ------------------------------------------------------------------ fixtures


@pytest.fixture
def big(seeded):
    """The seeded archive with every seed stored COPIES times under new ids (a bigger archive
    without importing: the listings do not care how items were made)."""
    originals = list(seeded.archive.items())
    for n in range(2, COPIES + 1):
        for item in originals:
            item.id = f"{item.id.rsplit('--', 1)[0]}--{n}"
            seeded.archive.put(item)
    return seeded


def app_client(store, **config):
    app = create_app({"ARCHIVE_DIR": str(store.root), "TESTING": True, "UPKEEP_INTERVAL": 3600,
                      **config})
    return app, app.test_client()


def oai_get(client, **params) -> etree._Element:
    response = client.get("/oai", query_string=params)
    assert response.status_code == 200, response.data[:300]
    doc = etree.fromstring(response.data)
    assert SCHEMA.validate(doc), SCHEMA.error_log
    return doc


def error_code(doc) -> str | None:
    errors = doc.findall(f"{OAI}error")
    return errors[0].get("code") if errors else None


def harvest(client, verb="ListRecords", **params) -> list[etree._Element]:
    pages = [oai_get(client, verb=verb, metadataPrefix="oai_dc", **params)]
    while (token := pages[-1].find(f".//{OAI}resumptionToken")) is not None and token.text:
        pages.append(oai_get(client, verb=verb, resumptionToken=token.text))
    return pages


def identifiers(pages) -> list[str]:
    return [h.text.rsplit(":", 1)[1] for p in pages for h in p.iterfind(f".//{OAI}header/{OAI}identifier")]


# ------------------------------------------------------------------ O(page)


def test_a_list_page_reads_no_item_file_however_many_items(big):
    app, client = app_client(big, OAI_PAGE_SIZE=10)
    oai_get(client, verb="Identify")  # the catalog is built here, once
    with item_reads(big.archive) as opened:
        pages = harvest(client)
    assert len(identifiers(pages)) == 5 * COPIES == len(set(identifiers(pages)))
    assert [len(p.findall(f".//{OAI}record")) for p in pages] == [10] * (5 * COPIES // 10)
    assert opened == []  # the old code opened every item file for every page


def test_the_feed_reads_no_item_file_and_lists_the_newest(big):
    app, client = app_client(big)
    client.get("/feed.atom")
    with item_reads(big.archive) as opened:
        response = client.get("/feed.atom")
    assert opened == []
    feed = feedparser.parse(response.data)
    assert not feed.bozo
    newest = sorted(big.archive.items(), key=lambda i: (i.source.imported_at, i.id), reverse=True)
    assert len(feed.entries) == 50
    published = [e.published for e in feed.entries]
    assert published == sorted(published, reverse=True)
    assert {e.link.rsplit("/", 1)[1] for e in feed.entries} <= {i.id for i in newest}


def test_the_about_page_counts_items_without_listing_their_files(big):
    from bs4 import BeautifulSoup

    app, client = app_client(big)
    client.get("/about")
    with item_reads(big.archive) as opened:
        response = client.get("/about")
    assert response.status_code == 200
    assert opened == []
    text = BeautifulSoup(response.data, "html.parser").get_text(" ")
    assert str(5 * COPIES) in text.split()


# ------------------------------------------------------------------ stable while writing


def test_a_harvest_while_items_are_added_changed_and_removed_skips_nothing(big):
    app, client = app_client(big, OAI_PAGE_SIZE=7)
    first = oai_get(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    sent = identifiers([first])
    token = first.find(f".//{OAI}resumptionToken").text
    # meanwhile: a new item, a new version of one already sent, one not yet sent removed
    archive = big.archive
    new = archive.get(sent[0])
    new.id = "added-during-the-harvest"
    archive.put(new)
    changed = archive.get(sent[1])
    changed.version, changed.updated_at = changed.version + 1, "2035-01-01T00:00:00Z"
    archive.put(changed)
    later = [i for i in archive.item_ids() if i not in sent and i != new.id]
    archive.delete_item(later[0], "duplicate")
    rest = [first]
    while token:
        rest.append(oai_get(client, verb="ListIdentifiers", resumptionToken=token))
        el = rest[-1].find(f".//{OAI}resumptionToken")
        token = el.text if el is not None else None
    got = identifiers(rest)
    assert set(got) >= set(archive.item_ids())  # every live item, none skipped
    assert new.id in got and got.count(changed.id) == 2  # the changed one comes again at the end
    deleted = [h for p in rest for h in p.iterfind(f".//{OAI}header") if h.get("status") == "deleted"]
    assert [h.find(f"{OAI}identifier").text.rsplit(":", 1)[1] for h in deleted] == [later[0]]


def test_a_token_of_a_rebuilt_catalog_is_refused_not_misread(big):
    app, client = app_client(big, OAI_PAGE_SIZE=7)
    token = oai_get(client, verb="ListRecords", metadataPrefix="oai_dc") \
        .find(f".//{OAI}resumptionToken").text
    for suffix in ("", "-wal", "-shm"):
        Path(f"{big.archive.catalog.path}{suffix}").unlink(missing_ok=True)
    app2, client2 = app_client(big, OAI_PAGE_SIZE=7)
    assert error_code(oai_get(client2, verb="ListRecords", resumptionToken=token)) == "badResumptionToken"
    assert len(set(identifiers(harvest(client2)))) == 5 * COPIES  # a new harvest works


# ------------------------------------------------------------------ bad requests: OAI errors


@pytest.fixture(scope="module")
def seeded_client(seeded_dir):
    return app_client(type("Store", (), {"root": seeded_dir}))[1]


def forged(state) -> str:
    return base64.urlsafe_b64encode(json.dumps(state).encode()).decode().rstrip("=")


@pytest.mark.parametrize("params, code", [
    ({"verb": "GetRecord", "identifier": "oai:eurasec-archive:\x01", "metadataPrefix": "oai_dc"},
     "idDoesNotExist"),
    ({"verb": "GetRecord", "identifier": "\x01\x02", "metadataPrefix": "oai_dc"}, "idDoesNotExist"),
    ({"verb": "ListRecords", "metadataPrefix": "\x01"}, "cannotDisseminateFormat"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "\x1f"}, "noRecordsMatch"),
    ({"verb": "ListMetadataFormats", "identifier": "oai:eurasec-archive:a\x0bb"}, "idDoesNotExist"),
    ({"verb": "ListRecords", "resumptionToken": "\x01"}, "badResumptionToken"),
])
def test_control_characters_in_arguments_are_oai_errors(seeded_client, params, code):
    doc = oai_get(seeded_client, **params)
    assert error_code(doc) == code


@pytest.mark.parametrize("state", [
    {"verb": "ListRecords", "metadataPrefix": ["oai_dc"], "after": 1},
    {"verb": "ListRecords", "metadataPrefix": ["oai_dc"], "after": ["2020-01-01T00:00:00Z", "a"]},
    {"verb": "ListRecords", "metadataPrefix": {"a": 1}, "after": ["2020-01-01T00:00:00Z", "a"]},
    {"verb": "ListRecords", "metadataPrefix": "oai_dc", "after": 1, "from": 5},
    {"verb": "ListRecords", "metadataPrefix": "oai_dc", "after": ["2020-01-01T00:00:00Z", "a"],
     "from": 5},
    {"verb": "ListRecords", "metadataPrefix": "oai_dc", "after": 1, "from": "yesterday"},
    {"verb": "ListRecords", "metadataPrefix": "oai_dc", "after": 1, "cursor": 1e400},
    {"verb": "ListRecords", "metadataPrefix": "oai_dc", "after": ["2020", "x"]},
    {"verb": "ListRecords", "metadataPrefix": "oai_dc", "after": -5},
    {"verb": "ListRecords", "metadataPrefix": "oai_dc", "after": 1, "set": None},
    {"verb": "ListRecords", "metadataPrefix": "oai_dc", "after": 10**30},
    {"verb": "ListSets", "cursor": "2"},
    {"verb": "ListSets", "cursor": 10**6},
    ["ListRecords"],
])
def test_forged_resumption_tokens_are_bad_tokens(seeded_client, state):
    verb = state["verb"] if isinstance(state, dict) else "ListRecords"
    doc = oai_get(seeded_client, verb=verb, resumptionToken=forged(state))
    assert error_code(doc) == "badResumptionToken"


@pytest.mark.parametrize("token", ["%%%", "AAAA", "e30", base64.b64encode(b"\xff\xfe").decode(),
                                   "x" * 5000, base64.urlsafe_b64encode(b"[" * 100000).decode()])
def test_garbled_resumption_tokens_are_bad_tokens(seeded_client, token):
    assert error_code(oai_get(seeded_client, verb="ListIdentifiers", resumptionToken=token)) == \
        "badResumptionToken"
