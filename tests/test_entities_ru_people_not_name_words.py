"""Words the model reads as a person that no name is made of: a word whose part after a hyphen is
a common noun of a thing ("Зубков-банк"), and a function word alone opening a sentence ("По
неподтверждённой информации"); a Latin title glued after a Cyrillic name ("Тимура Багирова Summer Rain") is
no part of it; a rank after a hyphen ("Буш-старший") and a regnal number stay.
Sentences and names written for the tests, read by the real model and dictionary."""

from eurasec_archive.extract.ner import find_mentions, trim_person


def _people(text: str) -> list[str]:
    return [m.text for m in find_mentions(text) if m.kind == "person"]


def test_a_word_ending_in_a_things_noun_is_no_person():
    assert _people("Блогеры выпустили ролик об Игоре Зубкове и его Зубков-банк.") == ["Игоре Зубкове"]


def test_a_function_word_opening_a_sentence_is_no_person():
    text = "Генерал Пётр Гусев скончался от ранений\n\nПо неподтвержденной информации, сообщенной официальным " \
           "представителем ПНС, он погиб."
    assert _people(text) == ["Пётр Гусев"]


def test_a_rank_after_a_hyphen_stays_in_the_name():  # guard
    assert "Джорджа Буша-старшего" in _people("В США прошли похороны Джорджа Буша-старшего, сообщили СМИ.")


def test_a_latin_title_glued_after_a_cyrillic_name_is_no_part_of_it():
    assert trim_person("Тимура Багирова Summer Rain") == "Тимура Багирова"


def test_a_regnal_number_stays_in_the_name():  # guard: Roman numerals are Latin letters too
    assert trim_person("Георга Тупоу IV") == "Георга Тупоу IV"
