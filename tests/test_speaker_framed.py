"""A surname alone between a closing quotation and its verb ("“…!” Halvorsen said.") is a person,
with no title or second mention needed; frequent words the text also writes in lower case and outlets' "reported"
there are not.

Texts written for these tests, one pattern each, through the real normalizer and extractor.
"""

from __future__ import annotations

from speaker_kit import read, speaker_of

from eurasec_archive.extract.speaker_framed import framed_surname


def test_a_surname_right_after_a_closed_quotation_speaks():
    meta = read("Dam vote\n\nThe council met late on Tuesday to settle the dispute over the river dam.\n\n"
                "“We are tired of being told the valley can wait another decade!” Halvorsen said.")
    assert speaker_of(meta, "We are tired of being told") == "Halvorsen"
    assert "Halvorsen" in {s.name for s in meta["speakers"]}


def test_a_frequent_word_or_an_outlets_report_in_that_place_is_no_speaker():
    # a guard (passes before the change too): the new rule must not make these speakers
    meta = read("Dam vote\n\nThe council met late on Tuesday to settle the dispute over the river dam.\n\n"
                "“The company has changed its policy on the valley water rights,” Twitter said in a statement.\n\n"
                "“Three members of the council have already decided to resign,” Valleygazette reported.")
    assert {s.name for s in meta["speakers"]} == set()
    assert speaker_of(meta, "The company has changed") is None
    assert speaker_of(meta, "Three members of the council") is None


def test_framing_needs_the_closing_mark_and_nothing_between_name_and_verb():
    text = "“We will win,” Halvorsen said. Halvorsen, who chairs it, said so. Then Halvorsen said it twice."
    assert framed_surname(text, "Halvorsen", text.index("Halvorsen"), text.index("said"))
    second = text.index("Halvorsen", 20)
    assert not framed_surname(text, "Halvorsen", second, text.index("said", second))
    third = text.index("Halvorsen", second + 5)
    assert not framed_surname(text, "Halvorsen", third, text.index("said", third))


def test_a_plural_noun_in_that_place_is_no_speaker():
    text = "“The port will win,” Prosecutors said. “It will not,” Analysts said."
    assert not framed_surname(text, "Prosecutors", text.index("Prosecutors"), text.index("said"))
    assert not framed_surname(text, "Analysts", text.index("Analysts"), text.rindex("said"))


def test_a_frequent_word_the_text_never_writes_in_lower_case_is_a_surname_there():
    # "Baker" is a frequent word; this text never writes "baker", so "“…,” Baker said." is a person
    meta = read("Dam vote\n\nThe council met late on Tuesday to settle the dispute over the river dam.\n\n"
                "“We are tired of being told the valley can wait another decade,” Baker said.")
    assert speaker_of(meta, "We are tired of being told") == "Baker"
    # where the text writes it as a word ("the baker on Mill Street"), it stays unread
    meta = read("Dam vote\n\nThe council met late on Tuesday, and the baker on Mill Street closed early.\n\n"
                "“We are tired of being told the valley can wait another decade,” Baker said.")
    assert speaker_of(meta, "We are tired of being told") is None
