"""Pseudo-relevance feedback: a query of several words is also ranked by the words that are
frequent in its own best results (RM3, Lavrenko and Croft 2001; Abdul-Jaleel et al. 2004).

1. The query is evaluated; its ``DOCS`` best documents are the feedback set.
2. Each feedback document's words (title and text, the index's English analysis) give a
   word distribution, smoothed by the document's length: ``tf(w, D) / (|D| + mean |D|)``
   (a Dirichlet prior of ``LENGTH_PRIOR`` average documents, so a short document does not
   speak for its few words with full weight).
3. The distributions are summed with weights ``score(D) ** SCORE_POWER`` (normalized over the
   set): the best documents count most. Words in more than ``MAX_DF_SHARE`` of the archive,
   one-letter words and numbers are skipped; the ``TERMS`` most likely words are kept.
4. The query becomes ``λ·query + (1-λ)·feedback`` (λ ``ORIGINAL_WEIGHT``): each feedback word
   is a BM25F clause over title and body with boost ``(1-λ)/λ · |Q| · P(w|R)``, where ``|Q|``
   is the number of query words (a query word has boost 1 per time it is written).

The feedback clauses only rank: the query's matches stay the same (``AndMaybe``), so totals,
facets, required and excluded words are exactly those of the query as written, and the
feedback words are not highlighted. Only relevance-sorted queries of at least ``MIN_WORDS``
plain words get feedback (a name or a two-word query is ranked as typed). Its cost is one
more evaluation of the query and the analysis of ``DOCS`` texts (cut at ``MAX_CHARS``, kept
in an LRU by item id and revision). Measured on four public test collections in
``bench/relevance.py`` (bench/README.md, issue 15).
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict

import numpy as np
from whoosh import query as wquery

from eurasec_archive.index.schema import SCORED_FIELDS, body_analyzer

DOCS = 5  # feedback documents (the best results of the query)
TERMS = 15  # feedback words added
ORIGINAL_WEIGHT = 0.6  # λ: the query's share against the feedback words'
SCORE_POWER = 3.0  # a feedback document weighs score ** SCORE_POWER
MAX_DF_SHARE = 0.1  # words in more of the archive than this are not feedback words
LENGTH_PRIOR = 1.0  # a document's counts are smoothed by this many mean lengths (0: tf / |D|)
MIN_WORDS = 3  # plain query words a query needs to get feedback
MAX_CHARS = 20000  # of each feedback document's text analysed
ENGLISH = ("title", "body")


def query_words(q) -> int:
    """How many plain words the query holds outside negations (a word written twice counts
    twice; the adjacent-pair phrases ``proximity`` adds have boosts below 1 and are not words)."""
    if isinstance(q, wquery.AndNot):
        return query_words(q.a)
    if isinstance(q, wquery.AndMaybe):
        return query_words(q.a) + query_words(q.b)
    if _is_word(q):
        return int(q.boost) if q.boost >= 1 else 0
    if type(q) in (wquery.Or, wquery.And):
        return sum(query_words(sub) for sub in q.subqueries)
    return 0


def _is_word(q) -> bool:
    """A plain word: a term of a ranked field, or one term in each of several ranked fields."""
    leaves = q.subqueries if type(q) is wquery.Or else [q]
    return bool(leaves) and all(type(leaf) is wquery.Term and leaf.fieldname in SCORED_FIELDS
                                for leaf in leaves) and len({leaf.fieldname for leaf in leaves}) == len(leaves)


class Vectors:
    """Word counts of documents' texts (English analysis), an LRU keyed by (id, revision)."""

    def __init__(self, size: int = 512):  # ~8 KB per 2,000-character item (10k corpus): ~4 MB
        self.size = size
        self._counts: OrderedDict[tuple[str, str], Counter] = OrderedDict()
        self._lock = threading.Lock()
        self._analyzer = body_analyzer()

    def counts(self, key: tuple[str, str], text_of) -> Counter | None:
        with self._lock:
            hit = self._counts.get(key)
            if hit is not None:
                self._counts.move_to_end(key)
                return hit
        text = text_of(key[0])
        if text is None:
            return None
        with self._lock:  # Whoosh analyzers keep state between calls: one thread at a time
            counts = Counter(t.text for t in self._analyzer(text[:MAX_CHARS]))
            self._counts[key] = counts
            while len(self._counts) > self.size:
                self._counts.popitem(last=False)
        return counts


def feedback_words(docs: list[tuple[float, Counter]], df, n_live: int, mean_length: float) -> list[tuple[str, float]]:
    """(word, P(w|R)) of the feedback set ``docs`` ((score, word counts) each), the ``TERMS``
    most likely, normalized to sum 1; ``df(word)`` its document frequency."""
    if not docs:
        return []
    weights = np.array([max(score, 0.0) for score, _ in docs], dtype=float) ** SCORE_POWER
    if not weights.sum():
        return []
    weights /= weights.sum()
    relevance: Counter = Counter()
    for w, (_, counts) in zip(weights, docs, strict=True):
        total = sum(counts.values()) + LENGTH_PRIOR * mean_length
        for word, c in counts.items():
            relevance[word] += w * c / total
    chosen = []
    for word, p in relevance.most_common():
        if len(word) < 2 or word.isdigit():
            continue
        if df(word) > MAX_DF_SHARE * n_live:
            continue
        chosen.append((word, p))
        if len(chosen) >= TERMS:
            break
    total = sum(p for _, p in chosen)
    return [(word, p / total) for word, p in chosen] if total else []


def expanded(q, words: list[tuple[str, float]], query_size: int):
    """``q`` ranked also by the feedback ``words``: ``AndMaybe(q, Or(words))`` (same matches;
    with no words, an ``Or`` of nothing: the wrapper still carries ``q``'s first pass)."""
    scale = (1 - ORIGINAL_WEIGHT) / ORIGINAL_WEIGHT * query_size
    clauses = []
    for word, p in words:
        clause = wquery.Or([wquery.Term(f, word) for f in ENGLISH])
        clause.boost = scale * p
        clauses.append(clause)
    extra = wquery.Or(clauses)
    extra.feedback = True  # ranks only: the evaluator records no highlighted terms under it
    return wquery.AndMaybe(q, extra)
