"""The model's places that name no place: the person or word a street, square or canal is named
after ("улице Раевского", "площади Восстания", "канала Грибоедова"), and a common word opening a
sentence or a line ("Теги:", "Стрельба из …"). Places the authority knows, places a reading of
pymorphy marks as one ("улицах Торонто"), and places in -о read as adjectives ("Вишнево") stay.
Sentences written for the tests, real model and dictionary."""

from eurasec_archive.extract.ner import Mention
from eurasec_archive.extract.ner_link import russian_entities
from eurasec_archive.extract.ner_places import is_no_place
from eurasec_archive.importer import parse_document


def test_a_streets_namesake_is_no_place():
    places = russian_entities("Вечером на улице Раевского в Выборге произошла авария.").places
    assert places == ["Выборг"], places
    places = russian_entities("Митинг собрал сотни людей на площади Восстания в центре Санкт-Петербурга.").places
    assert places == ["St. Petersburg"], places
    places = russian_entities("Жители Ганновера вышли на набережную канала Грибоедова.").places
    assert places == ["Ганновер"], places


def test_a_place_after_a_street_word_stays_a_place():
    assert russian_entities("На улицах Хьюстона прошли демонстрации.").places == ["Хьюстон"]
    assert russian_entities("На улицах Торонто прошли демонстрации.").places == ["Toronto"]
    assert russian_entities("На улицах Москвы прошли демонстрации.").places == ["Moscow"]


def test_a_common_word_opening_a_sentence_is_no_place():
    for word in ("Теги", "Стрельба", "Резиденция", "Наиболее"):
        assert is_no_place(Mention("place", word, word, 0, "", None, True)), word
        assert not is_no_place(Mention("place", word, word, 10, "в", None, False)), word


def test_a_place_in_o_read_as_an_adjective_stays():
    places = russian_entities("Наиболее пострадавшими оказались жители Вишнево и Морено.").places
    assert places == ["Вишнево", "Морено"], places
    assert not is_no_place(Mention("place", "Вишнево", "Вишнево", 0, "", None, True))


def test_a_word_named_mid_sentence_elsewhere_stays_at_a_sentence_start():
    places = russian_entities("Земля совершила полный оборот. Космонавты вернулись на Землю в среду.").places
    assert places == ["Земля"], places


def test_the_item_lists_no_namesake():
    text = "Авария в Выборге\n\nВечером на улице Раевского в Выборге столкнулись два автомобиля.\n"
    places = parse_document(text.encode("utf-8"), "doc.txt").to_json()["places"]
    assert "Выборг" in places and "Раевский" not in places, places


def test_an_arena_is_no_place():
    places = russian_entities("Стадионы: Казань Арена, Екатеринбург Арена, Ростов Арена.").places
    assert not any("Арена" in p for p in places), places
    places = russian_entities("Игра состоится на Ростов Арене в субботу.").places
    assert places == [], places
