"""People whose name stands in the name of a thing named after them, not in the text as people.

"улица Михаила Грушевского", "болезнь Паркинсона", "церковь Николая Чудотворца", "стадион Жозе
Алваладе": the name is part of a street's, a site's or an illness's name (an annotator's facility
or term, no person of the document). A person named so only is none; one the document also names
elsewhere stays, through that mention. Monuments ("памятник Пушкину") and "имени" are left: the two
golds disagree on them (factRuEval keeps the person, NEREL does not). Here too: a town's name the
model glued before a person's after a settlement's noun ("города Иванова Вячеслава Сверчкова").
"""

from __future__ import annotations

import re
from functools import cache

from eurasec_archive.authorities import load_json
from eurasec_archive.extract.nominative import morph
from eurasec_archive.extract.person_names import is_patronymic
from eurasec_archive.extract.russian import is_cyrillic

_WORDS_BEFORE = re.compile(r"(?:([^\W\d_]+)\s+)?([^\W\d_]+)\s+$")


@cache
def _heads() -> dict[str, frozenset[str]]:
    places, named = load_json("places.json"), load_json("people_eponyms.json")
    streets = set(places.get("ru_street_words", [])) | set(named["ru_named_after"])
    sites = streets | set(places.get("ru_site_words", []))
    return {"streets": frozenset(streets), "sites": frozenset(sites - set(named["ru_owned_sites"])),
            "eponyms": frozenset(named["ru_eponym_heads"])}


def _head(word: str | None, heads: frozenset[str]) -> bool:
    """A lower-case noun (capitalized at most: "Стадион …" opening a sentence) of ``heads``."""
    if word is None or not (word.islower() or word[1:].islower()) or not is_cyrillic(word):
        return False
    return word.lower() in heads or morph().parse(word.lower())[0].normal_form in heads


def names_a_thing(text: str, start: int, written: str, normal: str) -> bool:
    """Whether the person ``written`` at ``start`` (``normal``: its nominative) is named in the
    name of a thing after them: right after a street's or a site's noun (places.json
    ``ru_street_words``, ``ru_site_words``; people_eponyms.json ``ru_named_after``), a street's
    with one lower-case title between ("улица маршала Жукова"), or right after an illness
    ("болезни Паркинсона", ``ru_eponym_heads``). A name in the nominative after a noun in another
    case is the sentence's subject ("на стадионе Иван Седых забил"), not the thing's name; a given
    name and patronymic address a person ("театра Льва Петровича")."""
    hit = _WORDS_BEFORE.search(text, max(0, start - 60), start)
    if not hit or is_patronymic(normal.split()[-1]):
        return False
    far, near = hit.groups()
    heads = _heads()
    if _head(near, heads["sites"]) or _head(near, heads["eponyms"]):
        head = near
    elif near.islower() and _head(far, heads["streets"]):
        head = far
    else:
        return False
    return written != normal or any(p.tag.case == "nomn" for p in morph().parse(head.lower())[:1])


@cache
def _town_words() -> frozenset[str]:
    return frozenset(load_json("places.json").get("ru_settlement_words", []))


def without_town(written: str, before: str) -> str:
    """"города Иванова Вячеслава Сверчкова": after a settlement's noun (places.json
    ``ru_settlement_words``) the first word of a span that goes on with a given name is the
    town's name, no part of the person's."""
    tokens = written.split()
    if len(tokens) < 3 or not before or not _head(before, _town_words()) or \
            not any("Name" in p.tag for p in morph().parse(tokens[1])):
        return written
    return " ".join(tokens[1:])
