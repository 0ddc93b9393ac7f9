"""A hyphenated place the dictionary knows is put in the nominative ("в Лос-Анджелесе" ->
"Лос-Анджелес", "Ростове-на-Дону" -> "Ростов-на-Дону", "Кабардино-Балкарии" ->
"Кабардино-Балкария"; they stayed as written, read as "БелТА"-like mixed case); a hyphenated name
it only guesses at ("Санта-Фе", "Вейк-ан-Зее") and mixed-case names ("БелТА") stay as written.
Sentences written for the tests, real model and dictionary."""

import pytest

from eurasec_archive.extract.ner_link import russian_entities
from eurasec_archive.extract.nominative import nominative_phrase


@pytest.mark.parametrize("declined, nominative", [
    ("Лос-Анджелесе", "Лос-Анджелес"), ("Буэнос-Айреса", "Буэнос-Айрес"), ("Ростове-на-Дону", "Ростов-на-Дону"),
    ("Кабардино-Балкарии", "Кабардино-Балкария"), ("Алма-Атой", "Алма-Ата"),
    ("Северо-Кавказском федеральном округе", "Северо-Кавказский федеральный округ"),
])
def test_a_known_hyphenated_place_is_put_in_the_nominative(declined, nominative):
    assert nominative_phrase(declined) == nominative


@pytest.mark.parametrize("name", ["Санта-Фе", "Вейк-ан-Зее", "БелТА", "ВымпелКом"])
def test_guessed_and_mixed_case_names_stay_as_written(name):
    assert nominative_phrase(name) == name


def test_the_places_of_a_text_are_in_the_nominative():
    places = russian_entities("Концерт прошёл в Лос-Анджелесе, а затем группа выступила в Лас-Вегасе.").places
    assert places == ["Лос-Анджелес", "Лас-Вегас"], places
