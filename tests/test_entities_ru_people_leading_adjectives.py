"""An adjective or participle with no name reading glued before a name is no part of it
("Восьмидесятилетний Маккейн" -> "Маккейн", "Бывший Владимир Путин" -> "Владимир Путин"); given
names the dictionary reads as short adjectives or participles stay ("Кари", "Серена"), and a
title of an adjective and a common word stays whole, for the title rule to refuse ("Вежливый
Отказ"). Names and sentences written for the tests."""

import pytest

from eurasec_archive.extract.ner import trim_person
from eurasec_archive.extract.ner_link import russian_entities


@pytest.mark.parametrize("span, name", [
    ("Восьмидесятилетний Маккейн", "Маккейн"), ("Бывший Владимир Путин", "Владимир Путин"),
    ("Произошедшее Ревзин", "Ревзин"), ("Сама Тэтчер", "Тэтчер"),
])
def test_a_leading_adjective_is_cut(span, name):
    assert trim_person(span) == name


@pytest.mark.parametrize("span", ["Кари Юсеф Ахмади", "Серена Уильямс", "Ума Турман", "Иван Грозный", "Вежливый Отказ"])
def test_names_and_titles_stay_whole(span):
    assert trim_person(span) == span


def test_no_title_word_becomes_a_person():
    people = russian_entities("Вежливый Отказ. Так называлась группа, которая выступила в Москве.").people
    assert "Отказ" not in people, people
