"""A name in apposition to a site's noun names the site, no place: "аэропорту Шереметьево",
"космодрома Байконур", a name in quotes after a noun ("авиабазы «Инджирлик»"). A name in the
genitive after the noun is the place the site is in ("аэропорт Франкфурта"), and a place right
after such a noun across a line break, or opening a sentence, stays a place. Sentences written
for the tests, real model and dictionary. Also: a park named with a hyphen ("Гайд-парк"), a
square ("Майдан"), and a seat ("Белый Дом", any capitals) are no places."""

from eurasec_archive.extract.ner_link import russian_entities
from eurasec_archive.importer import parse_document


def test_a_site_named_in_apposition_is_no_place():
    places = russian_entities("Самолёт приземлился в аэропорту Шереметьево рано утром. Через неделю ракета "
                              "стартовала с космодрома Байконур.").places
    assert places == [], places
    places = russian_entities("Мэрия Москвы открыла новое кладбище Северное для жителей.").places
    assert places == ["Moscow"], places


def test_a_name_in_quotes_after_a_noun_is_no_place():
    places = russian_entities("Власти разрешили использование авиабазы «Инджирлик» самолётам коалиции.").places
    assert places == [], places
    places = russian_entities("Он жил в посёлке «Сосновый Бор» под Калугой.").places
    assert places == ["Калуга"], places


def test_a_place_in_the_genitive_after_a_site_word_stays():
    places = russian_entities("Рейс задержали в аэропорту Франкфурта из-за тумана.").places
    assert places == ["Франкфурт"], places
    places = russian_entities("Его держат в тюрьме Сан-Квентина уже десять лет.").places
    assert len(places) == 1 and places[0].startswith("Сан-Квентин"), places


def test_a_place_after_a_site_word_on_the_line_before_stays():
    places = russian_entities("Взрыв прогремел недалеко от авиабазы.\n\nУкраина направила туда солдат.").places
    assert places == ["Ukraine"], places


def test_the_item_lists_no_site():
    text = "Рейс отменён\n\nВчера в аэропорту Шереметьево отменили рейс в Казань из-за снегопада.\n"
    places = parse_document(text.encode("utf-8"), "doc.txt").to_json()["places"]
    assert "Шереметьево" not in places and "Kazan" in places, places


def test_a_park_named_with_a_hyphen_is_no_place():
    """The lower-case noun after a hyphen is the name's head ("Гайд-парк"); a capitalized one
    is part of a town's name (a guard: "Менло-Парк" stays)."""
    places = russian_entities("Вечером тысячи людей собрались на митинг в Гайд-парке, сообщила полиция Лондона.").places
    assert places == ["London"], places
    places = russian_entities("Стартап переехал в Менло-Парк, небольшой город в Калифорнии.").places
    assert "Менло-Парк" in places, places


def test_a_seat_written_with_capitals_is_the_body_it_houses():
    found = russian_entities("Вчера сенатор Смит вернулся в Белый Дом после переговоров в Оттаве.")
    assert found.places == ["Ottawa"], found.places
    assert [o.name for o in found.organizations] == ["Белый Дом"], found.organizations


def test_a_square_named_maidan_is_no_place():
    places = russian_entities("Протестующие провели ночь на Майдане Независимости в Киеве.").places
    assert places == ["Kyiv"], places
