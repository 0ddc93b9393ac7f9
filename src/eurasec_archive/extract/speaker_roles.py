"""Roles of speakers: the title phrase beside a name ("Russian Foreign Minister Sergey Lavrov",
"Sergey Lavrov, Russian Foreign Minister:"), its country ("North Korea … its Foreign Minister"),
and whether a phrase is a role at all (title words from authority/roles.json)."""

from __future__ import annotations

import re
from functools import cache

from eurasec_archive.authorities import people as people_authority
from eurasec_archive.authorities import roles
from eurasec_archive.extract.people import role_words, ru_title_pattern, title_heads, title_words
from eurasec_archive.extract.russian import is_cyrillic


def role_before(text: str, start: int) -> str | None:
    """The title phrase right before a name: "Russian Foreign Minister" in "said Russian
    Foreign Minister Sergey Lavrov", "People's Commissar for Foreign Affairs of the USSR",
    "министр иностранных дел РФ" in "заявил министр иностранных дел РФ Сергей Лавров"."""
    window = text[max(0, start - 160):start]
    if is_cyrillic(window[-40:]):
        m = ru_title_pattern().search(window)
        return m.group(1) if m else None
    words = window.split()
    if not words:
        return None
    # the title head nearest the name, with at most "of (the) X Y" between them
    head = None
    for k in range(len(words) - 1, max(-1, len(words) - 8), -1):
        if words[k].rstrip(",") in title_heads():
            between = words[k + 1:]
            if not between or (between[0] in ("of", "for") and all(
                    w[:1].isupper() or w in ("of", "the", "for", "and") for w in between)):
                head = k
            break
    if head is None:
        return None
    if words[head].endswith(",") and head + 1 < len(words):
        return None  # "Minister, said Lavrov" is no role
    begin = head
    vocab = role_words() | {"of", "the", "for", "and"}
    while begin > 0 and not words[begin - 1].endswith(",") and (
            words[begin - 1] in vocab or (words[begin - 1][:1].isupper()
                                           and words[begin] in ("of", "the"))):
        begin -= 1
    while words[begin] in ("of", "the", "and", "for"):
        begin += 1
    return " ".join(words[begin:]).rstrip(",") or None


def role_after(text: str, end: int) -> str | None:
    """An appositive role: "Sergey Lavrov, Russian Foreign Minister," / "…Minister:"."""
    m = re.match(r",\s*([^,:;.]{3,80})(?:[,:]|$)", text[end:end + 100])
    if m and any(w in title_words() for w in m.group(1).split()):
        return m.group(1).strip()
    return None


def with_country(text: str, role_pos: int, role: str | None) -> str | None:
    """"North Korea dispatched its Foreign Minister" -> "North Korean Foreign Minister"."""
    if not role or any(n in role for n in roles()["nationalities"]):
        return role
    before = text[max(0, role_pos - 200):role_pos]
    m = re.search(r"([A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)(?:[’']s\s+|\s+(?:\w+\s+){1,6}?its\s+)(?:[\w-]+\s+){0,2}$", before)
    if not m:
        return role
    place = m.group(1)
    for nat in roles()["nationalities"]:
        if len(nat) >= 4 and nat[:max(4, len(place) - 1)] == place[:max(4, len(place) - 1)] and nat.split()[0] == place.split()[0]:
            return f"{nat} {role}"
    return role


def is_role(role: str | None) -> bool:
    if not role or all(w.rstrip(".") + "." in roles().get("en_honorifics", []) for w in role.split()):
        return False
    words = role.replace(",", " ").split()
    return any(w in title_words() or w.casefold() in role_nouns() or w.rstrip(".") + "." in roles().get("en_honorifics", [])
               for w in words) or bool(ru_title_pattern().search(role + " "))


@cache
def role_nouns() -> frozenset[str]:
    return frozenset(w for n in roles().get("en_role_nouns", []) for w in n.split()) | frozenset(
        w.casefold() for w in roles().get("lowercase_heads", []))


def authority_role(name: str) -> str | None:
    hit = people_authority().get(name.casefold())
    return hit[1] if hit else None


def attribution_role(attribution: str) -> str | None:
    parts = [x.strip() for x in attribution.split(" — ")]
    if len(parts) >= 2 and any(w in title_words() for w in parts[1].split()):
        return parts[1]
    m = re.search(r"\bof (?:the )?((?:[\w’']+\s+){0,8}?)(?=[A-ZА-ЯЁ][a-z]+\s+(?:[A-Z]\.\s*)*[A-Z][a-z]+)", attribution)
    return m.group(1).strip() if m and any(w in title_words() for w in m.group(1).split()) else None
