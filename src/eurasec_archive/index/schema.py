"""The index schema and its analyzers.

``body`` folds case and accents, transliterates Cyrillic to Latin (so Лавров finds Lavrov and
back) and stems English; ``body_ru`` keeps Cyrillic and stems Russian. Queries run on both, so
each language gets its stemmer. Name fields are folded and transliterated, not stemmed. Facet
values are indexed verbatim, one token per value, in ``f_*`` keyword fields.
"""

from __future__ import annotations

import re

from whoosh.analysis import (
    CharsetFilter,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, TEXT, Schema
from whoosh.support.charset import accent_map

from eurasec_archive.facets import FACETS

INDEX_NAME = "items"
SCORED_FIELDS = ("title", "body", "body_ru")  # the fields plain words are looked up in

_CYR2LAT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i", "ў": "u",
    "ї": "yi", "є": "ye", "ґ": "g",
}
_TRANSLIT = str.maketrans(_CYR2LAT)
# accents folded, and typographic apostrophes/dashes made plain so "Russia’s" meets "Russia's"
FOLD_MAP = dict(accent_map)
FOLD_MAP.update({ord(c): "'" for c in "’‘ʼ`"})
FOLD_MAP.update({ord(c): "-" for c in "‐‑‒–—"})

CYRILLIC = re.compile("[\u0400-\u04ff]")
TOKEN_PATTERN = r"\w+(?:[.'’ʼ‐‑-]\w+)*"  # a word, with inner dots, apostrophes, hyphens
WORDS = re.compile(r"\w+(?:[.'’-]\w+)*")
HYPHENS = re.compile("[-‐‑]+")  # what splits a compound into its parts (CompoundFilter)


def transliterate(text: str) -> str:
    """Cyrillic -> Latin (BGN-like, simplified so that common name spellings meet)."""
    return text.translate(_TRANSLIT)


def has_cyrillic_body(language: str | None, text: str, probe: int = 5000) -> bool:
    """Whether a text gets the Russian analysis too (its language, or Cyrillic near the start)."""
    return language in ("ru", "be", "uk") or bool(CYRILLIC.search(text, 0, probe))


class TransliterateFilter(Filter):
    """Rewrites Cyrillic tokens in Latin letters."""

    def __call__(self, tokens):
        for t in tokens:
            t.text = t.text.translate(_TRANSLIT)
            yield t


class CompoundFilter(Filter):
    """A hyphenated compound is indexed whole and as its parts: ``shock-wave`` -> ``shock-wave``
    and ``shock``, ``wave``. The whole sits at the first part's position and the parts at
    consecutive positions (later tokens shift), so the phrase "shock wave" matches it, and
    ``shock`` alone finds it as it finds "shock wave". Parts that are stop-words are dropped."""

    def __init__(self, stoplist=frozenset()):
        self.stops = frozenset(stoplist)

    def __call__(self, tokens):
        shift = 0
        for t in tokens:
            if t.positions:
                t.pos += shift
            text = t.text
            if "-" not in text or t.stopped:
                yield t
                continue
            pos, start = (t.pos if t.positions else 0), (t.startchar if t.chars else 0)
            yield t  # the whole compound
            parts, at = [], 0
            for part in text.split("-"):
                if part:
                    parts.append((part, text.find(part, at)))
                    at = parts[-1][1] + len(part)
            if len(parts) < 2:
                continue
            for i, (part, offset) in enumerate(parts):
                if part in self.stops:
                    continue
                t.text = part
                if t.positions:
                    t.pos = pos + i
                if t.chars:
                    t.startchar, t.endchar = start + offset, start + offset + len(part)
                yield t
            shift += len(parts) - 1


def _stop_list(lang: str) -> frozenset:
    return frozenset(StopFilter(lang=lang).stops)


def _tokenizer():
    return RegexTokenizer(TOKEN_PATTERN)


def body_analyzer():
    return (_tokenizer() | LowercaseFilter() | TransliterateFilter() | CharsetFilter(FOLD_MAP)
            | StopFilter(lang="en", minsize=1) | CompoundFilter(_stop_list("en"))
            | StemFilter(lang="en", cachesize=50000))


def russian_analyzer():
    return (_tokenizer() | LowercaseFilter() | CharsetFilter(FOLD_MAP)
            | StopFilter(lang="ru", minsize=1) | CompoundFilter(_stop_list("ru"))
            | StemFilter(lang="ru", cachesize=50000))


def names_analyzer():
    return (_tokenizer() | LowercaseFilter() | TransliterateFilter() | CharsetFilter(FOLD_MAP)
            | CompoundFilter())


def facet_analyzer():
    # facet values are indexed verbatim, one token per value, separated by tabs
    return RegexTokenizer(r"[^\t]+")


def make_schema() -> Schema:
    fields = dict(
        id=ID(stored=True, unique=True),
        rev=ID(stored=True),
        title=TEXT(analyzer=body_analyzer(), field_boost=3.0, multitoken_query="or"),
        body=TEXT(analyzer=body_analyzer(), multitoken_query="or"),
        body_ru=TEXT(analyzer=russian_analyzer(), multitoken_query="or"),
        speaker=TEXT(analyzer=names_analyzer(), phrase=True),
        person=TEXT(analyzer=names_analyzer(), phrase=True),
        org=TEXT(analyzer=names_analyzer(), phrase=True),
        place=TEXT(analyzer=names_analyzer(), phrase=True),
        outlet=TEXT(analyzer=names_analyzer(), phrase=True),
        lang=ID,
        date=DATETIME,
        date_num=NUMERIC(sortable=True, bits=32),
        spell=TEXT(analyzer=_tokenizer() | LowercaseFilter(), phrase=False),
    )
    for f in FACETS:
        fields[f.field] = KEYWORD(analyzer=facet_analyzer(), scorable=False)
    return Schema(**fields)
