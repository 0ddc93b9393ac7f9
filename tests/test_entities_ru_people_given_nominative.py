"""A given name alone is put in the nominative of the listed given name the dictionary reads it
as ("Марину" -> "Марина", not the man's "Марин"), not of a listed name it only shares a stem
with. Names made up for the test, read by the real dictionary."""

from eurasec_archive.extract.person_names import nominative_person


def test_a_given_name_alone_is_put_in_its_own_nominative():
    assert nominative_person("Марину") == "Марина"
    assert nominative_person("Анне") == "Анна" and nominative_person("Юлии") == "Юлия"
    assert nominative_person("Алекс") == "Алекс"  # a nickname, no case form of "Алексей"
