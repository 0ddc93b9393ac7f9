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
  second's score added where both match; ``Not``: every live document not matched; ``Every``.
- ``Phrase`` with slop 1: consecutive positions, intersected as (doc, start) keys.
Anything else (sloppy phrases, ranges, ``Or`` with ``minmatch``) runs on Whoosh's own matchers
(``fallback``), checked against the deadline.

Scoring rules: a term scores BM25 (k1 1.2, b 0.75) with Whoosh's idf and field length (as
Whoosh stores it, byte-quantized), times the query boost; the title field's
``field_boost`` is applied by Whoosh to its term weights. Fields without lengths score the
boost for each match. A phrase scores as one term whose idf is the sum of its words' idfs.

Time limit: every clause checks the deadline first; once it has passed, the evaluator sets
``timed_out`` and further clauses match nothing.
"""

from __future__ import annotations

import time

import numpy as np
from whoosh import query as wquery

from eurasec_archive.index.expansion import Lexicons
from eurasec_archive.index.internals import (
    expansions,
    fix_expansions,
    position_arrays,
    posting_arrays,
    subsearchers,
)
from eurasec_archive.index.parsing import MAX_EXPANSION
from eurasec_archive.index.tables import FacetTable

# fields whose presence a facet records (``speaker:*`` = has a speaker)
FIELD_FACETS = {"speaker": "speaker", "person": "person", "org": "organization", "place": "place",
                "outlet": "outlet", "lang": "language"}

BM25_B, BM25_K1 = 0.75, 1.2


class Evaluator:
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
        if isinstance(q, wquery.MultiTerm):  # Term included
            texts, complete = self.expand(q) if not isinstance(q, wquery.Term) else ([q.text], True)
            result = self.terms(q.fieldname, texts, q.boost) if complete else None
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
            mask, score = self.node(q.a, upper)
            _, extra = self.node(q.b, upper)
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
            return self.phrase(q)
        mask, score = self.fallback(q)
        return self._unknown(upper) if self.timed_out and upper else (mask, score)

    def expand(self, q) -> tuple[list, bool]:
        """The terms a prefix/wildcard/fuzzy query stands for, bounded (``MAX_EXPANSION``,
        the deadline), remembered on the query so highlighting reuses them."""
        kind = ("fuzzy" if isinstance(q, wquery.FuzzyTerm) else
                "prefix" if isinstance(q, wquery.Prefix) else
                "wildcard" if isinstance(q, wquery.Wildcard) else None)
        if kind is None or self.lexicons is None:
            return expansions(q, self.s.reader()), True
        texts, complete = self.lexicons.expand(
            self.table.leaves, kind, q.fieldname, q.text, self.max_expansion, self.deadline,
            maxdist=getattr(q, "maxdist", 1), prefixlength=getattr(q, "prefixlength", 1))
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
            ids, _ = self.postings(fieldname, btext)
            mask[ids] = True
        return mask & self.table.live, score

    def phrase(self, q):
        """Words at consecutive positions: (doc, start) keys of every word, intersected."""
        mask, score = self.zeros()
        fieldobj = self.s.schema[q.fieldname] if q.fieldname in self.s.schema.names() else None
        if fieldobj is None or not fieldobj.format.supports("positions"):
            return self.fallback(q)
        btexts = [fieldobj.to_bytes(w) for w in q.words]
        keys = None
        for i, btext in enumerate(btexts):
            docs, pos = self.positions(q.fieldname, btext)
            ok = pos >= i
            k = np.unique(docs[ok] * (1 << 24) + (pos[ok] - i))
            keys = k if keys is None else np.intersect1d(keys, k, assume_unique=True)
            if not len(keys):
                return mask, score
        docs, freq = np.unique(keys >> 24, return_counts=True)
        mask[docs] = True
        idf = sum(self.s.idf(q.fieldname, b) for b in btexts)
        lengths = self.table.lengths.get(q.fieldname)
        if lengths is not None:
            avgfl = self.s.avg_field_length(q.fieldname) or 1.0
            tf = freq.astype(np.float32) * getattr(fieldobj.format, "field_boost", 1.0)
            score[docs] = q.boost * idf * (tf * (BM25_K1 + 1)) / (
                tf + BM25_K1 * ((1 - BM25_B) + BM25_B * lengths[docs] / avgfl))
        else:
            score[docs] = q.boost
        return mask, score

    def positions(self, fieldname: str, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
        """(doc numbers, positions) of a term, over all segments."""
        return self._per_segment("positions", position_arrays, fieldname, btext, np.int64)

    def terms(self, fieldname: str, texts: list, boost: float):
        """Union of several terms of one field (one term, or a prefix's expansions)."""
        mask, score = self.zeros()
        if fieldname not in self.s.schema:
            return mask, score
        fieldobj = self.s.schema[fieldname]
        scored = fieldobj.scorable and fieldname in self.table.lengths
        avgfl = (self.s.avg_field_length(fieldname) or 1.0) if scored else 1.0
        lengths = self.table.lengths.get(fieldname)
        for i, text in enumerate(texts):
            if i and i % 32 == 0 and time.monotonic() > self.deadline:
                self.timed_out = True  # the terms so far: a subset of the matches
                break
            btext = fieldobj.to_bytes(text) if not isinstance(text, bytes) else text
            ids, weights = self.postings(fieldname, btext)
            if not len(ids):
                continue
            mask[ids] = True
            if scored:
                idf = self.s.idf(fieldname, btext)
                fl = lengths[ids]
                tf = weights
                score[ids] += boost * idf * (tf * (BM25_K1 + 1)) / (
                    tf + BM25_K1 * ((1 - BM25_B) + BM25_B * fl / avgfl))
            else:
                score[ids] += boost
        return mask, score

    def postings(self, fieldname: str, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
        """(doc numbers, weights) of a term, over all segments."""
        return self._per_segment("postings", posting_arrays, fieldname, btext, np.float32)

    def _per_segment(self, kind, load, fieldname: str, btext: bytes, second_dtype):
        """``load(leaf, fieldname, btext)`` for each segment, cached per segment (segments
        never change), doc numbers shifted to the whole index, joined."""
        docs_parts, other_parts = [], []
        for leaf, offset, segid in self.table.leaves:
            key = (kind, segid, fieldname, btext)
            hit = self.cache.get(key)
            if hit is None:
                hit = load(leaf, fieldname, btext)
                if len(self.cache) > 4096:
                    self.cache.clear()
                self.cache[key] = hit
            docs_parts.append(hit[0] + offset if offset else hit[0])
            other_parts.append(hit[1])
        if len(docs_parts) == 1:
            return docs_parts[0], other_parts[0]
        if not docs_parts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=second_dtype)
        return np.concatenate(docs_parts), np.concatenate(other_parts)

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
