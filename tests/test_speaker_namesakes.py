"""A surname several people of the document share ("Clinton" for a husband and a wife): the
honorific or the pronoun that stands for it tells which one is meant.

Texts written for these tests, one pattern each, through the real normalizer and extractor.
"""

from __future__ import annotations

from speaker_kit import read, speaker_of

from eurasec_archive.extract.speaker_gender import namesake

_COUPLE = ("Harbour plans\n\nFormer mayor Daniel Okafor and his wife, the council leader Grace Okafor, "
           "opened the new ferry terminal on Saturday.\n\n")


def test_mrs_with_a_shared_surname_is_the_woman_of_that_name():
    meta = read(_COUPLE + "Mrs. Okafor did not hesitate. “The ferries will run all winter, whatever the cost,” "
                "she said, as the crowd cheered.")
    assert speaker_of(meta, "The ferries will run all winter") == "Grace Okafor"


def test_mr_with_a_shared_surname_is_the_man_of_that_name():
    # a guard (passes before the change too): the honorific "Mr." keeps the man
    meta = read("Harbour plans\n\nCouncil leader Grace Okafor and her husband, the former mayor Daniel Okafor, "
                "opened the new ferry terminal on Saturday.\n\n“We waited eleven years for this pier,” Mr. Okafor said.")
    assert speaker_of(meta, "We waited eleven years") == "Daniel Okafor"


def test_she_said_after_the_surname_alone_is_the_woman_who_bears_it():
    meta = read(_COUPLE + "Okafor listed the routes one by one. “Three boats a day will reach the islands,” she said.")
    assert speaker_of(meta, "Three boats a day") == "Grace Okafor"


def test_the_surname_just_written_in_full_keeps_its_person():
    # a guard (passes before the change too): "Daniel Okafor … Okafor" is Daniel, whatever pronoun follows
    genders = {"Daniel Okafor": "m", "Grace Okafor": "f"}.get
    text = "A ferry worker who knows Daniel Okafor says Okafor rarely came. She"
    pos = text.index("Okafor rarely")
    assert namesake(text, pos, "Daniel Okafor", "f", ["Daniel Okafor", "Grace Okafor"], genders) == "Daniel Okafor"
    # the surname alone, with no full name before it in the paragraph, is the one the pronoun can be
    text = "Okafor rarely came. She"
    assert namesake(text, 0, "Daniel Okafor", "f", ["Daniel Okafor", "Grace Okafor"], genders) == "Grace Okafor"
