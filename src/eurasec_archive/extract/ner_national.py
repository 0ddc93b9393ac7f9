"""National bodies named without their country ("МИД", "Совет безопасности"): whose they are.

The text ties such a body to a country by naming the country before it: the nearest preceding
country in its paragraph, else the country of the same body the text named last with its country
("МИД Италии … МИД РФ … МИДа"), else the place it names most often before it. When that country has
such a body in the authority, the body is linked to it; when it has none (a country the authority
lacks, "Чехия"), or the text names no country before the body, or two equally often, the body is
linked to no country's body and stays as written (kept: NEREL counts "МИД" as written). The authority's order of countries decides nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import cache

from eurasec_archive.authorities import organizations, places
from eurasec_archive.models import Organization

Span = tuple[int, int, Organization]


@cache
def national_bodies(link_place: Callable[[str], str]) -> dict[str, list[tuple[str, Organization]]]:
    """"Совет безопасности" -> [("Belarus", Security Council of Belarus), ("Russia", …)]: the
    authority's bodies named "<body> <country in the genitive>", by the body's words."""
    out: dict[str, list[tuple[str, Organization]]] = {}
    for e in organizations():
        for alias in e.aliases:
            words = alias.split()
            for k in range(1, len(words)):
                country = link_place(" ".join(words[k:]))
                if places().get(country, ("", ""))[1] == "country":
                    out.setdefault(" ".join(words[:k]).casefold(), []).append((country, Organization(e.name, e.acronym)))
    return out


def _bodies_countries(link_place) -> dict[tuple[str, str | None], tuple[frozenset[str], str]]:
    """The authority's national body -> (its body words, its country): the Russian MFA ->
    ({"мид", "министерство иностранных дел"}, Russia)."""
    out: dict[tuple[str, str | None], tuple[frozenset[str], str]] = {}
    for key, pairs in national_bodies(link_place).items():
        for country, org in pairs:
            keys, _ = out.get((org.name, org.acronym), (frozenset(), country))
            out[(org.name, org.acronym)] = (keys | {key}, country)
    return out


def is_bare(org: Organization, link_place) -> bool:
    """A national body's words with no country ("МИД"; an acronym of its own is no country's)."""
    return (org.acronym is None or org.acronym == org.name) and org.name.casefold() in national_bodies(link_place)


def named_bodies(spans: list[Span], link_place) -> list[tuple[int, frozenset[str], str]]:
    """(start, body words, country) for each body of the authority named with its country."""
    of = _bodies_countries(link_place)
    return [(start, *of[(org.name, org.acronym)]) for start, _, org in spans if (org.name, org.acronym) in of]


def country_before(text: str, start: int, key: str, named: list[tuple[int, frozenset[str], str]],
                   countries: list[tuple[int, str, bool]]) -> str | None:
    """The country the text ties a body (``key``, its words) at ``start`` to: the nearest country
    of the authority named before it in its paragraph; else the country of the same body named
    last before it with its country ("МИД Италии … МИД РФ … МИДа"); else the place named most
    often before it, strictly (one the authority does not know counts here: "Чехия" is not
    Russia); else None.

    :param named: as ``named_bodies`` gives
    :param countries: (start, name, known): the country mentions, and the places the authority
        does not know (known False: they may be countries it lacks, or cities)
    """
    before = sorted(c for c in countries + [(s, c, True) for s, _, c in named] if c[0] < start)
    paragraph = text.rfind("\n", 0, start) + 1
    in_paragraph = [name for s, name, known in before if known and s >= paragraph]
    if in_paragraph:
        return in_paragraph[-1]
    same = [c for s, keys, c in sorted(named, key=lambda n: n[0]) if key in keys and s < start]
    if same:
        return same[-1]
    counts = Counter(name for _, name, _ in before).most_common(2)
    return counts[0][0] if counts and (len(counts) == 1 or counts[0][1] > counts[1][1]) else None


def resolve_bare_bodies(text: str, spans: list[Span], named: list[tuple[int, frozenset[str], str]],
                        countries: list[tuple[int, str, bool]], link_place) -> list[Span]:
    """Each bare national body of ``spans`` linked to the body of the country the text ties it to
    (``named``, ``countries`` as for ``country_before``), if the authority has that body;
    otherwise it stays as written."""
    out = []
    for start, end, org in spans:
        if is_bare(org, link_place):
            key = org.name.casefold()
            org = dict(national_bodies(link_place)[key]).get(country_before(text, start, key, named, countries)) or org
        out.append((start, end, org))
    return out


def country_mentions(mentions, lookup: Callable[[str], str | None]) -> list[tuple[int, str, bool]]:
    """(start, country, True) for each place mention (``ner.Mention``) that names a country of the
    authority (``lookup``: its canonical name of a place, or None), and (start, name, False) for a
    place it does not know (maybe a country it lacks: "Чехии")."""
    out = []
    for m in mentions:
        if m.kind != "place":
            continue
        linked = lookup(m.normal) or lookup(m.text)
        if linked is None:
            out.append((m.start, m.normal, False))
        elif places().get(linked, ("", ""))[1] == "country":
            out.append((m.start, linked, True))
    return out
