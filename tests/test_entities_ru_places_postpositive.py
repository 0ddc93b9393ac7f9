"""A capitalized adjective after the noun it agrees with is part of the name and takes the
nominative with it: "в Республике Сербской" is Республика Сербская, "Гвинеи Экваториальной"
Гвинея Экваториальная. A word after the noun that does not agree with it stays as written
("Республики Корея", "Комитета Государственной Думы"). Phrases written for the tests."""

from eurasec_archive.extract.ner import nominative_phrase


def test_a_postpositive_adjective_takes_the_nominative():
    assert nominative_phrase("Республике Сербской") == "Республика Сербская"
    assert nominative_phrase("Республикой Сербской") == "Республика Сербская"
    assert nominative_phrase("Гвинеи Экваториальной") == "Гвинея Экваториальная"


def test_words_that_do_not_agree_stay():  # guard
    assert nominative_phrase("Республики Корея") == "Республика Корея"
    assert nominative_phrase("Комитета Государственной Думы") == "Комитет Государственной Думы"
    assert nominative_phrase("Республика Сербская") == "Республика Сербская"
