"""The speaker rules read the people a document names with a common English given name that only the
census list knows ("Doreen", "Wendell"): "Doreen Vasquez spoke …" and then "“…,” she said" is Doreen
Vasquez's quotation, as it is for a name of the shorter speaker list; but such a name makes a speaker
only when a cue names it ("Vasquez said"), not through a pronoun alone.

Texts written for these tests, through the real normalizer and extractor.
"""

from __future__ import annotations

from speaker_kit import read, speaker_of


def test_a_pronoun_after_a_census_given_name_is_that_person():
    meta = read("Harbour plan\n\nThe port authority met on Monday to discuss the new harbour plan.\n\n"
                "Doreen Vasquez, who runs the ferry line, spoke against the plan at the meeting.\n\n"
                "“The ferries will lose half their berths,” she said.")
    assert speaker_of(meta, "The ferries will lose") == "Doreen Vasquez"


def test_a_census_given_name_read_only_through_a_pronoun_makes_no_speaker():
    # the quotation keeps her name; a cue that names her ("Vasquez said") makes her a speaker
    meta = read("Harbour plan\n\nThe port authority met on Monday to discuss the new harbour plan.\n\n"
                "Doreen Vasquez, who runs the ferry line, spoke against the plan at the meeting.\n\n"
                "“The ferries will lose half their berths,” she said.")
    assert speaker_of(meta, "The ferries will lose") == "Doreen Vasquez"
    assert "Doreen Vasquez" not in {s.name for s in meta["speakers"]}
    meta = read("Harbour plan\n\nThe port authority met on Monday to discuss the new harbour plan.\n\n"
                "Doreen Vasquez, who runs the ferry line, spoke against the plan at the meeting.\n\n"
                "“The ferries will lose half their berths,” Vasquez said.")
    assert speaker_of(meta, "The ferries will lose") == "Doreen Vasquez"
    assert "Doreen Vasquez" in {s.name for s in meta["speakers"]}


def test_a_gerund_of_saying_after_a_census_given_name():
    meta = read("Harbour plan\n\nThe port authority met on Monday to discuss the new harbour plan.\n\n"
                "Wendell Okafor threw his support behind the plan on Tuesday, saying the port needed "
                "“a deeper channel and a new quay.”")
    assert speaker_of(meta, "a deeper channel") == "Wendell Okafor"


def test_the_census_lists_tell_the_gender_of_a_given_name():
    # "Wendell" is a man's name, "Marjorie" a woman's (1990 census lists): "he" is Wendell Brandt
    meta = read("Harbour plan\n\nThe port authority met on Monday to discuss the new harbour plan.\n\n"
                "Wendell Brandt spoke first. Marjorie Okafor chaired the meeting of the board.\n\n"
                "“The ferries will lose half their berths,” he said.")
    assert speaker_of(meta, "The ferries will lose") == "Wendell Brandt"
