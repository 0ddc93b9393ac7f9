"""Fingerprints of a text for finding its reprints: the match form of words, sentence prints
and a MinHash signature over word shingles.

Reprints differ in ways that must not matter, so every fingerprint is taken over the *match
form* of the text: Unicode compatibility forms, case, typographic quotes and dashes, accents,
Cyrillic written in Latin letters (the project's transliteration), and the spelling variants
that Latin transliterations of Russian names take (Sergey/Sergei, Zakharova/Zaharova,
Ryzhenkov/Ryjenkov). The title is never fingerprinted: agencies rewrite headlines.

- *sentence prints*: a 63-bit hash of each sentence of at least ``MIN_SENTENCE_WORDS`` words,
  per paragraph. Two reprints share most of them, whatever was dropped, added or reordered; a
  quote reused in another story shares one or two.
- *signature*: MinHash (datasketch) over word ``SHINGLE``-grams taken inside paragraphs (so
  reordering paragraphs does not change it), banded for LSH. It finds reprints whose every
  sentence was lightly reworded, which sentence prints miss.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from eurasec_archive.index import transliterate
from eurasec_archive.models import Item

MIN_SENTENCE_WORDS = 6  # shorter sentences ("He added.") are shared by unrelated stories
SHINGLE = 4  # words per shingle of the MinHash signature
NUM_PERM = 64
BANDS, ROWS = 16, 4  # LSH: a pair with Jaccard J is a candidate with p = 1 - (1 - J^4)^16
_SEED = 1
_SCHEME = "affine32"  # datasketch 2 default; named so stored signatures keep their meaning

_WORD = re.compile(r"\w+")
# a sentence ends at . ! ? … (and closing quotes/brackets) before a space and a capital/digit
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'»”’)\]]*\s+(?=[\"'«“„(\[]?[A-ZА-ЯЁ0-9])")
# Latin spellings of one Russian sound, folded to one form (applied in order, to Latin words).
# Only fingerprints see this form, so English words may be mangled as long as it is consistent.
_SPELLING_FOLDS = (("shch", "sh"), ("sch", "sh"), ("x", "ks"), ("kh", "h"), ("zh", "j"), ("tz", "ts"),
                   ("j", "i"), ("y", "i"), ("w", "v"))
_DOUBLE = re.compile(r"(.)\1+")
# typographic quotes, apostrophes and dashes made plain (the table search uses)
_PLAIN = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u02bc": "'",
                        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
                        **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015"}})


def _fold_spelling(word: str) -> str:
    if word.isdigit():
        return word
    for a, b in _SPELLING_FOLDS:
        word = word.replace(a, b)
    return _DOUBLE.sub(r"\1", word)


@lru_cache(maxsize=200_000)
def _match_word(word: str) -> str:
    word = transliterate(word)
    word = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    return _fold_spelling(word)


def match_words(text: str) -> list[str]:
    """The words of ``text`` in match form: two copies of one text that differ only in
    typography, case, accents, alphabet or transliteration spelling give the same list."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_PLAIN)
    text = text.casefold()
    return list(map(_match_word, _WORD.findall(text)))


def sentences(text: str) -> list[str]:
    """``text`` split into sentences (on the printed text, before case is folded)."""
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


def _hash63(words: list[str]) -> int:
    digest = hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1  # fits SQLite's signed 64-bit integers


@dataclass
class Fingerprint:
    """What the story store keeps of one item."""

    prints: list[tuple[int, int]]  # (sentence hash, paragraph index), in reading order
    signature: np.ndarray  # MinHash values, NUM_PERM 32-bit unsigned integers
    shingles: int  # distinct shingles: the size of the set the signature estimates
    bands: list[int] | None = field(default=None, compare=False)  # LSH band keys, when computed


    @property
    def print_set(self) -> set[int]:
        return {h for h, _ in self.prints}

    def paragraphs_sharing(self, other_prints: set[int]) -> int:
        """How many of this item's paragraphs have a sentence among ``other_prints``."""
        return len({para for h, para in self.prints if h in other_prints})

    def printed_paragraphs(self) -> int:
        return len({para for _, para in self.prints})

    def band_keys(self) -> list[int]:
        """The LSH keys under which the store files this item (none for an item without shingles)."""
        if self.bands is None:
            self.bands = band_keys(self.signature) if self.shingles else []
        return self.bands


@lru_cache(maxsize=1)
def _permutations():
    from datasketch import MinHash  # imported when first needed: it imports scipy (~0.4 s of every serve start)

    return MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME).permutations


def minhash_permutations() -> np.ndarray:
    """datasketch's permutations of the signature (an import's warm-up loads them ahead)."""
    return _permutations()


def _identity(value):
    return value


_SHINGLE_MIX = np.array([0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F, 0x165667B1][:SHINGLE],
                        dtype=np.uint32)


_WORD_HASHES: dict[str, int] = {}  # match-form word -> 32-bit hash (bounded below)


def _word_hash(word: str) -> int:
    h = int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=4).digest(), "big") or 1
    if len(_WORD_HASHES) < 500_000:
        _WORD_HASHES[word] = h
    return h


def shingle_hashes(runs: list[list[str]]) -> np.ndarray:
    """32-bit hashes of the word ``SHINGLE``-grams inside each run of words (runs shorter than a
    shingle give none), combined in numpy from per-word hashes in one pass over the document:
    hashing each shingle's text costs 5x more."""
    words = [w for run in runs for w in run]
    if len(words) < SHINGLE:
        return np.zeros(0, dtype=np.uint32)
    known = _WORD_HASHES
    w = np.array([known.get(x) or _word_hash(x) for x in words], dtype=np.uint32)
    n = len(w) - SHINGLE + 1
    h = np.zeros(n, dtype=np.uint32)
    for j in range(SHINGLE):
        h += w[j:j + n] * _SHINGLE_MIX[j]  # wraps modulo 2^32; datasketch avalanches it after
    run_of = np.repeat(np.arange(len(runs)), [len(r) for r in runs])
    return h[run_of[:n] == run_of[SHINGLE - 1:]]  # no shingle across a paragraph break


def signature_of(hashes: np.ndarray) -> np.ndarray:
    """The MinHash signature (datasketch, NUM_PERM values) of distinct 32-bit shingle hashes."""
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, seed=_SEED, hashfunc=_identity, permutations=_permutations(),
                scheme=_SCHEME)
    if len(hashes):
        m.update_batch(hashes.tolist())  # python ints: datasketch iterates them one by one
    return m.hashvalues.copy()


def band_keys(signature: np.ndarray) -> list[int]:
    """One LSH key per band: the band's index and values, hashed to 63 bits."""
    keys = []
    for b in range(BANDS):
        chunk = signature[b * ROWS:(b + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(bytes([b]) + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big") >> 1)
    return keys


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.count_nonzero(a == b)) / len(a)


def fingerprint(item: Item) -> Fingerprint:
    """The item's fingerprint, from its body paragraphs (never its title), band keys included:
    a pure function of the parsed item, so the import computes it in its parse workers."""
    prints: list[tuple[int, int]] = []
    runs: list[list[str]] = []
    for n, p in enumerate(item.paragraphs):
        text = p.text if not p.items else "\n".join(p.items)
        words: list[str] = []
        for sentence in sentences(text):
            w = match_words(sentence)
            if len(w) >= MIN_SENTENCE_WORDS:
                prints.append((_hash63(w), n))
            words.extend(w)
        runs.append(words)
    hashes = np.unique(shingle_hashes(runs))
    fp = Fingerprint(prints=prints, signature=signature_of(hashes), shingles=len(hashes))
    fp.band_keys()
    return fp
