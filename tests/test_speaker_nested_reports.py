"""A report inside another one ("Ware insists that Lund asked the interns to …"): the outer
speaker's reported words hold the inner report, which makes no second quote of its own.

Texts written for these tests, one pattern each, through the real normalizer and extractor.
"""

from __future__ import annotations

from speaker_kit import read


def test_a_report_nested_in_reported_speech_is_part_of_the_outer_quote():
    meta = read("Harbour inquiry\n\nThe committee's counsel Ada Ware insists that the former clerk Tomas Lund "
                "asked the interns to copy the ledgers of the harbour board every night for a month.")
    quotes = [(q.speaker, q.text) for q in meta["quotes"]]
    assert quotes == [("Ada Ware", "the former clerk Tomas Lund asked the interns to copy the ledgers of the "
                                   "harbour board every night for a month")]


def test_two_reports_side_by_side_keep_their_own_quotes():
    # a guard (passes before the change too): the second report is not inside the first one's words
    meta = read("Harbour inquiry\n\nAda Ware said the ledgers of the harbour board were copied every night. "
                "Tomas Lund said he had never seen the ledgers of the board at all.")
    assert {q.speaker for q in meta["quotes"]} == {"Ada Ware", "Tomas Lund"}
