"""Russian places put in one canonical name: a country's official long Russian name links to the
authority's row ("Республики Казахстан" -> Kazakhstan, "Исламской Республики Иран" -> Iran), and a town the dictionary does not know is
put in the nominative from its locative without a guessed ending ("в Тусоне" -> "Тусон", not
"Тусоня"; "Претории" -> "Претория"); a word the dictionary knows as a place takes that reading's
nominative, and a village named like an adjective is a place. Sentences written for the tests,
real model and dictionary."""

import pytest

from eurasec_archive.extract.ner import _nominative_place
from eurasec_archive.extract.ner_link import russian_entities
from eurasec_archive.extract.nominative import nominative_place
from eurasec_archive.importer import parse_document


def test_a_countrys_official_name_links_to_the_authority():
    places = russian_entities("Посол Республики Казахстан встретился с послом Исламской Республики Иран.").places
    assert places == ["Kazakhstan", "Iran"], places


def test_one_facet_value_for_two_names_of_a_country():
    text = ("Переговоры в Астане\n\nВчера в Астане делегации Кыргызской Республики и Казахстана "
            "подписали соглашение. Киргизия предложила продлить его.\n")
    places = parse_document(text.encode("utf-8"), "doc.txt").to_json()["places"]
    assert places.count("Kyrgyzstan") == 1 and "Кыргызская Республика" not in places, places


def test_an_unknown_town_in_the_locative_loses_its_ending_only():
    assert _nominative_place("Тусоне") == "Тусон"
    assert _nominative_place("Нантакете") == "Нантакет"
    assert _nominative_place("Претории") == "Претория"


def test_known_and_feminine_names_keep_the_dictionarys_nominative():
    assert _nominative_place("Бостоне") == "Бостон"
    assert _nominative_place("Калифорнии") == "Калифорния"
    assert _nominative_place("Тамбовщине") == "Тамбовщина"
    assert _nominative_place("Бессарабке") == "Бессарабка"


def test_a_country_the_authority_named_only_in_english_links_from_russian():
    places = russian_entities("Делегации Аргентины и Словакии прибыли в Бангкок.").places
    assert places == ["Argentina", "Slovakia", "Bangkok"], places


def test_russian_and_english_texts_share_the_facet_value():
    ru = parse_document("Визит\n\nПрезидент прибыл в Аргентину с визитом.\n".encode(), "ru.txt")
    en = parse_document(b"Visit\n\nThe president arrived in Argentina on a visit.\n", "en.txt")
    assert "Argentina" in ru.to_json()["places"] and "Argentina" in en.to_json()["places"]


@pytest.mark.parametrize("written, nominative", [("Юта", "Юта"), ("Сане", "Сана"), ("Киле", "Киль")])
def test_a_word_the_dictionary_knows_as_a_place_takes_that_readings_nominative(written, nominative):
    """"Юта" is no genitive of the common noun "ют", "Сане" no locative of "сан": the place reading wins."""
    assert nominative_place(written) == nominative


def test_a_place_read_so_in_a_sentence():
    assert russian_entities("Губернатор штата Юта подписал закон о налогах.").places == ["Юта"]
    places = russian_entities("Делегация прилетела вчера в Сану на переговоры с властями Йемена.").places
    assert "Сана" in places and "Сан" not in places, places


def test_a_village_named_like_an_adjective_is_a_place():
    """"Раменское" reads first as an adjective, and the dictionary knows it as a place too; a
    country's adjective has no such reading and stays no entity (the issue's rule)."""
    places = russian_entities("Автобус теперь ходит между сёлами Раменское и Майское каждый день.").places
    assert "Раменское" in places, places
    assert russian_entities("Российская делегация прибыла утром.").places == []
