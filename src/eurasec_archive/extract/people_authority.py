"""The people authority as the people pass reads it: canonical names for any alias or Russian case
form, and the short forms (surnames, family names first) a full name is referred to by."""

from __future__ import annotations

import re
from functools import cache

from eurasec_archive.authorities import load_json, people
from eurasec_archive.extract.person_names import is_patronymic, nominative_name
from eurasec_archive.extract.russian import is_cyrillic, name_keys, stems

_MIN_KEY = 2

@cache
def _authority_by_key() -> dict[tuple[str, ...], str | None]:
    """Case-form keys of every Cyrillic authority alias -> canonical name (None if two clash)."""
    index: dict[tuple[str, ...], str | None] = {}
    for alias, (canonical, _role) in people().items():
        if is_cyrillic(alias):
            for key in name_keys(alias):
                index[key] = canonical if index.get(key, canonical) == canonical else None
    return index


@cache
def _aliases_of() -> dict[str, tuple[str, ...]]:
    """canonical name -> every alias as written (for finding its short forms in a text)."""
    out: dict[str, list[str]] = {}
    for e in load_json("people.json"):
        out[e["name"]] = [e["name"], *e["aliases"]]
    return {k: tuple(v) for k, v in out.items()}


@cache
def _family_first() -> frozenset[str]:
    """Names written family name first ("Xi Jinping"), marked so in the people authority."""
    return frozenset(n for e in load_json("people.json") if e.get("family_name_first")
                     for n in (e["name"], *e["aliases"]))


def short_forms(full_name: str) -> set[str]:
    """The single tokens a full name can be referred to by: its last token, and its first
    when that is a family name ("Xi Jinping", hyphenated given names: "Choe Son-hui")."""
    tokens = [t for t in re.split(r"\s+|(?<=\.)", full_name) if t and not t.endswith(".")]
    keys = {tokens[-1]} if tokens else set()
    if len(tokens) >= 2 and ("-" in tokens[-1] or full_name in _family_first()):
        keys.add(tokens[0])
    return {k for k in keys if len(k) >= _MIN_KEY}


@cache
def _surname_index() -> dict[str, str | None]:
    """surname stem (or Asian family name) -> canonical name; None when ambiguous"""
    index: dict[str, str | None] = {}
    for canonical, aliases in _aliases_of().items():
        for alias in aliases:
            for key in short_forms(alias):
                for s in stems(key):
                    index[s] = canonical if index.get(s, canonical) == canonical else None
    return index


def _authority_name(name: str) -> str | None:
    hit = people().get(name.casefold())
    if hit:
        return hit[0]
    if is_cyrillic(name):
        for key in name_keys(name):
            found = _authority_by_key().get(key)
            if found:
                return found
    return None


def authority_person(name: str) -> str | None:
    """The people authority's canonical name for ``name`` (any alias, any Russian case form), or None."""
    return _authority_name(name) or (_authority_name(nominative_name(name)) if is_cyrillic(name) else None)


def known_patronymics(name: str) -> set[str]:
    """The patronymics a full name gives ("Андрей Владимирович Панин") or, for a person of the
    authority, its aliases give ("Владимир Владимирович Путин" for "Vladimir Putin")."""
    canonical = authority_person(name)
    written = [name, *(_aliases_of().get(canonical, ()) if canonical else ())]
    return {w.split()[1] for w in written if len(w.split()) == 3 and is_patronymic(w.split()[1])}


def canonical_person(name: str) -> str:
    """Authority canonical form of a name (transliteration variants and Russian case forms
    merged); an unknown Russian name in the nominative; anything else as written."""
    return _authority_name(name) or _authority_name(nominative_name(name)) or nominative_name(name)
