"""Plain-text and HTML captures of real-looking pages, with the chrome sites put around an article
(menus, clocks, tickers, share and paywall prompts, related lists, reader comments), imported
through the real importer into a real archive. The captures are written here, not taken from any
measured set."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eurasec_archive.importer import parse_document
from eurasec_archive.normalize import normalize_text

ARTICLE = [
    "The foreign ministers of the two countries met in Minsk on Tuesday to discuss the draft of a "
    "charter on security in Eurasia, which both sides want ready for adoption next year.",
    "According to the ministers, the document would set out the principles of equal and indivisible "
    "security and would be open to every state of the continent that wishes to join it.",
    "The talks lasted for more than three hours and were followed by a press conference at which the "
    "ministers answered questions from journalists about the timetable of the consultations.",
    "Experts who follow the process say that the next round of consultations will take place in the "
    "spring, when the working groups are expected to present their first proposals to the ministers.",
]

NEWS_CAPTURE = "\n".join([
    "Home", "World", "Politics", "Economy", "Sport", "Culture", "All news",
    "Subscribe", "Log in",
    "Minsk 14:05  Moscow 14:05  London 11:05",
    "USD 3.27  EUR 3.51  RUB 3.45",
    "",
    "Ministers discuss draft Eurasian security charter in Minsk",
    "",
    "Politics  |  25 November 2024, 18:40",
    "",
    *[p + "\n" for p in ARTICLE],
    "Share this article",
    "Facebook", "Twitter", "Telegram",
    "Read also",
    "Flood warnings issued for the north of the country",
    "New stadium opens ahead of the season",
    "Comments (2)",
    "Avatar of Ivan",
    "Ivan",
    "I hope the charter will finally bring some stability to our region, we have waited too long.",
    "Avatar of Olga",
    "Olga",
    "Nice words, but I will believe it when I see the signatures under the document next year.",
    "About us", "Contacts", "Advertising", "© 2024 Example News. All rights reserved.",
])


def parse(text: str, name: str = "capture.txt"):
    return parse_document(text.encode("utf-8"), name)


def body_text(item) -> str:
    return "\n".join(p.text for p in item.paragraphs)


def test_capture_with_site_chrome_keeps_only_the_article():
    item = parse(NEWS_CAPTURE)
    texts = [p.text for p in item.paragraphs]
    assert texts == ARTICLE
    assert item.title == "Ministers discuss draft Eurasian security charter in Minsk"


def test_capture_reader_comments_go_to_comments():
    item = parse(NEWS_CAPTURE)
    assert [c.author for c in item.comments] == ["Ivan", "Olga"]
    assert item.comments[0].text.startswith("I hope the charter")
    assert "signatures" not in body_text(item)


def test_capture_keeps_its_original_bytes(tmp_path):
    from conftest import Store

    path = tmp_path / "in" / "capture.txt"
    path.parent.mkdir()
    path.write_text(NEWS_CAPTURE, encoding="utf-8")
    store = Store(tmp_path / "archive")
    report = store.import_paths(path.parent)
    (result,) = report.results
    assert result.status == "imported"
    item = store.archive.get(result.item_id)
    assert "Read also" not in body_text(item)
    original = store.archive.original_path(item.source.sha256).read_bytes()
    assert original.decode("utf-8") == NEWS_CAPTURE


def test_table_of_separator_rows_only_is_not_a_crash():
    """A capture with a run of ``||`` cells and nothing else in them (a layout table's ghost)
    used to fail with ``max() arg is an empty sequence``."""
    text = "\n".join(["Page title of a report on the charter", "", "||", "|  |", "", *ARTICLE])
    item = parse(text)
    assert [p.text for p in item.paragraphs if p.kind == "paragraph"][-1] == ARTICLE[-1]
    assert all(p.kind != "table" for p in item.paragraphs)


@pytest.mark.parametrize("name", ["short.txt"])
def test_short_clean_document_is_taken_whole(name):
    """A clean note of two short paragraphs has no chrome to cut: nothing is dropped."""
    text = "A short note on the charter\n\nThe ministers met.\n\nThey will meet again in spring.\n"
    item = parse(text, name)
    assert [p.text for p in item.paragraphs] == ["The ministers met.", "They will meet again in spring."]


PAGE = """<html><head><title>Ministers discuss the charter - Politics - Example News</title>
<meta property="article:published_time" content="2024-11-25T21:30:00Z">
<meta property="article:modified_time" content="2024-11-27T09:00:00Z"></head>
<body f_comment_flag_on="1" class="f_comment_nofollow_on">
<div id="nav"><a href="/">Home</a> <a href="/politics">Politics</a></div>
<div class="story"><h1>Ministers discuss the charter</h1>
""" + "".join(f"<p>{p}</p>" for p in ARTICLE) + """</div>
<div class="comments-body"><p>Posted by Ivan</p>
<p>I hope the charter will finally bring some stability to our region, we have waited too long.</p>
<p>Nice words, but I will believe it when I see the signatures under the document next year.</p></div>
</body></html>"""


def test_html_comment_section_goes_to_comments_and_title_loses_site_chrome():
    item = parse_document(PAGE.encode("utf-8"), "page.html")
    assert item.title == "Ministers discuss the charter"
    assert [p.text for p in item.paragraphs] == ARTICLE
    assert any(c.text.startswith("Nice words") for c in item.comments)


def test_html_publication_field_earlier_than_htmldate_wins():
    """htmldate may take a modification date; the page's own earlier publication field wins."""
    item = parse_document(PAGE.encode("utf-8"), "page.html")
    assert item.date == "2024-11-25"


# ------------------------------------------------------------------ clean texts keep every line

SHARED_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
_LETTERS = re.compile(r"[^\W\d_]+")


def _kept_words(text: str) -> set[str]:
    """Every word of a plain text's normalized form: title, paragraphs, their attributions,
    list items and table cells."""
    draft = normalize_text(text)
    parts = [draft.title or ""]
    for p in draft.paragraphs:
        parts += [p.text, p.attribution or "", *(p.items or []), *(c for r in (p.rows or []) for c in r)]
    return {w.casefold() for w in _LETTERS.findall(" ".join(parts))}


def _lost_lines(text: str) -> list[str]:
    kept = _kept_words(text)
    return [ln for ln in text.splitlines()
            if any(w.casefold() not in kept for w in _LETTERS.findall(ln))]


CLEAN_REPORT = "\n\n".join([
    "Russia wins the world ice hockey championship after fifteen years",
    "The last time Russia won the world championship was fifteen years ago. The prime minister "
    "congratulated the team and its supporters on the victory in a message published on Sunday night.",
    "Report",
    "• 0:1 Semin (Ovechkin) • 1:1 Burns (Roy, Green) • 4:5 Kovalchuk (Fedorov)",
    "Goalkeepers: Ward, Nabokov.",
    "Referees",
    "Mark Shield (Australia)",
])


def test_clean_text_without_chrome_keeps_every_line():
    """A clean plain text (a headline, a lead, a short heading, a list of scores, a caption-like
    line) has no site chrome: the text-capture cleaning must not drop any of its lines, short
    and unterminated as some are."""
    assert _lost_lines(CLEAN_REPORT) == []


@pytest.mark.skipif(not (SHARED_DATA / "factrueval-2016").is_dir(), reason="../shared/data absent")
@pytest.mark.parametrize("corpus", ["factrueval-2016/dev/txt", "nerel/dev/txt"])
def test_real_clean_news_texts_keep_every_line(corpus):
    """The news texts of the Russian NER corpora (headline, captions, headings, result lists) lost
    whole lines when they were taken for captures, and their entities with them."""
    lost = {}
    for path in sorted((SHARED_DATA / corpus).glob("*.txt")):
        lines = _lost_lines(path.read_text("utf-8"))
        if lines:
            lost[path.name] = lines
    assert lost == {}


def test_capture_chrome_is_still_cut_when_it_is_there():
    """The clean-text rule does not disarm the capture path: a page's menus still go."""
    item = parse(NEWS_CAPTURE)
    assert "All news" not in body_text(item) and "Log in" not in body_text(item)


# ------------------------------------------------------------------ control characters

def test_text_with_control_characters_normalizes():
    """An escape character (as in a news text dump) made lxml refuse the block in the capture
    classifier: "All strings must be XML compatible"."""
    text = CLEAN_REPORT.replace("fifteen years ago.", "fifteen \x1b[1myears\x1b[0m ago.\x0c")
    draft = normalize_text(text)
    assert any("years" in p.text for p in draft.paragraphs)
    item = parse(NEWS_CAPTURE.replace("Minsk on Tuesday", "Minsk\x1b on Tuesday\x07"))
    assert item.paragraphs[0].text.startswith("The foreign ministers")


@pytest.mark.skipif(not (SHARED_DATA / "polnear").is_dir(), reason="../shared/data absent")
def test_real_text_with_control_characters_normalizes_and_imports():
    paths = [p for p in sorted((SHARED_DATA / "polnear").glob("*/txt/*.txt"))
             if any(ord(c) < 9 or 13 < ord(c) < 32 for c in p.read_text("utf-8"))]
    assert paths, "the PolNeAR texts hold some with control characters"
    for path in paths:
        text = path.read_text("utf-8")
        assert normalize_text(text).paragraphs
        assert parse(text, path.name).paragraphs


THREAD_ARTICLE = [*ARTICLE,
                  "The working groups will meet in Moscow and Minsk in turn, and each of the states that "
                  "took part in the first round has been invited to send its experts to all of the meetings.",
                  "The ministers said that the texts of the draft would be published once the groups agree on "
                  "them, so that parliaments and the public can read them before the next conference."]
THREAD_CAPTURE = "\n".join([
    *["Home", "World", "Politics", "Economy", "Sport", "Culture", "All news", "Subscribe", "Log in"],
    "", "Ministers discuss draft Eurasian security charter in Minsk", "",
    *[p + "\n" for p in THREAD_ARTICLE],
    "Have your say",
    *[line for n in range(6) for line in (
        f"Posted by: reader{n} | Jan {n + 1}, 2008 4:49 PM",
        f"I have followed these talks for years and comment number {n} says that the charter will "
        "change little for the people of the region, whatever the ministers promise in their speeches "
        "to the journalists this week, and I doubt that the next round of talks will be any better.")],
    "About us", "Contacts",
])


def test_capture_comment_thread_without_avatars_goes_to_comments():
    """A reader-comment thread longer than the article itself, opened by a line such as "Have
    your say", is not taken for the article: the article stays the body, the thread's texts are
    the comments."""
    item = parse(THREAD_CAPTURE)
    assert [p.text for p in item.paragraphs] == THREAD_ARTICLE
    assert len(item.comments) == 6
    assert item.comments[0].text.startswith("I have followed these talks")
