"""Nominatives the dictionary's guesses got wrong: a surname in -ых, -их after a given name does
not decline ("Ольги Сытых" -> "Ольга Сытых", was "Ольга Сытая"), and a word alone that the
dictionary reads first in the plural, and as a singular nominative too, stays as written (a
person's name is no plural). Names written for the tests."""

import pytest

from eurasec_archive.extract.person_names import nominative_person


@pytest.mark.parametrize("declined, nominative", [
    ("Ольги Сытых", "Ольга Сытых"), ("Нины Мягких", "Нина Мягких"),
])
def test_a_surname_in_ykh_does_not_decline(declined, nominative):
    assert nominative_person(declined) == nominative


def test_a_word_alone_read_first_as_a_plural_stays():
    assert nominative_person("Рачелет") == "Рачелет"  # was "Рачегод"


@pytest.mark.parametrize("declined, nominative", [  # guard: declinable names still decline
    ("Ивана Петрова", "Иван Петров"), ("Брамса", "Брамс"), ("Путиным", "Путин"),
])
def test_declinable_names_still_decline(declined, nominative):
    assert nominative_person(declined) == nominative
