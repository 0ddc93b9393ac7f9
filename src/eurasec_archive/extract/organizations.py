"""Organizations: canonical name and acronym from the authority file, and acronyms defined in
the text itself ("Warsaw Treaty Organization (WTO)"), which win over the authority file."""

from __future__ import annotations

import re
from functools import cache

from eurasec_archive.authorities import OrgEntry, alternation, load_json, organizations, outlets, places
from eurasec_archive.extract.ner_convocations import convocation_bodies
from eurasec_archive.extract.ner_topics import topic_bodies
from eurasec_archive.extract.outlets import outlet_from_text
from eurasec_archive.extract.russian import inflected_alternation, stem
from eurasec_archive.models import Organization

# "Full Name Of Body (ACR)": capitalized words (with small connectives) then a parenthesized
# acronym of 2-8 capitals/digits
_INLINE = re.compile(
    r"((?:[A-ZА-ЯЁ][\w’'.-]*|of|for|and|the|in|on|de|и|по|о)(?:\s+(?:[A-ZА-ЯЁ][\w’'.-]*|of|for|and|"
    r"the|in|on|de|и|по|о)){1,9})\s+\(([A-ZА-ЯЁ][A-ZА-ЯЁ0-9&]{1,7})\)")
# what every definition ends with: a text without it defines nothing (most texts; found in one fast scan)
_BRACKETED_ACRONYM = re.compile(r"\([A-ZА-ЯЁ][A-ZА-ЯЁ0-9&]{1,7}\)")


@cache
def _org_heads() -> frozenset[str]:
    """Stems of the nouns that make an inline-defined name an organization's."""
    return frozenset(stem(w) for w in load_json("organization_heads.json")["heads"])


@cache
def _name_index() -> dict[str, OrgEntry]:
    """full names and aliases (casefolded) -> entry"""
    index = {}
    for e in organizations():
        for n in (e.name, *e.aliases):
            index[n.casefold()] = e
    return index


@cache
def _acronym_index() -> dict[str, OrgEntry]:
    """acronyms as written -> entry; ambiguous acronyms point to their usual meaning"""
    index = {}
    for e in organizations():
        for a in filter(None, (e.acronym, *e.acronym_aliases)):
            if a not in index or not e.ambiguous_acronym:
                index[a] = e
    return index


@cache
def _names() -> tuple[list[str], re.Pattern]:
    """(every full name and alias, a regex finding them in any case form)"""
    names = [n for e in organizations() for n in (e.name, *e.aliases)]
    return names, inflected_alternation(names, re.IGNORECASE)


@cache
def _acronyms_pattern():
    return alternation(_acronym_index().keys())


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[\w’'-]+", name) if w[0].isupper()).upper()


def _initials_match(name: str, acronym: str) -> bool:
    initials = _initials(name)
    return initials.upper().startswith(acronym.upper()[:2]) or acronym.upper() in initials.upper()


def inline_definitions(text: str) -> dict[str, Organization]:
    """Acronyms defined in this text: acronym -> Organization (canonical if known)."""
    defined: dict[str, Organization] = {}
    if not _BRACKETED_ACRONYM.search(text):
        return defined
    for m in _INLINE.finditer(text):
        long, acronym = m.group(1), m.group(2)
        # trim leading words until the initials fit ("the Warsaw Treaty Organization")
        words = long.split()
        while len(words) > 1 and not words[0][0].isupper():
            words.pop(0)
        # the shortest tail whose initials spell the acronym: "Council of Foreign Ministers
        # of the Shanghai Cooperation Organisation (SCO)" defines the SCO itself
        for k in range(len(words) - 1, 0, -1):
            if words[k][0].isupper() and _initials(" ".join(words[k:])) == acronym.upper():
                words = words[k:]
                break
        long = " ".join(words)
        if not _initials_match(long, acronym):
            continue
        entry = _name_index().get(long.casefold())
        if entry:
            defined[acronym] = Organization(name=entry.name, acronym=entry.acronym or acronym)
        elif _org_heads() & {stem(w) for w in long.split()}:
            defined[acronym] = Organization(name=long, acronym=acronym)
    return defined


def organization_spans(text: str) -> list[tuple[int, int]]:
    """Where full organization names stand in ``text`` (places inside them are no places:
    "Organization for Security and Co-operation in Europe")."""
    return [m.span() for m in _names()[1].finditer(text)] + [s for s, _ in foreign_ministries(text)]


@cache
def _ministry_pattern() -> tuple[list[str], re.Pattern]:
    """"МИД Таджикистана", "Ministry of Foreign Affairs of Kazakhstan", "Foreign Ministry of X"
    for every country in the places authority."""
    countries = [alias for alias, (_, kind) in places().items() if kind == "country"]
    inner = inflected_alternation(countries).pattern
    return countries, re.compile(rf"(?:МИД[а-яё]*|Министерств[а-яё]* иностранных дел|"
                                 rf"Ministry of Foreign Affairs of(?: the)?|Foreign Ministry of(?: the)?)\s+{inner}")


def foreign_ministries(text: str) -> list[tuple[tuple[int, int], Organization]]:
    """The foreign ministry of any known country, named as "МИД X" or "Ministry of Foreign
    Affairs of X": the authority's entry when it has one, else "Ministry of Foreign Affairs
    of <country>"."""
    countries, pattern = _ministry_pattern()
    out = []
    for m in pattern.finditer(text):
        country = places()[countries[int(m.lastgroup[1:])]][0]
        name = f"Ministry of Foreign Affairs of {country}"
        entry = _name_index().get(name.casefold())
        out.append((m.span(), Organization(entry.name, entry.acronym) if entry else Organization(name)))
    return out


def extract_organizations(text: str) -> list[Organization]:
    """Organizations mentioned in ``text``, in order of first mention, without duplicates."""
    defined = inline_definitions(text)
    hits: list[tuple[int, Organization]] = []
    names, pattern = _names()
    for m in pattern.finditer(text):
        e = _name_index()[names[int(m.lastgroup[1:])].casefold()]
        hits.append((m.start(), Organization(e.name, e.acronym)))
    for m in _acronyms_pattern().finditer(text):
        a = m.group(0)
        if a in defined:
            hits.append((m.start(), defined[a]))
        else:
            e = _acronym_index()[a]
            hits.append((m.start(), Organization(e.name, e.acronym)))
    for (start, _end), org in foreign_ministries(text):
        hits.append((start, org))
    for a, org in defined.items():
        pos = text.find(f"({a})")
        hits.append((pos, org))
    hits += convocation_bodies(text)  # "Госдумы шестого созыва": the body in one of its terms
    hits += topic_bodies(text)  # "думского комитета по обороне": a body in lower case by its field
    seen: dict[str, Organization] = {}
    for _, org in sorted(hits, key=lambda h: h[0]):
        seen.setdefault(org.name, org)
    return list(seen.values())


@cache
def _media_outlets() -> dict[str, str]:
    """alias (casefolded) -> canonical name of the outlets that are news media: not an office
    or a body publishing its own pages (organization_heads.json ``not_media_outlets``, and
    outlets the organizations authority knows as bodies, which are found as those bodies)."""
    offices = set(load_json("organization_heads.json").get("not_media_outlets", []))
    bodies = {c for a, c in outlets().items() if a in _name_index() or a in {k.casefold() for k in _acronym_index()}}
    return {a: c for a, c in outlets().items() if c not in offices and c not in bodies}


def media_outlet(*names: str) -> str | None:
    """The canonical name of the news outlet one of ``names`` is ("Интерфакс" -> "Interfax"), or None."""
    return next((_media_outlets()[n.casefold()] for n in names if n.casefold() in _media_outlets()), None)


def outlet_organizations(cited: list[str], first_paragraph: str = "") -> list[Organization]:
    """News outlets a text names, as organizations: ``cited`` as sources (``extract_cited_outlets``:
    "сообщает БелТА", "told TASS") or signing its dateline ("MINSK, 14 March (BelTA) –"). Real
    annotated news (factRuEval-2016, NEREL) counts them so; an outlet known only from a page's
    header or URL is not named in the text and is not one."""
    signed = outlet_from_text(first_paragraph) if first_paragraph else None
    names = ([signed] if signed else []) + cited
    found = []
    for name in names:
        canonical = media_outlet(name)
        if canonical and canonical not in found:
            found.append(canonical)
    return [Organization(n) for n in found]
