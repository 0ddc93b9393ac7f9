"""One corrupt item file broke things for everyone: CSV/JSONL exports stopped there with
HTTP 200 and a header claiming the full count, /feed.atom, OAI ListRecords and the search page
containing the item answered 500. Now it is skipped with a logged warning, counted honestly,
and the item's own pages say what is wrong with a 503."""

from __future__ import annotations

import csv
import io
import json
import logging

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from lxml import etree

from eurasec_archive.app import create_app
from eurasec_archive.cli import main

ATOM = "{http://www.w3.org/2005/Atom}"
OAI = "{http://www.openarchives.org/OAI/2.0/}"


@pytest.fixture
def damaged(seeded):
    """The seeded archive with one item file overwritten by garbage; (store, damaged id)."""
    victim = next(i for i in seeded.archive.items() if "Minsk" in i.body_text())
    seeded.archive.item_path(victim.id).write_bytes(b'{"id": "' + victim.id.encode() + b'", "tit\x00')
    return seeded, victim.id


@pytest.fixture
def client(damaged):
    store, _ = damaged
    return create_app({"ARCHIVE_DIR": str(store.root)}).test_client()


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_exports_skip_a_corrupt_item_and_count_it(damaged, client, fmt, caplog):
    store, victim = damaged
    with caplog.at_level(logging.WARNING):
        response = client.get("/api/search", query_string={"format": fmt, "q": "Minsk"})
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    if fmt == "csv":
        ids = [row["id"] for row in csv.DictReader(io.StringIO(text, newline=""))]
    else:
        ids = [json.loads(line)["id"] for line in text.splitlines()]
    assert victim not in ids and ids
    assert response.headers["X-Export-Count"] == str(len(ids))
    assert response.headers["X-Skipped-Count"] == "1"
    assert any(victim in r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING)


def test_cli_export_skips_a_corrupt_item_says_so_and_exits_1(damaged):
    store, victim = damaged
    result = CliRunner().invoke(main, ["--archive-dir", str(store.root), "export", "--format", "jsonl"])
    lines = [ln for ln in result.stdout.splitlines() if ln.startswith("{")]
    assert len(lines) == 4 and all(json.loads(ln)["id"] != victim for ln in lines)
    assert result.exit_code == 1
    assert "skipped 1 unreadable item" in result.stderr and victim in result.stderr


def test_feed_oai_and_search_page_keep_working(damaged, client):
    store, victim = damaged
    feed = client.get("/feed.atom")
    assert feed.status_code == 200
    entries = etree.fromstring(feed.data).findall(f"{ATOM}entry")
    assert len(entries) == 4
    oai = client.get("/oai?verb=ListRecords&metadataPrefix=oai_dc")
    assert oai.status_code == 200
    records = etree.fromstring(oai.data).findall(f".//{OAI}record")
    assert len(records) == 4
    page = client.get("/?q=Minsk")
    assert page.status_code == 200
    links = [a["href"] for a in BeautifulSoup(page.data, "html.parser").find_all("a", href=True)]
    assert not any(href.startswith(f"/items/{victim}") for href in links)
    api = client.get("/api/search?q=Minsk")
    assert api.status_code == 200 and victim not in [h["id"] for h in api.get_json()["hits"]]


def test_the_corrupt_items_own_pages_answer_503_with_a_message(damaged, client):
    store, victim = damaged
    for path in (f"/items/{victim}", f"/items/{victim}.json", f"/items/{victim}/cite",
                 f"/items/{victim}/original"):
        response = client.get(path)
        assert response.status_code == 503, path
    error = client.get(f"/items/{victim}.json").get_json()["error"]
    assert error["code"] == "unreadable_item" and "damaged" in error["message"]


def test_verify_names_the_corrupt_item(damaged):
    store, victim = damaged
    result = CliRunner().invoke(main, ["--archive-dir", str(store.root), "verify"])
    assert result.exit_code == 1
    assert f"{victim}.json: item file unreadable" in result.output
