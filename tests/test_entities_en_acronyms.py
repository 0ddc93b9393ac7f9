"""English acronyms written alone in running text are organizations (extract/bodies_en.py).

Behaviours from error analysis on CoNLL-2003 valid and the in-house evaluation set's dev part;
the sentences here are written for the tests.
"""

from eurasec_archive.extract import extract_metadata
from eurasec_archive.extract.bodies_en import acronym_bodies
from eurasec_archive.normalize import normalize_text


def _names(text: str) -> list[str]:
    return [o.name for _, _, o in acronym_bodies(text)]


def test_an_acronym_in_running_text_is_an_organization():
    assert _names("Fighting between the KDP and its rivals went on, OSCE monitors said.") == ["KDP", "OSCE"]


def test_capitals_of_a_heading_units_places_and_numerals_are_none():
    assert _names("NEW YORK STOCKS CLOSE HIGHER") == []  # a line in capitals
    assert _names("Shares rose in NEW YORK trading after GDP data at 1400 GMT.") == []
    assert _names("Exports to the UK and FRANCE rose, the report for Henry VIII said.") == []
    assert _names("NOTE: prices are indicative.") == []


def test_an_acronym_the_text_defines_by_a_name_that_is_no_body_is_none():
    text = "The Treaty on Conventional Armed Forces in Europe (CFE) lapsed. Russia left the CFE in 2023."
    assert _names(text) == []
    text = "Talks with the Moro National Liberation Front (MNLF) resumed; the MNLF said so."
    assert "MNLF" in _names(text)


def test_an_acronym_opening_a_longer_name_or_in_a_link_is_none():
    assert _names("See the MFA of the Russian Federation, www.kremlin.ru/catalog/countries/CN/events.") == []


def test_an_acronym_joins_the_body_whose_initials_it_spells_and_outlets_stay_outlets():
    text = ("WASHINGTON (Reuters) - The Federal Open Market Committee met on Tuesday.\n\n"
            "The FOMC left rates unchanged, a TASS report said.\n")
    meta = extract_metadata(normalize_text(text), "fomc.txt")
    orgs = {o.name: o.acronym for o in meta["organizations"]}
    assert orgs.get("Federal Open Market Committee") == "FOMC"
    assert "FOMC" not in orgs
    assert "TASS" in orgs and orgs["TASS"] is None  # the outlet it cites, not an acronym body
