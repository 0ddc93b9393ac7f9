"""A French particle written with an apostrophe ("д’Обиньи", "д’ Арланж") is part of a person's
name, as "де", "эль-" are: the name is a person, the particle kept as written, the given name put
in the nominative. Sentences and names made up for the tests, read by the real model."""

from eurasec_archive.extract.person_names import particle_prefix
from eurasec_archive.importer import parse_document


def _people(body: str) -> list[str]:
    return parse_document(f"Заголовок\n\n{body}\n".encode(), "x.txt").people


def test_a_name_with_an_apostrophe_particle_is_a_person():
    assert _people("На приёме выступил Луи д’Обиньи, посол Франции в Риме.") == ["Луи д’Обиньи"]
    assert _people("Граф женат на Клотильде д’Эрвиль д’ Арланж с 2004 года.") == ["Клотильда д’Эрвиль д’ Арланж"]


def test_the_particle_prefix_needs_a_capital_after_it():
    assert particle_prefix("д’Обиньи") == "д’" and particle_prefix("эль-Масри") == "эль-"
    assert particle_prefix("д’обиньи") == "" and particle_prefix("О’Коннор") == ""
