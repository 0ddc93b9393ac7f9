"""Phrases on position arrays: which documents hold words at consecutive positions, or two
words near each other, and how often, computed with numpy over whole posting arrays.

Each word comes as ``(docs, positions)``, two parallel arrays (one row per occurrence, sorted by
document then position, as postings are). A (document, position) pair is one int64 key,
``doc << 24 | position``, so that sorting and binary search work on both at once.
"""

from __future__ import annotations

import numpy as np

_SHIFT = 24  # positions fit in 24 bits (a field of 16 million words)


def _empty() -> tuple[np.ndarray, np.ndarray]:
    return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)


def consecutive(words: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """(doc numbers, phrase frequencies) of the words at consecutive positions, in order:
    the intersection of every word's (doc, start) keys, the rarest word's keys first, each next
    word's looked up by binary search."""
    ordered = sorted(((i, docs, pos) for i, (docs, pos) in enumerate(words)), key=lambda w: len(w[1]))
    keys = None
    for i, docs, pos in ordered:
        ok = pos >= i
        k = docs[ok] * (1 << _SHIFT) + (pos[ok] - i)
        if len(k) > 1 and not (k[1:] > k[:-1]).all():
            k = np.unique(k)
        if keys is None or not len(k):
            keys = k
        else:
            at = np.minimum(np.searchsorted(k, keys), len(k) - 1)
            keys = keys[k[at] == keys]
        if not len(keys):
            return _empty()
    docs, freq = np.unique(keys >> _SHIFT, return_counts=True)
    return docs, freq.astype(np.float32)


def within(first: tuple[np.ndarray, np.ndarray], second: tuple[np.ndarray, np.ndarray],
           slop: int) -> tuple[np.ndarray, np.ndarray]:
    """(doc numbers, frequencies) of two words within ``slop`` positions of each other, in
    either order: for each position of the first word, the nearest position of the second."""
    (docs_a, pos_a), (docs_b, pos_b) = first, second
    if not len(docs_a) or not len(docs_b):
        return _empty()
    ka = docs_a * (1 << _SHIFT) + pos_a
    kb = np.sort(docs_b * (1 << _SHIFT) + pos_b)
    at = np.searchsorted(kb, ka)
    after = np.abs(kb[np.minimum(at, len(kb) - 1)] - ka)
    before = np.abs(ka - kb[np.maximum(at - 1, 0)])
    near = np.minimum(after, before) <= slop
    docs, freq = np.unique(docs_a[near], return_counts=True)
    return docs, freq.astype(np.float32)
