"""The headline of an HTML page told apart from the site names, sections and taglines its
``<title>`` wraps it in. The pages are written here, not taken from any measured set; they go
through the real importer."""

from __future__ import annotations

from eurasec_archive.importer import parse_document

LEAD = ("The foreign ministers of the two countries met in Minsk to discuss the draft of a charter on "
        "security in Eurasia, which both sides want ready for adoption next year.")
MORE = [
    "According to the ministers, the document would set out the principles of equal and indivisible "
    "security and would be open to every state of the continent that wishes to join it.",
    "The talks lasted for more than three hours and were followed by a press conference at which the "
    "ministers answered questions from journalists about the timetable of the consultations.",
]


def page(title: str, header: str = "", above: str = "", footer: str = "") -> str:
    return (f"<html><head><title>{title}</title></head><body>"
            f"<div class='top'>{header}<a href='/'>Home</a> <a href='/w'>World</a></div>"
            f"<div class='story'>{above}" + "".join(f"<p>{p}</p>" for p in [LEAD, *MORE])
            + f"</div><div class='foot'>{footer}</div></body></html>")


def title_of(html: str) -> str:
    return parse_document(html.encode("utf-8"), "page.html").title


def test_a_title_part_the_page_prints_is_the_headline_as_the_page_prints_it():
    html = page("Daily Planet: Ministers Discuss The Charters Draft In Minsk (from The Planet)",
                above="<b>Ministers discuss the charter’s draft in Minsk</b>")
    assert title_of(html) == "Ministers discuss the charter’s draft in Minsk"


def test_a_site_tagline_longer_than_the_headline_is_not_the_headline():
    tagline = "Example City News, Weather, Traffic and Sports"
    html = page(f"Ministers discuss charter | {tagline}", header=f"<span>{tagline}</span>",
                above="<b>Ministers discuss charter</b>")
    assert title_of(html) == "Ministers discuss charter"


def test_a_site_name_printed_as_a_heading_is_not_the_headline():
    """A guard: it passed before too (trafilatura guesses the site name from the title here)."""
    html = page("Ministers discuss the charter in Minsk | Example Herald", header="<h1>Example Herald</h1>",
                above="<h1>Ministers discuss the charter in Minsk</h1>")
    assert title_of(html) == "Ministers discuss the charter in Minsk"


def test_a_short_printed_section_name_does_not_stand_for_a_long_headline():
    headline = "Ministers and diplomats discuss the new Eurasian security charter in Minsk"
    html = page(f"{headline} - World News", header="<span>World News</span>")
    assert title_of(html) == headline


def test_a_title_that_is_only_the_site_name_gives_way_to_the_heading_above_the_article():
    """A guard of the rule kept from before: a title the article does not echo at all."""
    html = page("Example Daily Herald", header="<span>Example Daily Herald</span>",
                above="<h2>Ministers discuss security charter in Minsk</h2>")
    assert title_of(html) == "Ministers discuss security charter in Minsk"
