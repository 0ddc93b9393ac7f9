"""A given name and a surname the model read as two mentions side by side ("Матильды" +
"Аргуэльи") are one person, as the full name is, and so is a first name before a full name
("Тайлер" + "Марк Гаррисон"); two given names side by side stay two people, and so do a surname
and the full name it repeats. Sentences and names written for the tests, read by the real model
and dictionary."""

from eurasec_archive.extract.ner import Mention, find_mentions, joined_names


def test_a_given_name_then_a_surname_read_apart_is_one_person():
    people = [m.normal for m in find_mentions("Похоронен рядом с могилой второй жены Матильды Аргуэльи.")
              if m.kind == "person"]
    assert len(people) == 1 and people[0].startswith("Матильда Аргуэл"), people


def test_two_given_names_side_by_side_stay_two():  # guard: a surname, not another given name, joins
    text = "сестры Марина Ольга"
    split = [Mention("person", "Марина", "Марина", 7), Mention("person", "Ольга", "Ольга", 14)]
    assert [m.normal for m in joined_names(split, text)] == ["Марина", "Ольга"]


def test_a_first_name_before_a_full_name_read_apart_is_one_person():
    text = "режиссёр Тайлер Марк Гаррисон"
    split = [Mention("person", "Тайлер", "Тайлер", 9), Mention("person", "Марк Гаррисон", "Марк Гаррисон", 16)]
    assert [m.normal for m in joined_names(split, text)] == ["Тайлер Марк Гаррисон"]


def test_a_possessor_before_a_full_name_stays_apart():  # guard: "the manager of Гаррисон, Марк Гаррисон"
    text = "Менеджер Гаррисон Марк Гаррисон"
    split = [Mention("person", "Гаррисон", "Гаррисон", 9), Mention("person", "Марк Гаррисон", "Марк Гаррисон", 18)]
    assert [m.normal for m in joined_names(split, text)] == ["Гаррисон", "Марк Гаррисон"]
