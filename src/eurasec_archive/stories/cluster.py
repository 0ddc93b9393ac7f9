"""When two fingerprints are one story: the decision rule, kept apart from the store so the
benchmark and the tests can read it.

Two items are one story if

- most of the smaller one's sentences appear in the other — at least two of them, spread over
  at least two of its paragraphs (a trimmed or extended reprint; one shared paragraph is a
  reused quote, one shared sentence a stock phrase) — or
- most of the smaller one's word shingles appear in the other (estimated from the MinHash
  signatures and the set sizes; a reprint whose sentences were lightly reworded), or
- their shingle sets are alike overall (Jaccard).

One or two shared sentences alone — a quote reused in another story, a stock phrase — do not
make a story; the store records them as paragraph links ("echoes"). The thresholds were set on
one generated corpus and checked on another (bench/stories.py, bench/README.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from eurasec_archive.stories.fingerprint import Fingerprint, jaccard

CONTAINMENT = 0.5  # share of the smaller item's sentences found in the other
MIN_SENTENCES = 2  # ... at least this many (if it has that many)
MIN_PARAGRAPHS = 2  # ... spread over this many of its paragraphs (if it has that many)
SHINGLE_CONTAINMENT = 0.6  # share of the smaller item's shingles found in the other
SHINGLE_FLOOR = 0.3  # the Jaccard estimate below which the containment estimate is too noisy
JACCARD_SAME = 0.5  # estimated Jaccard of the 4-word shingle sets


@dataclass
class Similarity:
    shared: int  # sentence prints in common
    containment: float  # shared / printed sentences of the smaller item
    printed_sentences: int  # printed sentences of the smaller item
    shared_paragraphs: int  # paragraphs of the smaller item with a shared sentence
    printed_paragraphs: int  # paragraphs of the smaller item with any printed sentence
    jaccard: float  # MinHash estimate over shingles
    shingle_containment: float  # estimated share of the smaller item's shingles in the other

    @property
    def same_story(self) -> bool:
        if self.jaccard >= JACCARD_SAME:
            return True
        if self.jaccard >= SHINGLE_FLOOR and self.shingle_containment >= SHINGLE_CONTAINMENT:
            return True
        return (self.containment >= CONTAINMENT and self.shared > 0
                and self.shared >= min(MIN_SENTENCES, self.printed_sentences)
                and self.shared_paragraphs >= min(MIN_PARAGRAPHS, self.printed_paragraphs))

    @property
    def score(self) -> float:
        return max(self.containment, self.jaccard, self.shingle_containment)


def similarity(a: Fingerprint, b: Fingerprint, a_prints: set[int] | None = None,
               b_prints: set[int] | None = None) -> Similarity:
    """How much of ``a`` and ``b`` is the same text (the print sets may be passed if known)."""
    sa = a.print_set if a_prints is None else a_prints
    sb = b.print_set if b_prints is None else b_prints
    small, small_set, big_set = (a, sa, sb) if len(sa) <= len(sb) else (b, sb, sa)
    shared = len(sa & sb)
    containment = shared / len(small_set) if small_set else 0.0
    j = jaccard(a.signature, b.signature) if a.shingles and b.shingles else 0.0
    least = min(a.shingles, b.shingles)
    # |A ∩ B| = J |A ∪ B| and |A ∪ B| = (|A| + |B|) / (1 + J)
    inter = j * (a.shingles + b.shingles) / (1 + j)
    return Similarity(shared=shared, containment=containment, printed_sentences=len(small_set),
                      shared_paragraphs=small.paragraphs_sharing(big_set) if shared else 0,
                      printed_paragraphs=small.printed_paragraphs(), jaccard=j,
                      shingle_containment=min(1.0, inter / least) if least else 0.0)
