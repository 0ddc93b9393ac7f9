"""The bucketed phrase matcher finds exactly what the equivalent regex alternation finds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eurasec_archive.authorities import places
from eurasec_archive.extract.russian import PhraseMatcher

EVAL_DOCS = sorted((Path(__file__).parent / "eval" / "docs").glob("*.txt"))
SEEDS = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))


def spans(matches):
    return [(m.span(), m.lastgroup) for m in matches]


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_same_matches_as_the_alternation_on_real_documents(flags):
    aliases = list(places())
    matcher = PhraseMatcher(aliases, flags)
    alternation = re.compile(matcher.pattern, flags)
    assert EVAL_DOCS and SEEDS
    for doc in EVAL_DOCS + SEEDS:
        text = doc.read_text("utf-8")
        assert spans(matcher.finditer(text)) == spans(alternation.finditer(text)), doc.name


def test_short_and_dotted_phrases_and_russian_case_forms():
    matcher = PhraseMatcher(["US", "U.S.", "EU", "St. Petersburg", "Россия", "Европейский союз"])
    text = "The US. and U.S. and EU-led talks in St. Petersburg, в России, с Европейским союзом."
    found = [m.group(0) for m in matcher.finditer(text)]
    assert found == ["US", "U.S.", "St. Petersburg", "России", "Европейским союзом"]
