"""Outlets: the item's own (canonicalized through the authority file) and those it cites."""

from __future__ import annotations

import re
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


def extract_cited_outlets(text: str) -> list[str]:
    """Outlets the text cites as sources ("Sputnik Belarus reports", "BelTA news agency
    reported"): an outlet name with a reporting word within the same sentence."""
    found: list[str] = []
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if not _CITING.search(sentence):
            continue
        taken = sentence
        for alias, canonical in outlet_aliases():
            pattern = r"(?<![\w-])" + re.escape(alias) + r"(?![\w-])"
            if re.search(pattern, taken):
                if canonical not in found:
                    found.append(canonical)
                taken = re.sub(pattern, " ", taken)
    return found
