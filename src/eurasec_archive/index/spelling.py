"""'Did you mean' corrections, from the archive's own words (the ``spell`` field), with
bounded work: at most ``MAX_WORDS`` words, each one rapidfuzz pass over the lexicon slice
sharing its first letter, all within a deadline."""

from __future__ import annotations

import time

from eurasec_archive.index.expansion import Lexicons, nearest

MAX_WORDS = 8  # words of a query looked at
MAX_DISTANCE = 2


def suggest(searcher, table, lexicons: Lexicons, text: str, deadline: float, limit: int = 3) -> list[str]:
    """Corrections for a query text: each unknown word replaced by its nearest known spelling
    (nearest first, then the most common word). Stops at the deadline with what it has."""
    words = [w for w in text.lower().split() if w.isalpha() and len(w) > 2]
    lexes = None
    fixed, changed = [], False
    for w in words[:MAX_WORDS]:
        if time.monotonic() > deadline:
            break
        if searcher.doc_frequency("spell", w):
            fixed.append(w)
            continue
        if lexes is None:
            lexes = [lexicons.get(leaf, segid, "spell") for leaf, _offset, segid in table.leaves]
        cands = nearest(lexes, w, MAX_DISTANCE, 8)
        if cands:
            best = min(cands, key=lambda c: (c[1], -searcher.doc_frequency("spell", c[0])))
            fixed.append(best[0])
            changed = True
        else:
            fixed.append(w)
    return [" ".join(fixed)][:limit] if changed else []
