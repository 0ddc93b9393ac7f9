"""Bodies completed by the place after them: a country's acronym, a region a branch serves.

Behaviours found by error analysis on NEREL train (the regional branch also on factRuEval dev);
the sentences here are written for the tests and run through the real model.
"""

from eurasec_archive.extract.ner_link import russian_entities


def _names(found):
    return [o.name for o in found.organizations]


def test_a_country_acronym_after_a_body_completes_its_name_and_stays_a_place():
    found = russian_entities("Решение Верховного суда США вызвало споры среди юристов.")
    assert "Верховный суд США" in _names(found)
    assert "Верховный суд" not in _names(found)
    assert "United States" in found.places  # whose court it is: the document is about the country too


def test_a_body_branch_for_a_region_is_one_organization():
    found = russian_entities("Об этом сообщили в УФСБ по Пермскому краю. Задержанного доставили в МВД по Башкирии.")
    names = _names(found)
    assert any(n.startswith("УФСБ по Пермскому") for n in names), names
    assert any(n.startswith("МВД по Башкирии") for n in names), names
    assert "Пермский край" in found.places


def test_a_branch_for_two_regions_keeps_both():
    found = russian_entities("Как сообщает пресс-служба МЧС по Санкт-Петербургу и Ленобласти, пожар потушен.")
    assert any(n.endswith("по Санкт-Петербургу и Ленобласти") for n in _names(found)), _names(found)

