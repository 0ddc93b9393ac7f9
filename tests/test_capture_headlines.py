"""The headline of a plain-text capture told apart from the photo captions, standfirsts,
and chrome lines around it. The captures are written here, not taken from any
measured set; they go through the real importer."""

from __future__ import annotations

from eurasec_archive.importer import parse_document

LEAD = ("The foreign ministers of the two countries met in Minsk on Tuesday to discuss the draft of a "
        "charter on security in Eurasia, which both sides want ready for adoption next year.")
MORE = [
    "According to the ministers, the document would set out the principles of equal and indivisible "
    "security and would be open to every state of the continent that wishes to join it.",
    "The talks lasted for more than three hours and were followed by a press conference at which the "
    "ministers answered questions from journalists about the timetable of the consultations.",
]
MENU = ["Home", "World", "Politics", "Economy", "Sport", "Culture", "All news", "Subscribe", "Log in"]


def capture(*head: str) -> str:
    return "\n".join([*MENU, "", *head, "", LEAD, "", *MORE, "", "Share this article", "About us"])


def title_of(text: str) -> str:
    return parse_document(text.encode("utf-8"), "capture.txt").title


def test_the_line_over_the_timestamp_is_the_headline_not_the_photo_caption_above_it():
    text = capture("Foreign ministers of the two countries in Minsk",
                   "Charter talks open", "Jan 4, 2008")
    assert title_of(text) == "Charter talks open"


def test_a_headline_above_its_standfirst_and_byline_is_the_headline():
    text = capture("Progress in Minsk, at last",
                   "Ministers of the two countries discuss the draft of a Eurasian security charter",
                   "By John Smith", "Tuesday, January 8, 2008")
    assert title_of(text) == "Progress in Minsk, at last"


def test_a_capture_with_little_chrome_takes_the_headline_over_its_byline_not_its_first_sentence():
    text = "\n".join(["Please support local business!", "", "Ministers discuss security charter in Minsk",
                      "Staff and agencies", "30 December, 2007", "", LEAD, "", *MORE])
    assert title_of(text) == "Ministers discuss security charter in Minsk"


def test_share_buttons_glued_to_the_headline_line_are_not_the_headline():
    text = capture("Ministers discuss security charter in Minsk Save Email Print", "By John Smith")
    assert title_of(text) == "Ministers discuss security charter in Minsk"
