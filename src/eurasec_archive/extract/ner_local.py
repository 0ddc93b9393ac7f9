"""A city's or a district's court, police or prosecutor named by the place's adjective.

"Савёловский суд", "Пресненского суда Москвы", "бостонской полиции", "миланский суд": the
adjective names the place the body serves, so the two words name one body, which both annotated
sets count (a country's adjective describes instead: "японская полиция" is Japan's police in
general, factRuEval does not count it, and it stays out). The adjective is a place's when it is
capitalized inside a sentence (a proper name) or when its stem is that of a city or a region the
text names ("Бостон", "Милан": the places authority's kinds), and no country's (its adjectives in
places.json, or a country the text names with that stem). The nouns: organization_heads.json ``ru_local_bodies``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from eurasec_archive.authorities import load_json
from eurasec_archive.extract.nominative import morph, nominative_phrase
from eurasec_archive.extract.russian import inflected, opens_sentence

_ADJECTIVE = r"[А-ЯЁа-яё][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)?(?:ск|цк)(?:ий|ой|ое|ая|ого|ому|ом|ую|ие|их|им|ими|ей)"
_SUFFIX = re.compile(r"(?:ский|цкий|ской|цкой)$")


@cache
def _pattern() -> re.Pattern:
    nouns = load_json("organization_heads.json").get("ru_local_bodies", [])
    alternatives = "|".join(inflected(n) + ("[а-яё]{0,3}" if inflected(n) == n else "") for n in nouns)
    return re.compile(rf"(?<![\w-])({_ADJECTIVE})\s+({alternatives})(?![\w-])")


@cache
def _nouns() -> frozenset[str]:
    return frozenset(load_json("organization_heads.json").get("ru_local_bodies", []))


@cache
def _country_adjectives() -> frozenset[str]:
    return frozenset(load_json("places.json").get("ru_country_adjectives", {}))


def _stem_of(adjective_lemma: str) -> str:
    return _SUFFIX.sub("", adjective_lemma)


def _same_stem(stem: str, place: str) -> bool:
    """"москов" / "москва", "стамбуль" / "стамбул", "твер" / "тверь": a shared start of at least
    four letters and of all of the place's name but its last two."""
    place = place.casefold().replace("ё", "е")
    k = 0
    while k < min(len(stem), len(place)) and stem[k] == place[k]:
        k += 1
    return k >= max(4, len(place) - 2)


def local_bodies(text: str, places: list[tuple[int, str, str]], kind: Callable[[str], str | None]
                 ) -> list[tuple[int, int, str]]:
    """(start, end, nominative) of each "<adjective of a local place> <court|police|prosecutor>" in
    ``text``. ``places``: the text's place mentions (start, as written, nominative); ``kind``: the
    authority's kind of a place name ("country", "city", "region") or None. A place mention in the
    genitive right after the body completes its name ("Пресненский суд Москвы")."""
    out = []
    for m in _pattern().finditer(text):
        body = m.group(2)
        head = next((p for p in morph().parse(body) if p.tag.POS == "NOUN" and p.normal_form in _nouns()), None)
        if head is None or head.tag.number != "sing":
            continue  # "рыболовецкие суда": ships, no court
        adjective = next((p for p in morph().parse(m.group(1)) if p.tag.POS == "ADJF" and
                          p.tag.case == head.tag.case and p.tag.gender == head.tag.gender), None)
        if adjective is None:
            continue
        if adjective.normal_form in _country_adjectives():
            continue  # "британская полиция": a country's
        stem = _stem_of(adjective.normal_form.replace("ё", "е"))
        kinds = {kind(n) for _, _, n in places if _same_stem(stem, n)}
        proper = m.group(1)[:1].isupper() and not opens_sentence(text, m.start())
        if "country" in kinds or not (proper or kinds & {"city", "region"}):
            continue
        end = m.end()
        after = next(((s, w) for s, w, n in places if s == end + 1 and w != n and text[end] == " "), None)
        if after is not None:  # "Пресненского суда" + "Москвы"
            end = after[0] + len(after[1])
        out.append((m.start(), end, nominative_phrase(text[m.start():m.end()]) + text[m.end():end]))
    return out
