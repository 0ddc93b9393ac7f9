"""Titles written in lower case between an inverted verb and the name ("said Monmouth University
political scientist X", "said former tech executive X"), and verbs of saying added this session
("barked", "answers", "went on to say"). And where a lower-case run is not a title.

Texts written for these tests, one pattern each, through the real normalizer and extractor.
"""

from __future__ import annotations

from speaker_kit import read, speaker_of

from eurasec_archive.extract.attribution import find_cues


def test_a_lower_case_title_ending_in_a_role_noun_names_the_speaker():
    meta = read("Harbor vote\n\n“The port will not wait for the council,” said Halden College political "
                "scientist Agnes Whitfield of the harbor board, who has studied the docks for years.\n\n"
                "“Nobody asked the fishermen,” said former shipping executive Viktor Halloran during the "
                "hearing.")
    assert speaker_of(meta, "The port will not wait") == "Agnes Whitfield"
    assert speaker_of(meta, "Nobody asked the fishermen") == "Viktor Halloran"
    assert {"Agnes Whitfield", "Viktor Halloran"} <= {s.name for s in meta["speakers"]}


def test_lower_case_words_that_are_no_title_do_not_reach_a_name():
    # "in a statement to" holds words no title has; the run does not end in a role noun either
    cues = find_cues("“We will rebuild the pier,” said the mayor in a statement to Viktor Halloran.")
    assert all(c.source != "Viktor Halloran" for c in cues)
    cues = find_cues("“We will rebuild the pier,” said a letter sent by local fishermen Viktor Halloran read.")
    assert all(c.source != "Viktor Halloran" for c in cues)


def test_barked_answers_and_went_on_to_say_are_verbs_of_saying():
    meta = read("Harbor vote\n\nAgnes Whitfield chaired the hearing and Viktor Halloran spoke for the docks.\n\n"
                "“Sit down and let the fishermen speak,” Whitfield barked.\n\n"
                "“I can name only two things the council did for us,” Halloran answers.\n\n"
                "Whitfield went on to say, “The pier will be rebuilt before the winter storms.”")
    assert speaker_of(meta, "Sit down") == "Agnes Whitfield"
    assert speaker_of(meta, "I can name only two") == "Viktor Halloran"
    assert speaker_of(meta, "The pier will be rebuilt") == "Agnes Whitfield"


def test_after_mr_or_ms_a_role_word_is_a_surname():
    # "Bishop" is a role word ("Bishop Tutu"); after "Mr." it is the surname of the man named before
    meta = read("Harbor vote\n\nThe protest was led by Walter Bishop, a fisherman.\n\n"
                "“The council never came down to the docks,” Mr. Bishop said.")
    assert speaker_of(meta, "The council never came") == "Walter Bishop"
    assert "Walter Bishop" in {s.name for s in meta["speakers"]}
    assert [(c.kind, c.source) for c in find_cues("“No,” Ms. Judge said.")] == [("name", "Judge")]


def test_mr_president_is_a_form_of_address_not_a_surname():
    cues = find_cues("“Thank you,” Mr. President said, and the hall fell silent.")
    assert all(c.source != "President" for c in cues)


def test_a_titled_surname_named_once_after_an_abbreviated_title_is_a_speaker():
    # the period of "Gov." made "Halloran" look like a word opening a sentence; after a quotation it opens none
    meta = read("Harbor vote\n\nThe governors met the dockers on Tuesday.\n\n"
                "“The port is going to win that one,” Gov. Halloran replied. “I hate to say it.”")
    assert speaker_of(meta, "The port is going to win") == "Halloran"
    assert "Halloran" in {s.name for s in meta["speakers"]}


def test_a_capitalized_word_seen_only_opening_sentences_is_still_no_speaker():
    meta = read("Harbor vote\n\nThe dockers met on Tuesday.\n\n“The port will win,” Prosecutors said.")
    assert meta["speakers"] == []


def test_a_lower_case_title_ending_in_ate_between_the_verb_and_the_name():
    # "delegate", "candidate", "advocate": role nouns by their ending, so the place before them is no speaker
    meta = read("Harbor vote\n\n“This is a scripted show and we are all props,” said Halden delegate Marta Lindqvist.")
    assert speaker_of(meta, "This is a scripted show") == "Marta Lindqvist"


def test_a_long_capitalized_title_before_the_name_keeps_the_whole_name():
    # seven capitalized words: the run reading names must reach the surname
    meta = read("Harbor vote\n\n“The harbour is our secret weapon,” said North Halden Liberal Party Chairman "
                "Jaime Harrowgate. “The others have ships too.”")
    assert speaker_of(meta, "The harbour is our secret weapon") == "Jaime Harrowgate"


def test_frequent_words_glued_before_a_name_are_its_title_not_the_name():
    meta = read("Harbor vote\n\n“The council voted twice to protect the toll,” Public Advocate Trish Varga said. "
                "“The dockers pay for it.”")
    assert speaker_of(meta, "The council voted twice") == "Trish Varga"
    assert {s.name for s in meta["speakers"]} == {"Trish Varga"}


def test_two_titles_joined_by_and_before_the_name():
    # "Halden Gov." is a title, not a name; its period ends no sentence, so the name after "and" is reached
    meta = read("Harbor vote\n\n“The docks will outlast the council,” said former Halden Gov. and Harbor "
                "Board Chairman Viktor Halloran. “They always have.”")
    assert speaker_of(meta, "The docks will outlast") == "Viktor Halloran"
    assert [(c.source, c.role) for c in find_cues("“No,” said former Halden Gov. and Harbor Board Chairman "
                                                    "Viktor Halloran.")] == [
        ("Viktor Halloran", "former Halden Gov. and Harbor Board Chairman")]


def test_a_title_word_after_a_given_name_is_a_surname():
    # "King" is a title ("King Abdullah"), but after a given name it is the person's surname
    meta = read("Harbor vote\n\n“The pier will be rebuilt before the storms,” said Representative Walter H. King "
                "of Halden, who chairs the harbor board. “Nobody will be left without a berth.”")
    assert speaker_of(meta, "The pier will be rebuilt") == "Walter H. King"
    assert "Walter H. King" in {s.name for s in meta["speakers"]}


def test_a_title_word_after_a_place_is_still_no_name():
    from eurasec_archive.extract.speaker_person import is_person_name

    assert not is_person_name("Missouri Secretary")
    assert not is_person_name("Georgia Governor")


def test_an_inverted_verb_reaches_the_name_past_a_party_word_and_a_possessive_title():
    meta = read("Harbor vote\n\n“I don’t know where the council stands,” said undecided Republican voter Agnes "
                "Whitfield of Halden, before the vote.\n\n"
                "“We will take the pier back,” added his campaign manager Viktor Halloran, speaking to reporters.\n\n"
                "“Nobody asked the fishermen,” mused Harbor Radio co-host Marta Lindqvist.")
    assert speaker_of(meta, "I don’t know where") == "Agnes Whitfield"
    assert speaker_of(meta, "We will take the pier") == "Viktor Halloran"
    assert speaker_of(meta, "Nobody asked the fishermen") == "Marta Lindqvist"
    assert {"Agnes Whitfield", "Viktor Halloran", "Marta Lindqvist"} <= {s.name for s in meta["speakers"]}


def test_a_possessive_before_words_that_are_no_title_reaches_no_name():
    cues = find_cues("“We will rebuild the pier,” said his trip to Halden Viktor Halloran.")
    assert all(c.source != "Viktor Halloran" for c in cues)


def test_a_place_before_a_lower_case_role_noun_is_no_person():
    # "Former Halden governor Agnes Whitfield": Halden is the governor's place, not the one who speaks
    meta = read("Harbor vote\n\nFormer Halden governor Agnes Whitfield, one of the board's loudest voices, was "
                "even more resolute.\n\n“The pier will be rebuilt before the storms,” she said.")
    assert speaker_of(meta, "The pier will be rebuilt") == "Agnes Whitfield"
    assert "Halden" not in {s.name for s in meta["speakers"]}


def test_a_name_before_lower_case_words_that_are_no_role_stays_a_person():
    # "later" ends like a role noun but is none: Halloran is who speaks
    meta = read("Harbor vote\n\nViktor Halloran said on Monday that the harbor board would meet again.\n\n"
                "Halloran later Thursday met the fishermen. “The pier will be rebuilt before the storms,” he said.")
    assert speaker_of(meta, "The pier will be rebuilt") == "Viktor Halloran"


def test_a_place_owning_the_name_after_an_inverted_verb_is_no_source():
    # "said Harborton’s Agnes Whitfield": the owner before the name is her place, not the speaker
    (cue,) = find_cues("“The tolls will fall before the spring,” said Harborton’s Agnes Whitfield, a consultant.")
    assert (cue.kind, cue.source) == ("name", "Agnes Whitfield")


def test_ally_chief_and_surgeon_are_role_nouns_of_a_title_before_a_name():
    meta = read("Harbor vote\n\nMayor Agnes Whitfield lost the vote on Monday.\n\n“She might be saying things I would "
                "never say, but she is sincere,” said Whitfield ally Jasper Carvell.\n\n“I am not going to call it a "
                "mistake, so forget about it,” said retired neurosurgeon Benton Carlow.\n\n“The board never read "
                "the plan before it voted on it,” wrote harbor bureau chief Juliet Eilander.")
    assert speaker_of(meta, "She might be saying things") == "Jasper Carvell"
    assert speaker_of(meta, "I am not going to call it") == "Benton Carlow"
    assert speaker_of(meta, "The board never read") == "Juliet Eilander"
    assert "Agnes Whitfield" not in {s.name for s in meta["speakers"]}
