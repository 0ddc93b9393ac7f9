"""A title the archive makes from the text (citations and ids use it) is a whole phrase or
sentence, never cut mid-way with "…". The texts are written here and go through the real
importer."""

from __future__ import annotations

from eurasec_archive.importer import parse_document

LONG = ("The foreign ministers of the two neighbouring countries met again in the old town hall of Minsk "
        "on Tuesday morning to go through the draft of a charter on security in Eurasia that both "
        "governments want to see ready for adoption by the leaders of the continent before the end of next year.")
MORE = ("According to the ministers, the document would set out the principles of equal and indivisible "
        "security and would be open to every state of the continent that wishes to join it.")


def made_title(text: str) -> str:
    item = parse_document(text.encode("utf-8"), "statement.txt")
    assert item.title_source == "text"
    return item.title


def test_a_long_first_sentence_without_a_clause_end_is_the_whole_title():
    assert len(LONG) > 200
    assert made_title(f"{LONG}\n\n{MORE}\n") == LONG.rstrip(".")


def test_a_long_first_sentence_is_cut_at_a_clause_end_never_mid_clause():
    sentence = LONG.replace(" before the end", ", before the end")
    title = made_title(f"{sentence}\n\n{MORE}\n")
    assert not title.endswith("…")
    assert title == sentence[:sentence.index(", before the end")]
