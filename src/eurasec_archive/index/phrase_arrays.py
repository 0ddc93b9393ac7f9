"""Phrases on position arrays: which documents hold words at consecutive positions, or two
words near each other, and how often, computed with numpy over whole posting arrays.

A word's occurrences in one segment are one sorted int64 array of keys, ``doc << 24 |
position`` (``keys_of``), so that sorting and binary search work on both at once; the
evaluator caches these keys per segment (8 bytes an occurrence, half of separate doc and
position arrays) and runs each phrase segment by segment. ``consecutive`` and ``within`` take
``(docs, positions)`` pairs, the same computation for callers that hold those.
"""

from __future__ import annotations

import numpy as np

_SHIFT = 24  # positions fit in 24 bits (a field of 16 million words)
_POSITION = (1 << _SHIFT) - 1


def _empty() -> tuple[np.ndarray, np.ndarray]:
    return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)


def keys_of(docs: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """The sorted (doc, position) keys of one word's occurrences."""
    keys = docs.astype(np.int64) * (1 << _SHIFT) + positions
    if len(keys) > 1 and not (keys[1:] > keys[:-1]).all():
        keys = np.unique(keys)
    return keys


def consecutive_keys(words: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """(doc numbers, phrase frequencies) of the words (sorted keys each) at consecutive
    positions, in order: the intersection of every word's (doc, start) keys, the rarest word's
    keys first, each next word's looked up by binary search."""
    ordered = sorted(enumerate(words), key=lambda w: len(w[1]))
    keys = None
    for i, k in ordered:
        if i:  # the phrase starts i positions before this word (none before the field's start)
            k = k[(k & _POSITION) >= i] - i
        keys = k if keys is None or not len(k) else _intersect(keys, k)
        if not len(keys):
            return _empty()
    docs, freq = np.unique(keys >> _SHIFT, return_counts=True)
    return docs, freq.astype(np.float32)


def _intersect(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The keys in both sorted, duplicate-free arrays: a binary search of the smaller's in
    the larger when one is much smaller, else one merge (a stable sort of two sorted runs is
    a single merge pass; 2.4x faster than binary searches of 1.5M keys in 2.3M)."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    if len(small) * 16 < len(large):
        at = np.minimum(np.searchsorted(large, small), len(large) - 1)
        return small[large[at] == small]
    both = np.concatenate((a, b))
    both.sort(kind="stable")
    return both[:-1][both[1:] == both[:-1]]


def within_keys(ka: np.ndarray, kb: np.ndarray, slop: int) -> tuple[np.ndarray, np.ndarray]:
    """(doc numbers, frequencies) of two words (sorted keys each) within ``slop`` positions of
    each other, in either order: for each occurrence of the first word, the nearest of the
    second, in the same document."""
    if not len(ka) or not len(kb):
        return _empty()
    at = np.searchsorted(kb, ka)
    after = np.abs(kb[np.minimum(at, len(kb) - 1)] - ka)
    before = np.abs(ka - kb[np.maximum(at - 1, 0)])
    near = np.minimum(after, before) <= slop
    docs, freq = np.unique(ka[near] >> _SHIFT, return_counts=True)
    return docs, freq.astype(np.float32)


def consecutive(words: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """``consecutive_keys`` of (docs, positions) pairs."""
    return consecutive_keys([keys_of(docs, pos) for docs, pos in words])


def within(first: tuple[np.ndarray, np.ndarray], second: tuple[np.ndarray, np.ndarray],
           slop: int) -> tuple[np.ndarray, np.ndarray]:
    """``within_keys`` of (docs, positions) pairs."""
    return within_keys(keys_of(*first), keys_of(*second), slop)
