"""Places (countries, cities, regions) named in the text, normalized via the authority file."""

from __future__ import annotations

from functools import cache

from eurasec_archive.authorities import alternation, places


@cache
def _pattern():
    return alternation(places().keys())


def extract_places(text: str) -> list[str]:
    table = places()
    found: list[str] = []
    for m in _pattern().finditer(text):
        name = table[m.group(0)][0]
        if name not in found:
            found.append(name)
    return found
