"""A quotation signed at its line's end ("“…” ― Name", the horizontal bar or a dash) is a quote
whose attribution is the signature and whose speaker is the signer; the signer is not listed as a
speaker of the document by that alone (no one is reported speaking). The item page shows the
signature once, not a doubled dash. Texts written for these tests; real tmp archive, index and
Flask test client; assertions parse the HTML."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from eurasec_archive.app import create_app
from eurasec_archive.archive import Archive
from eurasec_archive.extract import extract_metadata
from eurasec_archive.normalize import normalize_text

LETTERS = """Harbor letters

After the vote on the tolls, readers of the harbor weekly sent us what they think of the new budget.

“The tolls will ruin every small family business on the docks before the winter is over.” ― Marta Quillen

“Nobody asked the dockers before the board voted, and nobody will ask them next year either.” — Tom B. Arkwright, a crane driver.

“The cranes are older than my father and the board still wants more money for them.” ― Oscar P. Lindqvist

The board will meet again in March, said Agnes Whitfield, its treasurer.
"""


def test_a_quote_signed_with_a_horizontal_bar_is_the_signers():
    draft = normalize_text(LETTERS)
    quotes = [p for p in draft.paragraphs if p.kind == "quote"]
    assert [p.attribution.lstrip("—–― ") for p in quotes] == ["Marta Quillen", "Tom B. Arkwright, a crane driver",
                                                              "Oscar P. Lindqvist"]
    meta = extract_metadata(draft)
    by_text = {q.text.split()[1]: q.speaker for q in meta["quotes"]}
    assert by_text["tolls"] == "Marta Quillen"
    assert by_text["asked"] == "Tom B. Arkwright"
    assert by_text["cranes"] == "Oscar P. Lindqvist"  # the whole signed name
    speakers = {s.name for s in meta["speakers"]}
    assert "Agnes Whitfield" in speakers
    assert not speakers & {"Marta Quillen", "Tom B. Arkwright"}


def test_a_dash_inside_a_paragraph_is_no_signature():
    draft = normalize_text("Harbor letters\n\n“We will see,” the treasurer said — and the dockers left the "
                           "hall before the vote on the tolls was taken.")
    assert [p.kind for p in draft.paragraphs if p.text.startswith("“We will see")] == ["paragraph"]


@pytest.fixture
def letters_page(store, tmp_path):
    src = tmp_path / "letters.txt"
    src.write_text(LETTERS, "utf-8")
    store.import_paths(src)
    (item,) = list(Archive(store.root).items())
    client = create_app({"ARCHIVE_DIR": str(store.root), "TESTING": True}).test_client()
    r = client.get(item.url)
    assert r.status_code == 200
    return BeautifulSoup(r.data, "html.parser")


def test_the_item_page_shows_the_signature_once(letters_page):
    captions = [f.figcaption.get_text(strip=True) for f in letters_page.select(".body figure.quote") if f.figcaption]
    assert captions == ["— Marta Quillen", "— Tom B. Arkwright, a crane driver", "— Oscar P. Lindqvist"]
