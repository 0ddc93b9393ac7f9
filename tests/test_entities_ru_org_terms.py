"""An elected body named with one of its terms is an organization of its own beside the body:
"Законодательного собрания девятого созыва" -> "Законодательное собрание девятого созыва", a term
by a figure ("103 созыва") or a Roman numeral, or several terms ("третьего и четвёртого созывов").
A term that is no number ("прошлого созыва") names none, nor a deputy's country before the term.
Sentences written for the tests, run through the real model and the importer; each fails before
this work unless marked a guard."""

from entity_kit import organizations_of


def test_a_body_in_its_term_by_an_ordinal_word():
    orgs = organizations_of("Выборы в Законодательное собрание прошли спокойно. Депутаты Законодательного "
                            "собрания Омской области девятого созыва собрались на первое заседание.")
    assert "Законодательное собрание Омской области девятого созыва" in orgs, orgs


def test_a_term_by_a_figure_and_by_a_roman_numeral():
    orgs = organizations_of("Сенаторы Сената 103 созыва спорили с депутатами Верховного совета XII созыва.")
    assert "Сенат 103 созыва" in orgs and "Верховный совет XII созыва" in orgs, orgs


def test_several_terms_of_one_body():
    orgs = organizations_of("Борис Семёнов был спикером Городской думы третьего и четвёртого созывов.")
    assert "Городская дума третьего и четвёртого созывов" in orgs, orgs


def test_a_term_that_is_no_number_names_no_body():  # guard
    orgs = organizations_of("Депутаты Народного хурала прошлого созыва отказались от мандатов.")
    assert not any("созыв" in o for o in orgs), orgs


def test_a_deputy_s_country_is_no_body_in_a_term():  # guard
    orgs = organizations_of("Семён Лукин — народный депутат Молдавии II созыва.")
    assert not any("созыв" in o for o in orgs), orgs
