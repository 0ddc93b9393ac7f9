"""A faster writer of one Whoosh segment: the index Whoosh's own ``SegmentWriter`` writes (the
same files, byte for byte, from the same documents), with the two costs of its pure-Python
path that dominate a bulk write cut:

- analysis: a text field's words are looked up in a cache of what the field's analyzer makes
  of each distinct word (its tokens, where they sit, how many positions it takes), instead of
  running every token through the filter chain; the positions are then laid out as Whoosh's
  filters lay them (a stop word before the first kept word still counts, none after it does;
  a compound takes one position per part);
- postings: kept per term in arrays, in document order (documents are numbered as they are
  added, so each term's list is born sorted), instead of a pool of one tuple per posting sorted
  at the end, and handed to the codec's own block writer a block at a time.

Fields, formats or analyzers it does not know (and the postings of segments merged in) take
Whoosh's own path. ``tests/test_segment_writer.py`` compares the files with Whoosh's.
"""

from __future__ import annotations

import pickle
from array import array
from collections import defaultdict
from operator import sub
from pickle import dumps

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

    def index(self, value: str) -> list[tuple[bytes, int, float, bytes]]:
        try:
            return self._index(value)
        except Unanalyzable:
            return list(self.field.index(value))

    def _index(self, value: str) -> list[tuple[bytes, int, float, bytes]]:
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
        if self.positions:  # Positions.encode: the count, then the deltas pickled
            return [(w.encode("utf-8"), len(p), len(p) * 1.0 * fb,
                     pack_uint(len(p)) + dumps([p[0], *map(sub, p[1:], p)], 2)) for w, p in poses.items()]
        return [(w.encode("utf-8"), len(p), len(p) * 1.0 * fb, pack_uint(len(p))) for w, p in poses.items()]


class TermPostings:
    """The postings of one segment being written, per field and term, in document order:
    (doc numbers, weights, the values joined, where each value ends)."""

    def __init__(self):
        self.fields: dict[str, dict[bytes, tuple]] = defaultdict(dict)
        self.count = 0
        self.sorted = True  # False once postings may have come out of document order

    def add(self, posting) -> None:
        """Whoosh's pool interface: (field, term bytes, doc number, weight, value bytes)."""
        fieldname, btext, docnum, weight, vbytes = posting
        terms = self.fields[fieldname]
        t = terms.get(btext)
        if t is None:
            t = terms[btext] = self.new_term()
        elif t[0][-1] > docnum:
            self.sorted = False
        t[0].append(docnum)
        t[1].append(weight)
        if vbytes:
            t[2].extend(vbytes)
        t[3].append(len(t[2]))
        self.count += 1

    @staticmethod
    def new_term() -> tuple:
        return array("I"), array("d"), bytearray(), array("I")

    def cleanup(self) -> None:
        self.fields.clear()


class FastSegmentWriter(SegmentWriter):
    """``SegmentWriter`` with cached analysis and per-term posting arrays (see the module)."""

    def __init__(self, ix, **kwargs):
        super().__init__(ix, **kwargs)
        self.pool = TermPostings()
        self._analysis = {name: FieldAnalysis.of(f) for name, f in self.schema.items() if f.indexed}

    def add_document(self, **fields):
        # SegmentWriter.add_document with the analysis and the posting store replaced
        self._check_state()
        perdocwriter, schema, docnum = self.perdocwriter, self.schema, self.docnum
        postings, new_term = self.pool.fields, self.pool.new_term
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
                    items = fast.index(value) if fast is not None and isinstance(value, str) \
                        else list(field.index(value))
                    scorable = field.scorable
                    terms = postings[fieldname]
                    for tbytes, freq, weight, vbytes in items:  # TermPostings.add, inlined
                        if scorable:
                            length += freq
                        t = terms.get(tbytes)
                        if t is None:
                            t = terms[tbytes] = new_term()
                        t[0].append(docnum)
                        t[1].append(weight * fieldboost)
                        t[2].extend(vbytes)
                        t[3].append(len(t[2]))
                    self.pool.count += len(items)
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
        terms = pool.fields[fieldname]
        fieldobj = schema[fieldname]
        if lengths is not None:
            get = lengths.doc_field_length_reader(fieldname)
            doc_lengths = [get(d) for d in range(doc_count)]
        else:
            doc_lengths = [0] * doc_count
        fw.start_field(fieldname, fieldobj)
        pw = fw._postwriter
        limit = pw._blocklimit
        for btext in sorted(terms):
            docs, weights, values, ends = terms[btext]
            if not pool.sorted:
                docs, weights, values, ends = _in_doc_order(docs, weights, values, ends)
            fw.start_term(btext)
            n = len(docs)
            for start in range(0, n, limit):
                stop = min(n, start + limit)
                _fill_block(pw, docs, weights, values, ends, doc_lengths, start, stop)
                if stop < n:
                    pw._write_block()
            fw.finish_term()  # writes the last block (finish_postings)
        fw.finish_field()


def _fill_block(pw, docs, weights, values, ends, doc_lengths, start: int, stop: int) -> None:
    """The postings writer's buffers as ``add_posting`` would leave them after docs[start:stop]."""
    ids = docs[start:stop]
    pw._ids = ids
    w = array("f", weights[start:stop])
    pw._weights = w
    maxweight = 0
    for x in weights[start:stop]:
        if x > maxweight:
            maxweight = x
    pw._maxweight = maxweight
    prev = ends[start - 1] if start else 0
    vals = []
    for end in ends[start:stop]:
        if end > prev:
            vals.append(bytes(values[prev:end]))
        prev = end
    pw._values = vals
    minlength, maxlength = None, 0
    for d in ids:
        length = doc_lengths[d]
        if length:
            if minlength is None or length < minlength:
                minlength = length
            if length > maxlength:
                maxlength = length
    pw._minlength, pw._maxlength = minlength, maxlength


def _in_doc_order(docs, weights, values, ends):
    """One term's postings sorted by document (postings merged in from other segments)."""
    starts = [0, *ends[:-1]]
    order = sorted(range(len(docs)), key=docs.__getitem__)
    out = (array("I"), array("d"), bytearray(), array("I"))
    for i in order:
        out[0].append(docs[i])
        out[1].append(weights[i])
        out[2].extend(values[starts[i]:ends[i]])
        out[3].append(len(out[2]))
    return out

