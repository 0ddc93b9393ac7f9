"""An inverted source written as someone's aide ("said Okonkwo's deputy harbour master, Jan Halvorsen")
is the aide, not the owner of the possessive; with no name after it ("according to Okonkwo's
campaign") the owner stays the source. An article's author named before its excerpt
('"…," by Variety's Peter Lund: "…"') cites it and does not speak.

Texts written for these tests, one pattern each, through the real normalizer and extractor.
"""

from __future__ import annotations

from speaker_kit import read, speaker_of

_LEAD = "Harbour plan\n\nThe port authority met on Monday to discuss the new harbour plan.\n\n"


def test_the_aide_named_after_a_possessive_speaks():
    meta = read(_LEAD + "“We are treating the whole spring as one long vote on the harbour,” said Okonkwo’s "
                "deputy harbour master, Jan Halvorsen, who ran the last campaign.\n\n"
                "For the council, according to Maud Okonkwo's former deputy Ingrid Solberg, the vote is a test "
                "of its nerve and of its purse.")
    assert speaker_of(meta, "We are treating the whole spring") == "Jan Halvorsen"
    assert {s.name for s in meta["speakers"]} == {"Jan Halvorsen", "Ingrid Solberg"}


def test_a_possessive_with_no_name_after_it_keeps_its_owner():
    # a guard (passes before the change too)
    meta = read(_LEAD + "Of forty names put forward by Maud Okonkwo, the board chose just three, according to "
                "Ms. Okonkwo's campaign.")
    assert {s.name for s in meta["speakers"]} == {"Maud Okonkwo"}


def test_an_articles_author_before_its_excerpt_is_no_speaker():
    meta = read("Harbour digest\n\nThe port authority met on Monday to discuss the new harbour plan, and the papers "
                "followed.\n\nDOCK BEAT—\"A new ferry for the north shore,\" by Variety's Peter Lund: \"The ferry will "
                "run twice a day from the north shore to the old harbour, starting in May.\"")
    assert {s.name for s in meta["speakers"]} == set()
    assert speaker_of(meta, "The ferry will run") is None


def test_a_person_introducing_a_quotation_with_a_colon_still_speaks():
    # a guard (passes before the change too)
    meta = read(_LEAD + "The delay does not surprise Republican pollster Ingrid Solberg: \"The council has put off "
                "every hard vote on the river dam for ten years.\"")
    assert speaker_of(meta, "The council has put off every") == "Ingrid Solberg"
