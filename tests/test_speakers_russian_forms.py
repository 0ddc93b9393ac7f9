"""Russian news forms of attribution: who speaks, and which names are no speakers.

Sentences written for these tests, one pattern each, through the real normalizer and extractor.
"""

from __future__ import annotations

from speaker_kit import read


def names(meta: dict) -> set[str]:
    return {s.name for s in meta["speakers"]}


def quote_with(meta: dict, words: str):
    (q,) = [q for q in meta["quotes"] if words in q.text]
    return q


def test_a_genitive_name_before_the_speaker_is_not_part_of_the_name():
    meta = read("Здоровье кандидата\n\nВрач Хелен Моррисон Лиза Ковальчук сообщила, что сейчас пациентка "
                "находится под присмотром медиков и чувствует себя хорошо.")
    assert names(meta) == {"Лиза Ковальчук"}
    assert quote_with(meta, "находится под присмотром").speaker == "Лиза Ковальчук"


def test_a_body_whose_statement_is_quoted_is_no_speaker():
    meta = read("Выборы\n\nВот как об этом сообщается в заявлении Профсоюза, распространённом в понедельник: "
                "«Совет профсоюза на собрании единогласно поддержал забастовку работников порта и водителей».")
    assert names(meta) == set()


def test_a_role_before_a_genitive_name_is_not_a_person():
    meta = read("Суд в Милане\n\nАдвокат Кравчука заявил, что его подзащитный тогда был простым солдатом "
                "и никем не командовал.")
    assert names(meta) == set()


def test_a_country_in_the_genitive_is_not_a_speaker():
    meta = read("Новости региона\n\nКак сообщили представители Южной Кореи, в соседней стране казнён "
                "высокопоставленный правительственный чиновник.")
    assert names(meta) == set()


def test_speech_without_marks_closed_by_the_cue_is_a_quote():
    meta = read("Юбилей\n\nВ его песнях для меня весь его образ в сжатой форме, все я это чувствую через "
                "его песни — сказала Варвара Лунина.")
    q = quote_with(meta, "весь его образ в сжатой форме")
    assert (q.speaker, q.cue, q.direct) == ("Варвара Лунина", "сказала", True)


def test_speech_without_marks_closed_by_a_role_noun_is_the_named_persons():
    meta = read("Юбилей\n\nВнучка поэта, певица Варвара Лунина рассказала журналистам о судьбе деда.\n\n"
                "Это очень живой репортаж, рассказанный человеческим языком, с большой любовью были "
                "написаны песни — рассказала певица.")
    assert quote_with(meta, "Это очень живой репортаж").speaker == "Варвара Лунина"


def test_said_he_after_a_quotation_is_the_person_just_introduced():
    meta = read("Гонка\n\nПри этом кандидат от Республиканской партии Роберт Кларк не стал комментировать "
                "последний инцидент.\n\n«Я ничего не знаю об этом, ничего не знаю», — заявил он журналистам.")
    assert quote_with(meta, "Я ничего не знаю").speaker == "Роберт Кларк"


def test_an_imperfective_cue_with_a_colon_gives_the_next_paragraph():
    meta = read("Отставка\n\nРанее пресс-секретарь президента Дмитрий Орлов сообщал о готовящемся заявлении "
                "об отставке:\n\nЯ знаю, что министр имел в виду уйти в отставку после отпуска, но пока я не "
                "видел никаких указов на этот счёт.")
    assert quote_with(meta, "имел в виду уйти в отставку").speaker == "Дмитрий Орлов"


def test_a_name_in_quotation_marks_does_not_make_reported_speech_direct():
    meta = read("Акция\n\nПосле выхода на свободу Навальный заявил, что задержание всех участников "
                "«Марша Голунова» неправомерно.")
    q = quote_with(meta, "задержание всех участников")
    assert (q.speaker, q.direct) == ("Навальный", False)
