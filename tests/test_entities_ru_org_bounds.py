"""A Russian organization named once bare and once with whose it is, or cut before the words that
end its name, is named whole: a bare acronym gives way to the same acronym with its place later in
the text ("ВВС", then "ВВС США"), a body's branch goes on with the region it serves however the
region is written ("по г. Москве", "по Республике Крым"). Sentences written for the tests, run
through the real model and the importer; each fails before this work unless marked a guard."""

from eurasec_archive.importer import parse_document


def _organizations(body: str) -> list[str]:
    item = parse_document(f"Новости\n\n{body}\n".encode(), "doc.txt").to_json()
    return [o["name"] for o in item["organizations"]]


def test_a_bare_acronym_gives_way_to_the_same_body_named_with_its_country():
    orgs = _organizations("Лётчица служила в ВВС три года. Затем она прошла обучение в ВВС США "
                          "на транспортном самолёте.")
    assert "ВВС США" in orgs, orgs
    assert "ВВС" not in orgs, orgs


def test_two_bodies_of_one_acronym_named_after_a_bare_one_are_both_named():
    orgs = _organizations("В МВД отказались от комментариев. Позже МВД России и МВД Украины "
                          "подписали соглашение.")
    assert "МВД России" in orgs and "МВД Украины" in orgs, orgs
