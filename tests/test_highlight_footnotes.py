"""A number in a query marks that number where the text writes it as a word, never a
footnote reference: ``alert(1)`` used to mark the "1" of every "[1]" the importers write
after a sentence (and of a note's own "[1] …"), which also broke the item page's link from
the reference to its note (the <mark> sat inside the brackets the link is found by)."""

from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup
from conftest import DATA

from eurasec_archive.app import create_app
from eurasec_archive.index import word_spans

SAMPLE = DATA / "docx" / "minsk_statement_en.docx"  # "…security of others.[1]", notes "[1] …"


@pytest.fixture
def client(store, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(SAMPLE, docs / SAMPLE.name)
    store.import_paths(docs)
    (item,) = list(store.archive.items())
    return create_app({"ARCHIVE_DIR": str(store.root), "TESTING": True}).test_client(), item


def marked(node) -> list[str]:
    return [m.get_text() for m in node.find_all("mark")]


def test_a_footnote_reference_is_not_marked_and_stays_linked_on_the_item_page(client):
    client, item = client
    page = BeautifulSoup(client.get(f"{item.url}?q=security(1)").data, "html.parser")
    ref_para = next(p for p in item.paragraphs if p.kind == "paragraph" and p.text.endswith("[1]"))
    node = page.find(id=ref_para.id)
    assert "1" not in marked(node) and "security" in [w.lower() for w in marked(node)]
    (link,) = node.select("a.fnref")
    assert link.get_text() == "[1]" and link["href"] == "#" + next(
        p.id for p in item.paragraphs if p.kind == "footnote" and p.note == "1")
    note = page.find(id=link["href"][1:])
    assert "1" not in marked(note)
    # where the text writes the number as a word, it is marked
    word_para = next(p for p in item.paragraphs if p.text.startswith("Paragraph 1 of"))
    assert "1" in marked(page.find(id=word_para.id))


def test_search_passages_do_not_mark_footnote_numbers(client):
    client, item = client
    data = client.get("/api/search", query_string={"q": "alert(1) others"}).get_json()
    (hit,) = [h for h in data["hits"] if h["id"] == item.id]
    htmls = [BeautifulSoup(p["html"], "html.parser") for p in hit["highlights"]]
    assert any("others" in marked(h) for h in htmls)
    for h in htmls:
        for m in h.find_all("mark"):
            before, after = m.previous_sibling, m.next_sibling
            assert not (m.get_text().isdigit() and str(before or "").endswith("[")
                        and str(after or "").startswith("]")), h


@pytest.mark.parametrize(("text", "expected"), [
    ("others.[1] Level 1 alert", ["1"]),
    ("[12] and 12 and [12a]", ["12"]),  # "12a" is another word
    ("see [1], [2] and 2", ["2"]),
])
def test_word_spans_skip_bracketed_reference_numbers(text, expected):
    spans = word_spans(text, {"1", "12", "2"})
    assert [text[s:e] for s, e in spans] == expected
    assert all(not (text[s - 1:s] == "[" and text[e:e + 1] == "]") for s, e in spans)
