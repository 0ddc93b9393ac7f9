"""A surname the model reads as a place once, beside the full name of the person it names in the
same text ("борьба между Атсамой и ..." beside "Кофи Атсама"), is that person, no place. A place the
authority knows stays a place even where a person bears its name ("Вашингтон"). Sentences and
names written for the tests, real model and dictionary."""

from eurasec_archive.extract.ner_link import russian_entities
from eurasec_archive.extract.ner_places import names_person


def test_a_persons_surname_read_as_a_place_is_no_place():
    found = russian_entities("На выборах в Того победил президент Кофи Атсама. Настоящая борьба развернулась "
                             "между Атсамой и Менса-Боаду, которые уже соперничали раньше.")
    assert not any(p.startswith("Атсам") for p in found.places), found.places
    found = russian_entities("В Бенине переизбран президент Яо Кпатчава. Борьба развернулась между Кпатчавой "
                             "и Ассогба-Дегбе, которые встречались прежде.")
    assert "Бенин" in found.places and not any(p.startswith("Кпатчав") for p in found.places), found.places


def test_a_known_place_named_like_a_person_stays():  # guard: the authority's place wins
    found = russian_entities("Президент Джордж Вашингтон вступил в должность. Делегация прилетела в Вашингтон вечером.")
    assert found.places == ["Washington"], found.places


def test_names_person_needs_a_full_name_of_the_document():
    assert names_person("Атсама", ["Кофи Атсама"])
    assert not names_person("Атсама", ["Атсама"])  # a surname alone names no one for sure
    assert not names_person("Гана", ["Кофи Атсама"])
