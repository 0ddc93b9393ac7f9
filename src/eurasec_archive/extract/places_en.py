"""Places English text names beyond the places authority: the world's larger cities, the US
states and the countries of a gazetteer (authority/en_places.json, from GeoNames).

A gazetteer name is a place where the text writes it on its own: not inside a person's or a
body's name, and not as the first words of a longer capitalized name ("Milwaukee Brewers",
"Philadelphia Inquirer": a team or a body named by its city). Names that are also frequent
English words or given names ("Mobile", "Florence", "Detroit") need a preposition of place
before them ("in Detroit"). A name followed by a number is a team in a results table
("Swindon 2 Norwich 1").
"""

from __future__ import annotations

import re
from functools import cache

from eurasec_archive.authorities import common_words, load_json, places, roles
from eurasec_archive.text import as_written

_CAP = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)*"
_RUN = re.compile(rf"(?<![\w.'’-]){_CAP}(?:[ ](?:of[ ])?{_CAP})*(?![\w'’-])")
_PLACE_PREPOSITION = re.compile(r"(?:^|\W)(?:in|near|outside|across|throughout|around)\s+$")


@cache
def _gazetteer() -> tuple[frozenset[str], frozenset[str]]:
    data = load_json("en_places.json")
    return frozenset(data["names"]), frozenset(data["in_context"])


@cache
def gazetteer_names() -> frozenset[str]:
    """Every name of the gazetteer (both kinds)."""
    sure, in_context = _gazetteer()
    return sure | in_context


def gazetteer_places(text: str, inside: list[tuple[int, int]] = (), people: list[str] = ()) -> list[str]:
    """Gazetteer places English ``text`` names, in order of first mention: none within the
    spans ``inside`` (bodies' names), none that is a word of one of ``people``."""
    sure, in_context = _gazetteer()
    person_words = {w for p in people for w in p.split()}
    found: list[str] = []
    for m in _RUN.finditer(text):
        name, start = m.group(0), m.start()
        while " " in name and name.split(" ", 1)[0] in _sentence_words():  # "In Wuhan", "The Hague"
            head, name = name.split(" ", 1)
            start += len(head) + 1
        if name not in sure and name not in in_context:
            continue  # a longer run that only starts with a place is a team's or a body's name
        if name in found or name in person_words or any(s <= start < e for s, e in inside):
            continue
        if name in in_context and not _PLACE_PREPOSITION.search(text[max(0, start - 12):start]):
            continue
        if re.match(r"[ \t]+\d", text[m.end():m.end() + 3]):
            continue  # "Swindon 2 Norwich 1", "Surrey 283": a team's line of a results table
        found.append(name)
    return found


@cache
def _sentence_words() -> frozenset[str]:
    """Capitalized words that open a sentence, not a place's name."""
    return frozenset(roles()["en_not_names"]) | frozenset(w.capitalize() for w in common_words())


def outside_people(found: list[str], text: str, people: list[str]) -> list[str]:
    """``found`` less the places that ``text`` names only inside a person's name ("Chad Ogea",
    "Lindsay Davenport"): each mention of such a place is a mention of one of ``people``."""
    out = []
    for place in found:
        holders = [p for p in people if place in p.split()]
        if holders:
            alone = len(as_written(place).findall(text))
            inside = sum(len(as_written(p).findall(text)) for p in holders)
            if alone <= inside:
                continue
        out.append(place)
    return out


_WORDS = re.compile(r"[A-Z][A-Z'’-]*[A-Z]|[A-Z]")


def capitals_places(text: str) -> list[str]:
    """Places named in lines written in capitals ("RUSSIA SAYS TALKS WITH GEORGIA STALLED",
    "PHNOM PENH"): the authority's places and the gazetteer's sure names, read title-cased."""
    table = places()
    sure, _ = _gazetteer()
    found: list[str] = []
    for line in text.splitlines():
        letters = [c for c in line[:200] if c.isalpha()]
        if len(letters) < 4 or sum(c.isupper() for c in letters) < 0.8 * len(letters):
            continue
        raw = _WORDS.findall(line)
        words = [w.title() for w in raw]
        k = 0
        while k < len(words):
            for n in (3, 2, 1):
                if k + n > len(words):
                    continue
                name = " ".join(words[k:k + n])
                if n == 1 and raw[k] in table:  # "US", "UK"
                    name = raw[k]
                hit = table[name][0] if name in table else (name if name in sure else None)
                if hit:
                    if hit not in found:
                        found.append(hit)
                    k += n - 1
                    break
            k += 1
    return found
