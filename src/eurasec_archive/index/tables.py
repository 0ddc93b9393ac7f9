"""Doc-number arrays: what each immutable segment contributes (dates, field lengths, facet
postings), built once per segment, and the per-searcher-generation table that joins them."""

from __future__ import annotations

import dataclasses
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from eurasec_archive.facets import FACETS, FACETS_BY_NAME
from eurasec_archive.index import segment_files
from eurasec_archive.index.facet_counting import FacetIndex
from eurasec_archive.index.internals import column_array, deleted_docnums, length_array, posting_arrays, segment_id
from eurasec_archive.index.schema import SCORED_FIELDS


@dataclass
class SegmentArrays:
    """What one (immutable) segment contributes: dates, field lengths, facet postings.
    Built once per segment and reused by every searcher generation that contains it."""

    doc_count: int
    dates: np.ndarray
    lengths: dict[str, np.ndarray]
    facets: dict[str, tuple[np.ndarray, np.ndarray, list[str]]]


def segment_arrays(leaf) -> SegmentArrays:
    n = leaf.doc_count_all()
    facets = {}
    for f in FACETS:
        docs, terms, names = [], [], []
        if f.field in leaf.schema:
            for value in leaf.lexicon(f.field):
                ids, _ = posting_arrays(leaf, f.field, value)
                if len(ids):
                    docs.append(ids)
                    terms.append(np.full(len(ids), len(names), dtype=np.int32))
                    names.append(value.decode("utf-8") if isinstance(value, bytes) else value)
        facets[f.name] = (np.concatenate(docs) if docs else np.zeros(0, dtype=np.int64),
                          np.concatenate(terms) if terms else np.zeros(0, dtype=np.int32), names)
    lengths = {f: length_array(leaf, f, n) for f in SCORED_FIELDS if f in leaf.schema}
    return SegmentArrays(doc_count=n, dates=column_array(leaf, "date_num", n), lengths=lengths,
                         facets=facets)


def segment_ids(leaf) -> list[str | None]:
    """The item id of each doc number of one segment, deleted ones included (stored fields)."""
    return [leaf.stored_fields(docnum).get("id") for docnum in range(leaf.doc_count_all())]


class DocGroups:
    """A group number per doc number of one table (e.g. each item's story), with each facet's
    (doc, value) pairs sorted by (group, value) once, so that counting the groups that have a
    value among a search's matches is one pass, not a sort per search."""

    def __init__(self, groups: np.ndarray):
        self.groups = groups.astype(np.int64, copy=False)
        self._by_group = np.argsort(self.groups, kind="stable")
        self._sorted: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._lock = threading.Lock()

    def sorted_pairs(self, table: FacetTable, facet: str) -> tuple[np.ndarray, np.ndarray]:
        """(doc numbers, group * values + value), ordered by the second."""
        pairs = self._sorted.get(facet)
        if pairs is None:
            docs, terms, names = table.pairs[facet]
            keys = self.groups[docs] * max(1, len(names)) + terms
            order = np.argsort(keys, kind="stable")
            pairs = (docs[order], keys[order])
            with self._lock:
                self._sorted[facet] = pairs
        return pairs

    def count(self, mask: np.ndarray) -> int:
        """Distinct groups among the documents of ``mask``."""
        g = self.groups[self._by_group[mask[self._by_group]]]
        return int(len(g) and 1 + np.count_nonzero(g[1:] != g[:-1]))


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
    _ids: list[str | None] | None = field(default=None, repr=False)
    shared: FacetTable | None = field(default=None, repr=False)  # the generation's table
    # (leaf, segment id) -> the segment's id per doc number, deleted ones included (TableCache)
    segment_ids: object = field(default=None, repr=False)
    _facet_index: dict[str, FacetIndex] = field(default_factory=dict, repr=False)  # the generation's

    def doc_ids(self) -> list[str | None]:
        """The item id of every doc number (None for a deleted one), made once per generation
        (by whichever thread asks first, with its own reader) from each segment's ids."""
        owner = self.shared or self
        if owner._ids is None:
            ids: list[str | None] = [None] * self.doc_count
            for leaf, offset, segid in self.leaves:
                part = self.segment_ids(leaf, segid)
                ids[offset:offset + len(part)] = part
            for docnum in np.flatnonzero(~self.live).tolist():
                ids[docnum] = None
            owner._ids = ids
        return owner._ids

    def built_doc_ids(self) -> list[str | None] | None:
        """``doc_ids()`` if some thread has read them already, else None (never reads)."""
        return (self.shared or self)._ids

    def for_reader(self, reader, leaves) -> FacetTable:
        """This generation's arrays (shared, never copied) with one searcher's own readers:
        Whoosh readers are not shared by threads, the arrays are."""
        return dataclasses.replace(self, reader=reader, leaves=leaves, _ids=None, shared=self,
                                   _facet_index=self._facet_index)

    def facet_index(self, facet: str) -> FacetIndex:
        """The facet's counting index, made once per generation (shared by its searchers)."""
        index = self._facet_index.get(facet)
        if index is None:
            docs, terms, names = self.pairs[facet]
            index = self._facet_index.setdefault(facet, FacetIndex(docs, terms, len(names), self.doc_count))
        return index

    def value_mask(self, facet: str, values: list[str]) -> np.ndarray:
        docs, terms, names = self.pairs[facet]
        chosen = set(values)
        wanted = np.array([i for i, v in enumerate(names) if v in chosen], dtype=np.int32)
        mask = np.zeros(self.doc_count, dtype=bool)
        if len(wanted):
            mask[docs[np.isin(terms, wanted)]] = True
        missing = FACETS_BY_NAME[facet].missing
        if missing and missing in chosen:
            mask |= self.missing_mask(facet)
        return mask

    def missing_mask(self, facet: str) -> np.ndarray:
        """Live documents with no value for ``facet`` (the registry's ``missing`` bucket)."""
        return self.live & ~self.facet_index(facet).has_value

    def counts(self, facet: str, mask: np.ndarray, groups: DocGroups | None = None) -> list[tuple[str, int]]:
        """(value, documents with it among ``mask``), or with ``groups`` (e.g. each item's
        story) the groups with it: many documents of one group count once."""
        docs, terms, names = self.pairs[facet]
        if not len(docs):
            return []
        if groups is None:
            c = self.facet_index(facet).count(mask)
        else:
            sdocs, keys = groups.sorted_pairs(self, facet)
            k = keys[mask[sdocs]]
            if len(k):
                k = k[np.concatenate(([True], k[1:] != k[:-1]))]  # sorted: one per (group, value)
            c = np.bincount(k % len(names), minlength=len(names))
        nz = np.nonzero(c)[0]
        return [(names[i], int(c[i])) for i in nz]


def combine_segments(reader, parts: list[tuple[SegmentArrays, object, int]], segment_ids) -> FacetTable:
    """One generation's table from its segments' (arrays, leaf reader, offset); each segment's
    deleted documents from its deletion set, not by asking of every document.

    :param segment_ids: ``(leaf, segment id) -> ids`` for ``FacetTable.doc_ids``
    """
    n = reader.doc_count_all()
    live = np.ones(n, dtype=bool)
    for _, leaf, offset in parts:
        live[offset + deleted_docnums(leaf)] = False
    dates = np.zeros(n, dtype=np.int64)
    lengths = {f: np.zeros(n, dtype=np.float32) for f in SCORED_FIELDS}
    for seg, _, offset in parts:
        dates[offset:offset + seg.doc_count] = seg.dates
        for f, arr in seg.lengths.items():
            lengths[f][offset:offset + seg.doc_count] = arr
    table = FacetTable(doc_count=n, live=live, dates=dates, lengths=lengths, segment_ids=segment_ids)
    for f in FACETS:
        number: dict[str, int] = {}
        docs, terms = [], []
        for seg, _, offset in parts:
            sdocs, sterms, snames = seg.facets[f.name]
            remap = np.array([number.setdefault(v, len(number)) for v in snames], dtype=np.int32)
            docs.append(sdocs + offset)
            terms.append(remap[sterms] if len(snames) else sterms)
        table.pairs[f.name] = (np.concatenate(docs) if docs else np.zeros(0, dtype=np.int64),
                               np.concatenate(terms) if terms else np.zeros(0, dtype=np.int32),
                               list(number))
    return table


class TableCache:
    """The table of each searcher. Segments are immutable, so each segment's arrays are built
    once and reused after a refresh; the arrays joined for one generation (a set of segments
    and their deletions) are built once and shared by every thread's searcher of it — before,
    each request thread's searcher built its own (O(archive) time and memory per thread)."""

    MAX_READERS = 64  # searchers' tables kept (a pool of SEARCHER_POOL_SIZE, plus those in use)

    def __init__(self, directory=None):
        self.directory = directory  # the index's folder: segments' arrays kept beside them (segment_files.py)
        self._tables: dict[int, FacetTable] = {}
        self._generations: dict[tuple, FacetTable] = {}
        self._segments: dict[str, SegmentArrays] = {}
        self._ids: dict[str, list[str | None]] = {}  # segment id -> its ids (segment_ids)
        self._lock = threading.Lock()
        self._ids_lock = threading.Lock()

    def table(self, searcher) -> FacetTable:
        reader = searcher.reader()
        key = id(reader)
        with self._lock:
            table = self._tables.get(key)
            # the table holds the reader itself, so its id cannot be reused by a newer one
            if table is None or table.reader is not reader:
                leaves = reader.leaf_readers()
                mine = [(leaf, offset, segment_id(leaf)) for leaf, offset in leaves]
                # a segment's deletions only grow, so its live count names its live set
                generation = tuple((segid, leaf.doc_count_all(), leaf.doc_count())
                                   for leaf, _, segid in mine)
                shared = self._generations.get(generation)
                if shared is None:
                    parts, keep = [], {}
                    for leaf, offset, segid in mine:
                        seg = self._segments.get(segid) or self._segment(leaf, segid)
                        keep[segid] = seg
                        parts.append((seg, leaf, offset))
                    self._segments = keep
                    with self._ids_lock:
                        self._ids = {k: v for k, v in self._ids.items() if k in keep}
                    shared = combine_segments(reader, parts, self._segment_ids)
                    if len(self._generations) >= 2:  # the current one and the one before
                        self._generations.pop(next(iter(self._generations)))
                    self._generations[generation] = shared
                table = shared.for_reader(reader, mine)
                if len(self._tables) >= self.MAX_READERS:
                    self._tables.pop(next(iter(self._tables)))
                self._tables[key] = table
        return table

    def _on_disk(self, segid: str) -> bool:
        """A segment whose own files are in the folder (not the stand-in of an index not yet made)."""
        directory = self.directory
        return directory is not None and not segid.startswith("reader-") and any(directory.glob(f"{segid}.*"))

    def _segment(self, leaf, segid: str) -> SegmentArrays:
        """The segment's arrays: from their file beside it, else built (and the file written)."""
        on_disk = self._on_disk(segid)
        seg = segment_files.load(self.directory, segid, SegmentArrays) if on_disk else None
        if seg is None or seg.doc_count != leaf.doc_count_all():
            seg = segment_arrays(leaf)
            if on_disk:
                segment_files.save(self.directory, segid, seg)
        return seg

    def _segment_ids(self, leaf, segid: str) -> list[str | None]:
        """The segment's item id per doc number (deleted ones included): from its file beside
        it, else read from its stored fields (and the file written)."""
        with self._ids_lock:
            ids = self._ids.get(segid)
        if ids is not None:
            return ids
        n = leaf.doc_count_all()
        on_disk = self._on_disk(segid)
        ids = segment_files.load_ids(self.directory, segid, n) if on_disk else None
        if ids is None:
            ids = segment_ids(leaf)
            if on_disk:
                segment_files.save_ids(self.directory, segid, ids)
        with self._ids_lock:
            self._ids[segid] = ids
        return ids


def _nbytes(value) -> int:
    if isinstance(value, np.ndarray):
        return value.nbytes
    if isinstance(value, tuple | list):
        return 64 + sum(_nbytes(v) for v in value)
    return 64


POSTINGS_CACHE_ENV = "EURASEC_POSTINGS_CACHE_MB"
POSTINGS_CACHE_MIN, POSTINGS_CACHE_MAX = 256 * 2**20, 1024 * 2**20


def postings_cache_bytes(index_dir) -> int:
    """The posting cache's bound for the index at ``index_dir``: an eighth of its segment files,
    between 256 MB and 1 GB (``EURASEC_POSTINGS_CACHE_MB`` overrides). At 1M items (3.6 GB of
    segments) the query mix's two-term queries alone needed 268 MB: under a fixed 256 MB bound
    each pass evicted what the next query needed, and the same query ran 0.5 s or 5 s."""
    setting = os.environ.get(POSTINGS_CACHE_ENV, "").strip()
    if setting:
        try:
            return max(0, int(float(setting) * 2**20))
        except ValueError:
            pass  # an unreadable setting: the default
    try:
        size = sum(p.stat().st_size for p in Path(index_dir).glob("*.seg"))
    except OSError:
        size = 0
    return min(POSTINGS_CACHE_MAX, max(POSTINGS_CACHE_MIN, size // 8))


class ArrayCache:
    """A mapping of cached arrays (posting lists per segment) shared by the request threads:
    thread-safe, least recently used evicted first, bounded by the bytes of its arrays (a
    count bound let 4,096 posting lists of common terms grow to gigabytes at 100k items)."""

    def __init__(self, max_bytes: int = 256 * 2**20):
        self.max_bytes = max_bytes
        self.bytes = 0
        self._entries: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key, default=None):
        with self._lock:
            hit = self._entries.get(key)
            if hit is None:
                return default
            self._entries.move_to_end(key)
            return hit[1]

    ENTRY_BYTES = 256  # the key, the arrays' headers and the LRU's node: an empty list is not free

    def __setitem__(self, key, value) -> None:
        size = _nbytes(value) + self.ENTRY_BYTES
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self.bytes -= old[0]
            if size > self.max_bytes:
                return
            self._entries[key] = (size, value)
            self.bytes += size
            while self.bytes > self.max_bytes:
                _, (dropped, _) = self._entries.popitem(last=False)
                self.bytes -= dropped

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.bytes = 0
