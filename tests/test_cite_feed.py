"""The Atom feed of newly added items, read back with feedparser."""

from __future__ import annotations

import feedparser
import pytest

from eurasec_archive.app import create_app


@pytest.fixture(scope="module")
def client(seeded_dir):
    return create_app({"ARCHIVE_DIR": str(seeded_dir), "TESTING": True}).test_client()


def read_feed(client, query=""):
    response = client.get("/feed.atom" + query)
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    feed = feedparser.parse(response.data)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_feed_lists_every_seed_newest_first(client, seeded_dir):
    from eurasec_archive.archive import Archive

    items = {i.id: i for i in Archive(seeded_dir).items()}
    feed = read_feed(client)
    assert feed.feed.title == "Eurasian Security Archive"
    links = [e.link for e in feed.entries]
    assert sorted(link.rsplit("/", 1)[1] for link in links) == sorted(items)
    published = [e.published for e in feed.entries]
    assert published == sorted(published, reverse=True)
    for entry in feed.entries:
        item = items[entry.link.rsplit("/", 1)[1]]
        assert entry.title == item.title and entry.id == entry.link
        assert entry.link == f"http://localhost/items/{item.id}"
        assert entry.summary


def test_feed_for_a_search_has_only_its_hits(client):
    hits = client.get("/api/search?q=Lavrov&per_page=100").get_json()["hits"]
    assert hits
    feed = read_feed(client, "?q=Lavrov")
    assert feed.feed.title.endswith(": Lavrov")
    assert {e.link.rsplit("/", 1)[1] for e in feed.entries} == {h["id"] for h in hits}
    assert read_feed(client, "?q=zzzqqqnothing").entries == []


def test_feed_with_a_bad_query_is_a_400(client):
    assert client.get("/feed.atom?q=x&from=not-a-date").status_code == 400
