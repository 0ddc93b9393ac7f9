"""BM25F over doc-number arrays: one idf and one saturation per query word, over the fields
that hold it, each field's term frequency normalized by its own length and weighted.

    tf~(d)  = sum over fields f of  w_f * tf_f(d) / (1 - b + b * len_f(d) / avglen_f)
    score   = idf * tf~ * (k1 + 1) / (k1 + tf~)
    idf     = log(1 + (N - df + 0.5) / (df + 0.5))     (Lucene's; df over all the fields)

``title`` and ``body`` (English analysis, Cyrillic transliterated) form one BM25F; ``body_ru``
(title and text, Russian analysis) is scored alone, and a document keeps the better of the
two, so a Russian item is not counted twice for one word. Averages are over the documents
that have the field.
"""

from __future__ import annotations

import math

import numpy as np

K1, B = 1.2, 0.75
FIELD_WEIGHTS = {"title": 2.0, "body": 1.0, "body_ru": 1.0}
FIELD_B = {}  # per-field length normalization, B where absent
ENGLISH_FIELDS = ("title", "body")


def average_lengths(table) -> dict[str, float]:
    """Mean length of each scored field over the live documents that have it (cached)."""
    cached = getattr(table, "_avg_lengths", None)
    if cached is None:
        cached = {}
        for f, lengths in table.lengths.items():
            have = lengths[table.live & (lengths > 0)]
            cached[f] = float(have.mean()) if len(have) else 1.0
        table._avg_lengths = cached
    return cached


def lucene_idf(n: int, df: int) -> float:
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def bm25f(table, parts: dict[str, tuple[np.ndarray, np.ndarray]], n_live: int) -> np.ndarray:
    """Scores of one term (or phrase) over every document, from its (doc numbers, term
    frequencies) in each field."""
    size = table.doc_count
    score = np.zeros(size, dtype=np.float32)
    if not parts:
        return score
    present = np.zeros(size, dtype=bool)
    acc = np.zeros(size, dtype=np.float32)
    avg = average_lengths(table)
    for f, (ids, tf) in parts.items():
        if not len(ids):
            continue
        present[ids] = True
        lengths = table.lengths.get(f)
        if lengths is None:
            acc[ids] += FIELD_WEIGHTS.get(f, 1.0) * tf
            continue
        b = FIELD_B.get(f, B)
        norm = (1 - b) + b * lengths[ids] / avg.get(f, 1.0)
        acc[ids] += FIELD_WEIGHTS.get(f, 1.0) * tf / norm
    df = int((present & table.live).sum())
    if not df:
        return score
    idf = lucene_idf(n_live, df)
    hit = np.nonzero(present)[0]
    a = acc[hit]
    score[hit] = idf * a * (K1 + 1) / (K1 + a)
    return score
