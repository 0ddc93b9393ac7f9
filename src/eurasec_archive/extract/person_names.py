"""Russian and Latin name forms: given names in any case form, the nominative of a person's name,
patronymics. Read by the people pass (people.py), the speakers and the entity merging."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from eurasec_archive.authorities import load_json
from eurasec_archive.extract.nominative import morph
from eurasec_archive.extract.russian import is_cyrillic, nominative_surname, stems

_INITIAL = re.compile(r"^[A-ZА-ЯЁ]\.")
_PATRONYMIC = re.compile(r"(?:ovich|evich|yevich|ovna|evna|yevna|ович|евич|ьич|овн|евн)[а-яё]{0,3}$")

@cache
def given_names() -> frozenset[str]:
    return frozenset(load_json("given_names.json")["given_names"])


@cache
def _given_by_stem() -> dict[str, tuple[str, ...]]:
    """Any case form's stem of a Cyrillic given name -> the given names it may be a form of
    ("александр": Александр, Александра), in sorted order."""
    index: dict[str, set[str]] = {}
    for name in given_names():
        if is_cyrillic(name):
            for s in stems(name):
                index.setdefault(s, set()).add(name)
    return {s: tuple(sorted(names)) for s, names in index.items()}


@lru_cache(maxsize=8192)
def nominative_given(token: str) -> str | None:
    """The given name ``token`` is a form of ("Сергея" -> "Сергей"), or None. When its stems fit
    several names ("Александром": Александр, Александра), the one pymorphy3 reads the word as,
    else the one of the longest stem, else the first in alphabetical order: never the order of a
    set, which changes with the process's hash seed."""
    if token in given_names():
        return token
    if not is_cyrillic(token):
        return None
    index = _given_by_stem()
    found = sorted((-len(s), name) for s in stems(token) for name in index.get(s, ()))
    if not found:
        return None
    names = {name for _, name in found}
    if len(names) > 1:
        for p in morph().parse(token.lower()):
            if "Name" in p.tag and (n := p.normal_form[:1].upper() + p.normal_form[1:]) in names:
                return n
    return found[0][1]


@cache
def _male_ending_in_a() -> frozenset[str]:
    return frozenset(load_json("given_names.json").get("male_ending_in_a", []))


def _is_female(given: str) -> bool:
    return given[-1:] in ("а", "я") and given not in _male_ending_in_a()


def nominative_name(name: str) -> str:
    """A Russian name in the nominative ("Игоря Назарука" -> "Игорь Назарук"); other names
    come back unchanged. A given name in the nominative means the whole name is in it
    ("Сергей Шойгу" stays as written)."""
    tokens = name.split()
    if not is_cyrillic(name) or len(tokens) < 2:
        return name
    given = nominative_given(tokens[0])
    if not given:
        # unknown names: only the unambiguous masculine instrumental ("с Ли Хунчжуном")
        return " ".join(_strip_instrumental(t) for t in tokens)
    if given == tokens[0]:
        return name
    female = _is_female(given)
    middle = [_nominative_patronymic(t, female) for t in tokens[1:-1]]
    last = tokens[-1] if _INITIAL.match(tokens[-1]) else nominative_surname(tokens[-1], female)
    return " ".join([given, *middle, last])


def _strip_instrumental(token: str) -> str:
    m = re.match(r"^(.{3,}[бвгджзклмнпрстфхцчшщ])(?:ом|ем|ым)$", token)
    return m.group(1) if m else token


def _nominative_patronymic(token: str, female: bool) -> str:
    m = re.match(r"^(.*?(?:ович|евич|ьич|овн|евн))", token)
    if not m:
        return token
    return m.group(1) + ("а" if m.group(1).endswith("н") else "")


def is_patronymic(token: str) -> bool:
    """A patronymic is a given name plus -ovich/-ovna ("Vladimirovich", "Сергеевич"); a
    surname with the same ending ("Вольфович", "Shushkevich") is not."""
    m = _PATRONYMIC.search(token)
    if not m:
        return False
    root = token[:m.start()]
    return any(nominative_given(r) for r in (root, root + "й", root + "ь", root + "y", root + "i")) or \
        root.rstrip("y") in given_names()


_FEMININE_SURNAME = re.compile(r"(?:ов|ев|ёв|ин|ын)а$")


def as_woman_if_named_so(written: str, normal: str, text: str) -> str:
    """"Евгения Медведева" is a woman's name in the nominative or a man's in the genitive: the
    nominative ``normal`` read it as the man's ("Евгений Медведев"); where ``text`` also writes
    the surname in a woman's oblique form ("Медведевой"), the name as written is hers."""
    words, out = written.split(), normal.split()
    if len(words) < 2 or len(words) != len(out) or not _FEMININE_SURNAME.search(words[-1]) or \
            out[-1] != words[-1][:-1] or words[0][-1:] not in ("а", "я") or out[0] == words[0]:
        return normal
    if not any("Name" in p.tag and p.tag.gender == "femn" and p.tag.case == "nomn" for p in morph().parse(words[0])):
        return normal  # "Нурсултана Назарбаева" beside "Дариги Назарбаевой": no woman's given name
    if re.search(rf"(?<![\w-]){re.escape(words[-1][:-1])}ой(?![\w-])", text):
        return written
    return normal
