"""Names that are no speakers, and titles that hide one: precision of English attribution.

Texts written for these tests, one pattern each, through the real normalizer and extractor.
"""

from __future__ import annotations

from speaker_kit import read


def names(meta: dict) -> set[str]:
    return {s.name for s in meta["speakers"]}


def test_a_body_ending_in_an_organization_word_is_no_speaker():
    meta = read("Records case\n\nCoastal Records Watch stated in a release on Tuesday that the ministry "
                "had kept a second archive of the letters for years.")
    assert names(meta) == set()
    assert all(q.speaker is None for q in meta["quotes"])


def test_someone_who_has_been_asked_is_not_the_one_speaking():
    meta = read("Debate night\n\nWhile candidate Marcus Heller has been asked about his loans from the bank, "
                "the board of the foundation has not been asked about anything at all.")
    assert "Marcus Heller" not in names(meta)


def test_a_body_and_a_lowercase_title_before_the_name_are_the_speakers_role():
    meta = read("Court ruling\n\n“The ruling is a victory for the public’s right to know,” said Harbor Watch "
                "president Nina Castell. “The discovery will show why the files were kept secret.”")
    assert names(meta) == {"Nina Castell"}
    assert {q.speaker for q in meta["quotes"]} == {"Nina Castell"}


def test_a_party_boss_named_after_the_verb_speaks():
    meta = read("Convention\n\n“The distraction gets you off message a little,” said Republican party boss "
                "Walter Brandt, though he added that he expected the flap to fade quickly.")
    assert names(meta) == {"Walter Brandt"}
    assert {q.speaker for q in meta["quotes"]} == {"Walter Brandt"}



def test_an_unnamed_source_after_the_verb_is_not_the_person_named_before():
    meta = read("Sea patrol\n\nThe stakes are so high that Mr. Hollis warned the island's leader, Wen Tao, during "
                "their recent meeting not to move on the shoal, said an American official who was briefed on "
                "the details of the encounter.")
    assert names(meta) == set()


def test_mixed_quotation_marks_keep_a_name_inside_the_quotation():
    meta = read("Delegates\n\nGovernor John Harmon leads the race in the state.\n\nA third delegate, Daniel "
                "Corrigan, said he backed the governor for now. \"I prefer Harmon,\u201d he said, noting he had "
                "previously backed another senator.")
    assert names(meta) == {"Daniel Corrigan"}
    assert all(q.speaker != "John Harmon" for q in meta["quotes"])


def test_a_brand_written_in_camel_case_is_no_speaker():
    meta = read("Flight lost\n\nIn a statement, SkyJet confirmed that there were 56 passengers and 10 crew members "
                "on board the plane. Later SkyJet said the pilot had logged nearly 6,300 hours of flying time.")
    assert names(meta) == set()
    assert all(q.speaker is None for q in meta["quotes"])


def test_a_union_ending_in_workers_is_no_speaker():
    meta = read("Strike\n\nThe contract covers about 100 workers, according to Harbor Freight Workers of America, "
                "one of the unions representing the employees.")
    assert names(meta) == set()


def test_a_name_before_a_closing_mark_is_inside_the_quotation_opened_earlier():
    meta = read("Port talks\n\nSimon Ferrer, the union's negotiator, spoke after the vote on Friday.\n\n"
                "“The Harbor Board has never asked the workers what they need, and that must change this year.\n\n"
                "It is not what Governor Lydia Brandt promised,” he said, adding that the board would meet again in June.")
    assert "Lydia Brandt" not in names(meta)


def test_an_organization_word_that_is_also_a_surname_ends_a_persons_name_after_a_given_name():
    meta = read("Golf courses\n\nOliver K. Hedge, who appraises golf courses for a brokerage, said the industry "
                "had shaken off its weakest clubs. “A lot of clubs that have closed really should have closed,” "
                "Mr. Hedge said.\n\nThe Morning Post said the clubs were closing all over the state this year.")
    assert names(meta) == {"Oliver K. Hedge"}
    assert {q.speaker for q in meta["quotes"] if q.direct} == {"Oliver K. Hedge"}
