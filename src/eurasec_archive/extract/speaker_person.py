"""Whether a speaker's name reads as a person's, the gender its first name tells, and the name
without the words an entity list glued before it ("Filmmaker Jack Marino")."""

from __future__ import annotations

import re
from functools import cache

from eurasec_archive.authorities import load_json, outlets, roles
from eurasec_archive.extract.people import title_words
from eurasec_archive.extract.russian import is_cyrillic
from eurasec_archive.extract.speaker_names import common_word, english_given, is_place
from eurasec_archive.extract.speaker_roles import role_nouns

_PATRONYMIC = re.compile(r"(?:вич|вна|чна|ич|ична|оглы|кызы)$")


_PARTICLES = frozenset({"de", "da", "di", "del", "van", "von", "der", "den", "bin", "ibn", "al", "el", "la", "le",
                        "du", "dos", "ter", "y", "bint", "abu"})


def is_person_name(name: str) -> bool:
    """Whether a speaker's name reads as a person's: capitalized words (particles aside), not
    ending in an organization, place or party word ("Oromo Liberation Front", "South China
    Sea", "South Carolina Democrat"), and not a known outlet ("Western Journalism")."""
    tokens = name.split()
    if not tokens or any(not t[:1].isupper() and t not in _PARTICLES for t in tokens):
        return False
    last = tokens[-1]
    words = (set(roles().get("en_org_words", [])) | set(roles().get("ru_org_words", []))
             | set(roles().get("en_place_words", [])) | set(roles().get("nationalities", []))
             | set(roles().get("en_party_words", [])))
    # "Steven Law", "David French": after a given name, an organization word or a nationality is a surname
    surname = ((last in roles().get("en_org_words_also_surnames", []) or last in roles().get("nationalities", []))
               and len(tokens) >= 2 and tokens[0] in given_genders())
    if (last in words and not surname) or (len(tokens) >= 2 and all(is_place(t) for t in tokens)) or is_place(name):
        return False
    # "Peter T. King", "Charlie King": a title word after a given name that is no place is a surname
    titled_surname = (last in title_words() and len(tokens) >= 2 and tokens[0] in english_given()
                      and not is_place(tokens[0]))
    if last.rstrip(".") + "." in roles().get("en_honorifics", []) or (last in title_words() and not titled_surname):
        return False  # "Missouri Secretary", "Pennsylvania Gov.": a title without its name
    if is_cyrillic(name) and not _russian_person(tokens):
        return False
    if len(tokens) == 1 and re.search(r"[a-z][A-Z]", re.sub(r"^(?:Mc|Mac|De|Di|Da|Du|La|Le|Van)(?=[A-Z])", "", name)):
        return False  # "PolitiFact", "EgyptAir": a brand, not a surname ("McCain", "DeSantis")
    return name.casefold() not in outlets()


def _russian_person(tokens: list[str]) -> bool:
    """A Russian name is no role before a genitive ("Адвокат Маркива"), no place ("Южной Кореи")
    and, as one word, has an animate reading ("Нацфронт" has none)."""
    from eurasec_archive.extract.ner import morph  # pymorphy3, loaded once per process

    if len(tokens) >= 2 and tokens[0].casefold() in roles().get("ru_role_nouns", []):
        return False
    if _geographic(tokens[-1]):
        return False
    return len(tokens) > 1 or any("anim" in p.tag for p in morph().parse(tokens[0]))


@cache
def given_genders() -> dict[str, str]:
    data, census = load_json("given_name_genders.json"), load_json("given_names_en.json")
    listed = {**{n: "m" for n in data["male"]}, **{n: "f" for n in data["female"]}}
    return {**{n: "m" for n in census["male"]}, **{n: "f" for n in census["female"]}, **listed}


def first_name_gender(name: str) -> str | None:
    """"m" or "f" when the first name of a full name clearly is one (authority/given_name_genders.json, then the census names of
    given_names_en.json; for Russian names, pymorphy3's given-name reading); None otherwise."""
    tokens = [t for t in name.split() if not t.endswith(".")]
    if len(tokens) < 2:
        return None
    if not is_cyrillic(tokens[0]):
        return given_genders().get(tokens[0])
    from eurasec_archive.extract.ner import morph  # pymorphy3, loaded once per process

    top = morph().parse(tokens[0])[:1]
    if top and "Name" in top[0].tag and "nomn" in top[0].tag:
        return "m" if "masc" in top[0].tag else "f" if "femn" in top[0].tag else None
    return None


def _geographic(token: str) -> bool:
    """A Cyrillic word whose likeliest reading is a place and no reading a first name or surname."""
    if not is_cyrillic(token):
        return False
    from eurasec_archive.extract.ner import morph  # pymorphy3, loaded once per process

    parses = morph().parse(token)
    return bool(parses) and "Geox" in parses[0].tag and not any({"Name", "Surn"} & set(p.tag.grammemes) for p in parses)


def _occupation_before_given(first: str, second: str) -> bool:
    """"Архитектор Ираклий …": a Russian common noun (no name reading) before a given name."""
    if not (is_cyrillic(first) and is_cyrillic(second)):
        return False
    from eurasec_archive.extract.ner import morph

    def name_like(p) -> bool:
        return bool({"Name", "Surn", "Patr", "Geox"} & set(p.tag.grammemes))

    head, nxt = morph().parse(first), morph().parse(second)
    return bool(head) and not any(name_like(p) for p in head) and "NOUN" in head[0].tag and any("Name" in p.tag for p in nxt[:3])


def _given_reading(token: str, nominative: bool) -> bool:
    """Whether pymorphy3 reads a Cyrillic word first as a given name (in the nominative, if asked)."""
    from eurasec_archive.extract.ner import morph

    top = morph().parse(token)[:1]
    return bool(top) and "Name" in top[0].tag and (not nominative or "nomn" in top[0].tag)


def clean_speaker_name(name: str) -> str:
    """A speaker's name without a word the entity list glued in front of it: a sentence word
    ("But Asa Khalif"), a place ("Перу Мартин Вискарра", "Калифорнии Эдвин Хардман") or a role
    noun or occupation ("Filmmaker Jack Marino", "Recorder Helen Purcell"); two words at least are kept."""
    tokens = name.split()
    # "Yellen The Federal Reserve": a sentence word inside ends the name
    cut = next((k for k, t in enumerate(tokens) if k and t in ("The", "A", "An", "And", "But", "Or")), None)
    tokens = tokens[:cut] if cut else tokens
    if len(tokens) == 2 and tokens[0] in ("And", "But", "Or"):
        tokens = tokens[1:]  # "And Obama said": a sentence's first word before a surname
    while len(tokens) >= 3:
        first, middle = tokens[0], tokens[1]
        glued = (first in roles().get("en_not_names", []) or first in roles().get("ru_not_names", [])
                 or first.casefold() in role_nouns() or first.endswith("-based")
                 or first.casefold().split("-")[-1] in role_nouns()
                 or ((is_place(first) or _geographic(first)) and not (is_cyrillic(first) and _PATRONYMIC.search(middle)))
                 or _occupation_before_given(first, middle) or first == tokens[-1] or common_word(first)
                 or (re.search(r"[a-z](?:er|or|ist|maker|man|woman)$", first) and middle in given_genders()))
        if not glued:
            break
        tokens = tokens[1:]
    # "Врач Хиллари Клинтон Лиза Бардек": a genitive name glued before the speaker; the speaker
    # starts at the last given name that follows a word which is no given name
    if len(tokens) >= 3 and is_cyrillic(tokens[0]):
        k = next((k for k in range(len(tokens) - 2, 0, -1) if _given_reading(tokens[k], True)
                  and not _given_reading(tokens[k - 1], False) and not _PATRONYMIC.search(tokens[k + 1])), None)
        if k:
            tokens = tokens[k:]
    return " ".join(tokens)
