"""The seeds' epigraph and speaker caption on the item page: the 1935 epigraph is shown as an
epigraph whose author is no speaker; "Name, Role:" before a quote is the quote's attribution,
not a body paragraph nor a search passage. Real seeded archive and index, the Flask test client;
assertions parse the HTML and JSON."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from eurasec_archive.app import create_app
from eurasec_archive.archive import Archive


def soup(client, path: str) -> BeautifulSoup:
    r = client.get(path)
    assert r.status_code == 200, path
    return BeautifulSoup(r.data, "html.parser")


@pytest.fixture(scope="module")
def seeds_client(seeded_dir):
    return create_app({"ARCHIVE_DIR": str(seeded_dir), "TESTING": True}).test_client()


def seed_item(seeded_dir, filename: str):
    return next(i for i in Archive(seeded_dir).items() if i.source.filename == filename)


def test_the_1935_epigraph_is_shown_as_an_epigraph_and_its_author_is_no_speaker(seeds_client, seeded_dir):
    item = seed_item(seeded_dir, "001_eef66c77e6030273.txt")
    page = soup(seeds_client, item.url)
    first = page.select_one(".body").find(class_="para")
    assert first.name == "figure" and "epigraph" in first["class"]
    assert "Litvinov" in first.figcaption.get_text()
    speakers = [a.get_text() for a in page.select("dd.speakers li a")]
    assert "Vladimir Putin" in speakers and "Maxim Litvinov" not in speakers


def test_a_speaker_caption_is_the_quotes_attribution_not_a_body_paragraph(seeds_client, seeded_dir):
    item = seed_item(seeded_dir, "002_e00304c3316c58ce.txt")
    page = soup(seeds_client, item.url)
    body = page.select_one(".body")
    paragraphs = [p.get_text(" ", strip=True) for p in body.select("p.para")]
    assert paragraphs and not any("Russian Foreign Minister:" in t for t in paragraphs)
    captions = [f.figcaption.get_text(strip=True) for f in body.select("figure.quote") if f.figcaption]
    assert "— Sergey Lavrov, Russian Foreign Minister" in captions
    # a search for the caption's words finds the item, and no passage shown is the caption line
    hits = seeds_client.get('/api/search?q="Russian Foreign Minister"').get_json()["hits"]
    (mine,) = [h for h in hits if h["id"] == item.id]
    shown = [re.sub(r"<[^>]+>", "", x["html"]).strip() for x in mine["highlights"]]
    assert shown and not any(t.endswith("Minister:") or t.endswith("Minister") for t in shown)
