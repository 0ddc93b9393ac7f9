"""A body the text names by its kind and a quoted or Latin name the model does not tag.

"газеты ''USA Today''", "компания «Live Nation»", "Газета St. Louis Post-Dispatch", "группы «The
Beatles»": a noun saying what kind of body follows (an outlet's, organization_heads.json
``ru_media_nouns``, or another body's, ``ru_kind_nouns``), then a name in quotes or in capitalized
Latin words. The model misses most Latin names in Russian text and many quoted ones; the kind
noun before them says they are a body's. The name is kept as written, without its quotes.
"""

from __future__ import annotations

import re
from functools import cache

from eurasec_archive.authorities import load_json
from eurasec_archive.extract.nominative import morph
from eurasec_archive.extract.person_names import given_names
from eurasec_archive.extract.russian import inflected

_LATIN_WORD = r"[A-Z][\w.&’'-]*"
_NAME = (r"«(?P<a>[^«»\n]{1,60})»|''(?P<b>[^'\n]{1,60})''|\"(?P<c>[^\"\n]{1,60})\"|„(?P<d>[^„“\n]{1,60})“|"
         rf"(?P<e>{_LATIN_WORD}(?: (?:{_LATIN_WORD}|of|and|de|the|&))*)")


@cache
def _nouns() -> frozenset[str]:
    data = load_json("organization_heads.json")
    return frozenset(data.get("ru_media_nouns", []) + data.get("ru_kind_nouns", []))


@cache
def _pattern() -> re.Pattern:
    kinds = "|".join(sorted((inflected(n) for n in _nouns()), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])((?i:{kinds}))\s+\(?(?:{_NAME})")


# the next quoted name of a list after the first ("групп ''A'', ''B'' и ''C''")
_NEXT = re.compile(rf"(?:,\s*|\s+и\s+)(?:{_NAME.split('|(?P<e>')[0]})")


def _named(m: re.Match) -> tuple[int, int, str] | None:
    group = next(g for g in "abcde" if m.group(g) is not None)
    name = m.group(group).strip(" '«»\"„“")
    name = re.sub(r"[.,’']+$", "", name) if group == "e" else name
    if not name[:1].isupper() or len(name.split()) > 6 or len(name) < 2:
        return None  # one Latin capital is a label ("группе H" of a tournament), no name
    return m.start(group) - (0 if group == "e" else 1 if group != "b" else 2), m.end(group), name


def kind_named(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of each name standing right after a kind-of-body noun in ``text``, and of
    the quoted names listed after it ("команд (''A'', ''B'' и ''C'')"): the span is the name's,
    quotes included; the noun must read as that noun ("банка" may be a jar's, but "банке «…»" is
    read by its dictionary lemma)."""
    out = []
    for m in _pattern().finditer(text):
        lemmas = {p.normal_form for p in morph().parse(m.group(1).lower()) if p.tag.POS == "NOUN"}
        hit = _named(m) if lemmas & _nouns() else None
        while hit is not None:
            out.append(hit)
            following = _NEXT.match(text, hit[1] + (0 if text[hit[1]:hit[1] + 1] not in "»\"“'" else
                                                    2 if text[hit[1]:hit[1] + 2] == "''" else 1))
            hit = _named(following) if following else None
    return out


_WIKI_QUOTED = re.compile(r"(?<!')''([A-Z][^'\n]{1,50})''(?!')")
_WORD_BEFORE = re.compile(r"([А-ЯЁа-яё]+)[\s(:—–-]*$")


@cache
def _thing_nouns() -> frozenset[str]:
    data = load_json("organization_heads.json")
    return frozenset(data.get("ru_work_nouns", []) + data.get("ru_facility_heads", []))


@cache
def _platforms() -> frozenset[str]:
    return frozenset(load_json("organization_heads.json").get("ru_web_platforms", []))


def wiki_quoted(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of each Latin name in a wiki's double apostrophes ("в ''Bank of New
    York''", "магазине ''Gucci''"): wiki news marks so the names of bodies, brands and outlets it
    keeps in Latin, and of works and sites, which a noun before them tells ("альбом ''Double
    Fantasy''", "здания ''The Dakota''": ``ru_work_nouns``, ``ru_facility_heads``); such a name is
    no body anywhere in the text, nor are the names listed after it ("песни: ''A'', ''B''"). A name
    opening with a given name is a person's; a web platform (``ru_web_platforms``), an acronym alone
    ("HTTPS") and a name with a number (a model: "Robinson 44") are none either."""
    hits, things, last_thing = [], set(), -1
    for m in _WIKI_QUOTED.finditer(text):
        name = m.group(1).strip()
        before = _WORD_BEFORE.search(text, max(0, m.start() - 30), m.start())
        lemmas = {p.normal_form for p in morph().parse(before.group(1).lower())} if before else set()
        listed = last_thing >= 0 and re.fullmatch(r"\s*(?:,|и)\s*", text[last_thing:m.start()]) is not None
        if lemmas & _thing_nouns() or listed:
            things.add(name)
            last_thing = m.end()
            continue
        if name.split()[0] in given_names() or name in _platforms() or name.isupper() or \
                any(c.isdigit() for c in name):
            continue
        hits.append((m.start(), m.end(), name))
    return [h for h in hits if h[2] not in things]
