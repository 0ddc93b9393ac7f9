"""A man's surname in -ай, -ей, -ой, -уй keeps its й in the nominative ("Хамида Карзая" ->
"Хамид Карзай", was "Хамид Карз"), so the declined and the written mention are one person; women's
surnames in -ская/-цкая and men's in -ов/-ин decline as before. Names written for the tests."""

import pytest

from eurasec_archive.extract.ner_link import russian_entities
from eurasec_archive.extract.person_names import nominative_person


@pytest.mark.parametrize("declined", ["Хамида Карзая", "Хамиду Карзаю", "Хамидом Карзаем"])
def test_a_surname_in_ai_keeps_its_glide(declined):
    assert nominative_person(declined) == "Хамид Карзай"


@pytest.mark.parametrize("declined, nominative", [
    ("Сергея Лаврова", "Сергей Лавров"), ("Николая Патрушева", "Николай Патрушев"),
    ("Саддама Хусейна", "Саддам Хусейн"), ("Сергея Шойгу", "Сергей Шойгу"),
    ("Юлии Липницкой", "Юлия Липницкая"), ("Алексея Улюкаева", "Алексей Улюкаев"),
])
def test_other_surnames_decline_as_before(declined, nominative):
    assert nominative_person(declined) == nominative


def test_the_declined_and_the_written_mention_are_one_person():
    people = russian_entities("Президент Афганистана Хамид Карзай прибыл в Кабул. "
                              "Послу передали письмо Хамида Карзая.").people
    assert people == ["Хамид Карзай"], people
