"""A body named around or before a name the authority knows is a body of its own, beside the
known one: the model's "Комитета Госдумы по …" around "Госдумы" is no longer dropped for
overlapping it, a part the model does not tag at all is read before the known name ("Комитет
Госдумы по обороне"), a part of "МИД России" keeps the country ("Пресс-служба МИД России", not
"Пресс-служба МИД"), and the kind of body may stand between a part and the name ("Высшего совета
партии «Единая Россия»"); a mission goes on with its seat ("Посольство Франции в Москве").
Sentences written for the tests, run through the real model and the importer; each fails before
this change."""

from entity_kit import organizations_of


def test_the_model_s_committee_around_a_known_body_is_kept():
    names = organizations_of("Это пояснил заместитель председателя Комитета Госдумы по науке и наукоёмким технологиям.")
    assert "Комитет Госдумы по науке и наукоёмким технологиям" in names, names
    assert "State Duma" in names, names


def test_a_part_the_model_misses_before_a_known_body():
    names = organizations_of("Комитет Госдумы по обороне одобрил поправки.")
    assert "Комитет Госдумы по обороне" in names, names


def test_a_part_of_a_known_body_keeps_its_country():
    names = organizations_of("Пресс-служба МИД России сообщила об этом.")
    assert "Пресс-служба МИД России" in names, names


def test_the_kind_of_body_between_a_part_and_its_name():
    names = organizations_of("Он стал членом Высшего совета партии «Единая Россия» в мае.")
    assert "Высший совет партии «Единая Россия»" in names, names


def test_an_embassy_goes_on_with_the_city_it_sits_in():
    # a country's mission named with its seat is one body ("Посольство Франции в Москве")
    names = organizations_of("В посольстве Франции в Москве прошёл приём по случаю праздника.")
    assert "Посольство Франции в Москве" in names, names
