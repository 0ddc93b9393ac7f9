"""Just enough Russian morphology to match inflected names to their dictionary form.

Russian inflects names of people, places and bodies: "Сергея Лаврова" (genitive) and
"Максимом Рыженковым" (instrumental) are "Сергей Лавров" and "Максим Рыженков";
"в Литве", "МИД России", "Союзного государства". Without a morphological analyser we compare
*stems* (the word minus a case ending) and, for regexes, let Cyrillic words end in any short
ending. Indeclinable words (-енко, -ых, acronyms) are left alone.
"""

from __future__ import annotations

import re
from functools import lru_cache

_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")
# case endings of nouns, adjectives and surnames, longest first
_ENDINGS = ("ыми", "ими", "ого", "его", "ому", "ему", "ой", "ей", "ою", "ею", "ым", "им", "ом",
            "ем", "ую", "юю", "ая", "яя", "ий", "ый", "ах", "ях", "ам", "ям",
            "а", "я", "у", "ю", "е", "ы", "и", "ь", "й")
_INDECLINABLE = ("енко", "ко", "ых", "их", "аго", "яго", "ово", "ж")
_MIN_STEM = 3
_VOWELS = "аеёиоуыэюяьй"


def is_cyrillic(word: str) -> bool:
    return bool(_CYRILLIC.search(word))


OPENING_MARKS = " \t«\"„“—–-("  # what may stand between a sentence's end and its first word


def opens_sentence(text: str, start: int, marks: str = OPENING_MARKS) -> bool:
    """Whether the word at ``start`` opens a sentence: within the 4 characters before it, past
    ``marks``, the text starts or a sentence ends."""
    before = text[max(0, start - 4):start].rstrip(marks)
    return not before or before[-1] in ".!?…\n"


def stem(word: str) -> str:
    """The word without its case ending: "Лаврова", "Лавровым", "Лавров" -> "Лавров";
    "Сергея", "Сергей" -> "Серге". Latin and indeclinable words come back unchanged."""
    if not is_cyrillic(word) or word.isupper() or word.endswith(_INDECLINABLE):
        return word
    lower = word.lower()
    for ending in _ENDINGS:
        if lower.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            return word[: -len(ending)]
    return word


@lru_cache(maxsize=200_000)
def stems(word: str) -> frozenset[str]:
    """Every reading of ``word`` with one case ending removed, and the word itself (casefolded):
    "Сергей" -> {сергей, серге, серг}. Cached: names recur within and across documents."""
    return frozenset(_stems(word))


def _stems(word: str) -> set[str]:
    out = {word.casefold()}
    if not is_cyrillic(word) or word.isupper() or word.endswith(_INDECLINABLE):
        return out
    lower = word.casefold()
    for ending in _ENDINGS:
        if lower.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            out.add(lower[: -len(ending)])
    return out


def name_keys(name: str) -> set[tuple[str, ...]]:
    """Case-insensitive comparison keys of a multi-word name: each word as written or without
    its ending. Two spellings name the same thing when their key sets meet ("Максим" has the
    keys максим/макс, "Максимом" максимом/максим)."""
    keys: set[tuple[str, ...]] = {()}
    for w in name.split():
        forms = stems(w)
        keys = {k + (f,) for k in keys for f in forms}
    return keys


def inflected(phrase: str) -> str:
    """A regex source matching ``phrase`` in any case form: each Cyrillic word of four or more
    letters may change its ending ("Союзное государство" matches "Союзного государства")."""
    parts = []
    for word in phrase.split():
        if is_cyrillic(word) and len(word) >= 4 and not word.isupper() and not word.endswith(_INDECLINABLE):
            s = stem(word)
            if s == word and len(word) >= 5 and word[-1].lower() in "аяоеиыуюьй":
                s = word[:-1]
            ending = "[а-яё]{0,3}" if len(s) >= 5 else "[а-яё]{0,2}"
            if s == word and len(word) >= 5 and word[-2] in "еоё" and word[-1] not in _VOWELS:
                # a fleeting vowel: "Египет" -> "Египта"
                parts.append(re.escape(word[:-2]) + f"(?:{re.escape(word[-2:])}{ending}|{re.escape(word[-1])}[а-яё]{{1,3}})")
            else:
                parts.append(re.escape(s) + ending)
        else:
            parts.append(re.escape(word))
    return r"\s+".join(parts)


# a male surname in -ай/-ей/-ой/-уй in an oblique case: "Карзая", "Карзаю", "Карзаем", "Карзае"
_GLIDE_SURNAME = re.compile(r"[аеоуэ](?:я|ю|ем|е)$")


def nominative_surname(word: str, female: bool) -> str:
    """Dictionary form of a surname seen in any case: "Лаврова" -> "Лавров" (male) or
    "Захаровой" -> "Захарова" (female), "Вишневского" -> "Вишневский"."""
    glide = _GLIDE_SURNAME.search(word)
    if glide and not female and not re.search(r"(?:ск|цк)ая$", word):  # "Карзая", "Карзаем" -> "Карзай": the й of the nominative, not "Карз"
        return word[:glide.start() + 1] + "й"
    s = stem(word)
    if s == word:
        return word
    if s.endswith(("ск", "цк")):
        return s + ("ая" if female else "ий")
    if female and s.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return s + "а"
    if not female and s[-1].lower() not in "аеёиоуыэюяь":
        return s
    return word


class PhraseMatch:
    """What ``PhraseMatcher.finditer`` yields: the parts of ``re.Match`` callers use."""

    __slots__ = ("_span", "_text", "lastgroup")

    def __init__(self, text: str, span: tuple[int, int], index: int):
        self._text, self._span, self.lastgroup = text, span, f"a{index}"

    def start(self) -> int:
        return self._span[0]

    def end(self) -> int:
        return self._span[1]

    def span(self) -> tuple[int, int]:
        return self._span

    def group(self, n: int = 0) -> str:
        return self._text[self._span[0]:self._span[1]]


_TOKEN_START = re.compile(r"(?<![\w-])[\w.’'«\"(-]")


_KEY = re.compile(r"[«\"(]?(\w{1,3})")


def _key(text: str) -> str:
    """Bucket key: up to three letters at the start, fewer if the first word is shorter
    ("US" and "US." both give "us"; "U.S." gives "u")."""
    m = _KEY.match(text)
    return m.group(1).casefold() if m else text[:1]


# a token start with its bucket key in one zero-width match: _TOKEN_START's positions, _key's key
_TOKEN_KEY = re.compile(r"(?<![\w-])(?=[«\"(]?(\w{1,3})|[.’'«\"(-])")


@lru_cache(maxsize=256)
def token_keys(text: str) -> list[tuple[int, str]]:
    """(start, bucket key) of every token start of ``text``, as ``_TOKEN_START`` and ``_key``
    give them; kept for the last texts, since every matcher of a document scans the same texts."""
    return [(m.start(), m.group(1).casefold() if m.group(1) else text[m.start()])
            for m in _TOKEN_KEY.finditer(text)]


class PhraseMatcher:
    """Finds any of many phrases, like one big regex alternation but without trying every
    phrase at every position: phrases are bucketed by their first three letters, and only a
    word start's own bucket is tried (longest phrase first, as the alternation would).

    ``pattern`` is the equivalent alternation's source, for embedding in other regexes.
    """

    def __init__(self, phrases: list[str], flags: int = 0):
        order = sorted(range(len(phrases)), key=lambda i: -len(phrases[i]))
        sources: dict[str, list[tuple[int, str]]] = {}
        parts = []
        for i in order:
            src = inflected(phrases[i]) if is_cyrillic(phrases[i]) else re.escape(phrases[i])
            parts.append(f"(?P<a{i}>{src})")
            sources.setdefault(_key(phrases[i]), []).append((i, src))
        # a bucket's phrases in one pattern, tried in their order at a word start: the first
        # that matches there wins, as trying each phrase's own pattern in turn would give
        self.buckets: dict[str, re.Pattern] = {
            key: re.compile(r"(?<![\w-])(?:" + "|".join(rf"(?P<a{i}>{src})(?![\w-])" for i, src in group) + ")", flags)
            for key, group in sources.items()}
        self.pattern = r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])"

    def finditer(self, text: str):
        pos = 0
        buckets = self.buckets
        for start, key in [t for t in token_keys(text) if t[1] in buckets]:
            if start < pos:
                continue
            m = buckets[key].match(text, start)
            if m:
                pos = m.end()
                yield PhraseMatch(text, m.span(), int(m.lastgroup[1:]))


def inflected_alternation(phrases: list[str], flags: int = 0) -> PhraseMatcher:
    """A matcher for any of ``phrases`` as whole words, Cyrillic ones in any case form,
    longest first. ``int(match.lastgroup[1:])`` is the index of the phrase that matched."""
    return PhraseMatcher(phrases, flags)
