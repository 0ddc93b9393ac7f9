"""When two fingerprints are one story: the decision rule, kept apart from the store so the
benchmark and the tests can read it.

Two items are one story if most of the smaller one's sentences appear in the other (a trimmed
or extended reprint), or if their shingle sets overlap strongly (a reprint whose sentences were
all lightly reworded). One or two shared sentences alone — a quote reused in another story, a
stock phrase — do not make a story; they are recorded as paragraph links ("echoes").
"""

from __future__ import annotations

from dataclasses import dataclass

from eurasec_archive.stories.fingerprint import Fingerprint, jaccard

CONTAINMENT = 0.5  # share of the smaller item's sentences found in the other
MIN_SHARED = 2  # sentences, unless the smaller item has fewer printed sentences than that
JACCARD_SAME = 0.5  # estimated Jaccard of the 4-word shingle sets


@dataclass
class Similarity:
    shared: int  # sentence prints in common
    containment: float  # shared / printed sentences of the smaller item
    jaccard: float  # MinHash estimate over shingles

    @property
    def same_story(self) -> bool:
        return self.jaccard >= JACCARD_SAME or (
            self.containment >= CONTAINMENT and self.shared >= MIN_SHARED)

    @property
    def score(self) -> float:
        return max(self.containment, self.jaccard)


def similarity(a: Fingerprint, b: Fingerprint, a_prints: set[int] | None = None,
               b_prints: set[int] | None = None) -> Similarity:
    """How much of ``a`` and ``b`` is the same text (the print sets may be passed if known)."""
    sa = a.print_set if a_prints is None else a_prints
    sb = b.print_set if b_prints is None else b_prints
    shared = len(sa & sb)
    small = min(len(sa), len(sb))
    containment = shared / small if small else 0.0
    j = jaccard(a.signature, b.signature) if a.words and b.words else 0.0
    if small and small < MIN_SHARED and shared == small and j >= JACCARD_SAME / 2:
        containment, shared = 1.0, MIN_SHARED  # a one-sentence item wholly inside the other
    return Similarity(shared=shared, containment=containment, jaccard=j)
