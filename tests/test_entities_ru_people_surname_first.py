"""A name written surname first ("Лыкова Вера Антоновна", the order of forms, decrees and lists)
is one person: where the model reads the surname and the given name with patronymic as two
mentions side by side they are joined, and the name is put in the nominative word by word in its
own order ("Белкину Ольгу Сергеевну" -> "Белкина Ольга Сергеевна", was "Белкин Ольгу Сергеевн").
A given name the model read as a place joins the patronymic and surname after it. Sentences and
names made up for the tests, read by the real model and dictionary."""

from eurasec_archive.extract.ner import Mention, find_mentions, joined_names
from eurasec_archive.extract.person_names import nominative_person


def _people(text: str) -> list[str]:
    return [m.normal for m in find_mentions(text) if m.kind == "person"]


def test_a_surname_before_given_name_and_patronymic_is_one_person():
    assert _people("как и мать — Лыкова Вера Антоновна работала учителем в школе.") == ["Лыкова Вера Антоновна"]
    assert _people("По имени Воронина Зоя Антоновна, она жила в доме напротив.") == ["Воронина Зоя Антоновна"]


def test_a_name_written_surname_first_is_put_in_the_nominative_in_its_order():
    assert _people("Приказ: назначить Белкину Ольгу Сергеевну директором школы.") == ["Белкина Ольга Сергеевна"]
    assert nominative_person("Гуськова Зоя Петровна") == "Гуськова Зоя Петровна"
    assert nominative_person("Кораблева Глеба Вячеславовича") == "Кораблев Глеб Вячеславович"  # guard


def test_a_given_name_read_as_a_place_joins_the_patronymic_and_surname():
    text = "графини Пелагеи Ивановны Луниной"
    split = [Mention("place", "Пелагеи", "Пелагея", 8), Mention("person", "Ивановны Луниной", "Ивановна Лунина", 16)]
    assert [(m.kind, m.normal) for m in joined_names(split, text)] == [("person", "Пелагея Ивановна Лунина")]
