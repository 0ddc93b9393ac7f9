"""A body the text names by its kind and a quoted or Latin name is an organization, named as
written without its quotes: "газеты ''Daily Courier''", "Газета St. Paul Herald-Courier", "группы
''The Lanterns''", "компания ''Blue Harbor''". A kind noun before one Latin capital ("группе H" of a
tournament) names no body, a Latin name ends with its line, and an outlet the authority knows keeps
its canonical name. A Latin name in a wiki's double apostrophes is a body's unless a work's or a
building's noun stands before it (or before the name it is listed after). Sentences written for the
tests (names made up), run through the real model and the importer; each fails before this work
unless marked a guard."""

from entity_kit import organizations_of


def test_a_latin_name_in_wiki_quotes_after_a_newspaper():
    orgs = organizations_of("Как вспоминает журналист газеты ''Daily Courier'', матч прошёл спокойно.")
    assert "Daily Courier" in orgs, orgs


def test_a_latin_name_without_quotes_after_a_newspaper():
    orgs = organizations_of("Газета St. Paul Herald-Courier опознала погибшего.")
    assert "St. Paul Herald-Courier" in orgs, orgs


def test_a_band_and_a_company_named_by_their_kind():
    orgs = organizations_of("Он хранил пластинки группы ''The Lanterns''. Гастроли отменила промоутерская "
                            "компания ''Blue Harbor''.")
    assert "The Lanterns" in orgs and "Blue Harbor" in orgs, orgs


def test_one_latin_capital_after_a_kind_noun_is_no_body():  # guard
    orgs = organizations_of("Сборная попала в группу H вместе с командами из Азии.")
    assert "H" not in orgs, orgs


def test_a_latin_name_ends_with_its_line():
    orgs = organizations_of("Об этом написала газета St. Paul Herald-Courier.\nFacebook удалил публикацию.")
    assert "St. Paul Herald-Courier" in orgs, orgs
    assert not any("\n" in o for o in orgs), orgs


def test_a_known_outlet_keeps_its_canonical_name():  # guard
    orgs = organizations_of("Об этом пишет газета «Известия» со ссылкой на источники.")
    assert "Izvestia" in orgs, orgs
    assert "Известия" not in orgs, orgs


def test_the_quoted_names_listed_after_a_kind_noun_are_bodies_too():
    orgs = organizations_of("Он сыграл за три команды (''Lakeside Owls'', ''Harbor City Pilots'' и "
                            "''Northfield Comets'').")
    assert {"Lakeside Owls", "Harbor City Pilots", "Northfield Comets"} <= set(orgs), orgs


def test_a_latin_name_in_wiki_quotes_is_a_body():
    orgs = organizations_of("Он двадцать лет проработал в ''Harbor Lane Partners'', а затем перешёл в "
                            "''Northgate Holdings''.")
    assert "Harbor Lane Partners" in orgs and "Northgate Holdings" in orgs, orgs


def test_a_work_in_wiki_quotes_is_no_body_there_or_elsewhere():  # guard of the rule below
    orgs = organizations_of("В 2016 году вышел альбом ''Quiet Harbor Nights''. Его лучшие песни: ''Pale "
                            "Lanterns'', ''Open Fields''. Критики назвали ''Quiet Harbor Nights'' лучшей работой.")
    assert not {"Quiet Harbor Nights", "Pale Lanterns", "Open Fields"} & set(orgs), orgs


def test_a_building_in_wiki_quotes_is_no_body():  # guard of the rule below
    orgs = organizations_of("Трагедия произошла у здания ''The Oakwood'' на окраине города.")
    assert "The Oakwood" not in orgs, orgs


def test_a_channel_named_by_its_number_is_a_body_and_a_canal_is_none():
    orgs = organizations_of("Сюжет показали на Первом канале в субботу. Судно прошло Суэцкий канал.")
    assert "Первый канал" in orgs, orgs
    assert not any("Суэцкий" in o for o in orgs), orgs
