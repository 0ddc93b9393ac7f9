"""Two places the model reads as one mention it does not know ("Хабаровск Владивосток" in a list
without commas) are two places where the dictionary reads both words first as places and the
authority knows one of them; a two-word place whose first word is no place ("Нижний Новгород")
stays whole. Sentences made up for the tests, read by the real model and dictionary."""

from eurasec_archive.extract.ner import Mention, glued_places


def _known(name: str) -> bool:
    return name in {"Владивосток", "Нижний Новгород"}


def test_two_places_side_by_side_are_two():
    m = Mention("place", "Хабаровск Владивосток", "Хабаровск Владивосток", 8)
    assert [(p.normal, p.start) for p in glued_places(m, _known)] == [("Хабаровск", 8), ("Владивосток", 18)]


def test_a_two_word_place_stays_whole():  # guard
    m = Mention("place", "Нижний Новгород", "Нижний Новгород", 0)
    assert glued_places(m, _known) == [m]
    m = Mention("place", "Нижнем Тагиле", "Нижний Тагил", 0)
    assert glued_places(m, _known) == [m]
