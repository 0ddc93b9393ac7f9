"""A name set off by commas between a noun phrase and the verb is the speaker: "the harbor
board's spokesman, Agnes Whitfield, said", "his wife, Marta Halloran, wrote". And where such a
run is no speaker: a body by its noun's ending only, an inverted name after the verb.

Texts written for these tests, one pattern each, through the real normalizer and extractor.
"""

from __future__ import annotations

from speaker_kit import read, speaker_of

from eurasec_archive.extract.attribution import find_cues


def test_a_name_between_commas_after_a_role_is_the_speaker():
    meta = read("Harbor vote\n\nThe council met on Monday to vote on the pier.\n\n"
                "“The pier will be rebuilt before the storms,” the harbor board's spokesman, Agnes Whitfield, "
                "said on Tuesday. “Nobody will be left without a berth.”\n\n"
                "“We waited eleven years for this vote,” Halden's dock manager, Viktor Halloran, told reporters.")
    assert speaker_of(meta, "The pier will be rebuilt") == "Agnes Whitfield"
    assert speaker_of(meta, "Nobody will be left") == "Agnes Whitfield"
    assert speaker_of(meta, "We waited eleven years") == "Viktor Halloran"
    speakers = {s.name: s.role for s in meta["speakers"]}
    assert speakers["Agnes Whitfield"] and "spokesman" in speakers["Agnes Whitfield"]
    assert "dock manager" in (speakers["Viktor Halloran"] or "")


def test_a_name_between_commas_after_a_kinship_noun_is_the_speaker():
    meta = read("Harbor vote\n\n“He never missed a day on the docks,” his wife, Marta Halloran, wrote in a "
                "letter to the court.")
    assert speaker_of(meta, "He never missed a day") == "Marta Halloran"


def test_a_body_between_commas_is_no_speaker():
    # "newspaper" reads as a role noun by its ending only, and the run opens with no given name
    cues = find_cues("“The vote was rushed,” the city's evening newspaper, Harbor Courier, said on Monday.")
    assert all(c.source != "Harbor Courier" for c in cues)


def test_a_name_after_the_verb_speaks_not_the_one_between_commas_before_it():
    cues = find_cues("He met the harbor manager, Agnes Whitfield, said Viktor Halloran on Monday.")
    assert [c.source for c in cues if c.kind == "name"] == ["Viktor Halloran"]
