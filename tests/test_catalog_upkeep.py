"""No request builds or resyncs the item catalog: on an archive whose catalog is missing
(an upgrade, a restore) or stale (item files written behind its back), the first /feed.atom
and OAI-PMH list requests did that O(archive) work inside the request (107-272 s at 100,000
items; a ``stat`` per item, ~1 s, for a resync). Now one background thread per process does it
(started at ``serve`` and by the first request), and requests meanwhile answer at once: 503
with Retry-After while a catalog is first built, the catalog as it is while it is resynced.

The build is held back by a gate inside the real code path (``Catalog._item_values``, called
for every item file the sync reads), so the test, not the machine's load, decides how long it
takes."""

from __future__ import annotations

import json
import sqlite3
import threading
import time

import feedparser
import pytest
from lxml import etree

from eurasec_archive import catalog_sync as catalog_module
from eurasec_archive.app import create_app
from eurasec_archive.catalog import CATALOG_NAME, Catalog

OAI = "{http://www.openarchives.org/OAI/2.0/}"
COPIES = 6  # the five seeds each stored this many times: 30 items
PROMPT = 2.5  # seconds: how long a request may take while the build is held back (forever)


@pytest.fixture
def archive(seeded):
    originals = list(seeded.archive.items())
    for n in range(2, COPIES + 1):
        for item in originals:
            item.id = f"{item.id.rsplit('--', 1)[0]}--{n}"
            seeded.archive.put(item)
    return seeded


@pytest.fixture
def gate(monkeypatch):
    """While not set, every item file the catalog's sync reads waits (in the sync's thread)."""
    opened = threading.Event()
    reading = threading.Event()
    real = Catalog._item_values

    def held_back(self, data, stat=None):
        reading.set()
        assert opened.wait(60), "the test never let the build go on"
        return real(self, data, stat)

    monkeypatch.setattr(Catalog, "_item_values", held_back)
    monkeypatch.setattr(catalog_module, "READY_WAIT", 1.0)
    opened.reading = reading
    yield opened
    opened.set()  # a sync still waiting ends (its daemon thread) rather than hanging


def remove_catalog(root) -> None:
    for suffix in ("", "-wal", "-shm"):
        (root / f"{CATALOG_NAME}{suffix}").unlink(missing_ok=True)


def client_of(store):
    app = create_app({"ARCHIVE_DIR": str(store.root), "TESTING": True, "UPKEEP_INTERVAL": 3600})
    return app, app.test_client()


def timed(client, path, **params):
    started = time.monotonic()
    response = client.get(path, query_string=params)
    return response, time.monotonic() - started


def item_ids_on_disk(store) -> set[str]:
    return {p.stem for p in (store.root / "items").glob("*.json")}


def feed_ids(response) -> set[str]:
    feed = feedparser.parse(response.data)
    assert not feed.bozo, feed.bozo_exception
    return {e.link.rsplit("/", 1)[1] for e in feed.entries}


def harvest_ids(client) -> list[str]:
    ids, params = [], {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"}
    while True:
        response = client.get("/oai", query_string=params)
        assert response.status_code == 200, response.data[:300]
        doc = etree.fromstring(response.data)
        assert doc.find(f"{OAI}error") is None, response.data[:500]
        ids += [h.text.rsplit(":", 1)[1] for h in doc.iterfind(f".//{OAI}header/{OAI}identifier")]
        token = doc.find(f".//{OAI}resumptionToken")
        if token is None or not token.text:
            return ids
        params = {"verb": "ListIdentifiers", "resumptionToken": token.text}


def wait_for(predicate, seconds=30.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_a_missing_catalog_is_built_in_the_background_and_requests_answer_at_once(archive, gate):
    remove_catalog(archive.root)
    app, client = client_of(archive)
    app.config["OAI_PAGE_SIZE"] = 7  # several pages: resumption tokens of the built catalog

    feed, seconds = timed(client, "/feed.atom")
    assert seconds < PROMPT and feed.status_code == 503, (seconds, feed.status_code)
    assert int(feed.headers["Retry-After"]) > 0
    assert gate.reading.is_set()  # the build runs (held back in the real sync), not in the request
    # past the build's first READY_WAIT seconds, a request waits no more: its 503 comes at once
    oai, seconds = timed(client, "/oai", verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert seconds < catalog_module.READY_WAIT and oai.status_code == 503, (seconds, oai.status_code)
    assert int(oai.headers["Retry-After"]) > 0
    identify, seconds = timed(client, "/oai", verb="Identify")  # needs no list: well-formed 200
    assert seconds < PROMPT and identify.status_code == 200
    assert etree.fromstring(identify.data).find(f"{OAI}Identify/{OAI}earliestDatestamp") is not None
    about, seconds = timed(client, "/about")  # counts from the index meanwhile
    assert seconds < PROMPT and about.status_code == 200, about.status_code

    gate.set()
    assert wait_for(lambda: client.get("/feed.atom").status_code == 200), "never built"
    on_disk = item_ids_on_disk(archive)
    assert len(on_disk) == 5 * COPIES
    assert feed_ids(client.get("/feed.atom")) == on_disk  # fewer than the feed's 50
    ids = harvest_ids(client)
    assert sorted(ids) == sorted(on_disk)  # each once
    assert (archive.root / CATALOG_NAME).exists()


def test_a_stale_catalog_is_served_as_it_is_while_resynced_then_lists_the_new_items(archive, gate):
    gate.set()
    Catalog(archive.archive).fresh()  # in step now
    gate.clear()
    gate.reading.clear()
    before = item_ids_on_disk(archive)
    items = archive.root / "items"
    source = json.loads(next(items.glob("*.json")).read_text("utf-8"))
    added = set()
    for n in range(3):  # written behind the catalog's back (another program, a restore)
        source["id"] = f"behind-its-back-{n}"
        source["source"]["imported_at"] = f"2099-01-0{n + 1}T00:00:00Z"  # the newest of all
        (items / f"{source['id']}.json").write_text(json.dumps(source), "utf-8")
        added.add(source["id"])
    app, client = client_of(archive)

    def served_as_it_is():
        feed, seconds = timed(client, "/feed.atom")
        assert seconds < PROMPT and feed.status_code == 200, (seconds, feed.status_code)
        assert feed_ids(feed) == before  # what the catalog holds, every row checked
        return gate.reading.is_set()

    # the resync starts in the background (once the server's own index catch-up, a writer,
    # is done), and is held back in it; requests go on being answered meanwhile
    assert wait_for(served_as_it_is, 15)
    served_as_it_is()
    started = time.monotonic()
    assert sorted(harvest_ids(client)) == sorted(before)
    assert time.monotonic() - started < 3 * PROMPT

    gate.set()
    assert wait_for(lambda: added <= feed_ids(client.get("/feed.atom"))), "never resynced"
    assert sorted(harvest_ids(client)) == sorted(before | added)


def test_a_read_only_archive_builds_its_in_memory_catalog_once_per_process(archive, gate, monkeypatch):
    remove_catalog(archive.root)

    def not_writable(self):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(Catalog, "_open_file", not_writable)
    syncs = []
    real_sync = Catalog.sync
    monkeypatch.setattr(Catalog, "sync", lambda self: syncs.append(1) or real_sync(self))
    app, client = client_of(archive)
    feed, seconds = timed(client, "/feed.atom")
    assert seconds < PROMPT and feed.status_code == 503
    gate.set()
    assert wait_for(lambda: client.get("/feed.atom").status_code == 200)
    for _ in range(5):
        assert feed_ids(client.get("/feed.atom")) == item_ids_on_disk(archive)
        assert sorted(harvest_ids(client)) == sorted(item_ids_on_disk(archive))
    time.sleep(catalog_module.FRESHNESS_INTERVAL + 0.2)
    client.get("/feed.atom")
    assert len(syncs) == 1  # built once, not on every request
    assert not (archive.root / CATALOG_NAME).exists()


def test_serve_starts_the_catalog_build_before_any_request(archive, gate):
    """What ``serve`` does at start (cli.py): the build is under way before a request comes."""
    remove_catalog(archive.root)
    app, client = client_of(archive)
    assert app.extensions["eurasec"]["archive"].catalog.refresh_in_background()
    assert gate.reading.wait(10)
    gate.set()
    assert wait_for(lambda: client.get("/feed.atom").status_code == 200)
    assert feed_ids(client.get("/feed.atom")) == item_ids_on_disk(archive)
