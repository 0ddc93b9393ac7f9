"""A place's name inside a person's full name is no place of its own ("портрет Джорджа
Вашингтона", "певица Сиви Даллас", "Мартин Куба"): the places the authority knows are not read
inside the model's people, as they are not inside bodies' names. The place named on its own in
the same text stays. Sentences written for the tests, real model and dictionary."""

from eurasec_archive.importer import parse_document


def _places(body: str) -> list[str]:
    return parse_document(f"Заголовок\n\n{body}\n".encode(), "x.txt").places


def test_a_place_inside_a_persons_name_is_no_place():
    assert _places("На аукционе продали портрет президента Джорджа Вашингтона и старые газеты.") == []
    places = _places("В прошлом году певица Сиви Даллас выиграла конкурс в Нью-Йорке.")
    assert places == ["New York"], places


def test_the_place_named_on_its_own_stays():  # guard
    places = _places("Портрет Джорджа Вашингтона привезли в Вашингтон из Бостона.")
    assert "Washington" in places, places
