"""A straight opening mark closed by a curly one before its cue ('"…,” said X, a spokesman. "…"'),
and initials before a surname ("says J.J. Hollander") that end no sentence.

Texts written for these tests, through the real normalizer and extractor.
"""

from __future__ import annotations

from speaker_kit import read, speaker_of


def test_a_straight_mark_closed_by_a_curly_one_is_one_quotation_and_its_cue_is_read():
    meta = read("Early votes\n\nThe harbor fund is mailing slate cards to absentee voters. \"This is a long and "
                "costly process for every small campaign,” said Dorian Whitcombe, a spokesman for the fund. "
                "\"Some candidates will live hand to mouth until the spring.\"")
    assert speaker_of(meta, "This is a long and costly process") == "Dorian Whitcombe"
    assert speaker_of(meta, "Some candidates will live") == "Dorian Whitcombe"


def test_straight_marks_around_a_curly_pair_stay_one_quotation():
    """A guard (passes before the change too): balanced curly marks inside straight ones."""
    meta = read("Harbor vote\n\nThe harbor master Dorian Whitcombe spoke at the pier on Monday.\n\n\"He called the plan “a fake rescue” and "
                "walked out of the hall,\" Whitcombe said.")
    assert speaker_of(meta, "He called the plan") == "Dorian Whitcombe"


def test_initials_before_a_surname_end_no_sentence():
    meta = read("Militias\n\n\"You would not have had the standoff without the radio host,\" says R.T. MacFellan, "
                "an expert on militias in the West. MacFellan says the movement was waiting for a spark.")
    assert speaker_of(meta, "You would not have had the standoff") == "R.T. MacFellan"
    assert "R.T. MacFellan" in {s.name for s in meta["speakers"]}


def test_a_state_abbreviation_still_ends_a_sentence():
    """A guard (passes before the change too): "N.J." before a sentence word ends the sentence."""
    meta = read("Trenton\n\nThe governor spoke in Trenton, N.J. Asked about the storm, Gov. Ellis Hartwell said "
                "the state would rebuild every road before the winter.")
    assert "Ellis Hartwell" in {s.name for s in meta["speakers"]}


def test_a_misprinted_closing_mark_before_its_cue_closes_the_quotation():
    meta = read("Speech fees\n\nThe lawyer Larry Nobleman watched the hearing.\n\n“It is unusual for a campaign "
                "to do this,“ said Larry Nobleman, an attorney with the center. “It is a hard thing to pull off.”")
    assert speaker_of(meta, "It is unusual for a campaign") == "Larry Nobleman"
    assert speaker_of(meta, "It is a hard thing") == "Larry Nobleman"
