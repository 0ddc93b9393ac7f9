"""A man's foreign surname in -у, -о, -и after a given name in the genitive does not decline
("Жака Тати" -> "Жак Тати", was "Жак Тат"; "Джастина Теру" was "Джастин Тер"), as no genitive of a
man's surname ends so; "Берии", "Янши" (-ии, -ши) still decline. A title alone ("Папа",
"Предстоятель") is no person. Names and sentences written for the tests."""

import pytest

from eurasec_archive.extract.ner_link import russian_entities
from eurasec_archive.extract.person_names import nominative_person


@pytest.mark.parametrize("declined, nominative", [
    ("Жака Тати", "Жак Тати"), ("Джастина Теру", "Джастин Теру"), ("Сергея Шойгу", "Сергей Шойгу"),
])
def test_a_mans_surname_in_a_vowel_does_not_decline(declined, nominative):
    assert nominative_person(declined) == nominative


@pytest.mark.parametrize("declined, nominative", [
    ("Лаврентия Берии", "Лаврентий Берия"), ("Янеза Янши", "Янез Янша"), ("Ивана Моторина", "Иван Моторин"),
    ("Жака Ширака", "Жак Ширак"),
])
def test_declinable_surnames_still_decline(declined, nominative):
    assert nominative_person(declined) == nominative


def test_a_title_alone_is_no_person():
    people = russian_entities("В воскресенье Папа выступил с обращением к верующим на площади.").people
    assert people == [], people
    people = russian_entities("Папа Франциск посетил Египет.").people
    assert people == ["Франциск"], people
