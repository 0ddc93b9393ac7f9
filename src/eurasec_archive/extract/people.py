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

from eurasec_archive.authorities import load_json, people, places, roles, speech_verbs
from eurasec_archive.extract.memo import memoized
from eurasec_archive.extract.nominative import morph
from eurasec_archive.extract.russian import (
    inflected,
    is_cyrillic,
    name_keys,
    nominative_surname,
    stems,
)
from eurasec_archive.models import Paragraph

_WORD = r"[A-ZА-ЯЁ][a-zа-яё’']+(?:-[A-Za-zА-Яа-яЁё][a-zа-яё]+)?"
_INITIALS = r"[A-ZА-ЯЁ]\.(?:\s?[A-ZА-ЯЁ]\.)?"
_TOKEN_RX = re.compile(rf"{_WORD}|{_INITIALS}")
# initials may be glued to the surname ("М.В.Захарова", "S.V.Lavrov")
NAME_RUN = re.compile(
    rf"(?<![\w.-])(?:{_WORD}|{_INITIALS})(?:(?:\s+|(?<=\.))(?:{_WORD}|{_INITIALS})){{1,7}}(?![\w-])")
_INITIAL = re.compile(r"^[A-ZА-ЯЁ]\.")
_POSSESSIVE = re.compile(r"[’']s$")
_PATRONYMIC = re.compile(r"(?:ovich|evich|yevich|ovna|evna|yevna|ович|евич|ьич|овн|евн)[а-яё]{0,3}$")
_MIN_KEY = 2


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


def _is_female(given: str) -> bool:
    male = load_json("given_names.json").get("male_ending_in_a", [])
    return given[-1:] in ("а", "я") and given not in male


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


@cache
def _authority_by_key() -> dict[tuple[str, ...], str | None]:
    """Case-form keys of every Cyrillic authority alias -> canonical name (None if two clash)."""
    index: dict[tuple[str, ...], str | None] = {}
    for alias, (canonical, _role) in people().items():
        if is_cyrillic(alias):
            for key in name_keys(alias):
                index[key] = canonical if index.get(key, canonical) == canonical else None
    return index


@cache
def _aliases_of() -> dict[str, tuple[str, ...]]:
    """canonical name -> every alias as written (for finding its short forms in a text)."""
    out: dict[str, list[str]] = {}
    for e in load_json("people.json"):
        out[e["name"]] = [e["name"], *e["aliases"]]
    return {k: tuple(v) for k, v in out.items()}


@cache
def _family_first() -> frozenset[str]:
    """Names written family name first ("Xi Jinping"), marked so in the people authority."""
    return frozenset(n for e in load_json("people.json") if e.get("family_name_first")
                     for n in (e["name"], *e["aliases"]))


def short_forms(full_name: str) -> set[str]:
    """The single tokens a full name can be referred to by: its last token, and its first
    when that is a family name ("Xi Jinping", hyphenated given names: "Choe Son-hui")."""
    tokens = [t for t in re.split(r"\s+|(?<=\.)", full_name) if t and not t.endswith(".")]
    keys = {tokens[-1]} if tokens else set()
    if len(tokens) >= 2 and ("-" in tokens[-1] or full_name in _family_first()):
        keys.add(tokens[0])
    return {k for k in keys if len(k) >= _MIN_KEY}


@cache
def _surname_index() -> dict[str, str | None]:
    """surname stem (or Asian family name) -> canonical name; None when ambiguous"""
    index: dict[str, str | None] = {}
    for canonical, aliases in _aliases_of().items():
        for alias in aliases:
            for key in short_forms(alias):
                for s in stems(key):
                    index[s] = canonical if index.get(s, canonical) == canonical else None
    return index


def _authority_name(name: str) -> str | None:
    hit = people().get(name.casefold())
    if hit:
        return hit[0]
    if is_cyrillic(name):
        for key in name_keys(name):
            found = _authority_by_key().get(key)
            if found:
                return found
    return None


def authority_person(name: str) -> str | None:
    """The people authority's canonical name for ``name`` (any alias, any Russian case form), or None."""
    return _authority_name(name) or (_authority_name(nominative_name(name)) if is_cyrillic(name) else None)


def canonical_person(name: str) -> str:
    """Authority canonical form of a name (transliteration variants and Russian case forms
    merged); an unknown Russian name in the nominative; anything else as written."""
    return _authority_name(name) or _authority_name(nominative_name(name)) or nominative_name(name)


def is_patronymic(token: str) -> bool:
    """A patronymic is a given name plus -ovich/-ovna ("Vladimirovich", "Сергеевич"); a
    surname with the same ending ("Вольфович", "Shushkevich") is not."""
    m = _PATRONYMIC.search(token)
    if not m:
        return False
    root = token[:m.start()]
    return any(nominative_given(r) for r in (root, root + "й", root + "ь", root + "y", root + "i")) or \
        root.rstrip("y") in given_names()


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


_CALENDAR = frozenset(["January", "February", "March", "April", "May", "June", "July", "August", "September",
                       "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                       "Saturday", "Sunday"])


@cache
def _census_given_names() -> frozenset[str]:
    """given_names_en.json less months, weekdays, nationalities and places ("May", "German", "Georgia")."""
    names = frozenset(load_json("given_names_en.json")["given_names"])
    return frozenset(n for n in names if n not in _CALENDAR and n not in role_words() and not _is_place(n))


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
            if key not in text and not is_cyrillic(key):
                continue  # a Latin key matches only as written
            source = inflected(key) if is_cyrillic(key) else re.escape(key)
            for m in re.finditer(rf"(?<![\w-]){source}(?![\w-])", text):
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
