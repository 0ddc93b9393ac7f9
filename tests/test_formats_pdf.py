"""PDF import: structure in reading order, page numbers on paragraphs, metadata, scans and
malformed files refused in one line, page-level citations and the viewer link, through the
real importer, CLI and Flask app. The samples are LibreOffice exports
(tests/data/make_format_samples.py)."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from conftest import DATA
from pypdf import PdfReader

from eurasec_archive.app import create_app
from eurasec_archive.cli import main
from eurasec_archive.errors import ImportFailed
from eurasec_archive.importer import media_type_of, parse_document

PDF = DATA / "pdf"
BAD = DATA / "bad"


def parse(path):
    return parse_document(path.read_bytes(), path.name)


@pytest.fixture(scope="module")
def statement():
    return parse(PDF / "minsk_statement_en.pdf")


def test_pdf_is_recognized_by_name_and_by_its_magic_bytes():
    data = (PDF / "minsk_statement_en.pdf").read_bytes()
    assert media_type_of("a.pdf", data)[0] == "application/pdf"
    assert media_type_of("download", data)[0] == "application/pdf"


def test_headings_lists_tables_and_footnotes_in_reading_order(statement):
    kinds = [p.kind for p in statement.paragraphs]
    headings = [p.text for p in statement.paragraphs if p.kind == "heading"]
    assert headings == ["1. Principles", "2. Work programme", "3. Confidence-building measures", "4. Next meeting"]
    assert kinds[:5] == ["paragraph", "heading", "paragraph", "paragraph", "list"]
    (bullets,) = [p for p in statement.paragraphs if p.kind == "list"]
    assert bullets.items == ["respect for sovereignty and territorial integrity;",
                             "peaceful settlement of disputes through negotiation;",
                             "refusal to place strategic weapons near the borders of other participants."]
    (table,) = [p for p in statement.paragraphs if p.kind == "table"]
    assert table.rows[0] == ["Body", "Task", "Deadline"]
    assert table.rows[-1] == ["Ministers", "Adoption", "Autumn 2026"]
    notes = [p for p in statement.paragraphs if p.kind == "footnote"]
    assert [n.note for n in notes] == ["1", "2"]
    assert notes[0].text == "[1] Final document of the second Minsk conference, section 2."
    # the reference in the text is marked where the superscript was
    assert statement.paragraphs[2].text.endswith("at the expense of the security of others.[1]")


def test_lines_are_joined_into_whole_paragraphs(statement):
    body = [p for p in statement.paragraphs if p.kind == "paragraph"]
    assert body[0].text == ("Minsk, 9 June 2025 — The foreign ministers of the participating states met in Minsk "
                            "for the third conference on Eurasian security and adopted the following statement "
                            "after two days of talks.")
    repeated = [p for p in body if p.text.startswith("Paragraph ")]
    assert [p.text.split()[1] for p in repeated] == [str(n) for n in range(1, 15)]
    assert all(p.text.endswith("so that paragraphs land on several pages.") for p in repeated)


def test_every_paragraph_knows_its_page_and_a_paragraph_cut_by_a_page_break_keeps_its_first(statement):
    pages = len(PdfReader(PDF / "minsk_statement_en.pdf").pages)
    assert statement.source.pages == pages == 4
    assert all(1 <= p.page <= pages for p in statement.paragraphs)
    page_of = {p.text: p.page for p in statement.paragraphs}
    assert page_of["1. Principles"] == 1
    assert page_of["3. Confidence-building measures"] == 2  # after a hard page break
    assert page_of["4. Next meeting"] == 4
    # the page numbers never go backwards in reading order
    assert [p.page for p in statement.paragraphs] == sorted(p.page for p in statement.paragraphs)
    # paragraph 12 starts on page 2 and ends on page 3 (past the page-2 footnote): one paragraph
    twelve = next(p for p in statement.paragraphs if p.text.startswith("Paragraph 12 "))
    assert twelve.page == 2 and twelve.text.endswith("land on several pages.")
    assert any(p.page == 3 for p in statement.paragraphs)


def test_document_metadata_gives_title_and_author_and_the_printed_date_wins(statement):
    assert statement.title == "Joint Statement on the Minsk Conference on Eurasian Security"
    assert statement.authors == ["Anna Petrova"]
    # the PDF's CreationDate is the export time; the dateline printed on the document wins
    assert statement.date == "2025-06-09" and statement.date_source == "text"
    assert statement.source.media_type == "application/pdf"
    assert statement.paragraphs[0].text != statement.title  # the title is not repeated as body


def test_without_a_printed_date_the_pdf_creation_date_is_used():
    data = (BAD / "joint_vision.pdf").read_bytes()  # no dateline, no /CreationDate
    item = parse_document(data, "joint_vision.pdf")
    assert item.date is None and item.paragraphs[0].text == "Joint Vision of the Eurasian Charter"
    stamped = data.replace(b"trailer << /Size 6 /Root 1 0 R >>",
                           b"trailer << /Size 7 /Root 1 0 R /Info 6 0 R >>").replace(
        b"\nxref", b"\n6 0 obj << /CreationDate (D:20250301120000+03'00') /Author (jsmith) >> endobj\nxref")
    item = parse_document(stamped, "joint_vision.pdf")
    assert (item.date, item.date_precision, item.date_source) == ("2025-03-01", "day", "document-metadata")
    assert item.authors == []  # a login name is not an author


def test_russian_pdf_keeps_cyrillic_text_and_structure():
    item = parse(PDF / "consultations_ru.pdf")
    assert item.language == "ru"
    assert item.title == "Заявление для прессы по итогам консультаций"
    assert item.authors == ["Иван Смирнов"]
    assert item.date == "2025-03-14"
    assert [p.kind for p in item.paragraphs] == ["paragraph", "heading", "list", "paragraph", "table", "footnote"]
    assert "неделима.[1] Следующий раунд" in item.paragraphs[3].text


@pytest.mark.parametrize("name, reason", [
    ("scanned_statement.pdf", "PDF has no text layer (a scanned document; OCR is not enabled)"),
    ("truncated.pdf", "not a readable PDF"),
])
def test_scans_and_malformed_pdfs_fail_in_one_line(name, reason):
    with pytest.raises(ImportFailed) as e:
        parse(BAD / name)
    assert e.value.message.startswith(f"{name}: {reason}")
    assert "\n" not in e.value.message and len(e.value.message) < 300


def test_random_bytes_named_pdf_fail_in_one_line():
    with pytest.raises(ImportFailed, match=r"^x\.pdf: not a readable PDF"):
        parse_document(b"%PDF-1.7\n" + bytes(range(256)) * 20, "x.pdf")


@pytest.fixture(scope="module")
def pdf_archive(tmp_path_factory):
    root = tmp_path_factory.mktemp("pdf") / "archive"
    result = CliRunner().invoke(main, ["--archive-dir", str(root), "import", str(PDF)])
    assert result.exit_code == 0, result.output
    return root


def test_cli_imports_pdfs_and_shows_pages_in_json(pdf_archive):
    out = CliRunner().invoke(main, ["--archive-dir", str(pdf_archive), "search", "hotline", "--json"])
    hits = json.loads(out.stdout)["hits"]
    assert [h["id"] for h in hits] == ["2025-06-09-joint-statement-on-the-minsk-conference-on-eurasian-security"]
    shown = CliRunner().invoke(main, ["--archive-dir", str(pdf_archive), "show", hits[0]["id"], "--json"])
    item = json.loads(shown.stdout)
    assert item["source"]["pages"] == 4
    assert {p["page"] for p in item["paragraphs"]} == {1, 2, 3, 4}


def test_citation_of_a_pdf_paragraph_names_its_page(pdf_archive):
    item_id = "2025-06-09-joint-statement-on-the-minsk-conference-on-eurasian-security"
    shown = json.loads(CliRunner().invoke(main, ["--archive-dir", str(pdf_archive), "show", item_id, "--json"]).stdout)
    on_page_2 = next(p["id"] for p in shown["paragraphs"] if p["page"] == 2)
    apa = CliRunner().invoke(main, ["--archive-dir", str(pdf_archive), "cite", item_id, "--format", "apa",
                                    "--paragraph", on_page_2])
    assert apa.exit_code == 0, apa.output
    assert "p. 2" in apa.stdout and "para." not in apa.stdout
    csl = json.loads(CliRunner().invoke(main, ["--archive-dir", str(pdf_archive), "cite", item_id,
                                               "--format", "csl-json"]).stdout)
    assert csl[0]["number-of-pages"] == "4"


def test_item_page_links_each_page_to_the_pdf_viewer(pdf_archive):
    client = create_app({"ARCHIVE_DIR": str(pdf_archive), "TESTING": True}).test_client()
    item_id = "2025-06-09-joint-statement-on-the-minsk-conference-on-eurasian-security"
    soup = BeautifulSoup(client.get(f"/items/{item_id}").data, "html.parser")
    links = [a["href"] for a in soup.select("a.page-link")]
    assert links == [f"/items/{item_id}/original#page={n}" for n in (1, 2, 3, 4)]
    # the marker sits on the first paragraph of each page
    first_on_2 = soup.select("a.page-link")[1].find_parent(class_="para")
    shown = json.loads(client.get(f"/items/{item_id}.json").data)
    assert first_on_2["id"] == next(p["id"] for p in shown["paragraphs"] if p["page"] == 2)
    assert soup.select_one("dd.pages a.pdf-view")["href"] == f"/items/{item_id}/original#page=1"
    original = client.get(f"/items/{item_id}/original")
    assert original.status_code == 200 and original.mimetype == "application/pdf"
    assert original.data == (PDF / "minsk_statement_en.pdf").read_bytes()
    assert "sandbox" not in original.headers["Content-Security-Policy"]
    assert original.headers["X-Content-Type-Options"] == "nosniff"


def test_item_page_of_a_pdf_names_its_pdf_for_reference_managers(pdf_archive):
    client = create_app({"ARCHIVE_DIR": str(pdf_archive), "TESTING": True}).test_client()
    item_id = "2025-06-09-joint-statement-on-the-minsk-conference-on-eurasian-security"
    soup = BeautifulSoup(client.get(f"/items/{item_id}").data, "html.parser")
    (tag,) = soup.select('meta[name="citation_pdf_url"]')
    assert tag["content"] == f"http://localhost/items/{item_id}/original"


def test_page_numbers_in_the_margins_are_dropped_arabic_and_roman():
    from eurasec_archive.formats.pdf import Line, Run, _drop_running_lines

    body = "A line of body text in the middle of the page, long enough to be one."
    lines = []
    for page, number in ((1, "iii"), (2, "iv"), (3, "Page 5 of 9"), (4, "- 6 -")):
        lines += [Line(page=page, runs=[Run(x=72, y=700, size=12, text=body)]),
                  Line(page=page, runs=[Run(x=72, y=400, size=12, text="i")]),  # in the body: kept
                  Line(page=page, runs=[Run(x=297, y=30, size=10, text=number)])]
    kept = [ln.text for ln in _drop_running_lines(lines, 4)]
    assert kept == [body, "i"] * 4


def test_two_columns_read_column_by_column_and_a_paragraph_broken_by_the_column_is_one():
    item = parse(PDF / "two_columns_en.pdf")
    body = [p.text for p in item.paragraphs if p.kind == "paragraph"]
    assert [t.split()[2] for t in body] == [str(n) for n in range(1, 14)]
    assert all(t.endswith(("column of text.", "sees all the time.")) for t in body)
