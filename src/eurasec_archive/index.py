"""The ONLY module that imports whoosh: schema, analyzers, writer, searcher pool, and the
raw search (match set, facet counts over doc-number arrays, scored top-N, highlight spans).

Analyzers: ``body`` folds case and accents, transliterates Cyrillic to Latin (so Лавров finds
Lavrov and back) and stems English; ``body_ru`` keeps Cyrillic and stems Russian. Queries run
on both, so each language gets its stemmer. Facet values are indexed verbatim in ``f_*``
keyword fields and counted with numpy over postings, never by grouped queries.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import pickle
import re
import shutil
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np
from whoosh import index as windex
from whoosh import qparser
from whoosh import query as wquery
from whoosh.analysis import (
    CharsetFilter,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, TEXT, Schema
from whoosh.index import LockError
from whoosh.reading import TermNotFound
from whoosh.support.charset import accent_map
from whoosh.util.numeric import byte_to_length

from eurasec_archive.archive import dump_json, storage_errors
from eurasec_archive.errors import BadQuery, StorageError
from eurasec_archive.facets import FACETS, facet_values
from eurasec_archive.models import Item

INDEX_NAME = "items"
SEARCH_TIME_LIMIT = 2.0  # seconds; a slower query returns partial results, flagged
SEARCHER_POOL_SIZE = 32  # open searchers kept for reuse across request threads
MAX_EXPANSION = 256  # terms a prefix/wildcard/fuzzy query may expand to

_CYR2LAT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i", "ў": "u",
    "ї": "yi", "є": "ye", "ґ": "g",
}
_TRANSLIT = str.maketrans(_CYR2LAT)
# accents folded, and typographic apostrophes/dashes made plain so "Russia’s" meets "Russia's"
FOLD_MAP = dict(accent_map)
FOLD_MAP.update({ord(c): "'" for c in "’‘ʼ`"})
FOLD_MAP.update({ord(c): "-" for c in "‐‑‒–—"})


def transliterate(text: str) -> str:
    """Cyrillic -> Latin (BGN-like, simplified so that common name spellings meet)."""
    return text.translate(_TRANSLIT)


class TransliterateFilter(Filter):
    """Rewrites Cyrillic tokens in Latin letters."""

    def __call__(self, tokens):
        for t in tokens:
            t.text = t.text.translate(_TRANSLIT)
            yield t


_CYRILLIC = re.compile("[\u0400-\u04ff]")
_WORDS = re.compile(r"\w+(?:[.'’-]\w+)*")


def _tokenizer():
    return RegexTokenizer(r"\w+(?:[.'’ʼ‐‑-]\w+)*")


def body_analyzer():
    return (_tokenizer() | LowercaseFilter() | TransliterateFilter() | CharsetFilter(FOLD_MAP)
            | StopFilter(lang="en", minsize=1) | StemFilter(lang="en", cachesize=50000))


def russian_analyzer():
    return (_tokenizer() | LowercaseFilter() | CharsetFilter(FOLD_MAP)
            | StopFilter(lang="ru", minsize=1) | StemFilter(lang="ru", cachesize=50000))


def names_analyzer():
    return _tokenizer() | LowercaseFilter() | TransliterateFilter() | CharsetFilter(FOLD_MAP)


def facet_analyzer():
    # facet values are indexed verbatim, one token per value, separated by tabs
    return RegexTokenizer(r"[^\t]+")


def make_schema() -> Schema:
    fields = dict(
        id=ID(stored=True, unique=True),
        rev=ID(stored=True),
        title=TEXT(analyzer=body_analyzer(), field_boost=3.0, multitoken_query="or"),
        body=TEXT(analyzer=body_analyzer(), multitoken_query="or"),
        body_ru=TEXT(analyzer=russian_analyzer(), multitoken_query="or"),
        speaker=TEXT(analyzer=names_analyzer(), phrase=True),
        person=TEXT(analyzer=names_analyzer(), phrase=True),
        org=TEXT(analyzer=names_analyzer(), phrase=True),
        place=TEXT(analyzer=names_analyzer(), phrase=True),
        outlet=TEXT(analyzer=names_analyzer(), phrase=True),
        lang=ID,
        date=DATETIME,
        date_num=NUMERIC(sortable=True, bits=32),
        spell=TEXT(analyzer=_tokenizer() | LowercaseFilter(), phrase=False),
    )
    for f in FACETS:
        fields[f.field] = KEYWORD(analyzer=facet_analyzer(), scorable=False)
    return Schema(**fields)


def item_rev(item: Item) -> str:
    """A digest of an item's stored form: the index entry is current iff the revs agree."""
    return hashlib.sha256(dump_json(item.to_json())).hexdigest()[:16]


def date_number(date: str | None) -> int:
    """'2025-06-09' -> 20250609, '2025-06' -> 20250600, '2025' -> 20250000, None -> 0"""
    if not date:
        return 0
    parts = [int(x) for x in date.split("-")] + [0, 0]
    return parts[0] * 10000 + parts[1] * 100 + parts[2]


def item_document(item: Item) -> dict:
    body_parts = [p.text for p in item.paragraphs]
    body = "\n".join(body_parts)
    doc = dict(
        id=item.id,
        rev=item_rev(item),
        title=item.title,
        body=body,
        speaker="\n".join(s.name for s in item.speakers),
        person="\n".join(item.people),
        org="\n".join(f"{o.name} {o.acronym or ''}" for o in item.organizations),
        place="\n".join(item.places),
        outlet=item.outlet or "",
        lang=item.language,
        date_num=date_number(item.date),
        # the spelling dictionary needs each word once, not every occurrence
        spell=" ".join(dict.fromkeys(_WORDS.findall(f"{item.title}\n{body}".lower()))),
    )
    if item.language in ("ru", "be", "uk") or _CYRILLIC.search(body, 0, 5000):
        doc["body_ru"] = f"{item.title}\n{body}"
    if item.date:
        parts = [int(x) for x in item.date.split("-")]
        doc["date"] = datetime(parts[0], *(parts[1:] + [1, 1])[:2])
    for f in FACETS:
        values = facet_values(f, item)
        if values:
            doc[f.field] = "\t".join(v.replace("\t", " ") for v in values)
    return doc


# ---------------------------------------------------------------------------- per-segment arrays

SCORED_FIELDS = ("title", "body", "body_ru")
_LENGTH_TABLE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float32)


def _posting_arrays(leaf, fieldname: str, text) -> tuple[np.ndarray, np.ndarray]:
    """(docnums, weights) of one term in one segment, deleted documents included (the
    caller masks them), read a block at a time instead of a posting at a time."""
    try:
        m = leaf.postings(fieldname, text)
    except TermNotFound:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    while hasattr(m, "child") and not hasattr(m, "_read_ids"):
        m = m.child  # deletion filters: masked by the caller instead
    ids_parts, weight_parts = [], []
    if hasattr(m, "_read_ids") and hasattr(m, "_next_block"):
        while m.is_active():
            m._read_ids()
            m._read_weights()
            ids_parts.append(np.asarray(m._ids, dtype=np.int64))
            weight_parts.append(np.asarray(m._weights, dtype=np.float32))
            m._next_block()
    else:
        ids, weights = [], []
        while m.is_active():
            ids.append(m.id())
            weights.append(m.weight())
            m.next()
        ids_parts.append(np.asarray(ids, dtype=np.int64))
        weight_parts.append(np.asarray(weights, dtype=np.float32))
    if not ids_parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    return np.concatenate(ids_parts), np.concatenate(weight_parts)


def _position_arrays(leaf, fieldname: str, text) -> tuple[np.ndarray, np.ndarray]:
    """(docnum, position) pairs of one term in one segment, as two flat arrays."""
    empty = np.zeros(0, dtype=np.int64)
    try:
        m = leaf.postings(fieldname, text)
    except TermNotFound:
        return empty, empty
    while hasattr(m, "child") and not hasattr(m, "_read_ids"):
        m = m.child
    ids, values = [], []
    if hasattr(m, "_read_values") and hasattr(m, "_next_block"):
        while m.is_active():
            m._read_ids()
            m._read_values()
            ids.extend(m._ids)
            values.extend(m._values)
            m._next_block()
    else:
        while m.is_active():
            ids.append(m.id())
            values.append(m.value())
            m.next()
    counts, deltas = [], []
    for v in values:  # whoosh Positions format: 4-byte count, then a pickled delta list
        codes = pickle.loads(v[4:] if v.endswith(b".") else v[4:] + b".")
        counts.append(len(codes))
        deltas.extend(codes)
    if not deltas:
        return empty, empty
    counts_a = np.asarray(counts, dtype=np.int64)
    d = np.asarray(deltas, dtype=np.int64)
    total = np.cumsum(d)
    starts = np.cumsum(counts_a) - counts_a
    positions = total - np.repeat(total[starts] - d[starts], counts_a)
    return np.repeat(np.asarray(ids, dtype=np.int64), counts_a), positions


def _column_array(leaf, fieldname: str, n: int) -> np.ndarray:
    """A numeric column of one segment as an int64 array, read in one go."""
    if not leaf.has_column(fieldname):
        return np.zeros(n, dtype=np.int64)
    col = leaf.column_reader(fieldname)
    raw = col.raw_column() if hasattr(col, "raw_column") else col
    if not all(hasattr(raw, a) for a in ("_dbfile", "_basepos", "_count", "_typecode")):
        return np.fromiter((col[i] for i in range(n)), dtype=np.int64, count=n)
    data = raw._dbfile.get(raw._basepos, raw._count * raw._fixedlen)
    values = np.frombuffer(data, dtype=">" + raw._typecode).astype(np.int64)
    if len(values) < n:
        values = np.concatenate([values, np.full(n - len(values), raw._default, dtype=np.int64)])
    # the column stores an encoded form: translate each distinct value once
    uniq, inverse = np.unique(values, return_inverse=True)
    if col is not raw:
        uniq = np.array([col._translate(int(u)) or 0 for u in uniq], dtype=np.int64)
    return uniq[inverse]


def _length_array(leaf, fieldname: str, n: int) -> np.ndarray:
    reader = leaf._perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN) \
        if hasattr(leaf, "_perdoc") else None
    if reader is None or not hasattr(reader, "_dbfile"):
        return np.array([leaf.doc_field_length(i, fieldname) or 0 for i in range(n)],
                        dtype=np.float32)
    data = np.frombuffer(reader._dbfile.get(reader._basepos, reader._count), dtype=np.uint8)
    out = np.zeros(n, dtype=np.float32)
    out[:len(data)] = _LENGTH_TABLE[data[:n]]
    return out


@dataclass
class SegmentArrays:
    """What one (immutable) segment contributes: dates, field lengths, facet postings.
    Built once per segment and reused by every searcher generation that contains it."""

    doc_count: int
    dates: np.ndarray
    lengths: dict[str, np.ndarray]
    facets: dict[str, tuple[np.ndarray, np.ndarray, list[str]]]


def _segment_arrays(leaf) -> SegmentArrays:
    n = leaf.doc_count_all()
    facets = {}
    for f in FACETS:
        docs, terms, names = [], [], []
        if f.field in leaf.schema:
            for value in leaf.lexicon(f.field):
                ids, _ = _posting_arrays(leaf, f.field, value)
                if len(ids):
                    docs.append(ids)
                    terms.append(np.full(len(ids), len(names), dtype=np.int32))
                    names.append(value.decode("utf-8") if isinstance(value, bytes) else value)
        facets[f.name] = (np.concatenate(docs) if docs else np.zeros(0, dtype=np.int64),
                          np.concatenate(terms) if terms else np.zeros(0, dtype=np.int32), names)
    lengths = {f: _length_array(leaf, f, n) for f in SCORED_FIELDS if f in leaf.schema}
    return SegmentArrays(doc_count=n, dates=_column_array(leaf, "date_num", n), lengths=lengths,
                         facets=facets)


@dataclass
class FacetTable:
    """For one searcher generation: live documents, dates, field lengths and, per facet,
    (doc array, value-number array, values), concatenated from the segments' arrays."""

    doc_count: int
    live: np.ndarray
    dates: np.ndarray
    pairs: dict[str, tuple[np.ndarray, np.ndarray, list[str]]] = field(default_factory=dict)
    lengths: dict[str, np.ndarray] = field(default_factory=dict)
    leaves: list[tuple[object, int, str]] = field(default_factory=list)
    reader: object = None

    def value_mask(self, facet: str, values: list[str]) -> np.ndarray:
        docs, terms, names = self.pairs[facet]
        chosen = set(values)
        wanted = np.array([i for i, v in enumerate(names) if v in chosen], dtype=np.int32)
        mask = np.zeros(self.doc_count, dtype=bool)
        if len(wanted):
            mask[docs[np.isin(terms, wanted)]] = True
        return mask

    def counts(self, facet: str, mask: np.ndarray) -> list[tuple[str, int]]:
        docs, terms, names = self.pairs[facet]
        if not len(docs):
            return []
        c = np.bincount(terms[mask[docs]], minlength=len(names))
        nz = np.nonzero(c)[0]
        return [(names[i], int(c[i])) for i in nz]


def _segment_id(leaf) -> str:
    segment = leaf.segment() if hasattr(leaf, "segment") else None
    # an empty index's reader has no segment
    return segment.segment_id() if segment is not None else f"reader-{id(leaf)}"


def _combine_segments(reader, parts: list[tuple[SegmentArrays, int]]) -> FacetTable:
    n = reader.doc_count_all()
    live = np.ones(n, dtype=bool)
    if reader.has_deletions():
        live[:] = False
        live[np.fromiter(reader.all_doc_ids(), dtype=np.int64)] = True
    dates = np.zeros(n, dtype=np.int64)
    lengths = {f: np.zeros(n, dtype=np.float32) for f in SCORED_FIELDS}
    for seg, offset in parts:
        dates[offset:offset + seg.doc_count] = seg.dates
        for f, arr in seg.lengths.items():
            lengths[f][offset:offset + seg.doc_count] = arr
    table = FacetTable(doc_count=n, live=live, dates=dates, lengths=lengths)
    for f in FACETS:
        names: list[str] = []
        number: dict[str, int] = {}
        docs, terms = [], []
        for seg, offset in parts:
            sdocs, sterms, snames = seg.facets[f.name]
            remap = np.array([number.setdefault(v, len(number)) for v in snames], dtype=np.int32)
            docs.append(sdocs + offset)
            terms.append(remap[sterms] if len(snames) else sterms)
        names = list(number)
        table.pairs[f.name] = (np.concatenate(docs) if docs else np.zeros(0, dtype=np.int64),
                               np.concatenate(terms) if terms else np.zeros(0, dtype=np.int32),
                               names)
    return table


# ---------------------------------------------------------------------------- query evaluation

BM25_B, BM25_K1 = 0.75, 1.2


class _Evaluator:
    """Evaluates a parsed query over whole posting arrays with numpy: match mask and BM25F
    score for every document at once, instead of a Python step per posting. Term, And, Or
    (with a coordination bonus), AndNot, AndMaybe, Not, Every and prefix/wildcard/fuzzy
    expansions are done here; anything else (phrases, ranges) runs on Whoosh's own matchers,
    checked against the deadline so that a slow query returns partial results."""

    def __init__(self, searcher, table: FacetTable, deadline: float, cache: dict):
        self.s = searcher
        self.table = table
        self.n = table.doc_count
        self.deadline = deadline
        self.timed_out = False
        self.cache = cache

    def run(self, q) -> tuple[np.ndarray, np.ndarray]:
        mask, score = self.node(q)
        return mask & self.table.live, score

    def zeros(self):
        return np.zeros(self.n, dtype=bool), np.zeros(self.n, dtype=np.float32)

    def node(self, q):
        if time.monotonic() > self.deadline:  # each clause checks, not only the slow matcher
            self.timed_out = True
            return self.zeros()
        if isinstance(q, wquery.Term):
            return self.terms(q.fieldname, [q.text], q.boost)
        if isinstance(q, wquery.MultiTerm) and not isinstance(q, wquery.Term):
            texts = list(q._btexts(self.s.reader()))
            return self.terms(q.fieldname, texts, q.boost)
        if isinstance(q, wquery.Every):
            return self.table.live.copy(), np.zeros(self.n, dtype=np.float32)
        if isinstance(q, wquery.NullQuery.__class__) or q is wquery.NullQuery:
            return self.zeros()
        if isinstance(q, wquery.AndNot):
            mask, score = self.node(q.a)
            neg, _ = self.node(q.b)
            mask &= ~neg
            return mask, np.where(mask, score, 0).astype(np.float32)
        if isinstance(q, wquery.AndMaybe):
            mask, score = self.node(q.a)
            _, extra = self.node(q.b)
            return mask, np.where(mask, score + extra, 0).astype(np.float32)
        if isinstance(q, wquery.Not):
            inner, _ = self.node(q.query)
            return self.table.live & ~inner, np.zeros(self.n, dtype=np.float32)
        if type(q) in (wquery.And, wquery.Require):
            subs = [self.node(sub) for sub in q.subqueries]
            mask = subs[0][0].copy()
            score = subs[0][1].copy()
            for m, sc in subs[1:]:
                mask &= m
                score += sc
            score[~mask] = 0
            return mask, score * q.boost
        if type(q) in (wquery.Or, wquery.DisjunctionMax) and not getattr(q, "minmatch", 0):
            mask, score = self.zeros()
            matched = np.zeros(self.n, dtype=np.float32)
            for sub in q.subqueries:
                m, sc = self.node(sub)
                mask |= m
                if isinstance(q, wquery.DisjunctionMax):
                    np.maximum(score, sc, out=score)
                else:
                    score += sc
                matched += m
            scale = getattr(q, "scale", None)
            if scale and len(q.subqueries) > 1:
                # documents with more of the words first: score * ((1-s) + s * matched/total)
                score *= (1 - scale) + scale * matched / len(q.subqueries)
            return mask, score * q.boost
        if isinstance(q, wquery.Phrase) and q.slop == 1 and len(q.words) > 1:
            return self.phrase(q)
        return self.fallback(q)

    def phrase(self, q):
        """Words at consecutive positions: (doc, start) keys of every word, intersected."""
        mask, score = self.zeros()
        fieldobj = self.s.schema[q.fieldname] if q.fieldname in self.s.schema.names() else None
        if fieldobj is None or not fieldobj.format.supports("positions"):
            return self.fallback(q)
        btexts = [fieldobj.to_bytes(w) for w in q.words]
        keys = None
        for i, btext in enumerate(btexts):
            docs, pos = self.positions(q.fieldname, btext)
            ok = pos >= i
            k = np.unique(docs[ok] * (1 << 24) + (pos[ok] - i))
            keys = k if keys is None else np.intersect1d(keys, k, assume_unique=True)
            if not len(keys):
                return mask, score
        docs, freq = np.unique(keys >> 24, return_counts=True)
        mask[docs] = True
        idf = sum(self.s.idf(q.fieldname, b) for b in btexts)
        lengths = self.table.lengths.get(q.fieldname)
        if lengths is not None:
            avgfl = self.s.avg_field_length(q.fieldname) or 1.0
            tf = freq.astype(np.float32) * getattr(fieldobj.format, "field_boost", 1.0)
            score[docs] = q.boost * idf * (tf * (BM25_K1 + 1)) / (
                tf + BM25_K1 * ((1 - BM25_B) + BM25_B * lengths[docs] / avgfl))
        else:
            score[docs] = q.boost
        return mask, score

    def positions(self, fieldname: str, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
        """(doc numbers, positions) of a term, over all segments."""
        return self._per_segment("positions", _position_arrays, fieldname, btext, np.int64)

    def terms(self, fieldname: str, texts: list, boost: float):
        """Union of several terms of one field (one term, or a prefix's expansions)."""
        mask, score = self.zeros()
        if fieldname not in self.s.schema:
            return mask, score
        fieldobj = self.s.schema[fieldname]
        scored = fieldobj.scorable and fieldname in self.table.lengths
        avgfl = (self.s.avg_field_length(fieldname) or 1.0) if scored else 1.0
        lengths = self.table.lengths.get(fieldname)
        for text in texts:
            btext = fieldobj.to_bytes(text) if not isinstance(text, bytes) else text
            ids, weights = self.postings(fieldname, btext)
            if not len(ids):
                continue
            mask[ids] = True
            if scored:
                idf = self.s.idf(fieldname, btext)
                fl = lengths[ids]
                tf = weights
                score[ids] += boost * idf * (tf * (BM25_K1 + 1)) / (
                    tf + BM25_K1 * ((1 - BM25_B) + BM25_B * fl / avgfl))
            else:
                score[ids] += boost
        return mask, score

    def postings(self, fieldname: str, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
        """(doc numbers, weights) of a term, over all segments."""
        return self._per_segment("postings", _posting_arrays, fieldname, btext, np.float32)

    def _per_segment(self, kind, load, fieldname: str, btext: bytes, second_dtype):
        """``load(leaf, fieldname, btext)`` for each segment, cached per segment (segments
        never change), doc numbers shifted to the whole index, joined."""
        docs_parts, other_parts = [], []
        for leaf, offset, segid in self.table.leaves:
            key = (kind, segid, fieldname, btext)
            hit = self.cache.get(key)
            if hit is None:
                hit = load(leaf, fieldname, btext)
                if len(self.cache) > 4096:
                    self.cache.clear()
                self.cache[key] = hit
            docs_parts.append(hit[0] + offset if offset else hit[0])
            other_parts.append(hit[1])
        if len(docs_parts) == 1:
            return docs_parts[0], other_parts[0]
        if not docs_parts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=second_dtype)
        return np.concatenate(docs_parts), np.concatenate(other_parts)

    def fallback(self, q):
        """Whoosh's matcher for this query, one document at a time, within the deadline."""
        mask, score = self.zeros()
        if self.timed_out:
            return mask, score
        subsearchers = self.s.subsearchers if hasattr(self.s, "subsearchers") and \
            self.s.subsearchers else [(self.s, 0)]
        for sub, offset in subsearchers:
            m = q.matcher(sub, sub.context())
            ids, scores = [], []
            steps = 0
            while m.is_active():
                ids.append(m.id() + offset)
                scores.append(m.score())
                m.next()
                steps += 1
                if steps % 256 == 0 and time.monotonic() > self.deadline:
                    self.timed_out = True
                    break
            if ids:
                idx = np.asarray(ids, dtype=np.int64)
                mask[idx] = True
                score[idx] = np.asarray(scores, dtype=np.float32)
            if self.timed_out:
                break
        return mask, score


# ---------------------------------------------------------------------------- search


@dataclass
class RawHit:
    id: str
    score: float | None
    docnum: int


@dataclass
class RawResults:
    total: int
    hits: list[RawHit]
    facets: dict[str, list[tuple[str, int]]]
    timeline: list[tuple[str, int]]
    terms: set[tuple[str, str]]
    timed_out: bool = False
    suggestions: list[str] = field(default_factory=list)


class ArchiveIndex:
    """The Whoosh index of an archive. One per process; searchers are kept per thread and
    refreshed when the index changes (never opened per request)."""

    def __init__(self, path: str | Path, time_limit: float | None = None):
        """:param time_limit: seconds a search may take before it returns partial results
        flagged ``timed_out`` (default SEARCH_TIME_LIMIT)"""
        self.path = Path(path)
        self.time_limit = SEARCH_TIME_LIMIT if time_limit is None else time_limit
        self._local = threading.local()
        self._pool: list = []
        self._pool_lock = threading.Lock()
        self._tables: dict[int, FacetTable] = {}
        self._segments: dict[str, SegmentArrays] = {}
        self._postings: dict = {}  # (segment id, field, term) -> (docnums, weights)
        self._highlight_cache: dict = {}  # (language, text) -> term -> words of the text
        self._tables_lock = threading.Lock()
        self._ix = None
        self._parser = None

    # ------------------------------------------------------------ lifecycle

    def exists(self) -> bool:
        """True if an index is there, readable or not (``check`` says which): a garbled TOC
        made Whoosh's exists_in raise, so `serve` crashed instead of rebuilding."""
        return self.path.is_dir() and any(self.path.glob(f"_{INDEX_NAME}_*.toc"))

    def ensure(self) -> ArchiveIndex:
        try:
            if not self.exists():
                self.path.mkdir(parents=True, exist_ok=True)
                self._ix = windex.create_in(str(self.path), make_schema(), indexname=INDEX_NAME)
        except OSError as e:
            raise StorageError(f"cannot create index in {self.path}: {e.strerror or e}") from e
        return self

    def check(self) -> str | None:
        """None if the index opens and reads; otherwise what is wrong with it."""
        if not self.exists():
            return "index missing"
        try:
            ix = windex.open_dir(str(self.path), indexname=INDEX_NAME)
            with ix.searcher() as s:
                s.doc_count()
                list(s.lexicon("id"))[:1]
        except Exception as e:  # noqa: BLE001 - any failure to read means: rebuild
            return f"index unreadable ({type(e).__name__}: {e})"
        return None

    @property
    def ix(self):
        if self._ix is None:
            self.ensure()
            self._ix = windex.open_dir(str(self.path), indexname=INDEX_NAME)
        return self._ix

    def _writer(self):
        deadline = time.monotonic() + 60
        while True:
            try:
                return self.ix.writer()
            except LockError:
                if time.monotonic() > deadline:
                    raise StorageError(f"index {self.path} is locked by another writer") from None
                time.sleep(0.2)

    def add_items(self, items: list[Item], merge: bool = True) -> None:
        """Add or replace the index entries of ``items`` (one commit).

        :param merge: let Whoosh merge small segments; a bulk import passes False for its
            intermediate batches (merging each time costs more than the batch) and True last
        """
        if not items:
            return
        w = self._writer()
        try:
            for item in items:
                w.update_document(**item_document(item))
        except BaseException:
            w.cancel()
            raise
        with storage_errors(f"cannot write the index {self.path}"):  # disk full: one line
            w.commit(merge=merge)

    def delete(self, item_id: str) -> None:
        w = self._writer()
        w.delete_by_term("id", item_id)
        with storage_errors(f"cannot write the index {self.path}"):
            w.commit()

    def rebuild(self, items) -> int:
        """Build a fresh index from ``items`` beside the old one, then swap it in."""
        with storage_errors(f"cannot rebuild the index {self.path}"):  # disk full: one line
            tmp = self.path.with_name(self.path.name + ".new")
            shutil.rmtree(tmp, ignore_errors=True)
            tmp.mkdir(parents=True)
            ix = windex.create_in(str(tmp), make_schema(), indexname=INDEX_NAME)
            w = ix.writer()
            n = 0
            for item in items:
                w.add_document(**item_document(item))
                n += 1
            w.commit(optimize=True)
            old = self.path.with_name(self.path.name + ".old")
            shutil.rmtree(old, ignore_errors=True)
            if self.path.exists():
                self.path.rename(old)
            tmp.rename(self.path)
            shutil.rmtree(old, ignore_errors=True)
        self._ix = None
        self._local = threading.local()
        with self._pool_lock:
            self._pool = []
        return n

    def entries(self) -> dict[str, str]:
        """item id -> rev for every live document in the index."""
        with self.ix.searcher() as s:
            return {f["id"]: f.get("rev", "") for f in s.all_stored_fields()}

    def stale_test(self):
        """A test, over the index as it is now: is this item's entry missing or stale?"""
        entries = self.entries() if self.exists() else {}
        return lambda item: entries.get(item.id) != item_rev(item)

    # ------------------------------------------------------------ searching

    def searcher(self):
        """This thread's searcher, current with the index. A thread without one takes an
        open searcher from the pool (servers that start a thread per request still reuse
        searchers and their cached arrays); ``release_searcher`` gives it back."""
        s = getattr(self._local, "searcher", None)
        if s is None:
            with self._pool_lock:
                s = self._pool.pop() if self._pool else None
            if s is None:
                s = self.ix.searcher()
        if not s.up_to_date():
            # not Searcher.refresh(): it reuses segment readers by segment id and so keeps
            # serving documents deleted since (their segment id does not change)
            old, s = s, self.ix.refresh().searcher()
            old.close()
        self._local.searcher = s
        return s

    def release_searcher(self) -> None:
        """Return this thread's searcher to the pool (call at the end of a request)."""
        s = getattr(self._local, "searcher", None)
        if s is None:
            return
        self._local.searcher = None
        with self._pool_lock:
            if len(self._pool) < SEARCHER_POOL_SIZE:
                self._pool.append(s)
                return
        s.close()

    def facet_table(self, searcher) -> FacetTable:
        """The arrays of the searcher's generation. Segments are immutable, so each segment's
        arrays are built once and reused after a refresh; only new segments cost anything."""
        reader = searcher.reader()
        key = id(reader)
        with self._tables_lock:
            table = self._tables.get(key)
            # the table holds the reader itself, so its id cannot be reused by a newer one
            if table is None or table.reader is not reader:
                leaves = reader.leaf_readers()
                parts, keep = [], {}
                for leaf, offset in leaves:
                    segid = _segment_id(leaf)
                    seg = self._segments.get(segid) or _segment_arrays(leaf)
                    keep[segid] = seg
                    parts.append((seg, offset))
                self._segments = keep
                table = _combine_segments(reader, parts)
                table.leaves = [(leaf, offset, _segment_id(leaf)) for leaf, offset in leaves]
                table.reader = reader
                if len(self._tables) > 4:
                    self._tables.clear()
                self._tables[key] = table
        return table

    def parser(self):
        """The query parser, built once: reading ``ix.schema`` unpickles the TOC each time."""
        if self._parser is None:
            self._parser = self._make_parser(self.ix.schema)
        return self._parser

    @staticmethod
    def _make_parser(schema):
        p = qparser.MultifieldParser(["title", "body", "body_ru"], schema,
                                     group=qparser.OrGroup.factory(0.9))
        p.add_plugin(qparser.FuzzyTermPlugin())
        p.add_plugin(qparser.GtLtPlugin())
        p.add_plugin(qparser.FieldAliasPlugin({
            "org": ["organization", "organisation", "orgs"], "speaker": ["speakers", "said"],
            "person": ["people", "persons"], "place": ["places"], "lang": ["language"],
            "outlet": ["source", "publisher"],
        }))
        p.add_plugin(qparser.PlusMinusPlugin())
        return p

    def parse(self, text: str):
        """Query text -> whoosh query; an empty text means every document."""
        if not text.strip(" \t\n*"):
            return wquery.Every()  # "*" alone means every document, without a field scan
        try:
            q = self.parser().parse(text)
        except Exception as e:
            raise BadQuery(f"could not understand the query ({e})") from e
        if q is wquery.NullQuery or isinstance(q, type(wquery.NullQuery)):
            raise BadQuery("the query has no searchable words")
        return _bound_expansions(_lift_negations(q))

    def search(self, q, filters: dict[str, list[str]], date_from: int | None, date_to: int | None,
               sort: str, offset: int, limit: int, facet_limit: int = 30) -> RawResults:
        """Match set, facet counts and one page of hits, computed over doc-number arrays.

        :param q: a parsed query (``parse``); ``Every`` for all documents
        :param filters: facet name -> selected values (OR within a facet, AND across)
        :param date_from: inclusive ``date_number`` bound, or None
        :param date_to: inclusive ``date_number`` bound (undated documents excluded), or None
        :param sort: relevance | newest | oldest
        """
        s = self.searcher()
        table = self.facet_table(s)
        every = isinstance(q, wquery.Every)
        evaluator = _Evaluator(s, table, time.monotonic() + self.time_limit, self._postings)
        if every:
            base, scores = table.live.copy(), None
        else:
            base, scores = evaluator.run(q)
        timed_out = evaluator.timed_out
        if date_from is not None:
            base &= table.dates >= date_from
        if date_to is not None:
            base &= (table.dates <= date_to) & (table.dates > 0)

        selected = {k: v for k, v in filters.items() if v}
        masks = {k: table.value_mask(k, v) for k, v in selected.items()}
        final = base.copy()
        for m in masks.values():
            final &= m
        facets = {}
        for f in FACETS:
            m = base
            others = [other for k, other in masks.items() if k != f.name]
            if others:
                m = base.copy()
                for other in others:
                    m &= other
            counts = table.counts(f.name, m)
            counts.sort(key=lambda vc: (-vc[1], vc[0]))
            keep = counts[:facet_limit]
            chosen = selected.get(f.name, [])
            keep += [vc for vc in counts[facet_limit:] if vc[0] in chosen]
            present = {c[0] for c in counts}
            keep += [(v, 0) for v in chosen if v not in present]
            facets[f.name] = keep

        docnums = np.nonzero(final)[0]
        dates = table.dates[docnums]
        months = dates[dates > 0] // 100
        uniq, cnt = np.unique(months, return_counts=True)
        timeline = [(f"{m // 100:04d}-{m % 100:02d}" if m % 100 else f"{m // 100:04d}", int(c))
                    for m, c in zip(uniq, cnt, strict=True)]

        total = len(docnums)
        want = offset + limit
        if sort == "relevance" and not every:
            sc = scores[docnums]
            if len(docnums) > want:
                top = np.argpartition(-sc, want - 1)[:want]
                docnums, sc = docnums[top], sc[top]
            order = np.lexsort((docnums, -sc))[offset:want]
            page = [(int(docnums[i]), round(float(sc[i]), 4)) for i in order]
        else:
            keys = np.where(dates > 0, dates, 10**9) if sort == "oldest" else -dates
            order = np.lexsort((docnums, keys))[offset:want]
            page = [(int(docnums[i]), None) for i in order]
        hits = [RawHit(id=s.stored_fields(d)["id"], score=sc, docnum=d) for d, sc in page]

        terms = set()
        if not every:
            try:
                terms = query_terms_in(q, s.reader())
            except Exception:  # noqa: BLE001 - highlighting is best effort
                terms = set()
        return RawResults(total=total, hits=hits, facets=facets, timeline=timeline,
                          terms=terms, timed_out=timed_out)

    def suggest(self, text: str, limit: int = 3) -> list[str]:
        """'Did you mean' corrections for a query, from the archive's own words."""
        s = self.searcher()
        corrector = s.corrector("spell")
        words = [w for w in text.lower().split() if w.isalpha() and len(w) > 2]
        out = []
        fixed = []
        changed = False
        for w in words[:8]:
            cands = corrector.suggest(w, limit=8, maxdist=2) if not s.doc_frequency("spell", w) else []
            if cands:
                # the nearest spelling first, then the most common word
                best = min(cands, key=lambda c: (_edit_distance(w, c), -s.doc_frequency("spell", c)))
                fixed.append(best)
                changed = True
            else:
                fixed.append(w)
        if changed:
            out.append(" ".join(fixed))
        return out[:limit]

    # ------------------------------------------------------------ highlighting support

    def query_terms(self, text: str) -> set[tuple[str, str]]:
        """The index terms a query text matches (for highlighting it in an item page)."""
        q = self.parse(text)
        if isinstance(q, wquery.Every):
            return set()
        try:
            return query_terms_in(q, self.searcher().reader())
        except Exception:  # noqa: BLE001 - highlighting is best effort
            return set()

    def match_spans(self, text: str, terms: set[tuple[str, str]], language: str) -> list[tuple[int, int]]:
        """Character spans of the tokens of ``text`` that match the query's terms."""
        return word_spans(text, self.matching_words(text, terms, language))

    def matching_words(self, text: str, terms: set[tuple[str, str]], language: str) -> set[str]:
        """The distinct words of ``text`` (as written) that analyse to one of the query's
        terms. A text's term -> words map is built once and kept (LRU), so the hits of a
        repeated or refined query are highlighted without analysing their text again."""
        wanted: dict[str, set[str]] = {}
        for fname, t in terms:
            t = t.decode("utf-8") if isinstance(t, bytes) else t
            wanted.setdefault(fname, set()).add(t)
        latin = wanted.get("body", set()) | wanted.get("title", set())
        russian = wanted.get("body_ru", set())
        if not latin and not russian:
            return set()
        by_term, by_russian_term = self._word_terms(text, language)
        hits: set[str] = set()
        for t in latin:
            hits |= by_term.get(t, set())
        for t in russian:
            hits |= by_russian_term.get(t, set())
        return hits

    def _word_terms(self, text: str, language: str):
        key = (language, text)
        cached = self._highlight_cache.get(key)
        if cached is None:
            by_term: dict[str, set[str]] = {}
            by_russian_term: dict[str, set[str]] = {}
            words = set(_WORDS.findall(text))
            for w in words:
                t = _TERMS.body(w)
                if t:
                    by_term.setdefault(t, set()).add(w)
            if language in ("ru", "be", "uk") or _CYRILLIC.search(text, 0, 2000):
                for w in words:
                    t = _TERMS.russian(w)
                    if t:
                        by_russian_term.setdefault(t, set()).add(w)
            cached = (by_term, by_russian_term)
            if len(self._highlight_cache) > 4096:
                self._highlight_cache.clear()
            self._highlight_cache[key] = cached
        return cached


def word_spans(text: str, words: set[str]) -> list[tuple[int, int]]:
    """Character spans of the tokens of ``text`` that are in ``words``."""
    if not words:
        return []
    return [m.span() for m in _words_pattern(frozenset(words)).finditer(text)]


@functools.lru_cache(maxsize=1024)
def _words_pattern(words: frozenset[str]) -> re.Pattern:
    # whole tokens only, with the tokenizer's notion of a token (so "security" does not
    # match inside "security-related", which the index holds as one token)
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?<!\w[.'’-])(?:{alternatives})(?!\w)(?![.'’-]\w)")


class _TermMemo:
    """word -> index term, memoized: highlighting analyses each distinct word once, not
    every occurrence (the vocabulary is Zipfian, so the memo answers nearly every token)."""

    MAX_WORDS = 200_000

    def __init__(self):
        self._body: dict[str, str | None] = {}
        self._ru: dict[str, str | None] = {}
        self._body_an = body_analyzer()
        self._ru_an = russian_analyzer()

    def _analyse(self, memo, analyzer, word):
        if len(memo) > self.MAX_WORDS:
            memo.clear()
        # the same analyzer the index uses, so a highlighted word is a matching word
        toks = [t.text for t in analyzer(word, removestops=True)]
        term = memo[word] = toks[0] if len(toks) == 1 else None
        return term

    def body(self, word: str) -> str | None:
        term = self._body.get(word, "")
        return self._analyse(self._body, self._body_an, word) if term == "" else term

    def russian(self, word: str) -> str | None:
        term = self._ru.get(word, "")
        return self._analyse(self._ru, self._ru_an, word) if term == "" else term


_TERMS = _TermMemo()


def _edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _lift_negations(q):
    """``a NOT b`` under the OR grouping parses as ``a OR (NOT b)``, which matches nearly
    everything; rewrite every such OR as ``(a) ANDNOT (b)``."""
    if isinstance(q, wquery.compound.CompoundQuery):
        q.subqueries = [_lift_negations(sub) for sub in q.subqueries]
        if isinstance(q, wquery.Or):
            negs = [sub.query for sub in q.subqueries if isinstance(sub, wquery.Not)]
            pos = [sub for sub in q.subqueries if not isinstance(sub, wquery.Not)]
            if negs and pos:
                positive = pos[0] if len(pos) == 1 else q.__class__(pos, boost=q.boost,
                                                                    scale=getattr(q, "scale", None))
                negative = negs[0] if len(negs) == 1 else wquery.Or(negs)
                return wquery.AndNot(positive, negative)
    elif isinstance(q, wquery.Not):
        q.query = _lift_negations(q.query)
    return q


def query_terms_in(q, reader) -> set[tuple[str, str]]:
    """The (field, term) pairs of a query that exist in the index, wildcards expanded.

    Asked leaf by leaf: Whoosh 2.7's compound ``existing_terms`` reuses its field argument
    as a loop variable and so loses every field after the first leaf's.
    """
    terms: set[tuple[str, str]] = set()

    def walk(node):
        if isinstance(node, wquery.Not):
            return  # excluded words are not highlighted
        if isinstance(node, wquery.AndNot):
            walk(node.a)
        elif node.is_leaf():
            terms.update(node.existing_terms(reader, phrases=True, expand=True))
        else:
            for child in node.children():
                walk(child)

    walk(q)
    return terms


def _capped(btexts):
    def capped(reader):
        return itertools.islice(btexts(reader), MAX_EXPANSION)
    return capped


def _bound_expansions(q):
    """Cap how many index terms prefix/wildcard/fuzzy queries may expand to."""
    for sub in [q, *q.leaves()]:
        if isinstance(sub, wquery.MultiTerm):
            sub._btexts = _capped(sub._btexts)
    if isinstance(q, wquery.Wildcard) and str(q.text).lstrip("*?") == "":
        raise BadQuery("a wildcard needs at least one letter before * or ?")
    return q
