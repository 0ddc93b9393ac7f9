"""A given name with a patronymic ("Андрей Петрович") addresses a person the text names in full
with that given name only when the patronymic fits what is known of that person: the one the
full name gives ("Андрей Викторович Панов") or the people authority's ("Владимир Владимирович
Путин"). Otherwise it is another person and stays. Sentences and names written for the tests."""

from eurasec_archive.extract.ner_merge import is_address
from eurasec_archive.importer import parse_document


def _people(body: str) -> list[str]:
    return parse_document(f"Заголовок\n\n{body}\n".encode(), "x.txt").people


def test_another_patronymic_is_another_person():
    people = _people("Режиссёр Андрей Викторович Панов снял фильм. Андрей Петрович, его продюсер, доволен.")
    assert "Андрей Петрович" in people and "Андрей Викторович Панов" in people, people
    people = _people("Президент Владимир Путин принял гостей в Кремле. Вечером Владимир Кириллович, "
                     "внук великого князя, рассказал о своей семье.")
    assert "Владимир Кириллович" in people, people


def test_the_known_patronymic_addresses_the_person():  # guard: the address still folds
    people = _people("Президент Владимир Путин принял гостей в Кремле. Вечером Владимир Владимирович рассказал о планах.")
    assert people == ["Vladimir Putin"], people
    assert is_address("Сергей Викторович", ["Сергей Лавров", "Сергей Викторович"])
    assert is_address("Олег Иванович", ["Олег Смолин", "Олег Иванович"])  # no patronymic known: an address
