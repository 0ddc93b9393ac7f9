"""Places (countries, cities, regions) named in the text, normalized via the authority file.

Russian names match in any case form ("в Литве", "России"); a place inside an organization's
name ("Organization for Security and Co-operation in Europe", "МИД России") is not counted.
"""

from __future__ import annotations

import re
from functools import cache

from eurasec_archive.authorities import places
from eurasec_archive.extract.organizations import organization_spans
from eurasec_archive.extract.russian import inflected_alternation

# "DUSHANBE, 10 October", "LONDON (Reuters) -", "LONDON 1996-08-30"
_DATELINE = re.compile(r"^([A-ZА-ЯЁ][A-ZА-ЯЁ.'-]+(?: [A-ZА-ЯЁ][A-ZА-ЯЁ.'-]+)?)(?:,\s|\s+\(|\s+\d)", re.MULTILINE)


@cache
def _pattern():
    aliases = list(places())
    return aliases, inflected_alternation(aliases)


def extract_places(text: str, inside: tuple | list = ()) -> list[str]:
    """Canonical names of the places in ``text``, in order of first mention; none within the
    spans ``inside`` (organizations' names the caller found) or a known organization's name."""
    table = places()
    aliases, pattern = _pattern()
    inside = organization_spans(text) + list(inside)
    found: list[str] = []
    # a wire dateline writes its city in capitals: "DUSHANBE, 10 October", "САНКТ-ПЕТЕРБУРГ, 26 июня"
    dateline = _DATELINE.search(text[:400])
    if dateline:
        city = table.get(dateline.group(1).title()) or table.get(dateline.group(1).title().replace("St ", "St. "))
        if city:
            found.append(city[0])
    for m in pattern.finditer(text):
        if any(s <= m.start() < e for s, e in inside):
            continue
        name = table[aliases[int(m.lastgroup[1:])]][0]
        if name not in found:
            found.append(name)
    return found
