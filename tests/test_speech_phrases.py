"""Phrasal verbs of saying ("went on", "shot back") report the quotation closed just before them,
and say nothing where they mean doing ("went on the record", "shot back with a statement").

Texts written for these tests, one pattern each, through the real normalizer and extractor.
"""

from __future__ import annotations

from speaker_kit import read, speaker_of

from eurasec_archive.extract.attribution import find_cues

_OPENING = "Ferry strike\n\nThe dockers' leader Ruth Calloway met the harbour master Ivo Brandt on Monday.\n\n"


def test_went_on_after_a_quotation_is_its_cue():
    meta = read(_OPENING + "“You know, the boats will wait,” Brandt went on, as if he had not heard her. "
                "“They always do.”")
    assert speaker_of(meta, "You know, the boats will wait") == "Ivo Brandt"


def test_shot_back_after_a_quotation_is_its_cue():
    meta = read(_OPENING + "“They are here because he promises them free moorings,” Calloway shot back with a laugh.")
    assert speaker_of(meta, "They are here because") == "Ruth Calloway"


def test_the_same_words_meaning_doing_report_nothing():
    # a guard (passes before the change too)
    meta = read(_OPENING + "Brandt went on the record endorsing the new toll plan for the harbour. "
                "Calloway shot back with a sharp statement about the night shifts and the pay.")
    assert meta["quotes"] == []
    assert meta["speakers"] == []


def test_said_after_a_plain_comma_before_a_name_and_its_verb_opens_a_reported_clause():
    # the attorney speaks; Lund is what the attorney said something about
    meta = read(_OPENING + "The board's attorney, Hedda Moor, said Lund was \"looking for free publicity with "
                "false claims about the harbour.\"")
    assert speaker_of(meta, "looking for free publicity") == "Hedda Moor"
    assert "Lund" not in {s.name for s in meta["speakers"]}


def test_as_someone_put_it_gives_the_quotation_that_follows():
    meta = read(_OPENING + "As Ruth Calloway, who has led the dockers since 2009, put it, “The harbour "
                "belongs to the people who work in it.”")
    assert speaker_of(meta, "The harbour belongs") == "Ruth Calloway"
    # a phrase cited that way gives the quotation, not a report of her speaking: no speaker by it alone
    assert "Ruth Calloway" not in {s.name for s in meta["speakers"]}


def test_put_it_meaning_doing_reports_nothing():
    # a guard (passes before the change too)
    meta = read(_OPENING + "Brandt put it on hold for the next three weeks of the season, the board said in its notice.")
    assert "Ivo Brandt" not in {s.name for s in meta["speakers"]}


def test_verbs_that_report_speech_only_beside_a_quotation():
    meta = read("Debate night\n\nThe host asked about the border.\n\n"
                "“Would it be negotiable for the eleven million people here?” Hannity pressed.\n\n"
                "“What sport is he talking about, and who?” reacted Mayor Ostrowski.")
    assert speaker_of(meta, "Would it be negotiable") == "Hannity"
    assert speaker_of(meta, "What sport is he talking about") == "Ostrowski"
    assert find_cues("She pressed the button twice and reacted to the noise.") == []


def test_a_verb_of_manner_between_a_quotation_and_a_name_is_its_inverted_cue():
    # "“…,” scoffed Name, 22, who …": the verb before its subject, as "said Name" is read
    meta = read(_OPENING + "“Those boats will sail when the dockers say so and not a day before,” scoffed "
                "Ruth Calloway, 41, who has led the strike since May.")
    assert speaker_of(meta, "Those boats will sail") == "Ruth Calloway"
    assert any(s.name == "Ruth Calloway" for s in meta["speakers"])
    for verb in ("vowed", "complained", "shouted", "lamented", "retorted"):
        (cue,) = find_cues(f"“The strike goes on until the tolls come down,” {verb} Ruth Calloway.")
        assert (cue.kind, cue.source, cue.verb) == ("name", "Ruth Calloway", verb)
