"""A partial quotation in a sentence that opens with one named person and has no verb of saying
("Okonkwo welcomed the “long overdue decision of the board” …") is that person's words: the quote gets the
name, and the name alone makes no speaker. Another person named in the sentence leaves it unattributed.

Texts written for these tests, one pattern each, through the real normalizer and extractor.
"""

from __future__ import annotations

from speaker_kit import read, speaker_of

_LEAD = ("Harbour plan\n\nThe port authority met on Monday to discuss the new harbour plan. "
         "“We will not wait another decade,” said Senator Maud Okonkwo.\n\n")


def test_a_partial_quotation_in_a_sentence_about_one_person_is_theirs():
    meta = read(_LEAD + "Okonkwo welcomed the “long overdue decision of the board” and left the dock.")
    assert speaker_of(meta, "long overdue decision") == "Maud Okonkwo"
    assert {s.name for s in meta["speakers"]} == {"Maud Okonkwo"}


def test_the_name_of_such_a_sentence_alone_makes_no_speaker():
    meta = read("Harbour plan\n\nThe port authority met on Monday, with Senator Maud Okonkwo.\n\n"
                "Okonkwo welcomed the “long overdue decision of the board” and left the dock.")
    assert speaker_of(meta, "long overdue decision") == "Maud Okonkwo"
    assert {s.name for s in meta["speakers"]} == set()


def test_another_person_in_the_sentence_leaves_it_unattributed():
    # a guard (passes before the change too)
    meta = read(_LEAD + "Okonkwo and Senator Jan Halvorsen welcomed the “long overdue decision of the board” and left.")
    assert speaker_of(meta, "long overdue decision") is None


def test_the_verb_nearest_the_quotation_gives_its_subject():
    # "When asked …" opens the sentence; the subject of "said", right before the quotation, speaks
    meta = read("Harbour plan\n\nThe port authority met on Monday, with Senator Maud Okonkwo.\n\n"
                "When asked whom she supported, Okonkwo smiled and said, “I am waiting for the harbour board.”")
    assert speaker_of(meta, "I am waiting for the harbour") == "Maud Okonkwo"


def test_an_opening_phrase_before_the_one_named_person_still_gives_them_the_quotation():
    meta = read(_LEAD + "On Monday, Okonkwo grumbled to a crowd at the quay that the board “never treats us fairly” "
                "before leaving.")
    assert speaker_of(meta, "never treats us fairly") == "Maud Okonkwo"


def test_a_sentence_led_by_she_gives_the_partial_quotation_to_whom_she_stands_for():
    meta = read(_LEAD + "Okonkwo left the quay early. She waved away the dredging budget as “the biggest fairy tale "
                "this port has seen” and drove off.")
    assert speaker_of(meta, "the biggest fairy tale") == "Maud Okonkwo"


def test_a_sentence_led_by_she_keeps_its_quotation_hers_with_another_name_after():
    meta = read(_LEAD + "Okonkwo left the quay early. She expected that the hardest task for a Mayor Halvorsen would "
                "be “cleaning up the mess the old board will leave.”")
    assert speaker_of(meta, "cleaning up the mess") == "Maud Okonkwo"


def test_a_sentence_led_by_she_gives_the_quotation_her_colon_introduces():
    meta = read(_LEAD + "Okonkwo left the quay early. But back in the city, she returned to her familiar lines: "
                "“The harbour comes first! There will be no delay!”")
    assert speaker_of(meta, "The harbour comes first") == "Maud Okonkwo"


def test_a_sentence_led_by_a_persons_possessive_gives_them_its_partial_quotation():
    meta = read(_LEAD + "Okonkwo’s stock answer then — “the harbour will outlast every one of us” — is likely to be "
                "heard again this winter.")
    assert speaker_of(meta, "the harbour will outlast") == "Maud Okonkwo"
