"""HTML pages -> paragraphs with structure and page metadata (tests/data/html)."""

from __future__ import annotations

import pytest
from conftest import DATA

from eurasec_archive.normalize import iso_date, normalize_html, page_metadata, parse_html
from eurasec_archive.text import search_form

HTML = DATA / "html"


def draft_of(name: str, encoding: str = "utf-8"):
    return normalize_html(HTML.joinpath(name).read_bytes().decode(encoding))


def kinds(draft) -> list[str]:
    return [p.kind for p in draft.paragraphs]


def body(draft) -> str:
    return "\n".join(p.text for p in draft.paragraphs)


def test_ministry_page_keeps_structure():
    d = draft_of("mfa_statement_en.html")
    assert kinds(d) == ["paragraph", "paragraph", "heading", "paragraph", "paragraph", "quote",
                        "paragraph", "list", "heading", "paragraph", "table", "paragraph",
                        "paragraph", "footnote", "footnote"]
    quote = d.paragraphs[5]
    assert quote.text.startswith("“Security in Eurasia must be equal")
    assert quote.attribution == "Vladimir Putin, speaking at the Foreign Ministry on 14 June 2024"
    table = next(p for p in d.paragraphs if p.kind == "table")
    assert table.rows[0] == ["Organisation", "Founded", "Members"]
    assert ["Shanghai Cooperation Organisation (SCO)", "2001", "10"] in table.rows
    lst = next(p for p in d.paragraphs if p.kind == "list")
    assert len(lst.items) == 4
    assert [p.note for p in d.paragraphs if p.kind == "footnote"] == ["1", "2"]
    # the reference in the text stays, so the footnote can be linked from it
    assert "[1]" in d.paragraphs[3].text


def test_ministry_page_drops_navigation_share_cookie_related_footer():
    text = body(draft_of("mfa_statement_en.html"))
    for chrome in ("uses cookies", "Consular services", "Share:", "Telegram", "Related news",
                   "Maria Zakharova’s briefing", "All rights reserved", "Smolenskaya", "Tags:"):
        assert chrome not in text


def test_page_title_is_not_repeated_as_first_heading():
    d = draft_of("mfa_statement_en.html")
    assert d.title.startswith("Foreign Minister Sergey Lavrov’s remarks")
    assert d.paragraphs[0].text == "Colleagues, ladies and gentlemen,"


def test_metadata_from_jsonld_and_opengraph():
    meta = draft_of("mfa_statement_en.html").meta
    assert meta["jsonld_date"] == "2025-10-28"
    assert meta["date"] == "2025-10-28"
    assert meta["sitename"] == "The Ministry of Foreign Affairs of the Russian Federation"
    assert meta["url"] == "https://mid.ru/en/foreign_policy/news/2051234/"
    assert meta["hostname"] == "mid.ru"
    assert "author" not in meta  # an Organization in JSON-LD is not a person's byline


def test_metadata_from_citation_tags():
    d = draft_of("valdai_analysis_en.html")
    assert d.meta["title"] == "Eurasian Security After the Minsk Conference: From Concept to Charter"
    assert d.meta["author"] == "Timofei Bordachev; Anastasia Likhacheva"
    assert d.meta["date"] == "2025-11-12"
    assert d.meta["sitename"] == "Valdai Club"


def test_pull_quote_in_figure_keeps_attribution():
    d = draft_of("valdai_analysis_en.html")
    quote = next(p for p in d.paragraphs if p.kind == "quote")
    assert quote.text == "“Indivisible security in Eurasia is either collective or it does not exist.”"
    assert quote.attribution == "Maxim Ryzhenkov, Foreign Minister of Belarus"


def test_footnote_list_becomes_footnotes():
    d = draft_of("valdai_analysis_en.html")
    notes = [p for p in d.paragraphs if p.kind == "footnote"]
    assert [n.note for n in notes] == ["1", "2"]


def test_comment_thread_is_stored_as_comments_not_body():
    d = draft_of("valdai_analysis_en.html")
    assert len(d.comments) == 2
    assert d.comments[0].text.startswith("A careful piece")
    assert "careful piece" not in body(d)
    assert "You might also like" not in body(d) and "SCO at 25" not in body(d)


def test_comment_bylines_become_authors():
    d = draft_of("blog_nometa_en.html")
    assert [(c.author, c.text[:12]) for c in d.comments] == [
        ("Andrei", "Good summary"), ("Lena", "Where can on")]


def test_event_dates_in_body_never_become_the_date():
    """The blog page has no date metadata; its body is full of event dates and its
    comments carry <time> stamps. None of them is the publication date."""
    d = draft_of("blog_nometa_en.html")
    assert "date" not in d.meta and "jsonld_date" not in d.meta
    assert "26–27 October 2023" in body(d)


def test_time_pubdate_is_the_date():
    d = normalize_html(HTML.joinpath("belta_en_utf8_bom.html").read_bytes().decode("utf-8-sig"))
    assert d.meta["date"] == "2025-10-27"


def test_htmldate_fallback_reads_markup_not_text():
    html = """<html><head><title>Statement</title></head><body>
    <article><header><time datetime="2025-03-04">4 March 2025</time></header>
    <p>On 9 May 2024 the ministers met in Moscow to discuss the Eurasian Charter and agreed
    to continue the consultations at expert level later in the year, in Minsk.</p>
    <p>The next round is planned for 12 December 2025, the press service said in a statement
    published on the ministry's website on Tuesday.</p></article></body></html>"""
    assert normalize_html(html).meta["htmldate"] == "2025-03-04"


def test_layout_table_page_is_not_a_table():
    d = draft_of("sb_ru_koi8r.html", "koi8-r")
    assert "table" not in kinds(d)
    assert d.paragraphs[0].text.startswith("Министр иностранных дел России Сергей Лавров")
    assert any(p.kind == "quote" and p.text.startswith("«Мы предлагаем") for p in d.paragraphs)
    assert "Все права защищены" not in body(d)
    assert len(d.comments) == 2 and "Комментарии" not in body(d)


def test_russian_cp1251_page_metadata_from_jsonld_graph():
    d = draft_of("belta_ru_cp1251.html", "cp1251")
    assert d.meta["jsonld_date"] == "2025-11-20"
    assert d.meta["author"] == "Ольга Михайлова"
    assert kinds(d) == ["paragraph", "paragraph", "heading", "paragraph", "list", "paragraph"]
    assert "Читайте также" not in body(d) and "Лукашенко встретился" not in body(d)


@pytest.mark.parametrize("value, expected", [
    ("2025-10-28T14:05:00+03:00", "2025-10-28"), ("2025/11/12", "2025-11-12"),
    ("12.11.2025", "2025-11-12"), ("20251112", "2025-11-12"), ("Tuesday", None),
    ("2025-13-40", None),
])
def test_iso_date(value, expected):
    assert iso_date(value) == expected


def test_parser_does_not_expand_entities_or_fetch():
    html = """<?xml version="1.0"?>
    <!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY big "AAAAAAAAAA">]>
    <html><head><title>Entities</title></head><body><article>
    <p>&xxe; and &big; are not expanded by the importer, which only reads markup that it
    was given and never goes to the network or the file system while parsing a page.</p>
    <p>A second paragraph long enough that the extractor takes the article as an article and
    keeps both of its paragraphs in the output of the normalizer.</p></article></body></html>"""
    d = normalize_html(html)
    assert "root:" not in body(d) and "AAAAAAAAAA" not in body(d)
    tree = parse_html(html)
    assert page_metadata(tree)["title"] == "Entities"


def test_display_text_stays_faithful_search_form_is_plain():
    d = draft_of("belta_en_utf8_bom.html", "utf-8-sig")
    quote = d.paragraphs[2].text
    assert quote.startswith("“We are not against anyone.")  # typographic quotes displayed
    assert search_form(quote).startswith('"We are not against anyone.')
    assert search_form("28–29 October … — «x»") == '28-29 October ... - "x"'


def test_garbage_markup_gives_empty_draft():
    assert normalize_html("").paragraphs == []
    assert normalize_html("<html><body><div></div></body></html>").paragraphs == []
