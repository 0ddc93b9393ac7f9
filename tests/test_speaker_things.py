"""A speaker's name that reads as a thing is no speaker: two or more frequent English words with no
given name among them (a body, a brand, a headline's words), or a place named in two words; a
sentence's first word glued before a surname ("And Okonkwo said") is not part of the name.

Texts written for these tests, one pattern each, through the real normalizer and extractor.
"""

from __future__ import annotations

from speaker_kit import read, speaker_of

from eurasec_archive.extract.speaker_things import reads_as_thing

_LEAD = "Harbour plan\n\nThe port authority met on Monday to discuss the new harbour plan.\n\n"


def test_a_run_of_frequent_words_is_no_speaker():
    meta = read(_LEAD + "“We will not sign anything before the vote in the spring,” Open Future said.")
    assert {s.name for s in meta["speakers"]} == set()
    assert speaker_of(meta, "We will not sign anything") is None


def test_a_place_in_two_words_is_no_speaker():
    meta = read(_LEAD + "“The vote will be held in the spring, as the law requires,” West Virginia said in a filing.")
    assert {s.name for s in meta["speakers"]} == set()
    assert speaker_of(meta, "The vote will be held") is None


def test_a_given_name_before_a_frequent_word_keeps_the_person():
    # a guard (passes before the change too): "Brown" is a frequent word, "Sherrod" a given name
    meta = read(_LEAD + "“The plan will cost far more than anyone has admitted so far,” Sherrod Brown said.")
    assert speaker_of(meta, "The plan will cost") == "Sherrod Brown"
    assert not reads_as_thing("Sherrod Brown")
    assert not reads_as_thing("Okonkwo")
    assert reads_as_thing("United Technologies")


def test_a_sentence_word_before_a_surname_is_cut():
    meta = read(_LEAD + "“The plan will cost far more than anyone has admitted so far,” Okonkwo said. "
                "And Okonkwo said the vote “can wait until the spring.”\n\n"
                "But Halvorsen told reporters that the plan would cost far more than anyone had admitted.")
    assert {s.name for s in meta["speakers"]} == {"Okonkwo", "Halvorsen"}
    assert speaker_of(meta, "can wait until") == "Okonkwo"
    assert speaker_of(meta, "the plan would cost") == "Halvorsen"
