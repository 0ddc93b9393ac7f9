"""A sentence led by He/She whose names are the pronoun's objects ("Eight years ago, he backed X over Y
and said, “Y …”"): the quotation is whom the pronoun goes on from, not the object named before the verb.

Texts written for these tests, through the real normalizer and extractor.
"""

from __future__ import annotations

from speaker_kit import read, speaker_of


def test_the_names_after_a_leading_pronoun_are_its_objects_not_the_speaker():
    meta = read("Endorsements\n\nSenator Ellis Brandt said on Sunday he would endorse this year. Eight years "
                "ago, he backed Tom Harwell over Ann Leverett and said, “Ann Leverett has never done a thing for "
                "our town.”")
    assert speaker_of(meta, "Ann Leverett has never done") == "Ellis Brandt"
    assert "Ann Leverett" not in {s.name for s in meta["speakers"]}


def test_a_named_subject_still_speaks_after_its_verb():
    """A guard (passes before the change too): the sentence opens with the speaker's own name."""
    meta = read("Endorsements\n\nSenator Ellis Brandt spoke on Sunday. Eight years ago, Brandt backed Tom Harwell "
                "over Ann Leverett and said, “Ann Leverett has never done a thing for our town.”")
    assert speaker_of(meta, "Ann Leverett has never done") == "Ellis Brandt"


def test_as_for_a_person_the_pronoun_after_is_that_person():
    meta = read("Convention\n\nSenator Ted Halvorsen warned against a brokered convention. “That would be a disaster "
                "for the party,” Halvorsen said.\n\nAs for Donald Pruitt, he said he is not worried. “I am going to "
                "have the delegates, OK?” he said.")
    assert speaker_of(meta, "I am going to have the delegates") == "Donald Pruitt"
    assert speaker_of(meta, "That would be a disaster") == "Ted Halvorsen"
