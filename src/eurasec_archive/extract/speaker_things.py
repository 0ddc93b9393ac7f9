"""Speaker names that read as a thing, not a person: a capitalized run of two or more frequent
English words none of which is a given name ("Western Journalism", "United Technologies",
"America Rising": a brand, a body, a headline's words; "Sherrod Brown" keeps its given name),
and a place of the gazetteer named in two words or more ("South Carolina said")."""

from __future__ import annotations

import re

from eurasec_archive.extract.places_en import gazetteer_names
from eurasec_archive.extract.speaker_names import common_word

_PARTICLES = frozenset({"de", "da", "di", "del", "van", "von", "der", "den", "la", "le", "du", "al", "el"})


def reads_as_thing(name: str) -> bool:
    """Whether the speaker candidate ``name`` names no person."""
    tokens = [t.strip(".") for t in re.split(r"[\s-]+", name) if t.strip(".")]
    if len(tokens) < 2:
        return False
    if name in gazetteer_names():
        return True
    return all(common_word(t) and t.casefold() not in _PARTICLES for t in tokens)
