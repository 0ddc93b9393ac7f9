"""English bodies by their head noun: the heads of en_body_heads.json, heads before "of" only,
a possessive that ends a body's name, and "and" between two bodies (extract/bodies_en.py).

Kinds of error read on CoNLL-2003 valid; the sentences are written for the tests.
"""

from eurasec_archive.extract.bodies_en import named_bodies


def _bodies(text: str) -> list[str]:
    return [o.name for _, _, o in named_bodies(text)]


def test_institutions_companies_and_teams_named_by_their_last_word():
    assert _bodies("Traders on the Zorvan Board of Trade said the Quellmark Foundation paid.") == \
        ["Zorvan Board of Trade", "Quellmark Foundation"]
    assert _bodies("Tibbard Petroleum and Drezzi Rovers won.") == ["Tibbard Petroleum", "Drezzi Rovers"]


def test_a_head_that_names_a_body_only_before_of():
    assert _bodies("The Zorvan House of Delegates voted.") == ["Zorvan House of Delegates"]
    assert _bodies("She met him at the Zorvan House on Friday.") == []


def test_a_possessive_ends_a_body_named_before_it():
    assert _bodies("The University of Zorvan's August index fell.") == ["University of Zorvan"]
    assert _bodies("Quellmark's Democratic Party won.") == ["Democratic Party"]


def test_and_after_a_head_starts_another_body():
    assert _bodies("The Zorvan Institute and Quellmark Institution said.") == \
        ["Zorvan Institute", "Quellmark Institution"]
