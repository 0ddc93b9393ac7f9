"""Whom "he said" / "she said" / "the minister added" stands for, and which names are no speakers.

Texts written for these tests, one pattern each, through the real normalizer and extractor.
"""

from __future__ import annotations

from speaker_kit import read, speaker_of

from eurasec_archive.extract.speaker_person import clean_speaker_name, first_name_gender, is_person_name


def test_he_said_is_the_subject_of_the_previous_sentence_not_its_object():
    meta = read("Valley vote\n\nBusinessman Gordon Whitby endorsed Governor Alan Price in March at a county fair. "
                "He said Price “has the nerve to fight for the valley and the patience to listen to it.”")
    assert speaker_of(meta, "has the nerve to fight") == "Gordon Whitby"


def test_she_said_skips_a_man_named_later_by_his_first_name():
    meta = read("Helen Marsh, who ran the plant for a decade, clashed often with its owner, Walter Brook.\n\n"
                "“We were building something that would outlast both of us,” she said at the hearing.")
    assert speaker_of(meta, "We were building something") == "Helen Marsh"


def test_a_paragraph_that_introduces_someone_gives_the_next_he_said():
    meta = read("“The port will reopen by June,” said Victor Olsen, the harbour master.\n\n"
                "Former mayor Edward Lindqvist, who signed the first lease in 1998, was less sure.\n\n"
                "“Nobody has seen the contracts yet,” he said.")
    assert speaker_of(meta, "Nobody has seen the contracts") == "Edward Lindqvist"


def test_a_name_inside_the_quotation_is_not_the_pronouns_antecedent():
    meta = read("Pay talks\n\nCarla Benning, the union's lawyer, says the offer is final. "
                "\"I do not think the board\" -- which Martin Reyes chairs -- \"will move again before the spring elections,\" she says.")
    assert speaker_of(meta, "will move again") == "Carla Benning"
    assert speaker_of(meta, "I do not think the board") == "Carla Benning"


def test_believing_is_attributed_but_makes_no_speaker():
    meta = read("Analyst Peter Harlow believes that the currency will fall again before the summer. "
                "His colleague Anna Lind said the central bank would act first.")
    assert {s.name for s in meta["speakers"]} == {"Anna Lind"}
    assert speaker_of(meta, "the currency will fall") == "Peter Harlow"


def test_continued_to_is_doing_not_saying():
    meta = read("Governor Ray Moss, the race's runner-up, also continued to give paid lectures "
                "at universities across the state throughout the campaign.")
    assert meta["speakers"] == []


def test_glued_words_leave_a_speaker_name_and_non_persons_are_no_speakers():
    assert clean_speaker_name("But Asa Khalif") == "Asa Khalif"
    assert clean_speaker_name("Перу Мартин Вискарра") == "Мартин Вискарра"
    assert clean_speaker_name("Владимир Владимирович Путин") == "Владимир Владимирович Путин"
    assert is_person_name("Asa Khalif") and is_person_name("Bill de Blasio")
    assert not is_person_name("South China Sea")
    assert not is_person_name("Oromo Liberation Front")
    assert not is_person_name("response to the tragic loss of life")


def test_first_name_gender_is_decisive_only_when_clear():
    assert first_name_gender("Walter Hewlett") == "m"
    assert first_name_gender("Carly Fiorina") == "f"
    assert first_name_gender("Jordan Peterson") is None  # either
    assert first_name_gender("Hewlett") is None
    assert first_name_gender("Мария Захарова") == "f"
    assert first_name_gender("Сергей Лавров") == "m"


def test_russian_possessive_po_ego_slovam_continues_the_person_named():
    meta = read("Переговоры в Вене\n\nГлава делегации Аркадий Семенцов провёл в Вене третий раунд переговоров. "
                "По его словам, стороны договорились встретиться снова в начале осени.")
    assert speaker_of(meta, "стороны договорились встретиться") == "Аркадий Семенцов"


def test_russian_subject_far_before_its_gerund():
    meta = read("Встреча в Минске\n\nМинистр Борис Ломакин на встрече с журналистами в пятницу резко ответил "
                "на вопрос о тарифах, заявив, что цены на газ для соседей пересматриваться не будут.")
    assert speaker_of(meta, "цены на газ для соседей") == "Борис Ломакин"


def test_russian_role_noun_after_kak_otmetil_and_po_slovam():
    meta = read("Сборы\n\nТренер сборной Олег Жаворонков собрал команду в Новогорске. "
                "Как отметил тренер на пресс-конференции, состав на турнир пока не определён.")
    assert speaker_of(meta, "состав на турнир пока не определён") == "Олег Жаворонков"


def test_russian_occupation_is_no_part_of_the_name():
    assert clean_speaker_name("Архитектор Ираклий Лолашвили") == "Ираклий Лолашвили"
    assert clean_speaker_name("Каримова Лолла Каримова") == "Лолла Каримова"


def test_she_said_with_no_woman_named_is_not_the_last_man_who_spoke():
    meta = read("Debate\n\n“We will win this state in November,” said Governor Mark Haldane.\n\n"
                "“It really looked like heartbreak and a bitter pill that he was swallowing,” she said.")
    assert all(q.speaker != "Mark Haldane" for q in meta["quotes"] if q.text.startswith("It really looked"))


def test_she_notes_is_a_cue_for_the_woman_just_named():
    meta = read("Pay talks\n\n“We will meet again in June,” Harold Finch said after the vote.\n\n"
                "Professor Ann Lowe disagreed with the board. “The board has never asked the workers what they "
                "need,” she notes.")
    assert speaker_of(meta, "The board has never asked") == "Ann Lowe"


def test_a_first_name_alone_is_the_one_person_named_in_full_with_it():
    meta = read("Talks\n\nPrime Minister Theresa Hale met the union leaders on Monday.\n\n"
                "“We will not give up on the deal,” Theresa said after the meeting.")
    assert {s.name for s in meta["speakers"]} == {"Theresa Hale"}
    assert speaker_of(meta, "We will not give up") == "Theresa Hale"


def test_a_shared_surname_is_the_person_the_document_names_first():
    # the lede quotes the bare surname before anyone is named in full; of the two people who
    # share it, it is the one the document names first, whatever the order of the people list
    meta = read("Harbor vote\n\n“The pier will be rebuilt before the storms,” Whitfield said on Tuesday.\n\n"
                "Odalys Whitfield, the harbor board's chairwoman, flew home that night with her husband, "
                "Thomas Whitfield, and a folder of plans.")
    assert speaker_of(meta, "The pier will be rebuilt") == "Odalys Whitfield"


def test_a_full_name_after_a_lower_case_role_noun_is_the_next_she_said():
    # no verb of saying in the paragraph that introduces her; her title ("professor") makes her a person
    meta = read("Harbor vote\n\nGovernor Paul Dane lost the vote on the harbour after a long night.\n\n"
                "To political science professor Brita Lunde of Halden State University, the governor's silence "
                "seemed to reflect sadness.\n\n"
                "“It really looked like a bitter pill that he was swallowing,” she said.")
    assert speaker_of(meta, "It really looked like a bitter pill") == "Brita Lunde"
