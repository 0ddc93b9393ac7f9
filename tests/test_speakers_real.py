"""Who said what, on sentences written the way news reports speech (English and Russian).

Each test runs the real normalizer and extractor (as the importer does) over a short text written
for the test, one reporting pattern at a time, and checks the speakers and the quotes with their
cue, paragraph and directness.
"""

from __future__ import annotations

from speaker_kit import read

from eurasec_archive.extract import extract_metadata
from eurasec_archive.normalize import normalize_text


def names(meta: dict) -> set[str]:
    return {s.name for s in meta["speakers"]}


def quote(meta: dict, start: str):
    (q,) = [q for q in meta["quotes"] if q.text.startswith(start)]
    return q


def test_said_after_the_quote_with_the_role_after_the_name():
    meta = read("The talks ended late on Tuesday in Geneva after nine hours.\n\n"
                "“We are not going to sign anything this year,” said Daniel Okafor, the chief negotiator "
                "of the Ghanaian delegation.")
    assert names(meta) == {"Daniel Okafor"}
    q = quote(meta, "We are not going to sign")
    assert (q.speaker, q.cue, q.direct, q.paragraph) == ("Daniel Okafor", "said", True, "p2")
    assert meta["speakers"][0].role == "chief negotiator of the Ghanaian delegation"


def test_speaking_at_appositive_then_said():
    meta = read("Margaret Lindholm, speaking at a conference in Oslo on Monday, said the treaty "
                "would need at least ten more ratifications before it could take effect.")
    assert names(meta) == {"Margaret Lindholm"}
    q = quote(meta, "the treaty would need")
    assert (q.speaker, q.cue, q.direct) == ("Margaret Lindholm", "said", False)


def test_according_to_and_told_reporters():
    meta = read("According to Senator Walter Brannigan, the committee will vote on the bill next week.\n\n"
                "Rosa Delgado told reporters that the vote had been postponed twice already this year.")
    assert names(meta) == {"Walter Brannigan", "Rosa Delgado"}
    assert quote(meta, "the committee will vote").speaker == "Walter Brannigan"
    reported = quote(meta, "the vote had been postponed")
    assert (reported.speaker, reported.cue, reported.direct) == ("Rosa Delgado", "told reporters", False)


def test_indirect_speech_stressed_that():
    meta = read("Foreign Minister Piotr Zawadzki stressed that his country would not accept any "
                "change to the border agreed in 1991.")
    q = quote(meta, "his country would not accept")
    assert (q.speaker, q.cue, q.direct) == ("Piotr Zawadzki", "stressed", False)
    assert meta["speakers"][0].role == "Foreign Minister"


def test_pronoun_goes_to_the_nearest_compatible_person():
    meta = read("Ms. Helena Varga met Mr. Tomas Brandt in Vienna. She has chaired the committee since 2019, "
                "and her term ends in May.\n\n"
                "“The committee has done what it could,” she said.\n\n"
                "Mr. Brandt thanked her. “We owe her a great deal,” he said.")
    assert quote(meta, "The committee has done").speaker == "Helena Varga"
    assert quote(meta, "We owe her a great deal").speaker == "Tomas Brandt"


def test_the_senator_added_refers_back_to_the_named_senator():
    meta = read("Sen. Harold Whitcombe, a Republican from Ohio, opposed the measure.\n\n"
                "“It spends money we do not have,” the senator added.")
    q = quote(meta, "It spends money")
    assert (q.speaker, q.cue) == ("Harold Whitcombe", "added")


def test_quote_running_over_three_paragraphs():
    meta = read("“The first thing we did was to count the boats,” said Ingrid Solberg, the harbour master. "
                "“Then we counted them again.\n\n"
                "“By noon we knew that two were missing, and nobody had seen them leave.\n\n"
                "“That is when we called the coast guard.”\n\n"
                "The coast guard found both boats the next morning.")
    assert quote(meta, "By noon we knew").speaker == "Ingrid Solberg"
    assert quote(meta, "That is when we called").speaker == "Ingrid Solberg"
    assert not [q for q in meta["quotes"] if q.text.startswith("The coast guard found")]


def test_transcript_turns_and_interview_questions():
    meta = read("The governor gave an interview to a radio station on Friday. Mike Pence answered questions "
                "for twenty minutes.\n\n"
                "Q: Will you campaign in Ohio next month, and for how long?\n\n"
                "PENCE: We will be in Ohio, and we will be there as long as it takes to win.\n\n"
                "Q: What about the debate next week in Virginia?\n\n"
                "PENCE: I am looking forward to the debate and to a real conversation about jobs.")
    turns = [q for q in meta["quotes"] if q.cue == ":"]
    assert [q.speaker for q in turns] == ["Mike Pence", "Mike Pence"]
    assert not any("Will you campaign" in q.text or "What about the debate" in q.text for q in meta["quotes"])


def test_a_quote_beside_another_persons_name():
    meta = read("“Nobody in this room trusts Viktor Halloran any more,” said Agnes Whitfield, "
                "who ran against him in 2018.")
    assert names(meta) == {"Agnes Whitfield"}
    assert quote(meta, "Nobody in this room").speaker == "Agnes Whitfield"


def test_no_confident_speaker_means_no_speaker():
    meta = read("The ministry published its figures on Monday.\n\n"
                "“The numbers speak for themselves,” officials said.\n\n"
                "“There is more to do than ever before,” a spokesperson for the ministry said.")
    assert names(meta) == set()
    assert all(q.speaker is None for q in meta["quotes"])


def test_role_keeps_its_country():
    meta = read("North Korea sent its Foreign Minister, Choe Son-hui, to the conference. "
                "Choe said the region needed a new security architecture.")
    assert {s.name: s.role for s in meta["speakers"]} == {"Choe Son-hui": "North Korean Foreign Minister"}


def test_epigraph_is_quoted_but_its_author_is_no_speaker():
    draft = normalize_text("War is a mere continuation of policy by other means.\n\n"
                           "Carl von Clausewitz, On War, 1832\n\n"
                           "The defence ministers met in Brussels on Thursday. Their talks lasted six hours "
                           "and ended without a statement.\n\n"
                           "“We agreed to meet again in March,” said Anneliese Kroll, the German minister.")
    assert draft.paragraphs[0].kind == "epigraph"
    meta = extract_metadata(draft)
    assert names(meta) == {"Anneliese Kroll"}
    epigraph = quote(meta, "War is a mere continuation")
    assert (epigraph.epigraph, epigraph.paragraph) == (True, "p1")


def test_caption_line_introduces_the_quote_and_is_no_paragraph():
    draft = normalize_text("The two delegations met in Astana on Wednesday to discuss transit tariffs.\n\n"
                           "Aigerim Nurlanova, Kazakh Deputy Foreign Minister:\n\n"
                           "“We see no reason to raise the tariffs before the new agreement is signed.”\n\n"
                           "The next round is planned for June.")
    assert not any(p.text.endswith("Minister:") for p in draft.paragraphs)
    (q_par,) = [p for p in draft.paragraphs if p.kind == "quote"]
    assert q_par.attribution == "Aigerim Nurlanova, Kazakh Deputy Foreign Minister"
    meta = extract_metadata(draft)
    assert {s.name: s.role for s in meta["speakers"]} == {"Aigerim Nurlanova": "Kazakh Deputy Foreign Minister"}


def test_russian_dash_said_after_the_quote_and_po_slovam():
    meta = read("«Мы готовы продолжить переговоры в любом формате», — заявил министр иностранных дел "
                "Игорь Петренко.\n\n"
                "По словам Петренко, следующая встреча пройдёт в Минске в конце месяца.")
    assert names(meta) == {"Игорь Петренко"}
    q = quote(meta, "Мы готовы продолжить")
    assert (q.speaker, q.cue, q.direct) == ("Игорь Петренко", "заявил", True)
    reported = quote(meta, "следующая встреча пройдёт")
    assert (reported.speaker, reported.direct) == ("Игорь Петренко", False)


def test_russian_otmetil_chto_and_pronoun():
    meta = read("Посол Андрей Соколов отметил, что торговля между странами выросла на десять процентов.\n\n"
                "Он также подчеркнул, что визит президента намечен на осень.")
    assert names(meta) == {"Андрей Соколов"}
    assert quote(meta, "торговля между странами").cue == "отметил"
    assert quote(meta, "визит президента намечен").speaker == "Андрей Соколов"


def test_russian_reporters_insert_inside_one_quotation():
    meta = read("Переговоры в Казани закончились поздно вечером в пятницу.\n\n"
                "«Решение уже принято, - сказал Олег Миронов. - Остальное зависит от партнёров».")
    assert quote(meta, "Решение уже принято").speaker == "Олег Миронов"
    assert quote(meta, "Остальное зависит от партнёров").speaker == "Олег Миронов"
