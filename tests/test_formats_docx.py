"""DOCX import: headings, lists, quotes, tables and footnotes as paragraph kinds, the core
properties as metadata, zip bombs and broken packages refused in one line. Samples: LibreOffice
exports (tests/data/make_format_samples.py) and documents written here with python-docx, whose
default template carries Word's own style names."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import datetime

import docx
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from conftest import DATA

from eurasec_archive.app import create_app
from eurasec_archive.cli import main
from eurasec_archive.errors import ImportFailed
from eurasec_archive.formats import DOCX
from eurasec_archive.importer import parse_document

DOCS = DATA / "docx"


def parse(path):
    return parse_document(path.read_bytes(), path.name)


def test_libreoffice_docx_structure_footnotes_and_core_properties():
    item = parse(DOCS / "minsk_statement_en.docx")
    assert item.source.media_type == DOCX
    assert item.title == "Joint Statement on the Minsk Conference on Eurasian Security"
    assert item.authors == ["Anna Petrova"]
    assert item.date == "2025-06-09"
    headings = [p.text for p in item.paragraphs if p.kind == "heading"]
    assert headings == ["1. Principles", "2. Work programme", "3. Confidence-building measures", "4. Next meeting"]
    (bullets,) = [p for p in item.paragraphs if p.kind == "list"]
    assert len(bullets.items) == 3 and bullets.items[0] == "respect for sovereignty and territorial integrity;"
    (table,) = [p for p in item.paragraphs if p.kind == "table"]
    assert table.rows == [["Body", "Task", "Deadline"], ["Expert group", "Draft charter text", "March 2026"],
                          ["Deputy ministers", "Review and consultation", "June 2026"],
                          ["Ministers", "Adoption", "Autumn 2026"]]
    notes = [p for p in item.paragraphs if p.kind == "footnote"]
    assert [(n.note, n.text) for n in notes] == [
        ("1", "[1] Final document of the second Minsk conference, section 2."),
        ("2", "[2] Proposal circulated by the Belarusian delegation on 8 June 2025.")]
    marked = [p for p in item.paragraphs if p.kind == "paragraph" and "[1]" in p.text]
    assert [p.text[-21:] for p in marked] == ["ecurity of others.[1]"]
    assert all(p.page is None for p in item.paragraphs)  # a DOCX has no fixed pages


def test_the_same_document_as_pdf_and_docx_gives_the_same_text():
    pdf = parse_document((DATA / "pdf" / "minsk_statement_en.pdf").read_bytes(), "s.pdf")
    word = parse(DOCS / "minsk_statement_en.docx")
    as_pdf = [(p.kind, p.text) for p in pdf.paragraphs if p.kind != "footnote"]
    as_word = [(p.kind, p.text) for p in word.paragraphs if p.kind != "footnote"]
    assert as_pdf == as_word


def test_russian_docx():
    item = parse(DOCS / "consultations_ru.docx")
    assert item.language == "ru" and item.authors == ["Иван Смирнов"]
    assert [p.kind for p in item.paragraphs] == ["paragraph", "heading", "list", "paragraph", "table", "footnote"]
    assert item.paragraphs[-1].text == "[1] Формулировка восходит к документам ОБСЕ."


def word_document(**core) -> bytes:
    d = docx.Document()
    d.add_heading("Briefing notes on the Eurasian Charter", level=1)
    d.add_paragraph("The deputy ministers discussed the draft charter and the timetable for comments.")
    d.add_heading("Positions", level=2)
    d.add_paragraph("Consultations with the expert group", style="List Bullet")
    d.add_paragraph("Comments from academic institutions", style="List Bullet")
    d.add_paragraph("Security in Eurasia can only be built together.", style="Quote")
    t = d.add_table(rows=2, cols=2)
    for r, row in enumerate([["Step", "Date"], ["Draft", "2026"]]):
        for c, v in enumerate(row):
            t.cell(r, c).text = v
    for k, v in core.items():
        setattr(d.core_properties, k, v)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_word_style_names_map_to_kinds_and_a_login_name_is_not_an_author():
    item = parse_document(word_document(author="jsmith", title="", created=datetime(2024, 11, 5, 9, 0)), "n.docx")
    assert item.title == "Briefing notes on the Eurasian Charter"  # the opening heading, as no title is set
    assert [p.kind for p in item.paragraphs] == ["paragraph", "heading", "list", "quote", "table"]
    assert item.paragraphs[2].items == ["Consultations with the expert group", "Comments from academic institutions"]
    assert item.authors == []
    # no date printed in the text: the core properties' creation date, said to be so
    assert (item.date, item.date_source) == ("2024-11-05", "document-metadata")


def test_core_title_is_used_and_a_generator_title_is_not():
    item = parse_document(word_document(title="Notes for the press", author="Olga Ivanova"), "n.docx")
    assert item.title == "Notes for the press" and item.authors == ["Olga Ivanova"]
    assert item.paragraphs[0].kind == "heading"  # the heading differs from the title, so it stays
    item = parse_document(word_document(title="Microsoft Word - notes.docx"), "n.docx")
    assert item.title == "Briefing notes on the Eurasian Charter"


def test_zip_bomb_inside_a_docx_is_refused_after_max_bytes():
    data = (DATA / "bad" / "zip_bomb.docx").read_bytes()
    assert len(data) < 300_000
    with pytest.raises(ImportFailed) as e:
        parse_document(data, "zip_bomb.docx", max_bytes=5_000_000)
    assert e.value.message == ("zip_bomb.docx: word/document.xml expands past 5000000 bytes "
                               "(a zip bomb? refused; see --max-bytes)")


@pytest.mark.parametrize("data, reason", [
    (b"PK\x03\x04" + b"\0" * 200, "not a valid zip package"),
    (b"plain text pretending", "not a valid zip package"),
])
def test_broken_docx_fails_in_one_line(data, reason):
    with pytest.raises(ImportFailed) as e:
        parse_document(data, "minutes.docx")
    assert e.value.message.startswith(f"minutes.docx: {reason}") and "\n" not in e.value.message


def test_a_zip_that_is_not_a_word_document_fails_in_one_line():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("content.xml", "<x/>")
    with pytest.raises(ImportFailed, match=r"^minutes\.docx: not a valid package: it has no word/document\.xml$"):
        parse_document(buf.getvalue(), "minutes.docx")


def test_docx_through_cli_and_item_page(tmp_path):
    archive = tmp_path / "archive"
    result = CliRunner().invoke(main, ["--archive-dir", str(archive), "import", str(DOCS)])
    assert result.exit_code == 0, result.output
    assert "imported 2, updated 0, unchanged 0, failed 0" in result.stdout
    client = create_app({"ARCHIVE_DIR": str(archive), "TESTING": True}).test_client()
    item_id = "2025-03-14-zaiavlenie-dlia-pressy-po-itogam-konsultatsii"
    soup = BeautifulSoup(client.get(f"/items/{item_id}").data, "html.parser")
    assert soup.select_one("h1#item-title").get_text() == "Заявление для прессы по итогам консультаций"
    assert [c.get_text() for c in soup.select("div.table-wrap thead th")] == ["Мероприятие", "Срок"]
    assert soup.select_one("p.footnote").get_text(" ", strip=True).startswith("[1] Формулировка")
    assert not soup.select("a.page-link")
    data = json.loads(client.get(f"/items/{item_id}.json").data)
    assert data["source"]["media_type"] == DOCX
    original = client.get(f"/items/{item_id}/original")
    assert original.data == (DOCS / "consultations_ru.docx").read_bytes()
