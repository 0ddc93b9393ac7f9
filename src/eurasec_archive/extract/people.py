"""People named in a document, and resolution of partial mentions to full names.

A person is a run of 2-4 capitalized name tokens that the people authority knows, that starts
with a known given name (authority/given_names.json), or that follows a title ("Foreign
Minister Choe Son-hui"). Surname-only and title+surname mentions ("Lavrov", "Minister Choe")
resolve to a full name found in the same document, or to a unique authority entry.
"""

from __future__ import annotations

import re
from functools import cache

from eurasec_archive.authorities import load_json, people, roles
from eurasec_archive.models import Paragraph

_TOKEN = r"(?:[A-ZА-ЯЁ][a-zа-яё’']+(?:-[A-Za-zА-Яа-яЁё][a-zа-яё]+)?|[A-ZА-ЯЁ]\.(?:\s?[A-ZА-ЯЁ]\.)?)"
NAME_RUN = re.compile(rf"(?<![\w.-]){_TOKEN}(?:\s+{_TOKEN}){{1,7}}(?![\w-])")
_INITIAL = re.compile(r"^[A-ZА-ЯЁ]\.")
_POSSESSIVE = re.compile(r"[’']s$")


@cache
def given_names() -> frozenset[str]:
    return frozenset(load_json("given_names.json")["given_names"])


@cache
def title_words() -> frozenset[str]:
    """Every word that occurs in a title ("Foreign", "Minister", "People's"…)."""
    words = set()
    for t in roles()["titles"]:
        words.update(t.split())
    return frozenset(words)


@cache
def title_heads() -> frozenset[str]:
    """The nouns that make a phrase a title: the last word of each title."""
    return frozenset(t.split()[-1] for t in roles()["titles"])


@cache
def role_words() -> frozenset[str]:
    """Words that may stand in a role phrase before a name: titles and nationalities."""
    words = set(title_words())
    for nat in roles()["nationalities"]:
        words.update(nat.split())
    return frozenset(words)


@cache
def _surname_index() -> dict[str, str | None]:
    """surname (or Asian family name) -> canonical name; None when ambiguous"""
    index: dict[str, str | None] = {}
    for canonical, _role in set(people().values()):
        for key in name_keys(canonical):
            index[key] = canonical if index.get(key, canonical) == canonical else None
    return index


def name_keys(full_name: str) -> set[str]:
    """The single tokens a full name can be referred to by: its last token, and its first
    when that is a family name (hyphenated given names: "Choe Son-hui")."""
    tokens = [t for t in full_name.split() if not t.endswith(".")]
    keys = {tokens[-1]} if tokens else set()
    if len(tokens) >= 2 and "-" in tokens[-1]:
        keys.add(tokens[0])
    return keys


def canonical_person(name: str) -> str:
    """Authority canonical form of a name (transliteration variants merged)."""
    hit = people().get(name.casefold())
    return hit[0] if hit else name


def _clean_run(run: str) -> str:
    run = _POSSESSIVE.sub("", run)
    return re.sub(r"\s+", " ", run).strip()


def _preceded_by_title(text: str, start: int) -> bool:
    before = text[max(0, start - 40):start].rstrip(" ,")
    last = before.split()[-1] if before.split() else ""
    return last in title_heads()


def find_person_runs(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) for each full-name mention in ``text``.

    Within a run of capitalized tokens ("Russian Foreign Minister Sergey Lavrov", "Russia
    Vladimir Putin") the name starts at an authority alias, a known given name or initials,
    or right after a title.
    """
    out = []
    givens, known = given_names(), people()
    for m in NAME_RUN.finditer(text):
        spans = [(t.start() + m.start(), t.end() + m.start(), t.group(0))
                 for t in re.finditer(r"\S+", m.group(0))]
        i = 0
        while i < len(spans) - 1:
            tokens = [t for _, _, t in spans]
            found = None
            for k in range(min(4, len(tokens) - i), 1, -1):
                if _clean_run(" ".join(tokens[i:i + k])).casefold() in known:
                    found = k
                    break
            if found is None:
                after_title = tokens[i - 1] in title_heads() if i else _preceded_by_title(text, spans[0][0])
                if tokens[i] in givens or _INITIAL.match(tokens[i]) or (
                        after_title and tokens[i] not in role_words()):
                    found = min(4, len(tokens) - i)
                    # a name ends before the next title or nationality word
                    for j in range(i + 1, i + found):
                        if tokens[j] in role_words() and not _INITIAL.match(tokens[j]):
                            found = j - i
                            break
            if found and found >= 2:
                s, e = spans[i][0], spans[i + found - 1][1]
                out.append((s, e, _clean_run(text[s:e])))
                i += found
            else:
                i += 1
    return out


class PeopleResolver:
    """Maps mentions (full, surname-only, initials+surname) to the document's full names."""

    def __init__(self, full_names: list[str]):
        self.full_names = full_names
        self.by_key: dict[str, str] = {}
        for name in full_names:
            for key in name_keys(name):
                self.by_key.setdefault(key, name)

    def resolve(self, mention: str) -> str | None:
        mention = _clean_run(mention)
        canonical = canonical_person(mention)
        if canonical in self.full_names:
            return canonical
        tokens = [t for t in mention.split() if t not in title_words()]
        if not tokens:
            return None
        # "M.M. Litvinov", "Lavrov", "Minister Choe"
        if len(tokens) == 1 or all(t.endswith(".") for t in tokens[:-1]):
            key = tokens[-1]
            if key in self.by_key:
                return self.by_key[key]
            hit = _surname_index().get(key)
            if hit:
                return hit
            return None
        return canonical


def extract_people(paragraphs: list[Paragraph]) -> list[str]:
    """Everyone named in the body, as canonical full names, in order of first mention."""
    runs: list[str] = []
    for p in paragraphs:
        for _, _, name in find_person_runs(p.text):
            runs.append(name)
        if p.attribution:
            runs.extend(name for _, _, name in find_person_runs(p.attribution))
    full = []
    for name in runs:
        if re.match(r"^[A-ZА-ЯЁ]\.", name):
            continue  # initials+surname: resolved below, never a name of its own
        c = canonical_person(name)
        if c not in full:
            full.append(c)
    resolver = PeopleResolver(full)
    for name in runs:
        if re.match(r"^[A-ZА-ЯЁ]\.", name):
            r = resolver.resolve(name)
            if r and r not in full:
                full.append(r)
    return full
