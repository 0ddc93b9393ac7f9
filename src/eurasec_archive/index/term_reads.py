"""What the evaluator reads of the index: a term's postings and a phrase's position keys,
segment by segment, cached per segment (segments never change) and checked against the
deadline before each segment it must read.

Past the deadline a read is cut short (None, ``timed_out``); what was read stays in the cache,
so the next search of the same words goes on from there: a heavy query completes within a
few tries instead of never, and no request holds a core much past its time limit (at most
one segment's read: at 1M items, 20 segments of ~50,000 documents).
"""

from __future__ import annotations

import time

import numpy as np

from eurasec_archive.index.internals import position_arrays, posting_arrays
from eurasec_archive.index.phrase_arrays import consecutive_keys, keys_of, within_keys


class TermReads:
    """Reads for ``Evaluator`` (which sets ``s``, ``table``, ``cache``, ``deadline`` and
    ``timed_out``)."""

    def phrase_freqs(self, q) -> tuple[np.ndarray, np.ndarray] | None:
        """(doc numbers, phrase frequencies) of ``q``'s words at consecutive positions; None
        if the deadline cut it short."""
        return self._per_segment_phrase(q.fieldname, q.words, consecutive_keys)

    def window_freqs(self, q) -> tuple[np.ndarray, np.ndarray] | None:
        """(doc numbers, frequencies) of ``q``'s two words within ``q.slop`` positions; None
        if the deadline cut it short."""
        return self._per_segment_phrase(q.fieldname, q.words[:2], lambda k: within_keys(*k, q.slop))

    def _per_segment_phrase(self, fieldname: str, words, combine) -> tuple[np.ndarray, np.ndarray] | None:
        """``combine`` of the words' position keys in each segment (a phrase never spans
        two), doc numbers shifted to the whole index, joined. The deadline is checked before
        each segment: past it the phrase is cut short (None, ``timed_out``), and the keys read
        so far stay cached, so the next search of these words goes on from there instead of
        starting again (a heavy phrase completes within a few tries, not never)."""
        fieldobj = self.s.schema[fieldname]
        btexts = [fieldobj.to_bytes(w) for w in words]
        docs_parts, freq_parts = [], []
        for leaf, offset, segid in self.table.leaves:
            if time.monotonic() > self.deadline:
                self.timed_out = True
                return None
            docs, freq = combine([self._position_keys(leaf, segid, fieldname, b) for b in btexts])
            docs_parts.append(docs + offset if offset else docs)
            freq_parts.append(freq)
        if not docs_parts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        if len(docs_parts) == 1:
            return docs_parts[0], freq_parts[0]
        return np.concatenate(docs_parts), np.concatenate(freq_parts)

    def _position_keys(self, leaf, segid: str, fieldname: str, btext: bytes) -> np.ndarray:
        """The sorted (doc, position) keys of a term in one segment, cached."""
        key = ("keys", segid, fieldname, btext)
        keys = self.cache.get(key)
        if keys is None:
            keys = keys_of(*position_arrays(leaf, fieldname, btext))
            self.cache[key] = keys  # the cache bounds itself (tables.ArrayCache: by bytes)
        return keys

    def postings(self, fieldname: str, btext: bytes) -> tuple[np.ndarray, np.ndarray] | None:
        """(doc numbers, weights) of a term, over all segments; None if the deadline passed
        before a segment not read yet (those read are cached: the next try goes on)."""
        return self._per_segment("postings", posting_arrays, fieldname, btext, np.float32)

    def _per_segment(self, kind, load, fieldname: str, btext: bytes, second_dtype):
        """``load(leaf, fieldname, btext)`` for each segment, cached per segment (segments
        never change), doc numbers shifted to the whole index, joined; None (and
        ``timed_out``) when the deadline passes before a segment that must be read."""
        docs_parts, other_parts = [], []
        for leaf, offset, segid in self.table.leaves:
            key = (kind, segid, fieldname, btext)
            hit = self.cache.get(key)
            if hit is None:
                if time.monotonic() > self.deadline:
                    self.timed_out = True
                    return None
                hit = load(leaf, fieldname, btext)
                self.cache[key] = hit  # the cache bounds itself (tables.ArrayCache: by bytes)
            docs_parts.append(hit[0] + offset if offset else hit[0])
            other_parts.append(hit[1])
        if len(docs_parts) == 1:
            return docs_parts[0], other_parts[0]
        if not docs_parts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=second_dtype)
        return np.concatenate(docs_parts), np.concatenate(other_parts)
