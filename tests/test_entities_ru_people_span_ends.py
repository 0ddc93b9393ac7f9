"""Where a person's span ends: a sentence's end after a regnal number ends it ("брата Бодуэна I.
Альберт женат …" names two people), and a name with a patronymic ends with the surname after it
("Сергей Анатольевич Лебедев Путин назначил": the fourth word opens the next clause); a compound
surname after a patronymic stays whole. Sentences and names written for the tests."""

from eurasec_archive.extract.ner import find_mentions, trim_person


def _people(text: str) -> list[str]:
    return [m.text for m in find_mentions(text) if m.kind == "person"]


def test_a_sentence_end_after_a_regnal_number_ends_the_name():
    people = _people("Он унаследовал трон после смерти своего бездетного брата Бодуэна I. Альберт женат на донне Паоле.")
    assert "Бодуэна I" in people and not any("Альберт" in p and "Бодуэн" in p for p in people), people
    people = _people("Корону принял его сын Густав IV. Олаф отказался от притязаний.")
    assert not any("Олаф" in p and "Густав" in p for p in people), people


def test_a_name_with_a_patronymic_ends_with_its_surname():
    assert trim_person("Сергей Анатольевич Лебедев Путин") == "Сергей Анатольевич Лебедев"
    assert trim_person("Марина Александровна Де Энден") == "Марина Александровна Де Энден"  # guard
    assert trim_person("Сергей Анатольевич Лебедев") == "Сергей Анатольевич Лебедев"  # guard
