"""Loads the authority files in ``authority/`` (data, not code) into lookup tables."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources


def load_json(name: str):
    return json.loads(resources.files("eurasec_archive.authority").joinpath(name).read_text("utf-8"))


@dataclass(frozen=True)
class OrgEntry:
    name: str
    acronym: str | None
    aliases: tuple[str, ...]
    acronym_aliases: tuple[str, ...]
    ambiguous_acronym: bool = False


@cache
def outlets() -> dict[str, str]:
    """alias (casefolded) and domain -> canonical outlet name"""
    table: dict[str, str] = {}
    for entry in load_json("outlets.json"):
        for alias in [entry["canonical"], *entry["aliases"], *entry["domains"]]:
            table[alias.casefold()] = entry["canonical"]
    return table


@cache
def outlet_aliases() -> list[tuple[str, str]]:
    """(alias as written, canonical), longest first, for finding outlets cited in text."""
    pairs = []
    for entry in load_json("outlets.json"):
        for alias in [entry["canonical"], *entry["aliases"]]:
            pairs.append((alias, entry["canonical"]))
    return sorted(set(pairs), key=lambda p: -len(p[0]))


@cache
def organizations() -> list[OrgEntry]:
    return [
        OrgEntry(e["name"], e.get("acronym"), tuple(e.get("aliases", [])),
                 tuple(e.get("acronym_aliases", [])), bool(e.get("ambiguous_acronym")))
        for e in load_json("organizations.json")
    ]


@cache
def people() -> dict[str, tuple[str, str | None]]:
    """alias (casefolded) -> (canonical name, usual role)"""
    table = {}
    for e in load_json("people.json"):
        for alias in [e["name"], *e["aliases"]]:
            table[alias.casefold()] = (e["name"], e.get("role"))
    return table


@cache
def places() -> dict[str, tuple[str, str]]:
    """alias as written -> (canonical name, kind: country|city|region)"""
    data = load_json("places.json")
    table = {}
    for kind, key in (("country", "countries"), ("city", "cities"), ("region", "regions")):
        for names in data[key]:
            for alias in names:
                table[alias] = (names[0], kind)
    return table


@cache
def roles() -> dict:
    return load_json("roles.json")


@cache
def common_words() -> frozenset[str]:
    """Frequent English words, lower case (en_common_words.json): read once, shared by every
    reader that asks whether a capitalized word is a sentence's word rather than a name's."""
    return frozenset(load_json("en_common_words.json")["words"])


@cache
def speech_verbs() -> dict[str, list[str]]:
    return load_json("speech_verbs.json")


def alternation(words, flags=0) -> re.Pattern:
    """A regex matching any of ``words`` as whole words, longest first."""
    ws = sorted(set(words), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in ws) + r")(?![\w-])", flags)
