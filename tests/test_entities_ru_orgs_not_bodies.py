"""What the model tags as an organization and no body is: a web service where something is
posted ("в Twitter", "в своём Инстаграме"), while the same name as a company acting stays one
("Facebook заявила"); a building or a site ("Исаакиевский собор", "Донецкий аэропорт"), while a
church as an institution stays one; the Internet; parts in the plural ("департаменты МИДа"), which
name no one part. Sentences written for the tests, run through the real model and the importer."""

from entity_kit import organizations_of


def test_a_service_where_something_is_posted_is_no_organization():
    names = organizations_of("Певица сообщила об этом в Instagram. Видео появилось на YouTube, а её муж "
                             "написал в своём Твиттере, что всё хорошо.")
    assert not any(n in ("Instagram", "YouTube", "Твиттер", "Twitter") for n in names), names


def test_the_same_name_as_a_company_acting_is_an_organization():
    names = organizations_of("Компания Facebook заявила, что удалила тысячи аккаунтов. Акции Facebook упали.")
    assert "Facebook" in names, names


def test_a_building_or_a_site_is_no_organization_but_a_church_is():
    names = organizations_of("Туристы осмотрели Исаакиевский собор, затем самолёт приземлился в Донецком "
                             "аэропорту. Русская православная церковь выступила с заявлением.")
    assert not any("собор" in n.lower() or "аэропорт" in n.lower() for n in names), names
    assert any(n.lower() == "русская православная церковь" for n in names), names


def test_the_internet_is_no_organization():
    names = organizations_of("Ролик быстро разошёлся по Интернету, его обсуждают в Сети.")
    assert names == [], names


def test_parts_in_the_plural_name_no_one_part():
    names = organizations_of("Департаменты МИДа получили указание, а департамент МИДа по делам СНГ "
                             "подготовил доклад.")
    assert not any(n.startswith("Департаменты") for n in names), names
    assert "МИД" in names, names


def test_a_thing_of_a_body_is_not_part_of_its_name():
    # what the model tags on caption lines ("Флаг ИГИЛ"): the function that reads the name
    from eurasec_archive.extract.ner_bodies import without_thing

    unknown = lambda name: False  # noqa: E731 (no authority entry)
    assert without_thing("Флаг ИГИЛ", unknown) == "ИГИЛ"
    assert without_thing("Сэндвич Burger King", unknown) == "Burger King"
    assert without_thing("Принадлежность Русской православной церкви",
                         lambda name: name == "Русская православная церковь") == "Русская православная церковь"
    # a noun that opens a body's name, or a name after the noun that is no body's, stays
    assert without_thing("Банк России", unknown) == "Банк России"
    assert without_thing("Колледж Святого Петра", unknown) == "Колледж Святого Петра"
    assert without_thing("Решение мэра Москвы", unknown) == "Решение мэра Москвы"


def test_codes_of_law_are_noorganizations_of():
    names = organizations_of("Ему предъявлено обвинение по статье 105 УК РФ, а также по статье 20.1 КоАП. "
                             "Суд учёл нормы, которые установлены в ГК РФ, и вынес решение.")
    assert not any(n in ("УК", "УК РФ", "КоАП", "ГК", "ГК РФ") for n in names), names


def test_a_national_team_goes_on_with_its_sport():
    names = organizations_of("Сборная России по фехтованию выиграла командный турнир, сообщили в федерации. "
                             "Спортсмены вернутся домой в понедельник.")
    assert "Сборная России по фехтованию" in names, names
