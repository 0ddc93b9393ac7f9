"""People named in a document, and resolution of partial mentions to full names.

A person is a run of 2-4 capitalized name tokens that the people authority knows, that starts
with a known given name (authority/given_names.json, Russian ones in any case form), or that
follows a title ("Foreign Minister Choe Son-hui", "spokesperson Mao Ning"). Surname-only and
title+surname mentions ("Lavrov", "Minister Choe", "Лаврова") resolve to a full name found in
the same document, or to a unique authority entry. Russian names are reported in the
nominative: "Сергея Лаврова" is "Сергей Лавров", and so the authority's "Sergey Lavrov".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache

from eurasec_archive.authorities import load_json, places, roles, speech_verbs
from eurasec_archive.extract.memo import memoized
from eurasec_archive.extract.people_authority import (  # noqa: F401 (re-exported)
    _aliases_of,
    _authority_name,
    _surname_index,
    authority_person,
    canonical_person,
    short_forms,
)
from eurasec_archive.extract.person_names import (
    _INITIAL,
    _PATRONYMIC,
    given_names,
    is_patronymic,
    nominative_given,
    nominative_name,  # noqa: F401 (re-exported)
)
from eurasec_archive.extract.russian import inflected, is_cyrillic, name_keys, stems
from eurasec_archive.models import Paragraph
from eurasec_archive.text import CALENDAR_WORDS, as_written

_WORD = r"[A-ZА-ЯЁ][a-zа-яё’']+(?:-[A-Za-zА-Яа-яЁё][a-zа-яё]+)?"
_INITIALS = r"[A-ZА-ЯЁ]\.(?:\s?[A-ZА-ЯЁ]\.)?"
_TOKEN_RX = re.compile(rf"{_WORD}|{_INITIALS}")
# initials may be glued to the surname ("М.В.Захарова", "S.V.Lavrov")
NAME_RUN = re.compile(
    rf"(?<![\w.-])(?:{_WORD}|{_INITIALS})(?:(?:\s+|(?<=\.))(?:{_WORD}|{_INITIALS})){{1,7}}(?![\w-])")
_POSSESSIVE = re.compile(r"[’']s$")


@cache
def title_words() -> frozenset[str]:
    """Every word that occurs in a title ("Foreign", "Minister", "People's"…)."""
    words = set()
    for t in roles()["titles"]:
        words.update(t.split())
    return frozenset(words)


@cache
def title_heads() -> frozenset[str]:
    """The nouns that make a phrase a title: the last word of each title, and the heads that
    are titles in lower case too ("spokesperson", "minister")."""
    return frozenset({t.split()[-1] for t in roles()["titles"]} | set(roles().get("lowercase_heads", [])))


@cache
def role_words() -> frozenset[str]:
    """Words that may stand in a role phrase before a name: titles and nationalities."""
    words = set(title_words())
    for nat in roles()["nationalities"]:
        words.update(nat.split())
    return frozenset(words)


@lru_cache(maxsize=4096)
def _clean_run(run: str) -> str:
    run = _POSSESSIVE.sub("", run)
    return re.sub(r"\s+", " ", run).strip()


@cache
def ru_title_pattern() -> re.Pattern:
    """A Russian title ("министр", "заместителя министра", "посол") and its complement, ending
    right before a name."""
    titles = "|".join(inflected(t) for t in sorted(roles()["ru_titles"], key=len, reverse=True))
    return re.compile(rf"(?<![\w-])((?:{titles})(?:\s+[^\s,.;:!?«»\"“”()]+){{0,6}}?)\s+$", re.IGNORECASE)


def _preceded_by_title(text: str, start: int) -> bool:
    before = text[max(0, start - 40):start].rstrip(" ,")
    last = before.split()[-1] if before.split() else ""
    if last in title_heads():
        return True
    return is_cyrillic(before[-20:]) and bool(ru_title_pattern().search(text[max(0, start - 120):start]))


@cache
def _place_stems() -> frozenset[str]:
    return frozenset(st for alias in places() for st in stems(alias) if " " not in alias)


def _is_place(token: str) -> bool:
    return any(st in _place_stems() for st in stems(token))


@cache
def _non_name_words() -> frozenset[str]:
    """Words that make a capitalized run a body, not a person ("Foreign Ministry said")."""
    return frozenset(load_json("organization_heads.json")["heads"]) | role_words() | {"House", "Kremlin"}


def _before_speech_verb(text: str, spans: list[tuple[int, int, str]], tokens: list[str]) -> bool:
    """A run of 2-3 capitalized words that is the subject of a verb of saying ("Temur Umarov,
    a fellow at …, said") is a person even when no name list knows it."""
    if not 2 <= len(tokens) <= 3 or tokens[0] in _FUNCTION_WORDS or any(
            t in _non_name_words() or _is_place(t) or _INITIAL.match(t) for t in tokens):
        return False
    start = spans[0][0]
    if re.search(r"\b(?:the|a|an|this|that|its|their)\s+$", text[max(0, start - 8):start], re.IGNORECASE):
        return False  # "the Global Security Initiative proposed by"
    after = text[spans[-1][1]:spans[-1][1] + 120]
    return bool(re.match(rf"(?:,\s*[^,.;:\"“”«»]{{3,80}},)?\s+(?:{_en_verbs()})\b(?!\s+by\b)", after))


_FUNCTION_WORDS = frozenset(["The", "This", "That", "These", "Those", "In", "On", "At", "As", "According", "Both", "All", "Some", "Many", "Most", "Other", "Western", "Eastern", "Northern", "Southern", "Central", "When", "While", "After", "Before", "Since"])


@cache
def _en_verbs() -> str:
    """Past-tense verbs of saying only: "states", "notes", "claims" are nouns too."""
    past = [v for v in speech_verbs()["en"]
            if v.split()[0].endswith("ed") or v.split()[0] in ("said", "told", "wrote", "argues", "says")]
    return "|".join(re.escape(v) for v in sorted(past, key=len, reverse=True))


def _join(text: str, spans: list[tuple[int, int, str]], i: int, k: int) -> str:
    return _clean_run(text[spans[i][0]:spans[i + k - 1][1]])




@cache
def _census_given_names() -> frozenset[str]:
    """given_names_en.json less months, weekdays, nationalities and places ("May", "German", "Georgia")."""
    names = frozenset(load_json("given_names_en.json")["given_names"])
    return frozenset(n for n in names if n not in CALENDAR_WORDS and n not in role_words() and not _is_place(n))


_CAPITALIZED = re.compile(r"\b[A-Z][a-z]+\b")


def names_common_given_name(paragraphs: list[Paragraph]) -> bool:
    """Whether a paragraph holds a given name of given_names_en.json that given_names.json lacks:
    only then can extract_people(broad=True) find more than extract_people()."""
    census = _census_only_names()
    return any(w in census for p in paragraphs for t in (p.text, p.attribution) if t for w in _CAPITALIZED.findall(t))


@cache
def _census_only_names() -> frozenset[str]:
    return _census_given_names() - given_names()


def _census_name_start(tokens: list[str], i: int) -> bool:
    """A census given name opens the run ("Pete Sampras", not "San Diego Padres") and no word after
    it is a body's, a role's or a site's ("Roosevelt Financial Group", "Virginia Beach")."""
    return i == 0 and tokens[0] in _census_given_names() and \
        not any(t.rstrip(".") in _non_name_words() or t in _site_words() for t in tokens[1:4])


@cache
def _site_words() -> frozenset[str]:
    return frozenset(load_json("organization_heads.json").get("en_site_words", []))


@memoized(4096)
def find_person_runs(text: str, broad: bool = False) -> list[tuple[int, int, str]]:
    """(start, end, name) for each full-name mention in ``text``, name as written.

    Within a run of capitalized tokens ("Russian Foreign Minister Sergey Lavrov", "Russia
    Vladimir Putin") the name starts at an authority alias, a known given name or initials,
    or right after a title. Given name + patronymic alone ("Vladimir Vladimirovich") is a form
    of address, not a name. ``broad``: a run that opens with a common English given name of
    given_names_en.json is a name too ("Pete Sampras").
    """
    out = []
    for m in NAME_RUN.finditer(text):
        spans = [(t.start() + m.start(), t.end() + m.start(), t.group(0))
                 for t in _TOKEN_RX.finditer(m.group(0))]
        # a place name ends a name run ("посол КНР в России Чжан Ханьхуэй")
        cut = max((k + 1 for k, (_, _, t) in enumerate(spans[:-1]) if _is_place(t)), default=0)
        spans = spans[cut:]
        tokens = [t for _, _, t in spans]
        i = 0
        while i < len(spans) - 1:
            found = None
            for k in range(min(4, len(tokens) - i), 1, -1):
                if _authority_name(_join(text, spans, i, k)):
                    found = k
                    break
            if found is None:
                after_title = tokens[i - 1] in title_heads() if i else _preceded_by_title(text, spans[0][0])
                # initials further on mark where the name starts ("…Федерации С.В.Лаврова")
                after_title = after_title and not any(_INITIAL.match(t) for t in tokens[i + 1:])
                after_title = after_title or (i == 0 and _before_speech_verb(text, spans, tokens))
                if nominative_given(tokens[i]) or _INITIAL.match(tokens[i]) or (
                        after_title and tokens[i] not in role_words()) or (broad and _census_name_start(tokens, i)):
                    found = min(4, len(tokens) - i)
                    # a name ends before the next title or nationality word
                    for j in range(i + 1, i + found):
                        if tokens[j] in role_words() and not _INITIAL.match(tokens[j]):
                            found = j - i
                            break
                if found == 2 and is_patronymic(tokens[i + 1]):
                    i += 2
                    continue
            if found and found >= 2:
                s, e = spans[i][0], spans[i + found - 1][1]
                out.append((s, e, _clean_run(text[s:e])))
                i += found
            else:
                i += 1
    return out


def _same_person(name: str, names: list[str]) -> str | None:
    """The entry of ``names`` that is another case form of the Russian ``name``, if any."""
    if not is_cyrillic(name):
        return None
    keys = name_keys(name)
    return next((n for n in names if n != name and is_cyrillic(n) and keys & name_keys(n)
                 and len(n.split()) == len(name.split())), None)


def _nominative_rank(name: str) -> tuple[int, int]:
    """Lower is more likely the nominative: the given name as listed, then the shorter form."""
    first = name.split()[0]
    return (0 if first in given_names() else 1, len(name))


def _literal_prefix(source: str) -> str:
    """The characters every match of the regex ``source`` starts with ("" when it may start
    with anything): its leading literals, as the regex parser reads them."""
    from re import _parser  # the parser behind re.compile

    out = []
    for op, value in _parser.parse(source):
        if op is not _parser.LITERAL:
            break
        out.append(chr(value))
    return "".join(out)


@lru_cache(maxsize=20_000)
def _mention_pattern(key: str) -> tuple[str, re.Pattern]:
    """A short form as a whole word (a Cyrillic one in any case form, ``inflected``), compiled
    once per process, and the letters every match of it starts with (texts without them are
    skipped unscanned)."""
    if not is_cyrillic(key):
        return key, as_written(key)
    source = inflected(key)
    return _literal_prefix(source), re.compile(rf"(?<![\w-]){source}(?![\w-])")


class PeopleResolver:
    """Maps mentions (full, surname-only, initials+surname, any case form) to the document's
    full names."""

    def __init__(self, full_names: list[str]):
        self.full_names = full_names
        self.by_stem: dict[str, str] = {}
        self.forms: dict[str, str] = {}  # short form as written -> full name
        for name in full_names:
            for variant in (name, *_aliases_of().get(name, ())):
                for key in short_forms(variant):
                    self.forms.setdefault(key, name)
                    for s in stems(key):
                        self.by_stem.setdefault(s, name)

    def mentions(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, full name) for each short-form mention ("Lavrov", "Лаврова") in text."""
        for key, full in self.forms.items():
            needle, rx = _mention_pattern(key)  # a Latin key matches only as written
            if needle not in text:
                continue
            for m in rx.finditer(text):
                yield m.start(), m.end(), full

    def _by_token(self, token: str) -> str | None:
        for s in stems(token):
            if s in self.by_stem:
                return self.by_stem[s]
        for s in stems(token):
            hit = _surname_index().get(s)
            if hit:
                return hit
        return None

    def resolve(self, mention: str) -> str | None:
        mention = _clean_run(mention)
        canonical = canonical_person(mention)
        if canonical in self.full_names:
            return canonical
        same = _same_person(mention, self.full_names)
        if same:
            return same
        tokens = [t for t in re.split(r"\s+|(?<=\.)", mention) if t and t not in title_words()]
        if not tokens:
            return None
        # "M.M. Litvinov", "Lavrov", "Minister Choe", "М.В.Захаровой"
        if len(tokens) == 1 or all(t.endswith(".") for t in tokens[:-1]):
            return self._by_token(tokens[-1])
        return canonical


def extract_people(paragraphs: list[Paragraph], broad: bool = False) -> list[str]:
    """Everyone named in the body, as canonical full names, in order of first mention
    (``broad``: also runs opening with a common English given name, see find_person_runs)."""
    runs: list[str] = []
    body = [name for p in paragraphs if p.kind != "heading" for _, _, name in find_person_runs(p.text, broad)]
    for p in paragraphs:
        for _, _, name in find_person_runs(p.text, broad):
            # headline case capitalizes every word: "President Japarov Urges CSTO"
            if p.kind == "heading" and not _authority_name(name) and name not in body:
                continue
            runs.append(name)
        if p.attribution:
            runs.extend(name for _, _, name in find_person_runs(p.attribution, broad))
    full: list[str] = []
    for name in runs:
        if _INITIAL.match(name):
            continue  # initials+surname: resolved below, never a name of its own
        c = canonical_person(name)
        if c in full:
            continue
        other = _same_person(c, full)
        if other is None:
            full.append(c)
        elif _nominative_rank(c) < _nominative_rank(other):
            full[full.index(other)] = c  # "Александр Вольфович" over "Александра Вольфовича"
    # "Sergei Kuzhugetovich" beside "Sergei Shoigu": a form of address, not another person
    full = [n for n in full if not (len(n.split()) == 2 and _PATRONYMIC.search(n.split()[1]) and any(
        o != n and o.split()[0] == n.split()[0] for o in full))]
    resolver = PeopleResolver(full)
    for name in runs:
        if _INITIAL.match(name):
            r = resolver.resolve(name) or _initialled_name(name)
            if r and r not in full:
                full.append(r)
    # "President Xi", "Presidents Putin and Xi": a title and a surname the authority knows
    for p in paragraphs:
        for m in _TITLED_SURNAMES.finditer(p.text):
            if m.group(1).rstrip("s") not in title_heads():
                continue
            for token in filter(None, m.group(2, 3)):
                r = resolver.resolve(token)
                if r and r not in full:
                    full.append(r)
    return full


def _initialled_name(name: str) -> str | None:
    """"P. Simmons", "E.A. Gorshkova": initials and one surname are a person of their own when no
    full name resolves them, unless the initials are a place ("U.S.") or the word a body's."""
    m = re.fullmatch(r"((?:[A-Z]\.\s?){1,2})\s*([A-Z][a-z’']+(?:-[A-Z][a-z]+)?)", name)
    if not m or m.group(1).replace(" ", "") in places() or m.group(2) in _non_name_words() or _is_place(m.group(2)):
        return None
    return f"{m.group(1).strip()} {m.group(2)}"


_TITLED_SURNAMES = re.compile(
    rf"\b([A-Z][a-z]+)\s+({_WORD})(?:\s+and\s+({_WORD}))?(?![\w-]|\s+[A-ZА-ЯЁ])")
