"""Every access to Whoosh's private structures, in one place.

Whoosh 2.7 reads postings a posting at a time through Python matchers; for whole-index
evaluation and facet counting we read its blocks, columns and length tables directly into
numpy arrays. Each reader falls back to the public (slow) API when a structure is not the one
expected, so a Whoosh change costs speed, never correctness.
"""

from __future__ import annotations

import io
import itertools
import pickle
import struct
import zlib

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

_LENGTH_TABLE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float32)
_EMPTY_IDS = np.zeros(0, dtype=np.int64)
_INT = struct.Struct("!i")  # Whoosh's StructFile int


def deleted_docnums(leaf) -> np.ndarray:
    """The deleted doc numbers of one segment, from its deletion set (the public API asks
    ``is_deleted`` of every document: ~1 s per 1,000,000)."""
    if not leaf.has_deletions():
        return _EMPTY_IDS
    deleted = getattr(leaf, "deleted_docs_set", None)
    if isinstance(deleted, frozenset | set):
        return np.fromiter(deleted, dtype=np.int64, count=len(deleted))
    return np.array([d for d in range(leaf.doc_count_all()) if leaf.is_deleted(d)], dtype=np.int64)


def _raw_matcher(leaf, fieldname: str, text):
    """The block matcher of a term, under any deletion filters (the caller masks deleted
    documents itself), or None if the term is not in this segment."""
    try:
        m = leaf.postings(fieldname, text)
    except TermNotFound:
        return None
    while hasattr(m, "child") and not hasattr(m, "_read_ids"):
        m = m.child
    return m


def posting_arrays(leaf, fieldname: str, text) -> tuple[np.ndarray, np.ndarray]:
    """(docnums, weights) of one term in one segment, deleted documents included (the
    caller masks them), read a block at a time instead of a posting at a time."""
    m = _raw_matcher(leaf, fieldname, text)
    if m is None:
        return _EMPTY_IDS, np.zeros(0, dtype=np.float32)
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
        return _EMPTY_IDS, np.zeros(0, dtype=np.float32)
    return np.concatenate(ids_parts), np.concatenate(weight_parts)


def position_arrays(leaf, fieldname: str, text) -> tuple[np.ndarray, np.ndarray]:
    """(docnum, position) pairs of one term in one segment, as two flat arrays."""
    m = _raw_matcher(leaf, fieldname, text)
    if m is None:
        return _EMPTY_IDS, _EMPTY_IDS
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
    if not values:
        return _EMPTY_IDS, _EMPTY_IDS
    counts_a, d = position_deltas(values)
    if not len(d):
        return _EMPTY_IDS, _EMPTY_IDS
    total = np.cumsum(d)
    starts = np.cumsum(counts_a) - counts_a
    positions = total - np.repeat(total[starts] - d[starts], counts_a)
    return np.repeat(np.asarray(ids, dtype=np.int64), counts_a), positions


# Whoosh's Positions format: a posting's value is a 4-byte big-endian count, then its position
# deltas pickled (protocol 2) as a list: PROTO 2, EMPTY_LIST, BINPUT 0, then for two or more
# MARK, the items, APPENDS; for one the item, APPEND; then STOP. A delta under 256 is one
# BININT1 (``K`` and a byte); the value of a posting whose deltas all are has a known length.
_LIST_HEAD = 9  # count (4), PROTO 2 (2), EMPTY_LIST, BINPUT 0 (3)


def position_deltas(values: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """(positions per posting, their deltas) of Positions-format values: read straight from
    the bytes with numpy for each value of one-byte deltas (nearly all), unpickled one by one
    for the others (a position 256 words or more after the previous one)."""
    n = len(values)
    lens = np.fromiter(map(len, values), dtype=np.int64, count=n)
    buf = np.frombuffer(b"".join(values), dtype=np.uint8)
    starts = np.cumsum(lens) - lens
    head = buf[starts[:, None] + np.arange(4)].astype(np.int64)
    counts = (head[:, 0] << 24) | (head[:, 1] << 16) | (head[:, 2] << 8) | head[:, 3]
    tail = np.where(counts > 1, 3, np.where(counts == 1, 2, 1))  # MARK + APPENDS + STOP, ...
    fast = lens == _LIST_HEAD + 2 * counts + tail
    ends = np.cumsum(counts)
    first = ends - counts
    deltas = np.empty(int(ends[-1]) if n else 0, dtype=np.int64)
    fc = counts[fast]
    k = int(fc.sum())
    if k:
        before = np.cumsum(fc) - fc
        item = starts[fast] + _LIST_HEAD + (fc > 1) + 1  # the byte after the first ``K``
        deltas[np.repeat(first[fast] - before, fc) + np.arange(k)] = \
            buf[np.repeat(item - 2 * before, fc) + 2 * np.arange(k)]
    for i in np.flatnonzero(~fast).tolist():
        v = values[i]
        codes = pickle.loads(v[4:] if v.endswith(b".") else v[4:] + b".")
        if len(codes) != counts[i]:
            raise ValueError("a Positions value whose count is not its list's length")
        deltas[first[i]:ends[i]] = codes
    return counts, deltas


def column_array(leaf, fieldname: str, n: int) -> np.ndarray:
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


def length_array(leaf, fieldname: str, n: int) -> np.ndarray:
    """The (byte-quantized, as Whoosh stores them) field lengths of one segment."""
    reader = leaf._perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN) \
        if hasattr(leaf, "_perdoc") else None
    if reader is None or not hasattr(reader, "_dbfile"):
        return np.array([leaf.doc_field_length(i, fieldname) or 0 for i in range(n)],
                        dtype=np.float32)
    data = np.frombuffer(reader._dbfile.get(reader._basepos, reader._count), dtype=np.uint8)
    out = np.zeros(n, dtype=np.float32)
    out[:len(data)] = _LENGTH_TABLE[data[:n]]
    return out


def segment_id(leaf) -> str:
    """A key that names a segment across searcher generations."""
    segment = leaf.segment() if hasattr(leaf, "segment") else None
    # an empty index's reader has no segment
    return segment.segment_id() if segment is not None else f"reader-{id(leaf)}"


def expansions(q, reader) -> list:
    """The index terms (bytes) a prefix/wildcard/fuzzy/range query expands to."""
    return list(q._btexts(reader))


def cap_expansions(q, limit: int) -> None:
    """Make a multi-term query expand to at most ``limit`` index terms."""
    btexts = q._btexts

    def capped(reader):
        return itertools.islice(btexts(reader), limit)

    q._btexts = capped


def fix_expansions(q, btexts: list) -> None:
    """Make a multi-term query stand for exactly ``btexts`` from now on (highlighting asks
    it again; its own expansion is the slow one)."""
    q._btexts = lambda reader: iter(btexts)
    q.expanded_by_evaluator = True


def subsearchers(searcher) -> list[tuple[object, int]]:
    """(per-segment searcher, doc-number offset) pairs of a searcher."""
    subs = getattr(searcher, "subsearchers", None)
    return subs if subs else [(searcher, 0)]


def segment_terms(leaf, fieldname: str):
    """Yield (term bytes, term info or None) of one field of one segment, in order: read in one
    pass over the terms file where Whoosh's structure is the one expected (no hash lookup per
    term), else from the lexicon (the info then looked up by ``term_blocks``)."""
    terms = getattr(leaf, "_terms", None)
    if hasattr(terms, "items_from") and fieldname in leaf.schema:
        for (name, btext), info in terms.items_from(fieldname, b""):
            if name != fieldname:
                return
            yield btext, info
        return
    for btext in leaf.lexicon(fieldname):
        yield btext, None


def term_blocks(leaf, fieldname: str, btext: bytes, info=None):
    """Yield (doc numbers, weights, value bytes) a block at a time for one term of one
    segment, deleted documents included (for copying postings into a merged segment). With
    the term's ``info`` (``segment_terms``) the postings are read in one go and their blocks
    decoded in memory, else through Whoosh's block matcher."""
    if info is not None:
        blocks = _blocks_in_memory(leaf, fieldname, info)
        if blocks is not None:
            yield from blocks
            return
    m = _raw_matcher(leaf, fieldname, btext)
    if m is None:
        return
    if all(hasattr(m, a) for a in ("_read_ids", "_read_weights", "_read_values", "_next_block")):
        while m.is_active():
            m._read_ids()
            m._read_weights()
            m._read_values()
            yield m._ids, m._weights, m._values
            m._next_block()
        return
    ids, weights, values = [], [], []
    while m.is_active():
        ids.append(m.id())
        weights.append(m.weight())
        values.append(m.value())
        m.next()
    yield ids, weights, values


_MAGIC = b"W3Bl"  # whoosh3's posting list header (WHOOSH3_HEADER_MAGIC)


def _blocks_in_memory(leaf, fieldname: str, info) -> list | None:
    """A term's posting blocks decoded from one read of its extent, as Whoosh 3's
    ``W3LeafMatcher`` decodes them; None when the structures are not the ones expected."""
    try:
        if info.is_inlined():
            ids, weights, values = info.inlined_postings()
            return [(list(ids), list(weights), list(values))]
        offset, length = info.extent()
        if isinstance(length, tuple):  # W3TermInfo.from_bytes keeps the unpacked 1-tuple
            (length,) = length
        raw = leaf._terms._postfile.get(offset, length)
        fixed = leaf.schema[fieldname].format.fixed_value_size()
    except (AttributeError, TypeError, ValueError):
        return None
    if raw[:4] != _MAGIC:
        return None
    out, pos, end = [], 4, len(raw)
    while pos < end:
        (size,) = _INT.unpack_from(raw, pos)
        last, size = size < 0, abs(size)
        f = io.BytesIO(raw[pos + 4:pos + 4 + size])
        count, _maxid, _maxw, compression, _lo, _hi = pickle.load(f)
        data = f.read()
        mini_ids, mini_weights, mini_values = pickle.loads(zlib.decompress(data) if compression else data)
        ids = list(itertools.accumulate(mini_ids))  # delta-encoded
        if mini_weights is None:
            weights = [1.0] * count
        elif isinstance(mini_weights, float):
            weights = [mini_weights] * count
        else:
            weights = list(mini_weights)
        if fixed is None or fixed < 0:
            values = list(mini_values)
        elif fixed == 0:
            values = [None] * count
        else:
            values = [mini_values[i:i + fixed] for i in range(0, len(mini_values), fixed)]
        out.append((ids, weights, values))
        pos += 4 + size
        if last:
            break
    return out


_WRITER_PARTS = ("_ids", "_weights", "_values", "_blocklimit", "_write_block", "_maxweight",
                 "_minlength", "_maxlength")


def add_posting_run(fieldwriter, ids: list, weights, values, lengths: list | None) -> None:
    """Append postings (doc numbers ascending, after those already added to the term being
    written) to a segment's field writer a block's worth at a time: what its ``add`` does one
    posting at a time (the block buffer and its statistics), without the per-posting checks.
    ``lengths``: each posting's document field length, None for a field that keeps none."""
    if lengths is None:
        lengths = [0] * len(ids)
    postwriter = getattr(fieldwriter, "_postwriter", None)
    if not all(hasattr(postwriter, a) for a in _WRITER_PARTS):
        for d, w, v, n in zip(ids, weights, values, lengths, strict=True):
            fieldwriter.add(d, w, v or b"", n)
        return
    limit = postwriter._blocklimit
    i, total = 0, len(ids)
    while i < total:
        if len(postwriter._ids) >= limit:
            postwriter._write_block()
        j = min(total, i + limit - len(postwriter._ids))
        ws = weights[i:j]
        postwriter._ids.extend(ids[i:j])
        postwriter._weights.extend(ws)
        top = max(ws)
        if top > postwriter._maxweight:
            postwriter._maxweight = top
        postwriter._values.extend(v for v in values[i:j] if v)
        present = [n for n in lengths[i:j] if n]
        if present:
            low, high = min(present), max(present)
            if postwriter._minlength is None or low < postwriter._minlength:
                postwriter._minlength = low
            if high > postwriter._maxlength:
                postwriter._maxlength = high
        i = j
