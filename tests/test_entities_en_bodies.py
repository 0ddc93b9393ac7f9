"""English organizations named by a head noun, found without the authority files."""

from eurasec_archive.extract.bodies_en import named_bodies


def names(text: str) -> list[str]:
    return [o.name for _, _, o in named_bodies(text)]


def test_a_capitalized_run_ending_in_a_head_noun_is_an_organization():
    assert names("The figures came from the Commerce Department on Monday.") == ["Commerce Department"]
    assert names("Shares of Daewoo Corp fell.") == ["Daewoo Corp"]


def test_head_before_of_names_the_body_with_its_complement():
    assert names("the Bank of England said") == ["Bank of England"]


def test_a_person_before_of_is_no_part_of_the_body():
    assert names("said Don Penney of the Rochester Fire Department") == ["Rochester Fire Department"]


def test_sentence_ends_and_capital_headlines_break_a_run():
    assert names("It rained in Britain. Police said nothing.") == []
    assert names("RUGBY UNION - ENGLAND BEAT WALES") == []


def test_a_known_place_is_no_body_and_two_bodies_joined_by_and_the_are_two():
    assert names("the Russian Federation") == []
    assert names("talks between Britain and the World Bank") == ["World Bank"]


def test_a_part_of_a_known_body_is_no_body_of_its_own():
    assert names("the UN Development Bank said") == []


def test_political_bodies_by_their_head_noun_and_generic_words_alone_are_none():
    found = names("The Palestine Liberation Organisation met the Socialist Party of Chile and the Foreign Ministry.")
    assert "Palestine Liberation Organisation" in found
    assert "Socialist Party of Chile" in found
    assert "Foreign Ministry" not in found  # no word names a particular body
    assert not any("Ministerial Council" in n for n in names("The OSCE Ministerial Council met."))
