"""Korean, Chinese and Vietnamese names in the nominative: only the last word declines.

One-syllable words (at most three letters) before the last word are the surname and the first
syllables of the given name, which do not decline ("Ким Чен Ына" -> "Ким Чен Ын"); of two words,
after a surname of two letters, the last loses -а, -я, -ом, -ем only ("Ли Чжаньшу" may end so in
the nominative). And a woman's surname in -ская/-цкая is a nominative, so her given name is too.

Names made up for the tests, with the real dictionary. The names left as written are guards
(they pass before too), except the -ская one."""

import pytest

from eurasec_archive.extract.person_names import nominative_person


@pytest.mark.parametrize("declined, nominative", [
    ("Пак Сон Чжуна", "Пак Сон Чжун"),
    ("Чон Ён Нама", "Чон Ён Нам"),
    ("Ким Ир Хаком", "Ким Ир Хак"),
    ("Хо Ван Мину", "Хо Ван Мин"),
    ("Ли Хэцяна", "Ли Хэцян"),
])
def test_the_last_word_of_a_syllable_name_loses_its_case_ending(declined, nominative):
    assert nominative_person(declined) == nominative


@pytest.mark.parametrize("written", ["Ли Чжаньшу", "Пак Кын Хе", "Кайл Ортега", "Ия Саввина"])
def test_names_that_end_in_a_nominative_stay_as_written(written):
    assert nominative_person(written) == written


def test_a_womans_surname_in_skaya_keeps_her_given_name_in_the_nominative():
    assert nominative_person("Даниела Крайницкая") == "Даниела Крайницкая"
    assert nominative_person("Яна Миловская") == "Яна Миловская"
