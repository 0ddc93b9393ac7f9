"""Foreign people's names in the nominative, read by the case the name's words agree in.

- A first word ending in a consonant, й or ь is a nominative (no oblique case of a man's given
  name ends so), so the name stays as written: a surname in -а is no genitive there.
- An indeclinable given name ("Уго", "Франсуа") says no case: a surname the dictionary knows only
  in an oblique case says it, and one in -ом/-ем is an instrumental.
- A surname the dictionary does not know loses only the ending of the case its given name is in;
  any other ending is an indeclinable surname's own.

Names made up for the tests (real-looking, no document's), with the real dictionary. The
nominatives that stay as written and the women's surnames are guards (they pass before too)."""

import pytest

from eurasec_archive.extract.ner_link import russian_entities
from eurasec_archive.extract.person_names import nominative_person


@pytest.mark.parametrize("written", ["Хорхе Мендоса", "Дерек Бэлдуина", "Кайл Ортега", "Марен Аде", "Педро Гарсия"])
def test_a_given_name_in_a_consonant_keeps_the_name_as_written(written):
    assert nominative_person(written) == written


@pytest.mark.parametrize("declined, nominative", [
    ("Дерека Ортеги", "Дерек Ортега"),
    ("Джейкоба Бэлдуины", "Джейкоб Бэлдуина"),
    ("Клиффорда Тэйлмена", "Клиффорд Тэйлмен"),
    ("Мартину Гроссанжу", "Мартин Гроссанж"),
    ("Ивану Пилепе", "Иван Пилепа"),
    ("Михаила Сеспеля", "Михаил Сеспель"),
    ("Максимом Вилорганом", "Максим Вилорган"),
    ("Жан-Клода Бреше", "Жан-Клод Бреше"),
])
def test_an_unknown_surname_loses_only_its_case_ending(declined, nominative):
    assert nominative_person(declined) == nominative


def test_an_indeclinable_given_name_takes_the_case_of_a_known_surname():
    assert nominative_person("Франсуа Олланда") == "Франсуа Олланд"
    assert nominative_person("Уго Чавеса") == "Уго Чавес"
    assert nominative_person("Кофи Аннана") == "Кофи Аннан"
    assert nominative_person("Хосни Малараком") == "Хосни Маларак"


def test_a_foreign_surname_in_the_nominative_after_an_indeclinable_name_stays():
    for written in ("Криштиану Роналду", "Антонио Конте", "Мариано Рахой", "Фумио Кисида"):
        assert nominative_person(written) == written


def test_a_womans_surname_stays_a_womans():
    assert nominative_person("Даниела Липницкая").endswith("Липницкая")
    assert nominative_person("Ангелы Меркель") == "Ангела Меркель"
    assert nominative_person("Моники Левински") == "Моника Левински"


def test_the_document_lists_the_nominative():
    text = ("Тренер Хорхе Мендоса встретился с журналистами. Вчера тренер Мендоса сказал, что "
            "команда готова. Решение Клиффорда Тэйлмена удивило всех.")
    people = russian_entities(text).people
    assert "Хорхе Мендоса" in people and "Клиффорд Тэйлмен" in people, people


def test_a_womans_name_stays_hers_where_the_text_declines_her_surname_so():
    text = "Фигуристка Евгения Медведева выиграла турнир. Тренер Медведевой остался доволен."
    assert russian_entities(text).people == ["Евгения Медведева"]


def test_a_mans_name_in_the_genitive_is_his_beside_a_woman_of_his_family():
    text = "Визит Нурсултана Назарбаева начался. Его встретила Дарига Назарбаева. Слово дали Дариге Назарбаевой."
    people = russian_entities(text).people
    assert "Нурсултан Назарбаев" in people and "Нурсултана Назарбаева" not in people, people
    assert russian_entities("Решение Евгения Медведева удивило всех.").people == ["Евгений Медведев"]
