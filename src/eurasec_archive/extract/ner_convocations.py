"""A body named with its term ("Госдумы шестого созыва", "Палаты представителей 112 созыва"):
an elected body in one of its terms, which both annotated golds count as an organization of its
own beside the body. The nouns of a term are ``organization_heads.json`` ``ru_term_nouns``."""

from __future__ import annotations

import re
from functools import cache

from eurasec_archive.authorities import load_json, places
from eurasec_archive.extract.nominative import morph, nominative_phrase
from eurasec_archive.extract.russian import opens_sentence
from eurasec_archive.models import Organization

# one term's number: an ordinal word, "7-го", "112", "VII"
_NUMBER = r"(?:[IVXLC]+|\d+(?:-?(?:го|й|ого))?|[а-яё]+)"
_WORD = re.compile(r"([А-ЯЁA-Z][\w-]*|[а-яё][\w-]*)\s+$")


@cache
def _term_pattern() -> re.Pattern:
    nouns = "|".join(re.escape(n[:-1]) for n in load_json("organization_heads.json")["ru_term_nouns"])
    numbers = rf"{_NUMBER}(?:(?:\s*,\s*|\s+и\s+|\s*[—–-]\s*){_NUMBER})*"
    return re.compile(rf"(?<=\s)({numbers})\s+(?:{nouns})[а-яё]*\b")


def _is_number(token: str) -> bool:
    """An ordinal word ("шестого"), a figure ("112", "7-го") or a Roman numeral."""
    if not token.isalpha() or not token.islower():
        return True
    return any("Anum" in p.tag for p in morph().parse(token))


def _body_before(text: str, end: int) -> tuple[int, str] | None:
    """(start, words) of the body's name in the genitive right before ``end``: the genitive words
    back to the earliest capitalized one ("Московской городской думы", "Законодательного собрания
    Омской области", "МГД"); a capital opening a sentence is a title's ("Председателя Госдумы")."""
    pos, starts = end, []
    for _ in range(6):
        m = _WORD.search(text, max(0, pos - 40), pos)
        if not m or "\n" in text[m.start():pos]:
            break
        word = m.group(1)
        acronym = word.isupper() and len(word) > 1
        if not acronym and not any(p.tag.case == "gent" for p in morph().parse(word)):
            break
        pos = m.start()
        if word[0].isupper() and (not starts or not opens_sentence(text, pos, " \u00a0")):
            starts.append(pos)
    return (starts[-1], text[starts[-1]:end].strip()) if starts else None


def convocation_bodies(text: str) -> list[tuple[int, Organization]]:
    """(start, organization) of each body named with its term: the body's name in the nominative
    and the term as written ("Московская городская дума седьмого созыва"). A term that is no
    number ("нового созыва") names none."""
    out = []
    for m in _term_pattern().finditer(text):
        numbers = re.findall(r"[\w-]+", m.group(1))
        if not all(_is_number(n) for n in numbers if n != "и"):
            continue
        body = _body_before(text, m.start())
        name = nominative_phrase(body[1]) if body else ""
        if body is not None and name not in places():  # "депутат Украины VII созыва": the deputy's country
            out.append((body[0], Organization(f"{name} {m.group(0)}")))
    return out
