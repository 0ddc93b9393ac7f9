"""Names and acronyms the extractor found but the authority files do not know.

Backs ``eurasec-archive entities --unknown``: an archivist reads the list and grows
``authority/people.json``, ``organizations.json`` and ``outlets.json`` from it.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from eurasec_archive.authorities import load_json, organizations, outlets, people, places

# an all-capitals word of 2-8 letters (Latin or Cyrillic), digits allowed after the first
_ACRONYM = re.compile(r"(?<![\w-])([A-ZА-ЯЁ][A-ZА-ЯЁ0-9]{1,7})(?![\w-])")


def _field(item, name: str):
    """``item.name`` for Item objects, ``item[name]`` for their JSON form."""
    return item.get(name) if isinstance(item, dict) else getattr(item, name, None)


def _org_name(org) -> str:
    return org.get("name") if isinstance(org, dict) else org.name


def _paragraph_text(p) -> str:
    return (p.get("text") if isinstance(p, dict) else p.text) or ""


@cache
def _known_people() -> frozenset[str]:
    return frozenset(canonical for canonical, _role in people().values())


@cache
def _known_organizations() -> frozenset[str]:
    return frozenset(e.name for e in organizations())


@cache
def _known_acronyms() -> frozenset[str]:
    """Every all-capitals string some authority file explains: organization acronyms and
    aliases, outlet names, place names (US, DPRK, КНР), plus the not-an-acronym list."""
    known = set(load_json("organization_heads.json").get("not_acronyms", []))
    for e in organizations():
        known.update(filter(None, (e.acronym, *e.acronym_aliases, *e.aliases, e.name)))
    for table in (outlets(), places()):
        known.update(k.upper() for k in table)
    return frozenset(known)


def unknown_entities(items) -> list[dict]:
    """Names and acronyms found in ``items`` but missing from the authority files.

    :param items: archive items (``Item`` objects or their JSON dicts)
    :return: ``[{"kind": "person"|"organization"|"outlet"|"acronym", "name": str,
        "count": int, "variant_of"?: str}]`` where count is the number of items it occurs in and
        variant_of the known entity it likely spells differently; most frequent first, then by
        kind and name.
    """
    counts: Counter[tuple[str, str]] = Counter()
    known_outlets = set(outlets().values())
    for item in items:
        found: set[tuple[str, str]] = set()
        for name in _field(item, "people") or []:
            if name not in _known_people():
                found.add(("person", name))
        for org in _field(item, "organizations") or []:
            if _org_name(org) not in _known_organizations():
                found.add(("organization", _org_name(org)))
        for outlet in [_field(item, "outlet"), *(_field(item, "cited_outlets") or [])]:
            if outlet and outlet not in known_outlets:
                found.add(("outlet", outlet))
        text = "\n".join(_paragraph_text(p) for p in _field(item, "paragraphs") or [])
        for m in _ACRONYM.finditer(text):
            if m.group(1) not in _known_acronyms() and not m.group(1).isdigit():
                found.add(("acronym", m.group(1)))
        counts.update(found)
    rows = [{"kind": kind, "name": name, "count": n} for (kind, name), n in counts.items()]
    for row in rows:
        known = likely_variant_of(row["name"], row["kind"])
        if known:
            row["variant_of"] = known
    return sorted(rows, key=lambda r: (-r["count"], r["kind"], r["name"]))


@cache
def _known_keys(kind: str) -> dict[str, str]:
    """match_key of every alias of the known people or organizations -> canonical name."""
    from eurasec_archive.transliteration import match_key

    if kind == "person":
        pairs = [(alias, canonical) for alias, (canonical, _role) in people().items()]
    else:
        pairs = [(n, e.name) for e in organizations() for n in (e.name, *e.aliases)]
    return {match_key(alias): canonical for alias, canonical in pairs}


def likely_variant_of(name: str, kind: str, cutoff: float = 88) -> str | None:
    """The known person or organization ``name`` most likely spells differently ("Sergej
    Lavrov", "Сергея Лаврова" -> "Sergey Lavrov"), by fuzzy match over transliterated,
    wire-folded forms; None below ``cutoff`` (0-100) or for other kinds."""
    if kind not in ("person", "organization"):
        return None
    from rapidfuzz import fuzz, process

    from eurasec_archive.transliteration import match_key

    keys = _known_keys(kind)
    hit = process.extractOne(match_key(name), list(keys), scorer=fuzz.token_sort_ratio, score_cutoff=cutoff)
    return keys[hit[0]] if hit else None
