"""The last resort for a pronoun no sentence around it resolves: the latest person named before whose
known gender fits it. The latest one only makes a speaker; the one before it, or the one before that,
gets the quotation ("Ruth Banner … Tom Eklund … ¶ “…,” she said") but is no speaker by it alone.

Texts written for these tests, through the real normalizer and extractor.
"""

from __future__ import annotations

from speaker_kit import read, speaker_of


def test_she_said_goes_back_past_a_man_named_later():
    meta = read("Harbour plan\n\nThe port authority met on Monday to discuss the new harbour plan.\n\n"
                "Ruth Banner opened the hearing at noon.\n\nTom Eklund chaired the board that afternoon.\n\n"
                "“The ferries will lose half their berths,” she said.")
    assert speaker_of(meta, "The ferries will lose") == "Ruth Banner"
    assert "Ruth Banner" not in {s.name for s in meta["speakers"]}
