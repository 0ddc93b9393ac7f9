"""A one-word person whose word the document also names as a place ("полиция Линвуда" read as a
person beside "в Линвуде") is the place the model misread, no person; a surname that ends a full
name of the document stays a person. Names written for the tests, the real stemmer."""

from eurasec_archive.extract.ner import Mention, without_places_as_people


def _people(mentions: list[Mention]) -> list[str]:
    return [m.normal for m in without_places_as_people(mentions) if m.kind == "person"]


def test_a_one_word_person_the_document_names_as_a_place_is_none():
    mentions = [Mention("person", "Линвуда", "Линвуд", 8), Mention("person", "Анна Котова", "Анна Котова", 30),
                Mention("place", "Линвуде", "Линвуд", 60)]
    assert _people(mentions) == ["Анна Котова"]


def test_a_surname_of_a_full_name_stays_a_person():  # guard
    mentions = [Mention("person", "Джордж Линвуд", "Джордж Линвуд", 0), Mention("person", "Линвуда", "Линвуд", 30),
                Mention("place", "Линвуде", "Линвуд", 60)]
    assert _people(mentions) == ["Джордж Линвуд", "Линвуд"]


def test_a_person_named_by_no_place_stays():  # guard
    mentions = [Mention("person", "Котовой", "Котова", 8), Mention("place", "Линвуде", "Линвуд", 60)]
    assert _people(mentions) == ["Котова"]
