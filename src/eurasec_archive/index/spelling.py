"""'Did you mean' corrections, from the archive's own words (the ``spell`` field)."""

from __future__ import annotations


def suggest(searcher, text: str, limit: int = 3) -> list[str]:
    """Corrections for a query text: each unknown word replaced by its nearest known spelling."""
    corrector = searcher.corrector("spell")
    words = [w for w in text.lower().split() if w.isalpha() and len(w) > 2]
    out = []
    fixed = []
    changed = False
    for w in words[:8]:
        cands = corrector.suggest(w, limit=8, maxdist=2) if not searcher.doc_frequency("spell", w) else []
        if cands:
            # the nearest spelling first, then the most common word
            best = min(cands, key=lambda c: (edit_distance(w, c), -searcher.doc_frequency("spell", c)))
            fixed.append(best)
            changed = True
        else:
            fixed.append(w)
    if changed:
        out.append(" ".join(fixed))
    return out[:limit]


def edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]
