"""English people no name list holds, read by the words around them (extract/people_en.py).

Kinds of error read on CoNLL-2003 valid; every sentence here is written for the tests, with
invented names (no list knows "Zorvan", "Quellmark", "Tibbard"…).
"""

from eurasec_archive.extract import extract_metadata
from eurasec_archive.extract.people_en import context_people, honorific_surnames
from eurasec_archive.models import Paragraph
from eurasec_archive.normalize import normalize_text


def _people(*paragraphs: str) -> list[str]:
    return context_people([Paragraph(f"p{i}", "paragraph", t) for i, t in enumerate(paragraphs)], [])


def test_a_country_in_brackets_an_age_or_a_minute_after_a_run_makes_it_a_person():
    assert _people("1. Zorvan Quellmark (Norway) 2:10.4, 2. Brin Tibbard (Kenya) 2:11.0") == \
        ["Zorvan Quellmark", "Brin Tibbard"]
    assert _people("The two students, Ulma Drezzi, 19, and Kato Brennish, 20, were found.") == \
        ["Ulma Drezzi", "Kato Brennish"]
    assert _people("Scorers: Dario Fenwick (61st), Oto Lamberg (88th)") == ["Dario Fenwick", "Oto Lamberg"]


def test_without_such_context_a_capitalized_pair_is_no_person():
    assert _people("Shares of Zorvan Quellmark rose in early trade.") == []
    assert _people("Prices rose (Zorvan Quellmark) in early trade.") == []  # a bracket that names no country


def test_a_nationality_or_a_lower_case_role_before_the_run_makes_it_a_person():
    assert _people("Controversial Australian Brin Tibbard called the referee a cheat.") == ["Brin Tibbard"]
    assert _people("The goal came from striker Dario Fenwick after the break.") == ["Dario Fenwick"]
    assert _people("The goal came from the Dario Fenwick stand after the break.") == []


def test_a_name_listed_beside_a_person_is_a_person():
    assert _people("Team: Ulma Drezzi (captain), Zorvan Quellmark, Oto Lamberg and Kato Brennish (Chile)") == \
        ["Ulma Drezzi", "Zorvan Quellmark", "Oto Lamberg", "Kato Brennish"]
    # no member with a context of its own: no list of people
    assert _people("Team: Ulma Drezzi, Zorvan Quellmark and Kato Brennish") == []


def test_a_surname_used_again_alone_mid_sentence_makes_the_full_name_a_person():
    assert _people("Oto Lamberg took three wickets.", "The bowling of Lamberg decided the match.") == ["Oto Lamberg"]
    assert _people("Oto Lamberg took three wickets.", "Lamberg Road was closed.") == []


def test_a_byline_right_before_the_dateline_is_a_person():
    assert _people("Brin Tibbard", "NAIROBI 1996-08-30", "Rain fell on Friday.") == ["Brin Tibbard"]
    assert _people("Brin Tibbard", "Rain fell on Friday.") == []


def test_runs_with_a_body_word_a_calendar_word_or_a_city_are_no_people():
    assert _people("Fans of the New York Zorvans cheered (Norway) as striker Quellmark Holdings Inc fell.") == []
    assert _people("Moscow-based Zorvan Quellmark, 40, said.") == ["Zorvan Quellmark"]
    assert _people("Kato Monday (Norway)") == []


def test_a_surname_after_an_honorific_is_a_person_when_no_full_name_has_it():
    assert honorific_surnames("Mr Tibbard met President Quellmark in the Hall.") == ["Tibbard", "Quellmark"]
    assert honorific_surnames("Mr Tibbard Jones met the Prime Minister.") == []
    paragraphs = [Paragraph("p0", "paragraph", "Brin Tibbard (Kenya) won. Mr Tibbard thanked the crowd.")]
    assert context_people(paragraphs, []) == ["Brin Tibbard"]


def test_inner_capitals_are_name_tokens_and_the_item_lists_them():
    text = ("LONDON 1996-08-30\n\n"
            "Irish midfielder Dermot McQuorrie and Sean O'Tandry (Ireland) were named on Friday.\n\n"
            "\"We are ready,\" said the coach.\n")
    meta = extract_metadata(normalize_text(text), "squad.txt")
    assert "Dermot McQuorrie" in meta["people"] and "Sean O'Tandry" in meta["people"]
    assert "Ireland" in meta["places"] and "Sean O'Tandry" not in meta["places"]


def test_a_short_line_the_capture_takes_for_a_heading_is_read_unless_it_is_title_case():
    heading = [Paragraph("h0", "heading", "Zorvan Quellmark (Norway) beat Brin Tibbard (Kenya) 6-3 6-2")]
    assert context_people(heading, []) == ["Zorvan Quellmark", "Brin Tibbard"]
    headline = [Paragraph("h0", "heading", "Zorvan Quellmark (Norway) Beats Brin Tibbard In Final")]
    assert context_people(headline, []) == []
    byline = [Paragraph("h0", "heading", "Brin Tibbard"), Paragraph("h1", "heading", "NAIROBI 1996-08-30")]
    assert context_people(byline, []) == ["Brin Tibbard"]
