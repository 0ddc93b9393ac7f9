"""A Russian role noun opening a sentence ("Министр также заверил, что …") refers to the person with
that role named earlier in the document, paragraphs before; with no such person it names no one.

Texts written for these tests, through the real normalizer and extractor.
"""

from __future__ import annotations

from speaker_kit import read


def test_a_capitalized_role_noun_two_paragraphs_later_is_the_minister_named_before():
    meta = read("Визит в Гродно\n\nМинистр транспорта Белоруссии Алексей Авраменко прибыл в Гродно во вторник. "
                "«Мы рассчитываем на быстрый ремонт моста», — заявил Авраменко.\n\n"
                "Переговоры продлились около трёх часов. Стороны обсудили ремонт дорог и вокзала.\n\n"
                "Министр также заверил, что новый мост откроют до зимы.")
    (quote,) = [q for q in meta["quotes"] if "новый мост" in q.text]
    assert quote.cue == "заверил"
    assert quote.speaker == meta["quotes"][0].speaker
    assert "Авраменко" in quote.speaker


def test_a_role_noun_with_no_person_of_that_role_names_no_one():
    meta = read("Ремонт моста\n\nВ Гродно начали ремонт моста через Неман. Работы продлятся до зимы.\n\n"
                "Министр также заверил, что новый мост откроют до зимы.")
    assert meta["speakers"] == []
    assert all(q.speaker is None for q in meta["quotes"])
