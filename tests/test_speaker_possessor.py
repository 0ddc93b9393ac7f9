"""A pronoun whose paragraph, or the paragraph before it, names one known person only as an owner
("Mayor Tom Eklund’s renewed support …", "Councillor Ruth Banner’s objection …") stands for that
person rather than for whoever spoke last a paragraph earlier.

Texts written for these tests, one pattern each, through the real normalizer and extractor.
"""

from __future__ import annotations

from speaker_kit import read, speaker_of

_LEAD = ("Harbour plan\n\nThe port authority met on Monday to discuss the new harbour plan. "
         "“We will not wait another decade,” said Senator Piet Larsen.\n\n")


def test_he_said_after_an_owner_in_the_same_paragraph():
    meta = read(_LEAD + "Mayor Tom Eklund’s renewed support for the plan came with conditions. "
                "“The quay must be built first,” he said.")
    assert speaker_of(meta, "The quay must be built") == "Tom Eklund"


def test_she_said_after_an_owner_in_the_previous_paragraph():
    meta = read(_LEAD + "Councillor Ruth Banner’s objection came late on Monday.\n\n"
                "“The ferries will lose half their berths,” she said.")
    assert speaker_of(meta, "The ferries will lose") == "Ruth Banner"


def test_two_owners_decide_nothing():
    # a guard (passes before the change too): two owners who can both be "he" are no antecedent,
    # and the last speaker stays the reading
    meta = read(_LEAD + "Mayor Tom Eklund’s aide and Senator Larsen’s lawyer met on Tuesday. "
                "“We will fight this,” he said.")
    assert speaker_of(meta, "We will fight this") == "Piet Larsen"
