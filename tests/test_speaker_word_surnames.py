"""Surnames that are also words, places or bodies ("“…,” Law said", "Israel said", "said Read"), and
capitalized title runs glued before a name ("Chief of Staff Katie Walsh said").

Texts written for these tests, one pattern each, through the real normalizer and extractor.
"""

from __future__ import annotations

from speaker_kit import read, speaker_of


def test_a_surname_that_is_a_body_word_goes_to_the_person_named_in_full_before():
    meta = read("Budget talks\n\nSenator Marcus Law of Ohio opened the morning session on the harbor budget.\n\n"
                "“We will not fold on the harbor money,” Law said.")
    assert speaker_of(meta, "We will not fold") == "Marcus Law"


def test_a_surname_that_is_a_place_goes_to_the_person_named_in_full_before():
    meta = read("Harbor vote\n\nThe harbor board heard Mayor Danielle Israel before the vote.\n\n"
                "“It is a good day for the fishermen of this town,” Israel said after the count.\n\n"
                "“We have waited long enough for this pier,” said Israel.")
    assert speaker_of(meta, "It is a good day") == "Danielle Israel"
    assert speaker_of(meta, "We have waited long enough") == "Danielle Israel"
    assert "Danielle Israel" in {s.name for s in meta["speakers"]}


def test_a_surname_that_is_a_frequent_word_after_its_full_name():
    meta = read("Drug deal\n\nIn a call with analysts, drug maker chief executive Howard Read said the deal would "
                "go ahead.\n\n“We looked at every rule that applies and we believe this is a good deal,” Read said.")
    assert speaker_of(meta, "We looked at every rule") == "Howard Read"


def test_a_place_or_word_alone_is_no_speaker_when_no_one_has_that_surname():
    """A guard (passes before the change too): no person here is named Israel or Law."""
    meta = read("Border talks\n\nThe envoy Marcus Hale met officials in Jerusalem on Monday.\n\n"
                "“We will answer every attack on our towns,” Israel said in a statement.\n\n"
                "“The rules are clear on the harbor money,” Law said.")
    assert speaker_of(meta, "We will answer every attack") is None
    assert speaker_of(meta, "The rules are clear") is None
    assert {s.name for s in meta["speakers"]} <= {"Marcus Hale"}


def test_a_capitalized_title_with_of_before_a_name_is_the_name_s_title():
    meta = read("Party ground game\n\nParty Chief of Staff Katie Wendell said the field offices were “ready for a "
                "long fight in the fall, whatever the polls say.”")
    assert speaker_of(meta, "ready for a long fight") == "Katie Wendell"
    assert "Katie Wendell" in {s.name for s in meta["speakers"]}


def test_a_full_name_ending_in_a_body_word_speaks_when_read_alone_after_its_verb():
    meta = read("Casino town\n\nThe city's mayor, Donald Herald, spent the morning at the boardwalk.\n\n"
                "“I think you could write a whole history book on that,” said Herald, who declined to say more.")
    assert speaker_of(meta, "I think you could write") == "Donald Herald"
    assert "Donald Herald" in {s.name for s in meta["speakers"]}


def test_a_title_word_surname_after_a_census_given_name_is_a_person():
    # "Devon" is a census given name without a listed gender: "Devon Marshal" is still a person
    meta = read("Voter drive\n\nDevon Marshal, a former director of the state party, said the group would focus on "
                "five states.\n\n“If there is a drop-off in the vote in those states, that is sixty electoral "
                "votes,” Mr. Marshal said.")
    assert speaker_of(meta, "If there is a drop-off") == "Devon Marshal"
    assert "Devon Marshal" in {s.name for s in meta["speakers"]}
