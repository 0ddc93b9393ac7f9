"""What the model tags as an organization and no body is: a web service where something is
posted ("в Twitter", "в своём Инстаграме"), while the same name as a company acting stays one
("Facebook заявила"); a building or a site ("Исаакиевский собор", "Донецкий аэропорт"), while a
church as an institution stays one; the Internet; parts in the plural ("департаменты МИДа"), which
name no one part. Sentences written for the tests, run through the real model and the importer."""

from eurasec_archive.importer import parse_document


def _organizations(body: str) -> list[str]:
    text = f"Новости\n\n{body}\n"
    return [o["name"] for o in parse_document(text.encode("utf-8"), "doc.txt").to_json()["organizations"]]


def test_a_service_where_something_is_posted_is_no_organization():
    names = _organizations("Певица сообщила об этом в Instagram. Видео появилось на YouTube, а её муж "
                           "написал в своём Твиттере, что всё хорошо.")
    assert not any(n in ("Instagram", "YouTube", "Твиттер", "Twitter") for n in names), names


def test_the_same_name_as_a_company_acting_is_an_organization():
    names = _organizations("Компания Facebook заявила, что удалила тысячи аккаунтов. Акции Facebook упали.")
    assert "Facebook" in names, names


def test_a_building_or_a_site_is_no_organization_but_a_church_is():
    names = _organizations("Туристы осмотрели Исаакиевский собор, затем самолёт приземлился в Донецком "
                           "аэропорту. Русская православная церковь выступила с заявлением.")
    assert not any("собор" in n.lower() or "аэропорт" in n.lower() for n in names), names
    assert any(n.lower() == "русская православная церковь" for n in names), names


def test_the_internet_is_no_organization():
    names = _organizations("Ролик быстро разошёлся по Интернету, его обсуждают в Сети.")
    assert names == [], names


def test_parts_in_the_plural_name_no_one_part():
    names = _organizations("Департаменты МИДа получили указание, а департамент МИДа по делам СНГ "
                           "подготовил доклад.")
    assert not any(n.startswith("Департаменты") for n in names), names
    assert "МИД" in names, names
