"""A government named by the person who leads it: "правительства Немцовой", "кабинета Нечаса",
"избирательного штаба Навального".

The body's noun (organization_heads.json ``ru_leader_bodies``) with its adjectives, then right after
it the leader's name in the genitive: one body, an organization; the leader stays a person. A
campaign's staff keeps its adjectives ("предвыборный штаб"), a government does not: they describe
it ("коалиционное правительство Шпидлы"). A name in the nominative after the body is none of it
("правительство Иван Петров возглавил" is no such government). A government after a title is the
title's ("главы правительства Ивана Петрова": he heads it, it is no one's). "администрация" is left
out: the in-house gold (tests/eval, tests/test_extract_eval.py) does not count "Администрация
Дональда Трампа" as a named body, which NEREL does (measured in sessions 7 and 13: +7 found on NEREL
train, the in-house dev precision 0.98 -> 0.976).
"""

from __future__ import annotations

import re
from functools import cache

from eurasec_archive.authorities import load_json
from eurasec_archive.extract.ner_bodies import _adjectives_before
from eurasec_archive.extract.nominative import morph, nominative_phrase
from eurasec_archive.extract.russian import inflected, is_cyrillic

_GOVERNMENTS = frozenset({"правительство", "кабинет"})
_WORD_BEFORE = re.compile(r"([а-яё]+)\s+$")


@cache
def _nouns() -> frozenset[str]:
    return frozenset(load_json("organization_heads.json").get("ru_leader_bodies", []))


@cache
def _pattern() -> re.Pattern:
    words = "|".join(sorted((inflected(n) for n in _nouns()), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])((?i:{words}))\s+$")


def _in_genitive(name: str) -> bool:
    """Every word of a name may be in the genitive ("Дональда Трампа", "Абэ"), not "Сергей Иванов";
    a given name in the singular ("Анатолий" is no genitive plural of "Анатолия" here)."""
    def genitive(word: str) -> bool:
        ps = morph().parse(word)
        if "Name" in ps[0].tag:
            return any("Name" in p.tag and p.tag.case == "gent" and p.tag.number == "sing" or "Fixd" in p.tag for p in ps)
        return any(p.tag.case == "gent" or "Fixd" in p.tag for p in ps)

    return all(not is_cyrillic(w) or genitive(w) for w in name.split())


def _after_title(text: str, start: int) -> bool:
    """A title ends right before ``start`` ("главы", "руководителя"): the name after the body is the
    title's holder."""
    from eurasec_archive.authorities import roles

    m = _WORD_BEFORE.search(text, max(0, start - 30), start)
    return bool(m) and any(p.normal_form in roles()["ru_titles"] for p in morph().parse(m.group(1))[:1])


def leader_body(text: str, start: int, written: str) -> tuple[int, str] | None:
    """(start, name) of the body a person (``written`` at ``start``, as the text has it) leads, named
    right before them, or None."""
    m = _pattern().search(text, max(0, start - 40), start)
    if not m or not _in_genitive(written):
        return None
    head = next((p for p in morph().parse(m.group(1).lower()) if p.tag.POS == "NOUN" and p.normal_form in _nouns()),
                None)
    if head is None or head.tag.number != "sing":
        return None  # "правительства" read as a plural, "кабинеты": no one leader's
    # a campaign's staff keeps its adjectives ("одесского предвыборного штаба"); a government's describe
    # it ("коалиционного правительства Шпидлы" is Špidla's government), and "Генерального штаба" is no one's
    if head.normal_form in _GOVERNMENTS and _after_title(text, m.start()):
        return None  # "главы администрации Радия Петрова": the head is the person, the body no one's
    body = m.start() if head.normal_form in _GOVERNMENTS else _adjectives_before(text, m.start(), head, participles=False)[0]
    named = nominative_phrase(text[body:m.end()].strip())
    return None if named.casefold().startswith("генеральный") else (body, f"{named} {written}")
