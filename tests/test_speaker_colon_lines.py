"""A paragraph ending with a colon before a quotation: "Nominee Dana Whitcombe issued the following
statement:" gives the quotation below to the one person its last sentence names (no speaker by
that alone: no verb of saying), and a sentence with a comma is no "Name, Role:" caption.

Texts written for these tests, one pattern each, through the real normalizer and extractor.
"""

from __future__ import annotations

from speaker_kit import read, speaker_of


def test_a_statement_announced_with_a_colon_is_the_named_persons():
    meta = read("Storm relief\n\nIn response to the flooding, Republican nominee Dana Whitcombe issued the "
                "following statement:\n\n“Our prayers are with every family in the valley tonight. We will rebuild.”")
    assert speaker_of(meta, "Our prayers are with every family") == "Dana Whitcombe"
    assert "Dana Whitcombe" not in [s.name for s in meta["speakers"]]


def test_a_sentence_with_a_comma_before_the_colon_is_no_caption():
    # a guard: "In response to the flooding, …:" is no "Name, Role:" caption (nor a speaker)
    meta = read("Storm relief\n\nIn response to the flooding, the county board issued the following statement:\n\n"
                "“Our prayers are with every family in the valley tonight. We will rebuild.”")
    assert speaker_of(meta, "Our prayers are with every family") is None
    assert meta["speakers"] == []


def test_a_colon_line_gives_no_unmarked_paragraph():
    # a guard: only a verb of saying before the colon makes the next unmarked paragraph speech
    meta = read("Crime figures\n\nLocal politicians answered at once, among them Rep. Dana Whitcombe:\n\n"
                "Harbor City, which has a population of more than 400,000, had over 6,000 violent crimes in 2014.")
    assert [q for q in meta["quotes"] if q.text.startswith("Harbor City")] == []
