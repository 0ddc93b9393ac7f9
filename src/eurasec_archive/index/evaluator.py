"""The query evaluator: a parsed query -> (match mask, score) over every document at once,
computed with numpy over whole posting arrays instead of a Python step per posting.

Supported query types (evaluated here on arrays):

- ``Term``: the term's postings in its field.
- ``Prefix``, ``Wildcard``, ``FuzzyTerm`` (any ``MultiTerm``): the union of the index terms it
  expands to (capped by the parser), each scored as a term.
- ``And``/``Require``: intersection; scores add.
- ``Or``/``DisjunctionMax`` (without ``minmatch``): union; scores add (``Or``) or take the
  maximum (``DisjunctionMax``); an ``Or`` with a ``scale`` (the parser's ``OrGroup``) then
  multiplies by ``(1 - scale) + scale * matched / clauses`` (documents with more words first).
- ``AndNot``: the positive side minus the negative; ``AndMaybe``: the first side, with the
  second's score added where both match (the words ``feedback`` adds are such a second side,
  and are not recorded for highlighting); ``Not``: every live document not matched; ``Every``.
- ``Phrase`` with slop 1: consecutive positions, intersected as (doc, start) keys; a phrase
  of two words with a slop (``"a b"~3``, and ``proximity``'s windows): the two words within
  slop positions of each other, in either order.
Anything else (sloppy phrases of more words, ranges, ``Or`` with ``minmatch``) runs on
Whoosh's own matchers (``fallback``), checked against the deadline.

Scoring rules (see ``scoring``): a word, phrase or expansion in the ranked fields (title,
body, body_ru) scores BM25F with Lucene idf: an ``Or`` of one word over those fields is one
BM25F (title and body together, body_ru alone, the better of the two), not a sum of per-field
BM25s; an expansion scores as its best term; a phrase as one term with its phrase frequency
(the parser adds each two adjacent query words as a phrase with a small boost: ``proximity``).
Query boosts multiply (a word written twice has boost 2). A word, phrase or expansion in
another field (``speaker:lavrov``, ``org:"…"``, ``lang:ru``) scores plain BM25 in that field
(Lucene idf, the same k1; no length normalization: those fields keep no lengths), an
expansion its best term, so a field word weighs as a plain word of the same rarity. Each
``Or`` adds its clauses' scores; ``And`` adds; ``AndNot`` and ``Not`` contribute no score.
``field:*`` (``Every`` with a field) matches documents that have the field.

Time limit: every clause checks the deadline first; past it, the evaluator sets
``timed_out``. A clause whose matches are kept then matches nothing, a clause under a
negation matches everything, and negations are evaluated before what they exclude, so
timed-out results are always a subset of the true results (a NOT is never dropped).
"""

from __future__ import annotations

import time

import numpy as np
from whoosh import query as wquery

from eurasec_archive.index.expansion import Lexicons
from eurasec_archive.index.highlight import query_terms_in
from eurasec_archive.index.internals import (
    expansions,
    fix_expansions,
    subsearchers,
)
from eurasec_archive.index.parsing import MAX_EXPANSION, MAX_QUERY_EXPANSION
from eurasec_archive.index.scoring import FIELD_WEIGHTS, bm25f
from eurasec_archive.index.tables import FacetTable
from eurasec_archive.index.term_reads import TermReads

# fields whose presence a facet records (``speaker:*`` = has a speaker)
FIELD_FACETS = {"speaker": "speaker", "person": "person", "org": "organization", "place": "place",
                "outlet": "outlet", "lang": "language"}



class Evaluator(TermReads):
    """Evaluates parsed queries against one searcher and its ``FacetTable`` until a deadline.

    :param cache: a dict shared across searches, (kind, segment, field, term) -> arrays;
        segments never change, so a term's arrays are read once per segment
    """

    def __init__(self, searcher, table: FacetTable, deadline: float, cache: dict,
                 lexicons: Lexicons | None = None, max_expansion: int = MAX_EXPANSION):
        self.s = searcher
        self.table = table
        self.n = table.doc_count
        self.deadline = deadline
        self.timed_out = False
        self.cache = cache
        self.lexicons = lexicons
        self.max_expansion = max_expansion
        self.n_live: int | None = None
        self.expanded = 0  # terms all expansions of this query stand for so far
        # (field, term) pairs found in the index by clauses whose matches are kept: what
        # highlighting marks, collected while evaluating instead of asking the index again
        self.found: set[tuple[str, str]] = set()

    def run(self, q) -> tuple[np.ndarray, np.ndarray]:
        mask, score = self.node(q)
        return mask & self.table.live, score

    def zeros(self):
        return np.zeros(self.n, dtype=bool), np.zeros(self.n, dtype=np.float32)

    def _unknown(self, upper: bool):
        """What a clause cut short by the deadline stands for: nothing when its matches are
        kept (so results stay a subset of the true ones), everything when they are excluded
        (so a NOT is never dropped)."""
        self.timed_out = True
        if upper:
            return self.table.live.copy(), np.zeros(self.n, dtype=np.float32)
        return self.zeros()

    def node(self, q, upper: bool = False):
        """(mask, score) of ``q``. :param upper: the clause is under an odd number of
        negations; if it cannot finish, its mask must over-approximate, not under-."""
        if time.monotonic() > self.deadline:  # each clause checks, not only the slow matcher
            return self._unknown(upper)
        if self.is_scored_leaf(q):
            return self.scored_words([q], q.boost, upper)
        if type(q) is wquery.Or and q.subqueries and all(map(self.is_scored_leaf, q.subqueries)) \
                and len({sub.fieldname for sub in q.subqueries}) == len(q.subqueries):
            return self.scored_words(q.subqueries, q.boost, upper)  # one word over the fields
        # a word (Whoosh 2.7's Term is no MultiTerm) or an expansion in a field BM25F does not
        # rank (names, lang): its postings here, not Whoosh's one-document-at-a-time matcher
        if isinstance(q, (wquery.Term, wquery.MultiTerm)):
            texts, complete = self.expand(q) if not isinstance(q, wquery.Term) else ([q.text], True)
            result = self.terms(q.fieldname, texts, q.boost, upper) if complete else None
            return self._unknown(upper) if result is None or (self.timed_out and upper) else result
        if isinstance(q, wquery.Every):
            if q.fieldname and q.fieldname != "*":
                return self.has_field(q.fieldname, upper)
            return self.table.live.copy(), np.zeros(self.n, dtype=np.float32)
        if isinstance(q, wquery.NullQuery.__class__) or q is wquery.NullQuery:
            return self.zeros()
        if isinstance(q, wquery.AndNot):
            neg, _ = self.node(q.b, not upper)  # the negation first: it must be complete
            mask, score = self.node(q.a, upper)
            mask &= ~neg
            return mask, np.where(mask, score, 0).astype(np.float32)
        if isinstance(q, wquery.AndMaybe):
            done = getattr(q, "evaluated", None)  # feedback's first pass, on these same arrays
            if done is not None and done[0] is self.table and not upper:
                mask, score = done[1].copy(), done[2].copy()
                self.found |= done[3]
                self.timed_out |= done[4]
            else:
                mask, score = self.node(q.a, upper)
            found = self.found
            if getattr(q.b, "feedback", False):
                self.found = set()  # feedback words rank, they are not what was asked for
            _, extra = self.node(q.b, upper)
            self.found = found
            return mask, np.where(mask, score + extra, 0).astype(np.float32)
        if isinstance(q, wquery.Not):
            inner, _ = self.node(q.query, not upper)
            return self.table.live & ~inner, np.zeros(self.n, dtype=np.float32)
        if type(q) in (wquery.And, wquery.Require):
            subs = [self.node(sub, upper) for sub in q.subqueries]
            mask = subs[0][0].copy()
            score = subs[0][1].copy()
            for m, sc in subs[1:]:
                mask &= m
                score += sc
            score[~mask] = 0
            return mask, score * q.boost
        if type(q) in (wquery.Or, wquery.DisjunctionMax) and not getattr(q, "minmatch", 0):
            mask, score = self.zeros()
            matched = np.zeros(self.n, dtype=np.float32)
            for sub in q.subqueries:
                m, sc = self.node(sub, upper)
                mask |= m
                if isinstance(q, wquery.DisjunctionMax):
                    np.maximum(score, sc, out=score)
                else:
                    score += sc
                matched += m
            scale = getattr(q, "scale", None)
            if scale and len(q.subqueries) > 1:
                # documents with more of the words first: score * ((1-s) + s * matched/total)
                score *= (1 - scale) + scale * matched / len(q.subqueries)
            return mask, score * q.boost
        if isinstance(q, wquery.Phrase) and q.slop == 1 and len(q.words) > 1:
            return self.phrase(q, upper)
        mask, score = self.fallback(q)
        if not upper and not self.timed_out and mask.any():
            self.found |= query_terms_in(q, self.s.reader())  # a sloppy phrase, a range: few terms
        return self._unknown(upper) if self.timed_out and upper else (mask, score)

    def expand(self, q) -> tuple[list, bool]:
        """The terms a prefix/wildcard/fuzzy query stands for, bounded (``MAX_EXPANSION``,
        the deadline), remembered on the query so highlighting reuses them."""
        kind = ("fuzzy" if isinstance(q, wquery.FuzzyTerm) else
                "prefix" if isinstance(q, wquery.Prefix) else
                "wildcard" if isinstance(q, wquery.Wildcard) else None)
        if kind is None or self.lexicons is None:
            return expansions(q, self.s.reader()), True
        budget = min(self.max_expansion, MAX_QUERY_EXPANSION - self.expanded)
        if budget <= 0:
            fix_expansions(q, [])
            return [], True
        texts, complete = self.lexicons.expand(
            self.table.leaves, kind, q.fieldname, q.text, budget, self.deadline,
            maxdist=getattr(q, "maxdist", 1), prefixlength=getattr(q, "prefixlength", 1))
        self.expanded += len(texts)
        fix_expansions(q, [t.encode("utf-8") for t in texts])
        return texts, complete

    def has_field(self, fieldname: str, upper: bool):
        """Documents with any term in ``fieldname`` (``speaker:*``)."""
        lengths = self.table.lengths.get(fieldname)
        if lengths is not None:
            return (lengths > 0) & self.table.live, np.zeros(self.n, dtype=np.float32)
        facet = FIELD_FACETS.get(fieldname)
        if facet in self.table.pairs:
            docs = self.table.pairs[facet][0]
            mask = np.zeros(self.n, dtype=bool)
            mask[docs] = True
            return mask & self.table.live, np.zeros(self.n, dtype=np.float32)
        mask, score = self.zeros()
        if fieldname not in self.s.schema:
            return mask, score
        for i, btext in enumerate(self.s.reader().lexicon(fieldname)):
            if i % 64 == 0 and time.monotonic() > self.deadline:
                return self._unknown(upper)
            got = self.postings(fieldname, btext)
            if got is None:
                return self._unknown(upper)
            mask[got[0]] = True
        return mask & self.table.live, score

    def phrase(self, q, upper: bool = False):
        """A phrase in a field that is not ranked by BM25F (names): ``field_bm25`` of its
        phrase frequency, times the boost."""
        mask, _ = self.zeros()
        fieldobj = self.s.schema[q.fieldname] if q.fieldname in self.s.schema.names() else None
        if fieldobj is None or not fieldobj.format.supports("positions"):
            return self.fallback(q)
        found = self.phrase_freqs(q)
        if found is None:
            return self._unknown(upper)
        docs, freq = found
        if not upper and self.table.live[docs].any():
            self.found.update((q.fieldname, w) for w in q.words)
        mask[docs] = True
        return mask, self.field_bm25(q.fieldname, docs, freq) * q.boost

    # ------------------------------------------------------------ BM25F

    def is_scored_leaf(self, q) -> bool:
        """A word, phrase or expansion in a BM25F-ranked field."""
        if getattr(q, "fieldname", None) not in FIELD_WEIGHTS or q.fieldname not in self.table.lengths:
            return False
        if isinstance(q, wquery.Phrase):
            return len(q.words) > 1 and (q.slop == 1 or len(q.words) == 2)
        return isinstance(q, (wquery.Term, wquery.Prefix, wquery.Wildcard, wquery.FuzzyTerm))

    def scored_words(self, leaves, boost: float, upper: bool):
        """One query word over its fields, scored by BM25F (see ``scoring``). An expansion
        (prefix, wildcard, fuzzy) scores as its best-scoring term, not the sum of them."""
        mask, _ = self.zeros()
        english: dict[object, dict] = {}
        russian: dict[object, dict] = {}
        for leaf in leaves:
            items = self.leaf_arrays(leaf)
            if items is None:
                return self._unknown(upper)
            target = russian if leaf.fieldname == "body_ru" else english
            for key, ids, tf in items:
                mask[ids] = True
                if not upper and self.table.live[ids].any():
                    self.found.update((leaf.fieldname, w) for w in (key if isinstance(key, tuple) else (key,)))
                target.setdefault(key, {})[leaf.fieldname] = (ids, tf)
        if self.n_live is None:
            self.n_live = int(self.table.live.sum())
        score = np.zeros(self.n, dtype=np.float32)
        for parts in (*english.values(), *russian.values()):
            np.maximum(score, bm25f(self.table, parts, self.n_live), out=score)
        return mask, score * boost

    def leaf_arrays(self, q):
        """[(key, doc numbers, term frequencies)] of a scored leaf; None if cut short."""
        boost = self._field_boost(q.fieldname)
        if isinstance(q, wquery.Phrase):
            found = self.phrase_freqs(q) if q.slop == 1 else self.window_freqs(q)
            return None if found is None else [(tuple(q.words), *found)]
        texts, complete = ([q.text], True) if isinstance(q, wquery.Term) else self.expand(q)
        if not complete:
            return None
        fieldobj = self.s.schema[q.fieldname]
        out = []
        for i, text in enumerate(texts):
            if i and i % 32 == 0 and time.monotonic() > self.deadline:
                return None
            btext = fieldobj.to_bytes(text) if not isinstance(text, bytes) else text
            got = self.postings(q.fieldname, btext)
            if got is None:
                return None
            ids, weights = got
            if len(ids):
                key = btext.decode("utf-8", "replace") if isinstance(btext, bytes) else btext
                out.append((key, ids, weights / boost if boost != 1 else weights))
        return out

    def _field_boost(self, fieldname: str) -> float:
        # Whoosh multiplies a field's posting weights by its field_boost at index time
        return float(getattr(self.s.schema[fieldname].format, "field_boost", 1.0) or 1.0)

    def field_bm25(self, fieldname: str, ids: np.ndarray, tf: np.ndarray) -> np.ndarray:
        """BM25 of one term (or phrase) in a field BM25F does not rank (names, lang): Lucene
        idf and the same saturation as a plain word, no length normalization (the index
        keeps no lengths for these fields)."""
        if self.n_live is None:
            self.n_live = int(self.table.live.sum())
        return bm25f(self.table, {fieldname: (ids, tf)}, self.n_live)

    def terms(self, fieldname: str, texts: list, boost: float, upper: bool = False):
        """Union of several terms of a field that is not ranked (names, language): each
        document scores its best term's ``field_bm25`` times the boost."""
        mask, score = self.zeros()
        if fieldname not in self.s.schema:
            return mask, score
        fieldobj = self.s.schema[fieldname]
        for i, text in enumerate(texts):
            if i and i % 32 == 0 and time.monotonic() > self.deadline:
                self.timed_out = True  # the terms so far: a subset of the matches
                break
            btext = fieldobj.to_bytes(text) if not isinstance(text, bytes) else text
            got = self.postings(fieldname, btext)
            if got is None:
                self.timed_out = True  # the terms so far: a subset of the matches
                break
            ids, weights = got
            if not len(ids):
                continue
            mask[ids] = True
            np.maximum(score, self.field_bm25(fieldname, ids, weights), out=score)
            if not upper and self.table.live[ids].any():
                self.found.add((fieldname, btext.decode("utf-8", "replace")))
        return mask, score * boost

    def fallback(self, q):
        """Whoosh's matcher for this query, one document at a time, within the deadline."""
        mask, score = self.zeros()
        if self.timed_out:
            return mask, score
        for sub, offset in subsearchers(self.s):
            m = q.matcher(sub, sub.context())
            ids, scores = [], []
            steps = 0
            while m.is_active():
                ids.append(m.id() + offset)
                scores.append(m.score())
                m.next()
                steps += 1
                if steps % 256 == 0 and time.monotonic() > self.deadline:
                    self.timed_out = True
                    break
            if ids:
                idx = np.asarray(ids, dtype=np.int64)
                mask[idx] = True
                score[idx] = np.asarray(scores, dtype=np.float32)
            if self.timed_out:
                break
        return mask, score
