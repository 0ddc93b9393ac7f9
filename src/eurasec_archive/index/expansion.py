"""Term expansion with bounded work: prefix, wildcard (leading ones too) and fuzzy words
-> the index terms they stand for, and spelling candidates.

Whoosh expands these a term at a time in Python (a leading wildcard or a fuzzy word walks the
whole lexicon; 60 fuzzy words took 24 s). Here each segment's lexicon of a field is kept once
as a sorted list and one newline-joined string: a wildcard is one C-level regex scan of the
string (or of the slice sharing its literal prefix), a fuzzy word one rapidfuzz pass over the
slice sharing its first letters. Every expansion stops at ``limit`` terms and at the deadline.
"""

from __future__ import annotations

import bisect
import re
import threading
import time
from collections import OrderedDict

from rapidfuzz import process
from rapidfuzz.distance import OSA

_MAX_LEXICON_BYTES = 256 * 2**20  # lexicons kept, least recently used dropped first (about:
# a term costs its characters plus ~90 bytes of list slot, str and offset); a bound by count
# (64) thrashed at 100,000 documents, whose ~70 segments x fields need more: every prefix
# query rebuilt them all and ran into the deadline (1.5 s, 0 hits)


class _Lexicon:
    """One segment's terms of one field: sorted, and joined with newlines."""

    def __init__(self, leaf, fieldname: str):
        terms = []
        if fieldname in leaf.schema:
            for b in leaf.lexicon(fieldname):
                terms.append(b.decode("utf-8", "replace") if isinstance(b, bytes) else str(b))
        self.terms = terms
        self.joined = "\n".join(terms)
        self.nbytes = len(self.joined) + 90 * len(terms)
        self.starts = []  # character offset of each term in ``joined``
        pos = 0
        for t in terms:
            self.starts.append(pos)
            pos += len(t) + 1

    def span(self, prefix: str) -> tuple[int, int]:
        """Index range of the terms that start with ``prefix``."""
        if not prefix:
            return 0, len(self.terms)
        lo = bisect.bisect_left(self.terms, prefix)
        hi = bisect.bisect_left(self.terms, prefix + "\U0010ffff", lo)
        return lo, hi


class Lexicons:
    """Per-segment lexicons, built on first use and kept (segments never change)."""

    def __init__(self, max_bytes: int = _MAX_LEXICON_BYTES):
        self._lexicons: OrderedDict[tuple[str, str], _Lexicon] = OrderedDict()
        self._lock = threading.Lock()
        self._bytes = 0
        self.max_bytes = max_bytes

    def get(self, leaf, segid: str, fieldname: str) -> _Lexicon:
        key = (segid, fieldname)
        with self._lock:
            lex = self._lexicons.get(key)
            if lex is not None:
                self._lexicons.move_to_end(key)
                return lex
        lex = _Lexicon(leaf, fieldname)
        with self._lock:
            if key not in self._lexicons:
                self._lexicons[key] = lex
                self._bytes += lex.nbytes
            while self._bytes > self.max_bytes and len(self._lexicons) > 1:
                _, old = self._lexicons.popitem(last=False)
                self._bytes -= old.nbytes
        return lex

    def expand(self, leaves, kind: str, fieldname: str, text: str, limit: int, deadline: float,
               maxdist: int = 1, prefixlength: int = 1) -> tuple[list[str], bool]:
        """The distinct terms of ``fieldname`` (over all segments) a prefix/wildcard/fuzzy word
        stands for, at most ``limit``; -> (terms, complete). ``complete`` is False when the
        deadline stopped the scan."""
        found: dict[str, None] = {}
        for leaf, _offset, segid in leaves:
            if time.monotonic() > deadline:
                return list(found), False
            lex = self.get(leaf, segid, fieldname)
            if kind == "prefix":
                terms = _prefix(lex, text, limit)
            elif kind == "wildcard":
                terms = _wildcard(lex, text, limit)
            else:
                terms = _fuzzy(lex, text, maxdist, prefixlength, limit)
            for t in terms:
                found[t] = None
                if len(found) >= limit:
                    return list(found), True
        return list(found), True


def _prefix(lex: _Lexicon, text: str, limit: int) -> list[str]:
    lo, hi = lex.span(text)
    return lex.terms[lo:min(hi, lo + limit)]


def _wildcard(lex: _Lexicon, pattern: str, limit: int) -> list[str]:
    literal = pattern.split("*", 1)[0]
    lo, hi = lex.span(literal)
    if lo >= hi:
        return []
    end = lex.starts[hi - 1] + len(lex.terms[hi - 1])
    haystack = lex.joined[lex.starts[lo]:end]
    regex = re.compile("^" + "[^\n]*".join(re.escape(p) for p in pattern.split("*")) + "$", re.M)
    out = []
    for m in regex.finditer(haystack):
        out.append(m.group(0))
        if len(out) >= limit:
            break
    return out


def _fuzzy(lex: _Lexicon, text: str, maxdist: int, prefixlength: int, limit: int) -> list[str]:
    lo, hi = lex.span(text[:prefixlength])
    if lo >= hi:
        return []
    hits = process.extract(text, lex.terms[lo:hi], scorer=OSA.distance, score_cutoff=maxdist,
                           limit=limit)
    return [term for term, _dist, _i in hits]


def nearest(lex_list: list[_Lexicon], word: str, maxdist: int, limit: int) -> list[tuple[str, int]]:
    """Spelling candidates of ``word`` over several lexicons: (term, distance), nearest first."""
    best: dict[str, int] = {}
    for lex in lex_list:
        lo, hi = lex.span(word[:1])
        if lo >= hi:
            continue
        for term, dist, _i in process.extract(word, lex.terms[lo:hi], scorer=OSA.distance,
                                              score_cutoff=maxdist, limit=limit):
            if term != word:
                best[term] = min(dist, best.get(term, dist))
    return sorted(best.items(), key=lambda td: (td[1], td[0]))[:limit]
