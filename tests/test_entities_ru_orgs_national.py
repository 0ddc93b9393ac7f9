"""A national body named without its country ("МИД", "Совет безопасности") is the body of the
country the text ties it to (the nearest named before it in its paragraph, else the one named
most often before it), never the first country of the places list that has
such a body in the authority (a Czech text naming Russia later gave "МИД" to the Russian MFA,
so a reader filtering by the Russian MFA saw Czech statements). When the text names no country
before it, or one the authority has no such body for, the body is no country's body. Sentences
written for the tests, run through the real model and the importer."""

from entity_kit import organizations_of

RUSSIAN_MFA = "Ministry of Foreign Affairs of the Russian Federation"
BELARUS_MFA = "Ministry of Foreign Affairs of the Republic of Belarus"


def test_a_bare_mfa_after_a_country_the_authority_lacks_is_no_other_countrys_mfa():
    names = organizations_of("Правительство Чехии ушло в отставку. Новый кабинет сформирует Иржи Руснок. "
                             "МИД возглавит опытный дипломат.\n\nВ проекте атомной станции может участвовать "
                             "Россия, напоминают в Праге.")
    assert RUSSIAN_MFA not in names, names


def test_a_bare_mfa_is_the_mfa_of_the_country_named_nearest_before_it():
    names = organizations_of("Россия и Китай подписали соглашение в Пекине.\n\nВ Минске тем временем "
                             "Белоруссия объявила о новых учениях. МИД сообщил, что наблюдатели приглашены.")
    assert BELARUS_MFA in names, names
    assert RUSSIAN_MFA not in names, names


def test_a_bare_mfa_before_any_country_is_no_countrys_mfa():
    names = organizations_of("МИД выразил протест в связи с инцидентом на границе. Посол Польши был "
                             "вызван для объяснений, сообщают в Варшаве.")
    assert not any(n.startswith("Ministry of Foreign Affairs") for n in names), names


def test_a_bare_mfa_after_the_mfa_named_with_its_country_is_that_mfa():
    names = organizations_of("МИД России опубликовал заявление. Позднее МИД добавил, что консультации "
                             "с Японией продолжатся.")
    assert names.count(RUSSIAN_MFA) == 1, names
    assert "МИД" not in names, names


def test_a_bare_mfa_in_a_paragraph_naming_no_country_is_the_mfa_of_the_country_named_most_before_it():
    names = organizations_of("Указ о назначении постоянного представителя России при ООН опубликован. "
                             "Представитель РФ будет работать в Нью-Йорке, США.\n\nДипломат родился в Волгограде "
                             "и с 2013 года был заместителем главы МИД.")
    assert RUSSIAN_MFA in names, names


def test_a_bare_mfa_is_the_mfa_the_text_named_last_with_its_country():
    names = organizations_of("В Сирии похищены трое иностранцев. МИД Италии подтвердил похищение.\n"
                             "По данным МИД РФ, все похищенные работали в Сирии.\n\n"
                             "По данным МИДа, похитители потребовали выкуп.")
    assert RUSSIAN_MFA in names and "Ministry of Foreign Affairs of Italy" in names, names
    assert "МИД" not in names, names
