"""The head noun of a place's name is read in the form its adjectives agree with: "в Красной
Поляне" is Красная Поляна (not the plural "поляне" of "полянин"), and a noun the dictionary reads
only as masculine after an adjective that reads only as feminine singular is feminine ("в Старой
Руссе" -> Старая Русса, not "Старый Русс"). Phrases written for the tests."""

from eurasec_archive.extract.nominative import nominative_place


def test_the_noun_reading_the_adjective_agrees_with():
    assert nominative_place("Красной Поляне") == "Красная Поляна"
    assert nominative_place("Тихой Поляне") == "Тихая Поляна"


def test_a_masculine_guess_after_a_feminine_adjective_is_feminine():
    assert nominative_place("Старой Руссе") == "Старая Русса"
    assert nominative_place("Старой Руссы") == "Старая Русса"


def test_agreeing_forms_stay_as_they_were():  # guard
    assert nominative_place("Белой Церкви") == "Белая Церковь"
    assert nominative_place("Нижнем Тагиле") == "Нижний Тагил"
    assert nominative_place("Великих Луках") == "Великие Луки"
