"""A quotation ending in a question or exclamation mark and the name and verb after it are one
sentence ("“Isn’t that a bribe?” Halloran asked."), so the cue after it gives the quotation its
speaker; not when the words after it report a clause of their own ("She replied that …").

Texts written for these tests, one pattern each, through the real normalizer and extractor.
"""

from __future__ import annotations

from speaker_kit import read, speaker_of

from eurasec_archive.extract.speaker_names import sentences


def test_a_question_closed_by_its_cue_is_the_named_speakers():
    meta = read("Harbor vote\n\nAt a rally on Tuesday, Viktor Halloran remarked upon the council's plan for "
                "the pier. “Isn’t that a gift to the shipping lines? Isn’t it?” Halloran asked. “I think it is "
                "a gift.”\n\n“Who pays for the dredging now!” Agnes Whitfield tweeted, quoting the plan.")
    assert speaker_of(meta, "Isn’t that a gift") == "Viktor Halloran"
    assert speaker_of(meta, "I think it is a gift") == "Viktor Halloran"
    assert speaker_of(meta, "Who pays for the dredging") == "Agnes Whitfield"


def test_a_pronoun_reporting_a_clause_after_an_exclamation_starts_a_sentence():
    text = "Whitfield wrote to him, “you are the best captain we have!” She replied that it was an honor."
    parts = [text[a:b] for a, b in sentences(text)]
    assert parts[-1].startswith("She replied that")
