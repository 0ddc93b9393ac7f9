"""A name the speaker reader found joins the document's people only when it is a person of its
own: not a part of a full name the model found ("Ли Ван" of "Ли Ван Хо"), not a common noun or a
place in the genitive first ("Форвард Динамо", "Мексики Хосе"), not a body's noun in any case
("Университета Бристоля"). Names written for the tests; the real dictionary and authority files."""

from eurasec_archive.extract.ner_link import is_person_name


def test_a_part_of_a_known_full_name_is_no_other_person():
    assert not is_person_name("Ли Ван", ["Ли Ван Хо"])
    assert not is_person_name("Ван Хо", ["Ли Ван Хо", "Анна Котова"])


def test_a_common_noun_or_a_genitive_place_first_is_no_name():
    assert not is_person_name("Форвард Динамо", [])
    assert not is_person_name("Мексики Хосе", [])


def test_a_bodys_noun_in_another_case_is_no_name():
    assert not is_person_name("Университета Бристоля", [])


def test_a_person_of_their_own_stays():  # guard
    assert is_person_name("Игорь Пасечник", ["Марина Зуева"])
    assert is_person_name("Марина Ли", ["Ли Ван Хо"])
