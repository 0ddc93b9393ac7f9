"""Publication date, outlet and title of plain-text captures and pages, read from the page's
furniture (timestamps, bylines, datelines, agency signatures, headings). The captures are
written here, not taken from any measured set; they go through the real importer."""

from __future__ import annotations

from eurasec_archive.importer import parse_document

LEAD = ("The foreign ministers of the two countries met in Minsk to discuss the draft of a charter on "
        "security in Eurasia, which both sides want ready for adoption next year.")
MORE = [
    "According to the ministers, the document would set out the principles of equal and indivisible "
    "security and would be open to every state of the continent that wishes to join it.",
    "The talks lasted for more than three hours and were followed by a press conference at which the "
    "ministers answered questions from journalists about the timetable of the consultations in 2023.",
]
MENU = ["Home", "World", "Politics", "Economy", "Sport", "Culture", "All news", "Subscribe", "Log in"]


def parse(text: str, name: str = "capture.txt"):
    return parse_document(text.encode("utf-8"), name)


def capture(*head: str, lead: str = LEAD) -> str:
    return "\n".join([*MENU, "", *head, "", lead, "", *MORE, "", "Share this article", "About us"])


def test_timestamp_line_above_the_headline_is_the_publication_date():
    item = parse(capture("27.10.2025 19:13", "Ministers discuss the 2026 security charter in Minsk"))
    assert (item.date, item.date_source) == ("2025-10-27", "text")
    assert item.title == "Ministers discuss the 2026 security charter in Minsk"


def test_russian_byline_date_is_the_publication_date_not_an_event_in_the_body():
    lead = ("Министры иностранных дел двух стран встретились в Минске 3 марта 2023 года и обсудили "
            "проект хартии о безопасности в Евразии, которую стороны хотят принять в следующем году.")
    text = capture("Министры обсудили проект хартии о безопасности", "Опубликовано 25 ноября 2024 года",
                   lead=lead)
    assert parse(text).date == "2024-11-25"


def test_clocks_empty_labels_and_captions_give_no_date():
    text = capture("14:05", "Ministers discuss the security charter in Minsk", "Дата публикации:",
                   "The ministers at the talks in the Palace of Independence on 3 March 2023, before the "
                   "press conference with journalists from many countries")
    item = parse(text)
    assert item.date != "2023-03-03"
    assert item.date_source != "text"


def test_a_date_without_a_year_is_not_a_date():
    assert parse(capture("9 June", "Ministers discuss the security charter in Minsk")).date_source != "text"


def test_yearless_wire_dateline_takes_the_year_of_the_timestamp_and_names_the_agency():
    text = capture("Politics 02.12.2024", "Ministers discuss the security charter in Minsk",
                   lead="MINSK, 2 December (BelTA) - " + LEAD)
    item = parse(text)
    assert item.date == "2024-12-02"
    assert item.outlet == "BelTA"


def test_clean_text_with_an_agency_dateline_names_the_outlet_and_the_date():
    text = ("Lavrov and Makei discuss the Eurasian security charter\n\n"
            "МОСКВА, 25 ноября 2024 г. /ТАСС/. Министры иностранных дел двух стран обсудили проект "
            "хартии о безопасности в Евразии.\n\nОни встретятся снова весной.\n")
    item = parse(text, "tass.txt")
    assert item.outlet == "TASS"
    assert item.date == "2024-11-25"


def test_html_page_whose_title_is_the_site_name_takes_its_heading():
    html = ("<html><head><title>Example Daily News</title></head><body>"
            "<div class='nav'><a href='/'>Home</a> <a href='/w'>World</a></div>"
            "<h2>Ministers discuss security charter in Minsk</h2>"
            + "".join(f"<p>{p}</p>" for p in [LEAD, *MORE]) + "</body></html>")
    item = parse_document(html.encode("utf-8"), "page.html")
    assert item.title == "Ministers discuss security charter in Minsk"
