"""Small text primitives shared by normalize and extract: Unicode cleanup, sentence tests."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
# what may close a sentence, optionally followed by closing quotes/brackets
_TERMINATED = re.compile(r"[.!?…:;]['\"’”»)\]]*$|[\"”»]$")

CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
# English month and weekday names: capitalized words that name no person, place or body
CALENDAR_WORDS = frozenset(["January", "February", "March", "April", "May", "June", "July", "August", "September",
                            "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday",
                            "Friday", "Saturday", "Sunday"])


@lru_cache(maxsize=20_000)
def as_written(name: str) -> re.Pattern:
    """``name`` as a whole word (no letter, digit or hyphen glued on either side), exactly as
    written; compiled once per process."""
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")


def clean_line(line: str) -> str:
    """NFC, invisible characters removed, runs of spaces folded; the visible text is kept."""
    line = unicodedata.normalize("NFC", line)
    line = _INVISIBLE.sub("", line)
    return _SPACES.sub(" ", line).strip()


def is_url(line: str) -> bool:
    return bool(_URL.match(line.strip()))


def is_terminated(line: str) -> bool:
    """True if the line ends like a sentence (or a quoted sentence), not like a heading."""
    return bool(_TERMINATED.search(line.strip()))


def word_count(line: str) -> int:
    return len(line.split())


def search_form(text: str) -> str:
    """The text as search should see it: typographic quotes, dashes and ellipses made plain."""
    table = {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
        "\u2026": "...",
    }
    return text.translate(str.maketrans(table))


_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff]")
_BREAKS = re.compile(r"[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def without_controls(text: str) -> str:
    """``text`` with control characters removed (vertical tab, form feed and the Unicode
    separators become line breaks): they carry no words, break XML 1.0 outputs (Atom, OAI)
    and can hide text in a terminal. The original file keeps them."""
    return _CONTROLS.sub("", _BREAKS.sub("\n", text))


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(text: str | None) -> str:
    """``text`` with every character XML 1.0 cannot hold removed (for Atom and OAI output:
    lxml refuses them, and one such character answered 500 for every reader)."""
    return _NOT_XML.sub("", text or "")
