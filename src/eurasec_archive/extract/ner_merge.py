"""Variants of one entity within a document merged into one.

A surname alone joins the full name it shortens ("Обама" -> "Барак Обама"), case forms of one
name are one name, a given name with a patronymic addresses a person named in full, an acronym
joins the name whose initials it spell ("ФСБ" -> "Федеральная служба безопасности").
"""

from __future__ import annotations

import re

from eurasec_archive.extract.people import PeopleResolver, authority_person, is_patronymic
from eurasec_archive.extract.people_authority import known_patronymics
from eurasec_archive.extract.russian import is_cyrillic, stems
from eurasec_archive.models import Organization
from eurasec_archive.transliteration import match_key

SMALL_WORDS = frozenset(["и", "по", "о", "об", "в", "на", "при", "для", "of", "and", "the", "for", "in", "on"])


def initials(name: str) -> str:
    """Capital initials of a name's significant words ("Федеральная служба безопасности" -> "ФСБ")."""
    words = [w for w in re.findall(r"[^\W\d_]+", name) if w.casefold() not in SMALL_WORDS]
    return "".join(w[0] for w in words).upper()


def contains_words(outer: list[str], inner: list[str]) -> bool:
    return len(outer) > len(inner) and any(outer[k:k + len(inner)] == inner for k in range(len(outer) - len(inner) + 1))


def same_surname(a: str, b: str) -> bool:
    return bool(stems(a.replace("ё", "е")) & stems(b.replace("ё", "е")))


def same_name(a: list[str], b: list[str]) -> bool:
    """Two full names of one person: the same words in any case form, or the same first and
    last word with a middle name in one of them only ("Реджеп Тайип Эрдоган", "Реджеп Эрдоган")."""
    if len(a) == len(b):
        return all(same_surname(x, y) for x, y in zip(a, b, strict=True))
    if min(len(a), len(b)) < 2 or abs(len(a) - len(b)) != 1:
        return False
    return same_surname(a[0], b[0]) and same_surname(a[-1], b[-1])


def merge_people(names: list[str]) -> list[str]:
    """Document-level people: case variants and surnames alone folded into the full name."""
    full: list[str] = []
    for name in names:
        if len(name.split()) < 2 or name in full:
            continue
        twin = next((f for f in full if is_cyrillic(f) == is_cyrillic(name) and same_name(f.split(), name.split())),
                    None)
        if twin is None:
            full.append(name)
        elif len(name.split()) > len(twin.split()):
            full[full.index(twin)] = name  # "Реджеп Тайип Эрдоган" for "Реджеп Эрдоган"
    out = list(full)
    for name in names:
        if len(name.split()) >= 2 or name in out:
            continue
        if any(same_surname(name, f.split()[-1]) or same_surname(name, f.split()[0]) for f in full):
            continue  # "Обама" beside "Барак Обама"
        if not any(same_surname(name, o) for o in out):
            out.append(name)
    return out


def merge_organizations(orgs: list[Organization]) -> list[Organization]:
    """Document-level organizations: one per name, an acronym joined to the name it abbreviates."""
    named: list[Organization] = []
    for org in orgs:
        bare = next((i for i, o in enumerate(named) if org.acronym and o.name == o.acronym == org.acronym and
                     org.name.startswith(f"{org.acronym} ")), None)
        if bare is not None:  # "ВВС" then "ВВС США": the body is the one the text says whose it is
            named[bare] = org
            continue
        if any(o.name == org.name or (org.acronym and o.acronym == org.acronym and not _two_of(o, org)) for o in named):
            continue
        if org.acronym == org.name:  # an acronym alone: join a full name it spells
            host = next((i for i, o in enumerate(named) if o.acronym is None and initials(o.name) == org.name), None)
            if host is not None:
                named[host] = Organization(named[host].name, org.name)
                continue
        else:
            host = next((i for i, o in enumerate(named) if o.acronym == o.name and initials(org.name) == o.name), None)
            if host is not None:
                named[host] = Organization(org.name, named[host].acronym)
                continue
        named.append(org)
    return named


def _two_of(a: Organization, b: Organization) -> bool:
    """Two bodies of one acronym named with whose they are ("МВД России", "МВД Украины"): not one."""
    return a.name != b.name and all(o.name.startswith(f"{o.acronym} ") for o in (a, b))


def dedupe_names(names: list[str]) -> list[str]:
    out: list[str] = []
    for n in names:
        if n not in out and not any(is_cyrillic(o) and o.split() and len(o.split()) == len(n.split()) and
                                    all(same_surname(x, y) for x, y in zip(o.split(), n.split(), strict=True))
                                    for o in out):
            out.append(n)
    return out


def is_address(name: str, names: list[str]) -> bool:
    """Given name and patronymic alone ("Сергей Викторович") address a person named in full
    elsewhere in the document ("Сергей Лавров"), unless that person's patronymic is known and
    another ("Владимир Кириллович" is not "Владимир Путин", a Владимирович)."""
    words = name.split()
    return len(words) == 2 and is_patronymic(words[1]) and any(
        o != name and len(o.split()) >= 2 and (same_surname(o.split()[0], words[0]) or
                                               match_key(o.split()[0]) == match_key(words[0])) and
        _patronymic_fits(words[1], known_patronymics(o)) for o in names)


def _patronymic_fits(patronymic: str, known: set[str]) -> bool:
    return not known or any(same_surname(patronymic, k) or match_key(patronymic) == match_key(k) for k in known)


def resolve_people(names: list[str]) -> list[str]:
    """Surnames alone and initials with a surname ("Лавров", "С. В. Лавров") resolved to a full
    name of the document or of the people authority; what stays unresolved is kept."""
    full = merge_people([n for n in names if len(n.split()) >= 2 and not n.split()[0].endswith(".")])
    resolver = PeopleResolver(full)
    out = list(full)
    for name in names:
        if name in out:
            continue
        hit = resolver.resolve(name)
        if hit is None or (hit not in full and not authority_person(hit)):
            hit = name
        if hit not in out and not any(same_surname(hit.split()[-1], o.split()[-1]) and
                                      (len(hit.split()) == 1 or o.split()[0][:1] == hit.split()[0][:1])
                                      for o in out):
            out.append(hit)
    return out
