"""A country's adjective before a national body links to the body the authority names with the
country ("российский МИД" is "МИД России", which "МИД РФ" is too): one entity, not three. A body
the authority does not hold stays an entity as written (linking, not gating). Sentences written
for the tests, run through the real model and the importer."""

from entity_kit import organizations_of

RUSSIAN_MFA = "Ministry of Foreign Affairs of the Russian Federation"


def test_the_adjective_the_country_and_its_acronym_name_one_ministry():
    names = organizations_of("Российский МИД заявил протест. Позиция российского МИДа известна давно. "
                             "В МИД РФ это подтвердили, а МИД России направил ноту.", title="Новости дипломатии")
    assert names.count(RUSSIAN_MFA) == 1, names
    assert not any("Российск" in n or n == "МИД" for n in names), names


def test_another_countrys_adjective_links_to_that_countrys_body():
    names = organizations_of("Китайский МИД ответил на заявление. Белорусский МИД воздержался от комментариев.", title="Новости дипломатии")
    assert "Ministry of Foreign Affairs of China" in names, names
    assert "Ministry of Foreign Affairs of the Republic of Belarus" in names, names
    assert RUSSIAN_MFA not in names


def test_a_body_the_authority_does_not_hold_stays_as_written():
    names = organizations_of("Российский союз промышленников поддержал проект. Японский МИД выразил протест.", title="Новости дипломатии")
    assert "Российский союз промышленников" in names, names
    assert "Японский МИД" in names, names
