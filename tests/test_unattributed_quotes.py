"""A quotation with no confident speaker is kept with ``speaker: null``
(shown on its item, never on a person's page, no speaker facet value). Real tmp archive, real
index, the Flask test client; assertions parse the HTML and JSON."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from eurasec_archive.app import create_app
from eurasec_archive.archive import Archive

HARBOR = """Harbor vote

The harbor board met on Monday in Portsmouth to vote on the new budget of the port.

Viktor Halloran, the chairman of the board, arrived late. Outside the hall a banner carried by the dockers read “The budget is a scandal that nobody here will ever forget”.

“We will publish every figure before the vote,” said Agnes Whitfield, the treasurer of the board.
"""


def soup(client, path: str) -> BeautifulSoup:
    r = client.get(path)
    assert r.status_code == 200, path
    return BeautifulSoup(r.data, "html.parser")


@pytest.fixture
def harbor(store, tmp_path):
    src = tmp_path / "harbor.txt"
    src.write_text(HARBOR, "utf-8")
    store.import_paths(src)
    (item,) = list(Archive(store.root).items())
    client = create_app({"ARCHIVE_DIR": str(store.root), "TESTING": True}).test_client()
    return client, item


def test_a_quote_without_a_confident_speaker_is_kept_with_speaker_null(harbor):
    client, item = harbor
    data = client.get(f"{item.url}.json").get_json()
    banner = [q for q in data["quotes"] if q["text"].startswith("The budget is a scandal")]
    assert len(banner) == 1
    assert (banner[0]["speaker"], banner[0]["cue"], banner[0]["direct"]) == (None, None, True)
    # neither the person named beside it nor the one who speaks later is given it
    said = {q["text"]: q["speaker"] for q in data["quotes"] if q["speaker"]}
    assert said == {"We will publish every figure before the vote": "Agnes Whitfield"}
    assert [s["name"] for s in data["speakers"]] == ["Agnes Whitfield"]

    # the item page shows it, in the paragraph the quote names
    page = soup(client, item.url)
    para = page.find(id=banner[0]["paragraph"])
    assert "The budget is a scandal that nobody here will ever forget" in para.get_text()
    assert [a.get_text() for a in page.select("dd.speakers li a")] == ["Agnes Whitfield"]


def test_an_unattributed_quote_is_on_no_persons_page_and_no_speaker_value(harbor):
    client, item = harbor
    assert client.get("/speakers/viktor-halloran").status_code == 404
    person = soup(client, "/people/viktor-halloran")
    assert person.select(".quotes li") == []
    speaker = soup(client, "/speakers/agnes-whitfield")
    shown = [li.blockquote.get_text(strip=True) for li in speaker.select(".quotes li")]
    assert shown == ["We will publish every figure before the vote"]
    values = [v["value"] for v in client.get("/api/search?q=").get_json()["facets"]["speaker"]]
    assert "Agnes Whitfield" in values
    assert not any(v in (None, "", "None", "null") for v in values)
    browse = soup(client, "/speakers")
    assert [li.a.get_text() for li in browse.select(".browse-list li")] == ["Agnes Whitfield"]
