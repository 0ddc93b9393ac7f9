"""Headline lines of plain-text captures whose shape looked like something else (a brand written
in lower case, an abbreviation's full stop, a role word ending the headline), and lines that look
like headlines and are not (a paywall prompt, a bullet menu). The captures are written here, not
taken from any measured set; they go through the real importer."""

from __future__ import annotations

from test_capture_headlines import LEAD, MORE, capture, title_of

from eurasec_archive.importer import parse_document

PAYWALL = [
    "Premium Article !",
    "",
    "To read this article in full you must have registered and have a premium content subscription with "
    "the site, which you can take out from the options page of your account.",
    "",
    "Options",
    "Premium Article !",
    "",
    "Your account has been frozen. For your available options click the button below, or write to us "
    "and we will tell you what you can do about it.",
    "",
    "Sign In",
    "Register",
]


def test_a_paywall_prompt_above_the_article_is_neither_its_lead_nor_its_headline():
    # the site prints its paywall box (twice) between the article header and the headline
    text = "\n".join(["Home", "World", "Politics", "Economy", "Sport", "Culture", "All news", "Log in",
                      "", "Published Date: 8 January 2008", "Source: Press Association", *PAYWALL,
                      "Ministers discuss security charter in Minsk", "", "« Previous", "Next »", "",
                      LEAD, "", *MORE, "", "Share this article", "About us"])
    item = parse_document(text.encode("utf-8"), "capture.txt")
    assert item.title == "Ministers discuss security charter in Minsk"
    assert item.date == "2008-01-08"  # the article header's date, above the box


def test_a_prompt_to_enable_javascript_is_no_headline():
    # it stands over the timestamp, where an article header's headline stands
    text = capture("You need to have javascript enabled to view the ministers' charter page",
                   "Tuesday, 8 January 2008", "Charter talks open as ministers meet")
    assert title_of(text) == "Charter talks open as ministers meet"


def test_a_headline_opening_with_a_lower_case_brand_is_a_headline():
    text = capture("iCharter draft ready for the ministers in Minsk", "By John Smith")
    assert title_of(text) == "iCharter draft ready for the ministers in Minsk"


def test_an_abbreviation_full_stop_does_not_make_a_headline_two_sentences():
    text = capture("Minsk vs. Moscow: ministers discuss the security charter", "By John Smith")
    assert title_of(text) == "Minsk vs. Moscow: ministers discuss the security charter"


def test_a_headline_ending_in_a_role_word_is_no_byline_but_a_byline_by_role_still_is():
    assert title_of(capture("Ministers add two countries to charter staff", "By John Smith")) == (
        "Ministers add two countries to charter staff")
    text = "\n".join(["Please support local business!", "", "Ministers discuss security charter in Minsk",
                      "Tribune staff reporter", "30 December, 2007", "", LEAD, "", *MORE])
    assert title_of(text) == "Ministers discuss security charter in Minsk"


def test_a_bullet_menu_line_is_no_headline():
    headline = "Charter talks open in Minsk as ministers of the two countries meet"
    text = capture(headline, "News Categories: Ministers • Charter • Security • Minsk", "01/08/08")
    assert title_of(text) == headline



def test_a_headline_that_speaks_to_the_reader_is_no_prompt():
    from eurasec_archive.headlines import headline_like, is_reader_prompt

    for headline in ("Why you should register to vote in Minsk", "Your browser is spying on you",
                     "You can now subscribe to the charter talks online"):
        assert not is_reader_prompt(headline) and headline_like(headline), headline
    for prompt in ("To read this article in full you must be registered with the site.",
                   "You need to have javascript enabled to view this page correctly"):
        assert is_reader_prompt(prompt) and not headline_like(prompt), prompt
