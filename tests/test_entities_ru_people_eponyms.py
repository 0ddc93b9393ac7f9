"""A person whose name stands only in the name of a street, a site or an illness named after
them ("на улице Семёна Барабашова", "болезнью Паркинсона", "церкви Фомы Неверова") is no person of
the document; one the text also names elsewhere stays, and a name in the nominative after a site's
noun in another case is the sentence's subject. Sentences and names written for the tests, read by
the real importer (model, dictionary, authority files)."""

from eurasec_archive.extract.ner_eponyms import without_town
from eurasec_archive.importer import parse_document


def _people(body: str) -> list[str]:
    return parse_document(f"Новости\n\n{body}\n".encode(), "doc.txt").to_json()["people"]


def test_a_streets_namesake_is_no_person():
    people = _people("Вчера на улице Семёна Барабашова открылся новый магазин. Его владелец Игорь Пасечник "
                     "доволен. Рядом, на площади Тимофея Громыхалова, прошёл концерт.")
    assert people == ["Игорь Пасечник"], people


def test_an_illness_and_a_church_named_after_someone_name_no_person():
    people = _people("Актриса Марина Зуева много лет боролась с болезнью Паркинсона. Отпевание пройдёт "
                     "в церкви Фомы Неверова в селе Липки.")
    assert people == ["Марина Зуева"], people


def test_a_namesake_named_elsewhere_stays():  # guard: the other mention names the person
    people = _people("Писатель Семён Барабашов родился в Харькове. Сегодня на улице Семёна Барабашова "
                     "открыли мемориальную доску.")
    assert people == ["Семён Барабашов"], people


def test_a_subject_after_a_site_noun_stays_a_person():  # guard: the nominative is the subject
    people = _people("Вечером на стадионе Иван Седых забил два гола. В отеле Пётр Ивашов встретился с журналистами.")
    assert people == ["Иван Седых", "Пётр Ивашов"], people


def test_a_towns_name_glued_before_a_person_after_a_settlement_noun_is_no_part_of_it():
    assert without_town("Заречного Игоря Пасечника", "города") == "Игоря Пасечника"
    assert without_town("Заречного Игоря Пасечника", "главы") == "Заречного Игоря Пасечника"  # no town's noun
