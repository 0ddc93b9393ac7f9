"""Places (countries, cities, regions) named in the text, normalized via the authority file.

Russian names match in any case form ("в Литве", "России"); a place inside an organization's
name ("Organization for Security and Co-operation in Europe", "МИД России") is not counted.
"""

from __future__ import annotations

import re
from functools import cache

from eurasec_archive.authorities import places
from eurasec_archive.extract.organizations import organization_spans
from eurasec_archive.extract.russian import inflected_alternation, is_cyrillic

# "DUSHANBE, 10 October", "LONDON (Reuters) -", "LONDON 1996-08-30"
_DATELINE = re.compile(r"^([A-ZА-ЯЁ][A-ZА-ЯЁ.'-]+(?: [A-ZА-ЯЁ][A-ZА-ЯЁ.'-]+)?)(?:,\s|\s+\(|\s+\d)", re.MULTILINE)


@cache
def _pattern():
    aliases = list(places())
    return aliases, inflected_alternation(aliases)


def _case_form_of(written: str, alias: str) -> bool:
    """The words matched are a case form of the place, not another word with its start
    ("Кубка" is no form of "Куба", "Дела" none of "Дели"): the dictionary's lemma of the last
    word is the place's, or the word is the place's own as written."""
    from eurasec_archive.extract.ner import morph

    last, own = written.split()[-1], alias.split()[-1]
    if last == own or last.isupper() or not is_cyrillic(last):
        return True
    lemma = own.lower().replace("ё", "е")
    return any(p.normal_form.replace("ё", "е") == lemma for p in morph().parse(last))


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
        alias = aliases[int(m.lastgroup[1:])]
        if is_cyrillic(alias) and not _case_form_of(m.group(0), alias):
            continue
        name = table[alias][0]
        if name not in found:
            found.append(name)
    return found
