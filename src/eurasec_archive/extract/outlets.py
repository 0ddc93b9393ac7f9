"""Outlets: the item's own (canonicalized through the authority file) and those it cites."""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import urlsplit

from eurasec_archive.authorities import outlet_aliases, outlets

_CITING = re.compile(
    r"\b(?:report(?:s|ed)?|said|says|wrote|writes|according to|cited|quoted|told|"
    r"news agency|сообщает|сообщило|передает|пишет)\b", re.IGNORECASE)


def canonical_outlet(name: str | None) -> str | None:
    """'www.tass.com' / 'TASS' / 'https://tass.com/x' -> 'TASS'; unknown names are kept tidy."""
    if not name:
        return None
    name = name.strip()
    if "://" in name:
        name = urlsplit(name).hostname or name
    key = name.casefold().removeprefix("www.")
    table = outlets()
    if key in table:
        return table[key]
    # sub-domains of a known domain (eng.belta.by -> BelTA)
    parts = key.split(".")
    for i in range(1, len(parts) - 1):
        if ".".join(parts[i:]) in table:
            return table[".".join(parts[i:])]
    return name


# the agency signing a wire dateline: "BEIJING, July 16 (Xinhua) --", "HONOLULU (AP) -",
# "МОСКВА, 22 апреля. /ТАСС/.", "МОСКВА, 12 ноя — РИА Новости."
_SIGNED_DATELINE = re.compile(
    # the place in capitals, or a place and a date
    r"^(?:[A-ZА-ЯЁ][A-ZА-ЯЁ .'’-]{1,30}(?:,[^()/]{3,30}?)?|[A-ZА-ЯЁ][\w .'’-]{1,30},[^()/]*?\d[^()/]*?)\s*(?:\((?P<paren>[^()\d]{2,30})\)\s*[-–—]"
    r"|/(?P<slash>[^/\d]{2,30})/|\s[-–—]\s*(?P<dash>[^.,\d]{2,30})\.\s)")
_TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+(?P<site>[^|–—-]{2,40})$|^(?P<lead>[^|–—-]{2,40})\s+[|–—]\s+")
MAX_AGENCY_WORDS = 4


def outlet_from_text(first_paragraph: str, title: str | None = None) -> str | None:
    """The outlet a text names for itself: the agency signing the dateline that opens it, else
    a known outlet's name as a suffix or prefix of its title ("Headline - TASS").

    :return: the canonical name when the authority knows it, else the name as written
    """
    m = _SIGNED_DATELINE.match(first_paragraph[:120])
    if m:
        name = (m.group("paren") or m.group("slash") or m.group("dash") or "").strip()
        known = name.casefold() in outlets()
        if known or (m.group("dash") is None and 0 < len(name.split()) <= MAX_AGENCY_WORDS
                     and name[0].isupper()):
            return canonical_outlet(name)
    m = _TITLE_SUFFIX.search(title or "")
    if m:
        name = (m.group("site") or m.group("lead") or "").strip()
        if name.casefold() in outlets():
            return canonical_outlet(name)
    return None


def extract_cited_outlets(text: str) -> list[str]:
    """Outlets the text cites as sources ("Sputnik Belarus reports", "BelTA news agency
    reported"): an outlet name with a reporting word within the same sentence."""
    found: list[str] = []
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if not _CITING.search(sentence):
            continue
        taken = sentence
        for alias, pattern, canonical in _alias_patterns():
            if alias in taken and pattern.search(taken):  # the pattern holds the alias as written
                if canonical not in found:
                    found.append(canonical)
                taken = pattern.sub(" ", taken)
    return found


@cache
def _alias_patterns() -> list[tuple[str, re.Pattern, str]]:
    """(alias, its whole-word pattern, canonical) in ``outlet_aliases`` order, compiled once."""
    return [(alias, re.compile(r"(?<![\w-])" + re.escape(alias) + r"(?![\w-])"), canonical)
            for alias, canonical in outlet_aliases()]
