"""A body attached to another body or to an office is named with it after "при": "Общественного
совета при Министерстве культуры Казахстана" -> "Общественный совет при Министерстве культуры
Казахстана", "Контрольного комитета при мэрии Томска", "Научного совета при ГУ МЧС России по Омской
области". The host ends where the sentence goes on ("… в пятницу", a person's name, an initial).
Sentences written for the tests, run through the real model and the importer; each fails before
this work unless marked a guard."""

from entity_kit import organizations_of


def test_a_council_attached_to_a_ministry():
    orgs = organizations_of("Эксперты Общественного совета при Министерстве культуры Казахстана выступили против.")
    assert "Общественный совет при Министерстве культуры Казахстана" in orgs, orgs


def test_a_committee_attached_to_a_body_ends_before_the_person():
    orgs = organizations_of("Глава Контрольного комитета при мэрии Томска Сергей Лапин подал в отставку.")
    assert "Контрольный комитет при мэрии Томска" in orgs, orgs


def test_a_council_attached_to_a_branch_of_a_ministry():
    orgs = organizations_of("Члены Научного совета при ГУ МЧС России по Омской области собрались в пятницу.")
    assert "Научный совет при ГУ МЧС России по Омской области" in orgs, orgs


def test_the_host_ends_before_a_preposition():  # guard
    orgs = organizations_of("Решение принял Экспертный комитет при Томском университете в понедельник.")
    assert not any(o.endswith(" в") or "понедельник" in o for o in orgs), orgs


def test_a_mission_at_a_body_is_no_attached_body():  # guard
    orgs = organizations_of("Постпред Белоруссии при ООН Иван Сидоров выступил на сессии.")
    assert not any(" при " in o for o in orgs), orgs
