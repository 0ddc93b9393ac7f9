"""English places beyond the places authority, from the GeoNames gazetteer (extract/places_en.py).

Kinds of error read on CoNLL-2003 valid (cities and US states named alone); the sentences are
written for the tests.
"""

from eurasec_archive.extract import extract_metadata
from eurasec_archive.extract.places_en import gazetteer_places
from eurasec_archive.normalize import normalize_text


def test_a_city_or_state_the_authority_lacks_is_a_place_where_the_text_names_it_alone():
    assert gazetteer_places("Police in Wuhan and Milwaukee said the storm reached Ulsan.") == \
        ["Wuhan", "Milwaukee", "Ulsan"]
    assert gazetteer_places("In Wuhan the rain stopped.") == ["Wuhan"]


def test_a_name_that_is_also_a_word_or_a_given_name_needs_a_preposition_of_place():
    assert gazetteer_places("Florence Tibbard visited Mobile phone makers.") == []
    assert gazetteer_places("She was born in Florence and worked near Mobile.") == ["Florence", "Mobile"]


def test_a_city_opening_a_longer_name_or_in_a_results_line_is_no_place():
    assert gazetteer_places("The Milwaukee Brewers beat the Wuhan Zall side.") == []
    assert gazetteer_places("Swindon 2 Norwich 1") == []


def test_no_place_inside_a_body_or_a_person_named_in_the_text():
    text = "Shares of Milwaukee Gas Co rose."
    assert gazetteer_places(text, inside=[(10, 26)]) == []
    assert gazetteer_places("Henderson said the talks went well.", people=["Ray Henderson"]) == []


def test_the_item_lists_gazetteer_places_of_english_text_after_the_authority_places():
    text = ("MILWAUKEE 1996-08-30\n\n"
            "Officials in Milwaukee and Moscow met on Friday, and later stayed in Tennessee.\n")
    places = extract_metadata(normalize_text(text), "milwaukee.txt")["places"]
    assert places[0] == "Moscow" and {"Milwaukee", "Tennessee"} <= set(places)


def test_a_place_named_only_inside_a_persons_name_is_no_place():
    from eurasec_archive.extract.places_en import outside_people

    text = "Chad Tibbard beat Lindsay Davenport. Tibbard then flew to Chad."
    assert outside_people(["Chad", "Davenport"], text, ["Chad Tibbard", "Lindsay Davenport"]) == ["Chad"]
    assert outside_people(["Chad"], "Chad Tibbard won.", ["Chad Tibbard"]) == []


def test_places_in_a_line_written_in_capitals_are_read_title_cased():
    from eurasec_archive.extract.places_en import capitals_places

    text = "RUSSIA SAYS TALKS WITH US IN PHNOM PENH STALLED\nQuellmark Said Germany Was Ready"
    assert capitals_places(text) == ["Russia", "United States", "Phnom Penh"]
    assert capitals_places("ZORVAN QUELLMARK WINS") == []
