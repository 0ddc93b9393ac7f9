"""Foreign names in Russian text keep a written form that is already a plausible nominative:
pymorphy3 reads "Ума" as the genitive of "ум" and guesses "Джоля" for "Джоли"; declined Russian
names still come back in the nominative. Sentences written for the tests, run through the real
model and dictionary."""

from eurasec_archive.extract.ner_link import russian_entities
from eurasec_archive.extract.person_names import nominative_person


def test_a_foreign_name_read_as_common_words_stays_as_written():
    found = russian_entities("На фестиваль в Каннах приехала актриса Ума Турман. Ума Турман представила фильм.")
    assert "Ума Турман" in found.people, found.people
    assert not any(p.startswith("Ум ") for p in found.people), found.people


def test_an_unknown_foreign_name_ending_in_i_does_not_decline():
    assert nominative_person("Анджелины Джоли") == "Анджелина Джоли"
    assert nominative_person("Вуди Аллена") == "Вуди Аллен"
    assert nominative_person("Моргана Тсвангираи") == "Морган Тсвангираи"


def test_declined_russian_names_still_come_back_in_the_nominative():
    assert nominative_person("Сергея Шойгу") == "Сергей Шойгу"
    assert nominative_person("Лаврентия Берии") == "Лаврентий Берия"  # a known word in -ии declines
    assert nominative_person("Марии Захаровой") == "Мария Захарова"
    found = russian_entities("Министр обороны России провёл встречу. Решение Сергея Шойгу поддержали в Генштабе.")
    assert "Сергей Шойгу" in found.people, found.people
