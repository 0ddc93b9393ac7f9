"""Organizations English text names without our lists: bodies by their head noun.

"the Commerce Department", "Bank of England", "Tokyo Stock Exchange", "Daewoo Corp": a run of
capitalized words that ends in an organization's head noun ("Department", "Bank", "Corp";
authority/organization_heads.json, ``en_run_heads``) or has one before "of".
Headlines in capitals, possessives and sentence ends are no part of a name; a place the places
authority knows ("West Bank") is no body, nor a run of generic words alone ("Foreign Ministry").
"""

from __future__ import annotations

import re
from functools import cache

from eurasec_archive.authorities import load_json, organizations, outlets, places
from eurasec_archive.models import Organization
from eurasec_archive.text import CALENDAR_WORDS

_CAP = r"[A-Z][A-Za-z&.’'-]*[A-Za-z.]|[A-Z]"
_JOIN = r"(?:of|for|and|the|on|de|du|la|&)"
_RUN = re.compile(rf"(?<![\w-])(?:{_CAP})(?:[ \t]+(?:{_JOIN}[ \t]+)*(?:{_CAP}))*")  # a line break ends a name
_LEADING = frozenset(["The", "A", "An", "In", "On", "At", "For", "By", "From", "With", "As", "But", "And", "Of",
                      "Shares"]) | CALENDAR_WORDS


@cache
def _heads() -> frozenset[str]:
    return frozenset(load_json("organization_heads.json")["en_run_heads"]) | \
        frozenset(load_json("en_body_heads.json")["heads"])


@cache
def _of_heads() -> frozenset[str]:
    """Heads that name a body only before "of" ("House of Representatives", not "White House")."""
    return frozenset(load_json("en_body_heads.json")["of_heads"]) | _heads()


@cache
def _known_words() -> frozenset[str]:
    """Acronyms and one-word names of the organizations authority: a run holding one names a
    part of a known body ("UN Secretariat", "SCO Development Bank"), which is that body's."""
    words = set()
    for e in organizations():
        words |= {a for a in (e.acronym, *e.acronym_aliases) if a}
        words |= {n for n in (e.name, *e.aliases) if " " not in n}
    return frozenset(words)


_LEGAL = frozenset(["Inc", "Inc.", "Corp", "Corp.", "Co", "Co.", "Ltd", "Ltd.", "Plc", "PLC", "AG", "GmbH"])
_ABBREVIATION = re.compile(r"^(?:[A-Z]|St|Mt|Co|Inc|Corp|Ltd|Mo|Ft|Dr|Jr|Sr|U\.S|U\.K|[A-Z]\.[A-Z])\.$")


def _pieces(words: list[str]) -> list[list[str]]:
    """A run cut where a sentence ends ("Britain. Police"), after "-based", at a capitalized
    "The" inside it, after a company's legal form ("Inc. and Norwest Corp.") and at "and" after
    a head ("Urban Institute and Brookings Institution")."""
    pieces, current = [], []
    for k, w in enumerate(words):
        if w in ("and", "on") and words[k + 1:k + 2] == ["the"] or \
                w in ("and", "&") and current and current[-1] in _heads():  # "Urban Institute and Brookings …"
            pieces.append(current)
            current = []
            continue
        if w.endswith("-based") or (w == "The" and current):
            pieces.append(current)
            current = [] if w.endswith("-based") else [w]
            continue
        current.append(w)
        if w.endswith(".") and not _ABBREVIATION.match(w) and w not in _LEGAL:
            current[-1] = w[:-1]
            pieces.append(current)
            current = []
        elif w in _LEGAL:
            pieces.append(current)
            current = []
    pieces.append(current)
    return [p for p in pieces if p]


def _body_of(words: list[str]) -> list[str] | None:
    """The organization's words in a capitalized run, or None."""
    heads = _heads()
    while words and (words[0] in _LEADING or re.fullmatch(_JOIN, words[0])):
        words = words[1:]
    if "of" in words and words[-1].rstrip(".") in heads:
        k = len(words) - 1 - words[::-1].index("of")
        if words[k - 1] not in heads:  # "Faik Nerweyi of the Kurdistan Democratic Party"
            words = [w for w in words[k + 1:]]
            while words and words[0] in _LEADING | {"the"}:
                words = words[1:]
    while words and re.fullmatch(_JOIN, words[-1]):
        words = words[:-1]
    if len(words) < 2:
        return None
    last = words[-1].rstrip(".")
    if last in heads:
        return words
    if "of" in words:  # "Bank of England", "Ministry of Defence"
        k = words.index("of")
        if k >= 1 and words[k - 1] in _of_heads() and k + 1 < len(words):
            return words
    # "Commerce Department on Monday": the run goes on past the body's name
    ends = [i for i, w in enumerate(words) if w.rstrip(".") in heads and i >= 1 and "of" not in words[:i]]
    return words[:ends[-1] + 1] if ends else None


@cache
def _generic_words() -> frozenset[str]:
    return frozenset(load_json("organization_heads.json").get("en_generic_words", [])) | _heads()


def _names_one(words: list[str]) -> bool:
    """A word beside the heads and generic words: "Foreign Ministry" or "Central Committee of
    the Party" names no particular body, "Commerce Department" does."""
    return any(w.rstrip(".") not in _generic_words() and not re.fullmatch(_JOIN, w) for w in words)


def _is_place(words: list[str]) -> bool:
    """"West Bank", "Russian Federation": a place the places authority knows."""
    return " ".join(words) in places()


def named_bodies(text: str) -> list[tuple[int, int, Organization]]:
    """(start, end, organization) of each body English ``text`` names by a head noun, in text order."""
    out = []
    for m in _RUN.finditer(text):
        run = m.group(0)
        if run.isupper() or run.count(" ") > 7:
            continue  # a headline or a dateline in capitals
        words = run.split()
        # a possessive ends one name and starts another ("Clinton's Democratic Party", "University of
        # Michigan's index")
        parts = [words]
        for k, w in enumerate(words):
            if w.endswith(("'s", "’s")):
                parts = [words[:k] + [w[:-2]], words[k + 1:]]
                break
        if text[max(0, m.start() - 2):m.start()] in ("' ", "’ "):
            continue  # "Workers' Party of Korea": a plural possessive opens the name, unread here
        for piece in (p for part in parts for p in _pieces(part)):
            body = _body_of(piece)
            if body and _names_one(body) and not _is_place(body) and not _known_words() & set(body):
                name = " ".join(body)
                start = m.start() + max(run.find(name), 0)
                out.append((start, start + len(name), Organization(name)))
    return out


_CAPITALS = re.compile(r"(?<![\w&.’'/-])[A-Z]{2,6}(?![\w&’'/-]|\.\w)")
_DEFINED = re.compile(r"([A-Z][\w’'-]*)\s+\(([A-Z]{2,6})\)")
_ROMAN = re.compile(r"^[IVXLC]+$")


@cache
def _not_bodies() -> frozenset[str]:
    return frozenset(load_json("organization_heads.json").get("en_not_bodies", []))


def _in_capitals(line: str) -> bool:
    """A headline, dateline or table row in capitals, where every word is written so."""
    return sum(map(str.isupper, line)) > sum(map(str.islower, line))


_WORD_BEFORE = re.compile(r"(\S+)\s*$")
_WORD_AFTER = re.compile(r"\s*(\S+)")


def acronym_bodies(text: str) -> list[tuple[int, int, Organization]]:
    """(start, end, organization) of each acronym English running ``text`` writes alone ("the
    KDP said", "OSCE monitors"): a word of 2-6 capitals in a line of lower-case text, not a place
    the places authority knows ("UK") or an outlet, a roman numeral, a label ("NOTE:"), a unit or measure
    (``en_not_bodies``: "GDP", "GMT"), nor one of a run of capital words ("NEW YORK"), one the text
    defines in brackets by a name that ends in no head noun ("Treaty on … in Europe (CFE)") or one
    that opens a longer name ("MFA of …")."""
    out, capitals = [], {}
    # "Treaty on … in Europe (CFE)": a definition that ends in no body's head noun makes no body
    defined = {acronym for last, acronym in _DEFINED.findall(text) if last not in _heads()}
    for m in _CAPITALS.finditer(text):
        word = m.group(0)
        if word in _not_bodies() or word in defined or _ROMAN.match(word) or text[m.end():m.end() + 1] == ":" or \
                word in places() or word.title() in places() or word.casefold() in outlets():
            continue  # outlets are the cited outlets' to find
        start, end = text.rfind("\n", 0, m.start()) + 1, text.find("\n", m.end())
        line = text[start:end if end >= 0 else len(text)]
        if start not in capitals:
            capitals[start] = _in_capitals(line)
        if capitals[start]:
            continue
        before = _WORD_BEFORE.findall(line[max(0, m.start() - start - 40):m.start() - start])
        after = _WORD_AFTER.match(line, m.end() - start)
        neighbours = before + ([after.group(1)] if after else [])
        if any(w.strip("(),.;\"'").isupper() and len(w.strip("(),.;\"'")) > 1 for w in neighbours):
            continue  # "NEW YORK", "U.S. STOCKS": capitals of a heading inside the line
        if after and after.group(1) == "of":
            continue  # "MFA of the Russian Federation": the start of a longer name
        out.append((m.start(), m.end(), Organization(word, word)))
    return out
