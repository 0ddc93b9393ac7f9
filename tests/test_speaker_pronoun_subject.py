"""A sentence that opens with "He" or "She" and reports that person's words further on, by a gerund of
saying after a comma ("…, saying, “…”") or a verb of saying joined by "and" ("… and joked, “…”"), is a
cue whose source is the pronoun, resolved like "he said".

Texts written for these tests, one pattern each, through the real normalizer and extractor.
"""

from __future__ import annotations

from speaker_kit import read, speaker_of

_LEAD = ("Harbour plan\n\nThe port authority met on Monday to discuss the new harbour plan. "
         "“We will not wait another decade,” said Senator Maud Okonkwo.\n\n")


def test_she_and_a_gerund_of_saying_after_a_comma():
    meta = read(_LEAD + "She also issued a statement on the vote, saying, “The ferries will lose half their berths.”")
    assert speaker_of(meta, "The ferries will lose") == "Maud Okonkwo"


def test_he_and_a_verb_of_saying_joined_by_and():
    meta = read("Harbour plan\n\nThe port authority met on Monday to discuss the new harbour plan. "
                "“We will not wait another decade,” said Senator Piet Larsen.\n\n"
                "He then put on a sailor’s cap and joked, “The cranes will outlive us all.”")
    assert speaker_of(meta, "The cranes will outlive") == "Piet Larsen"


def test_a_cue_of_its_own_is_left_as_it_reads():
    # a guard (passes before the change too): "said Tom Eklund" is the sentence's own cue
    meta = read(_LEAD + "She left the hall early, and “the cranes come first,” said Mayor Tom Eklund.")
    assert speaker_of(meta, "the cranes come first") == "Tom Eklund"
