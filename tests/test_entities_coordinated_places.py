"""A place whose name is two names joined by "и" ("Тринидад и Тобаго", "Босния и Герцеговина") is
one place, whether the model's span holds it whole or the authority knows the pair; two places
joined by "и" that name no one place stay two. Sentences written for the tests, real model."""

from eurasec_archive.extract.ner_link import russian_entities
from eurasec_archive.importer import parse_document


def test_a_pair_the_authority_holds_whole_is_one_place():
    places = russian_entities("Сборная Тринидада и Тобаго сыграла вничью с командой Ямайки.").places
    assert "Trinidad and Tobago" in places, places
    assert not any(p in ("Тринидад", "Тобаго") for p in places), places


def test_a_whole_span_has_each_conjunct_in_the_nominative():
    places = russian_entities("Президент Боснии и Герцеговины прибыл с визитом.").places
    assert places == ["Bosnia and Herzegovina"], places
    places = russian_entities("Выборы прошли в Боснии и Герцеговине в воскресенье.").places
    assert places == ["Bosnia and Herzegovina"], places


def test_two_places_joined_by_i_stay_two():
    places = russian_entities("Министры России и Китая встретились в Пекине, делегации Сербии и Черногории тоже.").places
    assert {"Russia", "China", "Serbia", "Montenegro"} <= set(places), places


def test_the_item_has_the_one_place():
    text = "Переговоры в Москве\n\nДелегация Антигуа и Барбуды прибыла в Москву для переговоров о туризме.\n"
    places = parse_document(text.encode("utf-8"), "doc.txt").to_json()["places"]
    assert "Antigua and Barbuda" in places, places
    assert "Барбуда" not in places and "Antigua" not in places
