"""An inverted source written as someone's aide ("said Okonkwo's deputy harbour master, Jan Halvorsen")
is the aide, not the owner of the possessive; with no name after it ("according to Okonkwo's
campaign") the owner stays the source.

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
