"""File -> Item for every supported format and encoding, and the reasons bad files fail."""

from __future__ import annotations

import gzip
import hashlib

import pytest
from conftest import DATA, SEEDS

from eurasec_archive.errors import ImportFailed
from eurasec_archive.importer import media_type_of, parse_document

HTML = DATA / "html"
TEXT = DATA / "text"
BAD = DATA / "bad"


def parse(path, **kwargs):
    return parse_document(path.read_bytes(), path.name, **kwargs)


@pytest.mark.parametrize("name, encoding, language, date, date_source", [
    ("mfa_statement_en.html", "utf-8", "en", "2025-10-28", "json-ld"),
    ("valdai_analysis_en.html", "utf-8", "en", "2025-11-12", "html-meta"),
    ("valdai_analysis_en.html.gz", "utf-8", "en", "2025-11-12", "html-meta"),
    ("belta_en_utf8_bom.html", "utf-8-sig", "en", "2025-10-27", "html-meta"),
    ("belta_ru_cp1251.html", "cp1251", "ru", "2025-11-20", "json-ld"),
    ("sb_ru_koi8r.html", "koi8-r", "ru", "2025-10-29", "html-meta"),
    ("odkb_ru_nocharset_cp1251.htm", "cp1251", "ru", None, "none"),
    ("blog_nometa_en.html", "utf-8", "en", None, "none"),
])
def test_html_pages_import_with_encoding_language_and_date(name, encoding, language, date,
                                                          date_source):
    item = parse(HTML / name)
    assert item.source.media_type == "text/html"
    assert item.source.encoding == encoding
    assert item.language == language
    assert (item.date, item.date_source) == (date, date_source)
    assert item.paragraphs and all(p.id == f"p{n}" for n, p in enumerate(item.paragraphs, 1))


def test_russian_text_is_decoded_and_stored_as_nfc():
    item = parse(HTML / "belta_ru_cp1251.html")
    assert item.title == "Рыженков: евразийская хартия должна стать общим документом для всего континента"
    assert "Евразийская хартия многообразия" in item.paragraphs[0].text
    assert "Ольга Михайлова" in item.authors
    decomposed = "\u0438\u0306"  # и + combining breve, as some editors save й
    html = (HTML / "belta_ru_cp1251.html").read_bytes().decode("cp1251").replace(
        "работа над текстом", f"работа над текстом мой{decomposed}")
    nfc = parse_document(html.encode("utf-8"), "nfc.html")
    assert "мойй" in nfc.paragraphs[1].text


def test_koi8r_page_entities_and_metadata():
    item = parse(HTML / "sb_ru_koi8r.html")
    assert item.title == "Лавров: архитектура евразийской безопасности открыта для всех"
    assert item.authors == ["Игорь Петров"]
    assert any("«Мы предлагаем систему" in p.text for p in item.paragraphs)


def test_gzip_page_is_the_same_document_as_the_plain_one():
    plain, packed = parse(HTML / "valdai_analysis_en.html"), parse(HTML / "valdai_analysis_en.html.gz")
    assert [p.to_json() for p in plain.paragraphs] == [p.to_json() for p in packed.paragraphs]
    assert packed.source.sha256 == hashlib.sha256(
        (HTML / "valdai_analysis_en.html.gz").read_bytes()).hexdigest()


@pytest.mark.parametrize("name, encoding, language", [
    ("capture_utf16.txt", "utf-16", "en"),
    ("capture_ru_cp1251.txt", "cp1251", "ru"),
    ("capture_ru_koi8r.txt", "koi8_r", "ru"),
])
def test_text_captures_in_other_encodings(name, encoding, language):
    item = parse(TEXT / name)
    assert item.source.media_type == "text/plain"
    assert item.source.encoding.replace("-", "_") == encoding.replace("-", "_")
    assert item.language == language
    assert item.date_source == "header"


def test_utf16_capture_keeps_structure():
    item = parse(TEXT / "capture_utf16.txt")
    assert item.date == "2025-11-21"
    assert [p.kind for p in item.paragraphs] == ["paragraph", "paragraph", "heading", "paragraph"]
    assert "\r" not in item.body_text()


def test_utf16_html_without_bom_is_decoded():
    html = (HTML / "mfa_statement_en.html").read_text("utf-8").replace('charset="utf-8"', "")
    item = parse_document(html.encode("utf-16-le"), "utf16.html")
    assert item.title.startswith("Foreign Minister Sergey Lavrov")


def test_truncated_html_imports_what_arrived():
    item = parse(BAD / "truncated_mid_article.html")
    assert item.date == "2025-10-28"
    assert [p.kind for p in item.paragraphs][-2:] == ["paragraph", "list"]
    assert "Integration structures" not in item.body_text()


@pytest.mark.parametrize("name, reason", [
    ("empty.html", "empty file"),
    ("whitespace_only.txt", "empty file"),
    ("garbage.html", "binary or undecodable"),
    ("camera_dump.txt", "binary or undecodable"),
    ("truncated.pdf", "not a readable PDF"),
    ("not_really.html.gz", "not a valid gzip file"),
    ("truncated_in_head.html", "no article text found"),
])
def test_bad_files_fail_with_a_reason_naming_the_file(name, reason):
    with pytest.raises(ImportFailed) as e:
        parse(BAD / name)
    assert e.value.message.startswith(f"{name}: ")
    assert reason in e.value.message
    assert "\n" not in e.value.message


def test_gzip_bomb_is_refused_without_expanding_it():
    bomb = gzip.compress(b"\0" * (8 * 1024 * 1024), mtime=0)
    assert len(bomb) < 64 * 1024
    with pytest.raises(ImportFailed, match="gzip expands to more than 1000000 bytes"):
        parse_document(bomb, "bomb.html.gz", max_bytes=1_000_000)


def test_spreadsheet_is_unsupported():
    with pytest.raises(ImportFailed, match="unsupported file type '.xlsx'"):
        parse_document(b"PK\x03\x04" + b"\0" * 200, "minutes.xlsx")


def test_html_sniffed_without_extension():
    media_type, _ = media_type_of("page", (HTML / "mfa_statement_en.html").read_bytes())
    assert media_type == "text/html"


def test_reparsing_gives_identical_paragraphs_and_ids():
    for path in [*sorted(SEEDS.iterdir()), *sorted(HTML.iterdir())]:
        a, b = parse(path), parse(path)
        assert a.id == b.id
        assert [p.to_json() for p in a.paragraphs] == [p.to_json() for p in b.paragraphs]


def test_a_long_import_commits_to_the_index_in_batches(store):
    """Items become searchable while the import runs, not only at its end."""
    from conftest import SEEDS

    from eurasec_archive.importer import Importer, collect_files

    indexed_during_run = []

    def progress(result):
        indexed_during_run.append(len(store.index.entries()))

    Importer(store.archive, store.index, index_batch=2).run(collect_files([SEEDS]), progress=progress)
    assert indexed_during_run[:5] == [0, 2, 2, 4, 4]
    assert len(store.index.entries()) == 5
