"""A part of a body named before the body's name ("пресс-служба МВД", "совет директоров
«Газпрома»", "юридический факультет Гарвардского университета") is the organization the text
names, with its whole name in the nominative, and the body whose part it is stays named (a
reader filtering by "Газпром" finds the text that names its board); a describing word
before the part ("американское отделение") or a word that is no part of a body ("акции") leaves
the body as it is. One mention is one organization ("Генеральная прокуратура ОАЭ" was also
"Прокуратура ОАЭ"). Sentences written for the tests, run through the real model and the importer."""

from entity_kit import organizations_of


def test_a_press_service_before_a_body_is_the_press_service_of_that_body():
    names = organizations_of("Об этом корреспонденту сообщили в пресс-службе Минобороны. Позже пресс-служба "
                             "Минобороны распространила заявление.")
    assert sorted(names) == ["Минобороны", "Пресс-служба Минобороны"], names


def test_the_part_keeps_its_genitive_words_and_its_adjectives():
    names = organizations_of("Вчера совет директоров «Газпрома» одобрил сделку. Его сын окончил юридический "
                             "факультет Гарвардского университета.")
    assert "Совет директоров «Газпрома»" in names, names
    assert "Юридический факультет Гарвардского университета" in names, names
    assert "Газпром" in names and "Гарвардский университет" in names, names
    assert len(names) == 4, names


def test_a_word_that_is_no_part_of_a_body_leaves_the_body_alone():
    names = organizations_of("Акции «Газпрома» выросли на бирже. По словам представителя Минобороны, учения "
                             "завершены.")
    assert "Газпром" in names, names
    assert not any(n.startswith(("Акции", "Представител")) for n in names), names


def test_a_country_adjective_before_the_part_describes_it():
    names = organizations_of("Американское отделение банка Barclays закрылось. Работники отдела кадров "
                             "«Лукойла» уволены.")
    assert not any(n.startswith("Отделение") or n.startswith("Американское") for n in names), names
    assert "Отдел кадров «Лукойла»" in names, names


def test_a_body_completed_by_its_place_is_one_organization():
    names = organizations_of("Генеральная прокуратура ОАЭ передала дело в суд.")
    assert names == ["Генеральная прокуратура ОАЭ"], names


def test_a_committee_goes_on_with_its_field_after_po():
    names = organizations_of("Законопроект одобрил комитет Госдумы по безопасности и противодействию коррупции. "
                             "Его поддержал Комитет Сената США по международным отношениям. Доклад "
                             "рассмотрят перед комитетом ООН против пыток в Женеве.")
    assert "Комитет Госдумы по безопасности и противодействию коррупции" in names, names
    assert "Комитет Сената США по международным отношениям" in names, names
    assert "Комитет ООН против пыток" in names, names


def test_the_field_ends_where_the_sentence_goes_on():
    names = organizations_of("На заседании комитета Госдумы по обороне депутаты обсудили бюджет. Газпром по "
                             "итогам года выплатит дивиденды.")
    assert "Комитет Госдумы по обороне" in names, names
    assert "Газпром" in names, names


def test_a_seat_stays_named_inside_the_part_of_it():
    names = organizations_of("Как сообщила пресс-служба Кремля, встреча пройдёт в понедельник. Подробности "
                             "визита пока не раскрываются.")
    assert "Пресс-служба Кремля" in names and "Кремль" in names, names


def test_the_part_the_model_tagged_alone_is_not_a_body_of_its_own():
    names = organizations_of("Вчера прошло заседание, на котором Коллегия Минобороны России рассмотрела итоги "
                             "года. Доклад подготовил Генштаб Вооружённых сил.")
    assert "Коллегия" not in names and "Генштаб" not in names, names
