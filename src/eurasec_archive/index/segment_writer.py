"""A faster writer of one Whoosh segment: the index Whoosh's own ``SegmentWriter`` writes (the
same files, byte for byte, from the same documents), with the two costs of its pure-Python
path that dominate a bulk write cut:

- analysis: a text field's words are looked up in a cache of what the field's analyzer makes
  of each distinct word (its tokens, where they sit, how many positions it takes), instead of
  running every token through the filter chain; the positions are then laid out as Whoosh's
  filters lay them (a stop word before the first kept word still counts, none after it does;
  a compound takes one position per part);
- postings: kept per field in flat arrays (term number, document, weight, where the value
  starts), a document's postings of a field appended at once, instead of a pool of one tuple
  per posting sorted at the end; at the flush a stable sort by term (then document) groups
  them, and each term's list goes to the codec's own block writer a block at a time.

Fields, formats or analyzers it does not know (and the postings of segments merged in) take
Whoosh's own path. ``tests/test_segment_writer.py`` compares the files with Whoosh's.
"""

from __future__ import annotations

import pickle
from array import array
from collections import defaultdict
from itertools import repeat
from operator import mul, sub
from pickle import dumps

import numpy as np
from whoosh.analysis import RegexTokenizer
from whoosh.analysis.analyzers import CompositeAnalyzer
from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter
from whoosh.formats import Frequency, Positions
from whoosh.system import pack_uint
from whoosh.writing import SegmentWriter

SENTINEL = "zqxv"  # a word no analyzer stops or splits: where it lands says what the word before took
CACHE_WORDS = 400_000  # distinct words remembered per analyzer before the cache starts again


class Unanalyzable(Exception):
    """A word the cache cannot take apart (its tokenizer joins it to the sentinel)."""


class WordCache:
    """What one analyzer makes of each distinct word: ``None`` (stopped), or its tokens as
    (text, offset from the word's position) and the positions it takes beyond its own. A word
    is analyzed followed by a sentinel word, whose position says how many it took."""

    def __init__(self, analyzer, pattern):
        self.analyzer, self.pattern = analyzer, pattern
        self.sep = next((sep for sep in (" ", "\t", "\n") if pattern.findall(f"a{sep}{SENTINEL}") == ["a", SENTINEL]),
                        None)
        self.words: dict[str, tuple | None] = {}

    def entry(self, word: str):
        e = self.words.get(word, False)
        if e is False:
            text = f"{word}{self.sep}{SENTINEL}"
            if self.sep is None or self.pattern.findall(text) != [word, SENTINEL]:
                raise Unanalyzable(word)
            toks = [(t.text, t.pos) for t in self.analyzer(text, positions=True, mode="index")]
            if len(toks) == 1:  # only the sentinel: the word is stopped
                e = None
            else:
                e = (tuple(toks[:-1]), toks[-1][1] - 1)
            if len(self.words) >= CACHE_WORDS:
                self.words.clear()
            self.words[word] = e
        return e


_CACHES: dict[bytes, WordCache] = {}


def _word_cache(analyzer, pattern) -> WordCache:
    """The process's cache for this analyzer (by its pickled form: fields with equal analyzers,
    and every writer of the process, share one), so batch after batch finds its words known."""
    key = pickle.dumps(analyzer)
    cache = _CACHES.get(key)
    if cache is None:
        cache = _CACHES[key] = WordCache(analyzer, pattern)
    return cache


def _tokenizer_pattern(analyzer):
    """The regex of an analyzer that starts with a plain ``RegexTokenizer``, else None."""
    if isinstance(analyzer, RegexTokenizer):
        first = analyzer
    elif isinstance(analyzer, CompositeAnalyzer) and isinstance(analyzer.items[0], RegexTokenizer):
        first = analyzer.items[0]
    else:
        return None
    return None if first.gaps else first.expression


class FieldAnalysis:
    """``field.index(value)`` for a text field with a regex tokenizer and a Positions or
    Frequency format, from a WordCache: the same (bytes, freq, weight, value) postings."""

    def __init__(self, field):
        self.field = field
        self.pattern = _tokenizer_pattern(field.analyzer)
        self.cache = _word_cache(field.analyzer, self.pattern)
        self.format = field.format
        self.positions = type(field.format) is Positions
        self.boost = field.format.field_boost

    @staticmethod
    def of(field) -> FieldAnalysis | None:
        known = type(field.format) in (Positions, Frequency) and not field.vector
        if known and isinstance(field.analyzer, (RegexTokenizer, CompositeAnalyzer)) \
                and _tokenizer_pattern(field.analyzer) is not None:
            return FieldAnalysis(field)
        return None

    def columns(self, value: str) -> tuple[list, list, list, list]:
        """What ``field.index(value)`` gives, as four lists: term bytes, freqs, weights, value bytes."""
        try:
            return self._columns(value)
        except Unanalyzable:
            return columns_of(list(self.field.index(value)))

    def _columns(self, value: str) -> tuple[list, list, list, list]:
        words, entry = self.cache.words, self.cache.entry
        poses: dict[str, list[int]] = {}
        pos, leading, shift = None, 0, 0
        for word in self.pattern.findall(value):
            e = words.get(word, False)
            if e is False:
                e = entry(word)
            if e is None:
                if pos is None:
                    leading += 1  # a stop word before the first kept word keeps its position
                continue
            pos = leading if pos is None else pos + 1
            base = pos + shift
            for text, offset in e[0]:
                p = poses.get(text)
                if p is None:
                    poses[text] = [base + offset]
                else:
                    p.append(base + offset)
            shift += e[1]
        fb = self.boost
        terms = [w.encode("utf-8") for w in poses]
        lists = list(poses.values())
        freqs = list(map(len, lists))
        weights = [f * 1.0 * fb for f in freqs]
        if self.positions:  # Positions.encode: the count, then the deltas pickled
            values = [pack_uint(len(p)) + dumps([p[0], *map(sub, p[1:], p)], 2) for p in lists]
        else:
            values = list(map(pack_uint, freqs))
        return terms, freqs, weights, values


def columns_of(items: list[tuple]) -> tuple[list, list, list, list]:
    """(term bytes, freq, weight, value bytes) tuples -> the four lists."""
    if not items:
        return [], [], [], []
    terms, freqs, weights, values = map(list, zip(*items, strict=True))
    return terms, freqs, weights, values


class FieldPostings:
    """One field's postings, in the order they were added: each posting's term number (``keys``:
    term bytes -> number), document, weight and where its value starts in ``values``."""

    __slots__ = ("keys", "tids", "docs", "weights", "starts", "values")

    def __init__(self):
        self.keys: dict[bytes, int] = {}
        self.tids, self.docs, self.weights = array("I"), array("I"), array("d")
        self.starts, self.values = array("Q"), bytearray()

    def extend(self, docnum: int, terms: list, weights, values: list) -> None:
        """One document's postings of this field (each term once)."""
        keys, starts = self.keys, self.starts
        setdefault = keys.setdefault
        self.tids.extend([setdefault(t, len(keys)) for t in terms])
        self.docs.extend(repeat(docnum, len(terms)))
        self.weights.extend(weights)
        at = len(self.values)
        for v in values:
            starts.append(at)
            at += len(v)
        self.values += b"".join(values)


class TermPostings:
    """The postings of one segment being written, per field (``FieldPostings``)."""

    def __init__(self):
        self.fields: dict[str, FieldPostings] = defaultdict(FieldPostings)
        self.count = 0

    def add(self, posting) -> None:
        """Whoosh's pool interface: (field, term bytes, doc number, weight, value bytes)."""
        fieldname, btext, docnum, weight, vbytes = posting
        self.fields[fieldname].extend(docnum, [btext], [weight], [vbytes or b""])
        self.count += 1

    def cleanup(self) -> None:
        self.fields.clear()


class FastSegmentWriter(SegmentWriter):
    """``SegmentWriter`` with cached analysis and per-field posting arrays (see the module)."""

    def __init__(self, ix, **kwargs):
        super().__init__(ix, **kwargs)
        self.pool = TermPostings()
        self._analysis = {name: FieldAnalysis.of(f) for name, f in self.schema.items() if f.indexed}

    def add_document(self, **fields):
        # SegmentWriter.add_document with the analysis and the posting store replaced
        self._check_state()
        perdocwriter, schema, docnum = self.perdocwriter, self.schema, self.docnum
        pool = self.pool
        postings = pool.fields
        docboost = self._doc_boost(fields)
        fieldnames = sorted([name for name in fields if not name.startswith("_")])
        self._check_fields(schema, fieldnames)
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields.get(fieldname)
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if field.indexed:
                    fieldboost = self._field_boost(fields, fieldname, docboost)
                    fast = self._analysis.get(fieldname)
                    terms, freqs, weights, values = fast.columns(value) \
                        if fast is not None and isinstance(value, str) else columns_of(list(field.index(value)))
                    if field.scorable:
                        length = sum(freqs)
                    if fieldboost != 1.0:
                        weights = map(mul, weights, repeat(fieldboost))
                    postings[fieldname].extend(docnum, terms, weights, values)
                    pool.count += len(terms)
                if field.separate_spelling() or field.vector:
                    raise NotImplementedError(f"field {fieldname!r}: spelling or vectors are not written here")
                customval = fields.get(f"_stored_{fieldname}", value)
                perdocwriter.add_field(fieldname, field, customval if field.stored else None, length)
                column = field.column_type
                if column and customval is not None:
                    perdocwriter.add_column_value(fieldname, column, field.to_column_value(customval))
        except ValueError:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self):
        self.perdocwriter.close()
        pdr = self.per_document_reader() if self.codec.length_stats else None
        try:
            write_postings(self.fieldwriter, self.schema, self.pool, pdr, self.docnum)
        finally:
            self.fieldwriter.close()
            if pdr:
                pdr.close()


def write_postings(fw: W3FieldWriter, schema, pool: TermPostings, lengths, doc_count: int) -> None:
    """Every term of ``pool`` through the codec's block writer, as ``FieldWriter.add_postings``
    writes a sorted stream of postings (same blocks, same term infos)."""
    if not isinstance(fw._codec, W3Codec):
        raise NotImplementedError("only the whoosh3 codec is written here")
    for fieldname in sorted(pool.fields):
        field = pool.fields[fieldname]
        fieldobj = schema[fieldname]
        if lengths is not None:
            get = lengths.doc_field_length_reader(fieldname)
            doc_lengths = np.array([get(d) or 0 for d in range(doc_count)], dtype=np.int64)  # None: none kept
        else:
            doc_lengths = np.zeros(doc_count, dtype=np.int64)
        fw.start_field(fieldname, fieldobj)
        pw = fw._postwriter
        terms = sorted(field.keys)
        blocks = _sorted_blocks(field, terms, doc_lengths, pw._blocklimit)
        k = 0
        for btext, n in zip(terms, blocks.counts, strict=True):
            fw.start_term(btext)
            last = k + -(-n // pw._blocklimit) - 1
            while True:
                blocks.fill(pw, k)
                if k == last:
                    break
                pw._write_block()
                k += 1
            k += 1
            fw.finish_term()  # writes the last block (finish_postings)
        fw.finish_field()


class _SortedBlocks:
    """One field's postings in the order they are written (term bytes, then document), cut in
    the codec's blocks, with each block's statistics computed for all blocks at once."""

    def __init__(self, counts, bounds, docs, weights, starts, ends, values, lengths):
        self.counts, self.bounds = counts, bounds  # postings per term; each block's first posting
        self.docs = docs.tobytes()
        self.weights = weights.astype(np.float32).tobytes()
        cut = np.array(bounds[:-1], dtype=np.int64)
        self.maxweight = np.maximum.reduceat(weights, cut).tolist() if len(cut) else []
        self.maxlength = np.maximum.reduceat(lengths, cut).tolist() if len(cut) else []
        big = np.iinfo(np.int64).max
        self.minlength = np.minimum.reduceat(np.where(lengths == 0, big, lengths), cut).tolist() if len(cut) else []
        self.big = big
        self.starts, self.ends, self.values = starts, ends, values  # numpy: a block's slice becomes Python ints

    def fill(self, pw, k: int) -> None:
        """The postings writer's buffers as ``add_posting`` would leave them after block ``k``
        (Python numbers where ``add_posting`` keeps Python numbers)."""
        a, b = self.bounds[k], self.bounds[k + 1]
        pw._ids = array("I", self.docs[4 * a:4 * b])
        pw._weights = array("f", self.weights[4 * a:4 * b])
        top = self.maxweight[k]
        pw._maxweight = top if top > 0 else 0  # add_posting starts from 0
        values = self.values
        starts, ends = self.starts[a:b].tolist(), self.ends[a:b].tolist()
        pw._values = [bytes(values[s:e]) for s, e in zip(starts, ends, strict=True) if e > s]
        low = self.minlength[k]
        pw._minlength, pw._maxlength = (None, 0) if low == self.big else (low, self.maxlength[k])


def _sorted_blocks(field: FieldPostings, terms: list[bytes], doc_lengths, limit: int) -> _SortedBlocks:
    ranks = np.empty(len(terms), dtype=np.int64)
    ranks[[field.keys[t] for t in terms]] = np.arange(len(terms))
    rank = ranks[np.frombuffer(field.tids, dtype=np.uint32)] if terms else np.zeros(0, dtype=np.int64)
    docs = np.frombuffer(field.docs, dtype=np.uint32)
    order = np.lexsort((docs, rank))  # stable: by term, then document
    counts = np.bincount(rank, minlength=len(terms)).tolist()
    bounds, at = [], 0
    for n in counts:
        bounds.extend(range(at, at + n, limit))
        at += n
    bounds.append(at)
    docs = docs[order]
    starts = np.append(np.frombuffer(field.starts, dtype=np.uint64), np.uint64(len(field.values)))
    return _SortedBlocks(counts, bounds, docs, np.frombuffer(field.weights, dtype=np.float64)[order],
                         starts[order], starts[order + 1], field.values, doc_lengths[docs])
