"""Highlighting: which index terms a query matches, and which words of a text (as written)
analyse to one of them, with the index's own analyzers — so a highlighted word is a
matching word and nothing else is."""

from __future__ import annotations

import functools
import re

from whoosh import query as wquery

from eurasec_archive.index.schema import (
    HYPHENS,
    WORDS,
    body_analyzer,
    has_cyrillic_body,
    russian_analyzer,
)


def query_terms_in(q, reader) -> set[tuple[str, str]]:
    """The (field, term) pairs of a query that exist in the index, wildcards expanded.

    Asked leaf by leaf: Whoosh 2.7's compound ``existing_terms`` reuses its field argument
    as a loop variable and so loses every field after the first leaf's.
    """
    terms: set[tuple[str, str]] = set()

    def walk(node):
        if isinstance(node, wquery.Not):
            return  # excluded words are not highlighted
        if isinstance(node, wquery.AndNot):
            walk(node.a)
        elif node.is_leaf():
            if isinstance(node, wquery.MultiTerm) and not isinstance(node, wquery.Term) \
                    and not getattr(node, "expanded_by_evaluator", False):
                return  # not reached before the time limit: Whoosh's own expansion is slow
            terms.update(node.existing_terms(reader, phrases=True, expand=True))
        else:
            for child in node.children():
                walk(child)

    walk(q)
    return terms


# a footnote reference as the importers write it (``formats.docx``/``pdf``: "…others.[1]",
# a note "[1] …") and the item page links it: a mark, not the number as a word
FOOTNOTE_REF = re.compile(r"\[(\d{1,3})\]")


def word_spans(text: str, words: set[str]) -> list[tuple[int, int]]:
    """Character spans of the tokens of ``text`` that are in ``words``; a footnote
    reference's number is not a word (``alert(1)`` marks "level 1", not "[1]")."""
    if not words:
        return []
    spans = [m.span() for m in _words_pattern(frozenset(words)).finditer(text)]
    if spans and "[" in text:
        refs = {m.span(1) for m in FOOTNOTE_REF.finditer(text)}
        if refs:
            spans = [sp for sp in spans if sp not in refs]
    return spans


@functools.lru_cache(maxsize=1024)
def _words_pattern(words: frozenset[str]) -> re.Pattern:
    # whole tokens only, with the tokenizer's notion of a token ("u.s" is not inside "u.s.a");
    # a hyphen does split, as the index holds a compound's parts too ("security" in
    # "security-related")
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?<!\w[.'’])(?:{alternatives})(?!\w)(?![.'’]\w)")


class _TermMemo:
    """word -> index term, memoized: highlighting analyses each distinct word once, not
    every occurrence (the vocabulary is Zipfian, so the memo answers nearly every token)."""

    MAX_WORDS = 200_000

    def __init__(self):
        self._body: dict[str, str | None] = {}
        self._ru: dict[str, str | None] = {}
        self._body_an = body_analyzer()
        self._ru_an = russian_analyzer()

    def _analyse(self, memo, analyzer, word):
        if len(memo) > self.MAX_WORDS:
            memo.clear()
        # the same analyzer the index uses, so a highlighted word is a matching word
        toks = [t.text for t in analyzer(word, removestops=True)]
        # a compound analyses to its whole then its parts; the parts are words of their own
        term = memo[word] = toks[0] if len(toks) == 1 or (toks and HYPHENS.search(word)) else None
        return term

    def body(self, word: str) -> str | None:
        term = self._body.get(word, "")
        return self._analyse(self._body, self._body_an, word) if term == "" else term

    def russian(self, word: str) -> str | None:
        term = self._ru.get(word, "")
        return self._analyse(self._ru, self._ru_an, word) if term == "" else term


_TERMS = _TermMemo()


class Highlighter:
    """Matching words of texts. A text's term -> words map is built once and kept, so the
    hits of a repeated or refined query are highlighted without analysing their text again."""

    MAX_TEXTS = 4096

    def __init__(self):
        self._cache: dict = {}  # (language, text) -> (body term -> words, russian term -> words)

    def matching_words(self, text: str, terms: set[tuple[str, str]], language: str) -> set[str]:
        """The distinct words of ``text`` (as written) that analyse to one of ``terms``."""
        wanted: dict[str, set[str]] = {}
        for fname, t in terms:
            t = t.decode("utf-8") if isinstance(t, bytes) else t
            wanted.setdefault(fname, set()).add(t)
        latin = wanted.get("body", set()) | wanted.get("title", set())
        russian = wanted.get("body_ru", set())
        if not latin and not russian:
            return set()
        by_term, by_russian_term = self._word_terms(text, language)
        hits: set[str] = set()
        for t in latin:
            hits |= by_term.get(t, set())
        for t in russian:
            hits |= by_russian_term.get(t, set())
        return hits

    def _word_terms(self, text: str, language: str):
        key = (language, text)
        cached = self._cache.get(key)
        if cached is None:
            by_term: dict[str, set[str]] = {}
            by_russian_term: dict[str, set[str]] = {}
            words = set(WORDS.findall(text))
            words |= {part for w in words if HYPHENS.search(w) for part in HYPHENS.split(w) if part}
            for w in words:
                t = _TERMS.body(w)
                if t:
                    by_term.setdefault(t, set()).add(w)
            if has_cyrillic_body(language, text, probe=2000):
                for w in words:
                    t = _TERMS.russian(w)
                    if t:
                        by_russian_term.setdefault(t, set()).add(w)
            cached = (by_term, by_russian_term)
            if len(self._cache) > self.MAX_TEXTS:
                self._cache.clear()
            self._cache[key] = cached
        return cached
