"""``ArchiveIndex``: the engine interface the archive, the web app and the CLI use. It owns
the Whoosh index on disk and delegates to the package's modules (writing, searcher pool,
parsing, evaluation, highlighting, spelling)."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
from whoosh import index as windex
from whoosh import query as wquery
from whoosh.filedb.filestore import FileStorage, RamStorage

from eurasec_archive.errors import StorageError
from eurasec_archive.index import feedback
from eurasec_archive.index.deadline import (
    EVALUATION_SHARE,
    SEARCH_TIME_LIMIT,  # noqa: F401 - its old home, still imported
    RequestDeadline,
    time_limit_setting,
)
from eurasec_archive.index.evaluator import Evaluator
from eurasec_archive.index.expansion import Lexicons
from eurasec_archive.index.highlight import Highlighter, word_spans
from eurasec_archive.index.import_merging import ImportMerger
from eurasec_archive.index.merging import MergeReport, merge_segments
from eurasec_archive.index.parsing import Interpretation, QueryParser
from eurasec_archive.index.pool import SearcherPool
from eurasec_archive.index.schema import INDEX_NAME, make_schema
from eurasec_archive.index.scoring import average_lengths
from eurasec_archive.index.searching import RawResults, raw_search
from eurasec_archive.index.spelling import suggest
from eurasec_archive.index.tables import ArrayCache, FacetTable, TableCache, postings_cache_bytes
from eurasec_archive.index.writing import build_index, delete_item, item_rev, write_items
from eurasec_archive.models import Item


def open_without_mmap(path: Path):
    """The Whoosh index at ``path``, its segment files read, not memory-mapped: a segment
    truncated under a running server then raises an error (served as a 503 while the index is
    rebuilt) instead of killing the process with SIGBUS."""
    return FileStorage(str(path), supports_mmap=False).open_index(INDEX_NAME)


class ArchiveIndex:
    """The Whoosh index of an archive. One per process; searchers are kept per thread and
    refreshed when the index changes (never opened per request)."""

    counts_facet_groups = True  # search(facet_groups=...) counts groups (stories), not documents
    # search(deadline=RequestDeadline, count_undated=...) and suggest(deadline=...): every part
    # of a request shares its one budget, and the undated count needs no second evaluation
    shares_request_deadline = True

    def __init__(self, path: str | Path, time_limit: float | None = None):
        """:param time_limit: seconds a search may take before it returns partial results
        flagged ``timed_out`` (default: ``EURASEC_SEARCH_TIME_LIMIT``, else SEARCH_TIME_LIMIT)
        :raise ArchiveError: the time limit is not a number of seconds"""
        self.path = Path(path)
        self.time_limit = time_limit_setting(time_limit)
        self._searchers = SearcherPool(lambda: self.ix)
        self._tables = TableCache(self.path)
        # (kind, segment id, field, term) -> arrays, bounded by bytes (more for a larger index)
        self._postings = ArrayCache(postings_cache_bytes(self.path))
        self._highlighter = Highlighter()
        self._lexicons = Lexicons()
        self._vectors = feedback.Vectors()  # word counts of feedback documents (feedback.py)
        self._ix = None
        self._in_memory = False  # _ix is the empty stand-in for an index not created yet
        self._parser = None

    # ------------------------------------------------------------ lifecycle

    def exists(self) -> bool:
        """True if an index is there, readable or not (``check`` says which): a garbled TOC
        made Whoosh's exists_in raise, so `serve` crashed instead of rebuilding."""
        return self.path.is_dir() and any(self.path.glob(f"_{INDEX_NAME}_*.toc"))

    def ensure(self) -> ArchiveIndex:
        """Create the index on disk, empty, if there is none (writers only: readers never
        create one, see ``ix``)."""
        try:
            if not self.exists():
                self.path.mkdir(parents=True, exist_ok=True)
                self._ix = windex.create_in(str(self.path), make_schema(), indexname=INDEX_NAME)
                self._drop_stand_in()
        except OSError as e:
            raise StorageError(f"cannot create index in {self.path}: {e.strerror or e}") from e
        return self

    def check(self) -> str | None:
        """None if the index opens and reads; otherwise what is wrong with it."""
        if not self.exists():
            return "index missing"
        try:
            ix = open_without_mmap(self.path)
            with ix.searcher() as s:
                s.doc_count()
                next(iter(s.lexicon("id")), None)  # one term of each segment, not the whole lexicon
        except Exception as e:  # noqa: BLE001 - any failure to read means: rebuild
            return f"index unreadable ({type(e).__name__}: {e})"
        return None

    @property
    def ix(self):
        """The Whoosh index on disk or, while there is none, an empty one in memory: reading an
        archive never imported into finds nothing and creates nothing on disk."""
        if self._ix is None:
            if self.exists():
                self._ix = open_without_mmap(self.path)
            else:
                self._ix = RamStorage().create_index(make_schema(), indexname=INDEX_NAME)
                self._in_memory = True
        return self._ix

    def _drop_stand_in(self) -> None:
        """The real index exists now: the in-memory stand-in's searchers go."""
        if self._in_memory:
            self._in_memory = False
            self._searchers.clear()

    # ------------------------------------------------------------ writing

    def add_items(self, items: list[Item], merge: bool = True, new_ids=frozenset()) -> None:
        """Add or replace the index entries of ``items`` (one commit).

        :param merge: let Whoosh merge small segments; a bulk import passes False for its
            intermediate batches (merging each time costs more than the batch) and True last
        :param new_ids: ids the index is known not to hold: added without the lookup of an
            older entry in every segment
        """
        self.ensure()  # never into the in-memory stand-in
        write_items(self.ix, self.path, items, merge=merge, new_ids=new_ids)

    def import_merger(self, batch: int) -> ImportMerger:
        """What keeps a bulk import's segment count bounded while it runs (``import_merging``):
        a context manager; ``step()`` after each batch commit, ``finish()`` before the last."""
        return ImportMerger(self.path, batch)

    def merge_segments(self, everything: bool = False) -> MergeReport | None:
        """Bound the number of segments (``merging.merge_plan``: a bulk import leaves one per
        batch), or with ``everything`` merge them all into one per core; None without an index.

        :raise StorageError: the writer lock stayed taken, or the disk refused the new segments
        """
        if not self.exists():
            return None
        return merge_segments(self.path, everything=everything)

    def delete(self, item_id: str) -> None:
        if self.exists():
            delete_item(self.ix, self.path, item_id)

    def rebuild(self, items) -> int:
        """Build a fresh index from ``items`` beside the old one, then swap it in."""
        n = build_index(self.path, items)
        self._ix = None
        self._searchers.clear()
        return n

    def entries(self) -> dict[str, str]:
        """item id -> rev for every live document in the index."""
        with self.ix.searcher() as s:
            return {f["id"]: f.get("rev", "") for f in s.all_stored_fields()}

    def indexed_ids(self) -> set[str]:
        """The id of every live document, as ``set(entries())`` but without reading stored
        fields where it need not: a segment with no deletions holds exactly the ids of its
        terms list (one unique id term per document), so only segments with deletions read
        their stored ids (~5x cheaper on a merged index: 0.04 s CPU per 10,000)."""
        ids: set[str] = set()
        with self.ix.searcher() as s:
            for reader, _ in s.reader().leaf_readers():
                if reader.has_deletions():
                    ids.update(f["id"] for f in reader.all_stored_fields())
                else:
                    ids.update(reader.field_terms("id"))
        return ids

    def stale_test(self):
        """A test, over the index as it is now: is this item's entry missing or stale?"""
        entries = self.entries() if self.exists() else {}
        return lambda item: entries.get(item.id) != item_rev(item)

    # ------------------------------------------------------------ searching

    def searcher(self):
        """This thread's searcher, current with the index. A thread without one takes an
        open searcher from the pool (servers that start a thread per request still reuse
        searchers and their cached arrays); ``release_searcher`` gives it back."""
        if self._in_memory and self.exists():  # another process (an import) created the index
            self._ix = None
            self._drop_stand_in()
        return self._searchers.get()

    def release_searcher(self) -> None:
        """Return this thread's searcher to the pool (call at the end of a request)."""
        self._searchers.release()

    def warm(self, ids: bool = False) -> None:
        """Build the search arrays of the current generation, so the first query does not (and
        with ``ids`` its doc-number -> id list: one read of every stored document, ~0.2 s per
        10,000, so a server does it in the background); they stay when searchers close."""
        s = self.searcher()
        try:
            table = self.facet_table(s)
            if ids:
                table.doc_ids()
        finally:
            self.release_searcher()

    def close_files(self) -> None:
        """Close every open searcher and forget the opened index (a process about to fork
        keeps no index file open: forked processes would share its read offsets); the arrays
        built stay, and the next search opens the files again."""
        self._searchers.close()
        if not self._in_memory:
            self._ix = None

    def facet_table(self, searcher) -> FacetTable:
        """The arrays of the searcher's generation. Segments are immutable, so each segment's
        arrays are built once and reused after a refresh; only new segments cost anything."""
        return self._tables.table(searcher)

    def parser(self) -> QueryParser:
        """The query parser, built once: reading ``ix.schema`` unpickles the TOC each time."""
        if self._parser is None:
            self._parser = QueryParser(self.ix.schema)
        return self._parser

    def interpret(self, text: str) -> Interpretation:
        """Query text -> the query, what was made of it and the notices; never raises for
        text (see ``parsing``)."""
        return self.parser().interpret(text)

    def parse(self, text: str):
        """Query text -> whoosh query: ``Every`` for an empty text, ``NullQuery`` when nothing
        in it is searchable."""
        q = self.interpret(text).query
        return wquery.NullQuery if q is None else q

    def evaluator(self, searcher, table: FacetTable, deadline: float | None = None) -> Evaluator:
        """An evaluator for one search, with this index's caches, until ``deadline``
        (``time.monotonic()`` seconds; default: ``EVALUATION_SHARE`` of the time limit from
        now, leaving the rest of it to highlighting the page)."""
        if deadline is None:
            deadline = time.monotonic() + EVALUATION_SHARE * self.time_limit
        return Evaluator(searcher, table, deadline, self._postings, self._lexicons)

    def with_feedback(self, q, text_of, deadline: float | None = None):
        """``q`` also ranked by the words of its own best results (``feedback``: RM3), when it
        has at least ``feedback.MIN_WORDS`` plain words; otherwise ``q`` itself. The matches
        stay those of ``q``. The query's own evaluation, done here, travels with the returned
        query and is not done again (so one that ran out of time keeps its partial results,
        flagged, instead of starting again with the budget spent).

        :param text_of: item id -> the item's title and text, None if it is gone
        :param deadline: when evaluation stops (``time.monotonic()``; see ``evaluator``)
        """
        if q is None or isinstance(q, wquery.Every) or feedback.query_words(q) < feedback.MIN_WORDS:
            return q
        s = self.searcher()
        table = self.facet_table(s)
        evaluator = self.evaluator(s, table, deadline)
        mask, score = evaluator.run(q)
        docnums = np.nonzero(mask)[0]
        docs = []
        if not evaluator.timed_out and len(docnums):
            sc = score[docnums]
            for d in docnums[np.lexsort((docnums, -sc))[:feedback.DOCS]]:
                stored = s.stored_fields(int(d))
                counts = self._vectors.counts((stored["id"], stored.get("rev", "")), text_of)
                if counts:
                    docs.append((float(score[d]), counts))
        mean = sum(average_lengths(table).get(f, 0.0) for f in ("title", "body"))
        words = feedback.feedback_words(docs, lambda w: s.doc_frequency("body", w), int(table.live.sum()), mean)
        ranked = feedback.expanded(q, words, feedback.query_words(q))
        # the evaluator reuses this on the same arrays (a refreshed index evaluates again)
        ranked.evaluated = (table, mask, score, frozenset(evaluator.found), evaluator.timed_out)
        return ranked

    def search(self, q, filters: dict[str, list[str]], date_from: int | None, date_to: int | None,
               sort: str, offset: int, limit: int, facet_limit: int = 30,
               keep_undated: bool = False, conjunctive: bool = False, facet_groups=None, *,
               deadline: float | RequestDeadline | None = None, count_undated: bool = False) -> RawResults:
        """Match set, facet counts and one page of hits, computed over doc-number arrays.

        :param q: a parsed query (``parse``); ``Every`` for all documents; None for none
        :param filters: facet name -> selected values (OR within a facet, AND across)
        :param date_from: inclusive ``date_number`` bound, or None
        :param date_to: inclusive ``date_number`` bound (undated documents excluded), or None
        :param sort: relevance | newest | oldest
        :param keep_undated: the date bounds keep undated documents too
        :param conjunctive: every facet counted within all filters (not only the other facets')
        :param facet_groups: ``table -> tables.DocGroups`` (a group per doc number: its story):
            facet values then count groups, not documents; None counts documents
        :param deadline: the request's ``RequestDeadline`` (evaluation stops at its
            ``evaluation_ends``, facets and hits at its ``ends``: several searches of one
            request share it), or when evaluation stops (``time.monotonic()``; see ``evaluator``)
        :param count_undated: also count (``RawResults.undated``) the matching undated
            documents the date bounds leave out, within the other filters, from the same
            evaluation
        """
        s = self.searcher()
        table = self.facet_table(s)
        q = wquery.NullQuery if q is None else q
        ends = None
        if isinstance(deadline, RequestDeadline):
            deadline, ends = deadline.evaluation_ends, deadline.ends
        return raw_search(s, table, self.evaluator(s, table, deadline), q, filters, date_from, date_to,
                          sort, offset, limit, facet_limit, keep_undated, conjunctive, facet_groups,
                          ends=ends, count_undated=count_undated)

    def suggest(self, text: str, limit: int = 3, *, deadline: float | None = None) -> list[str]:
        """'Did you mean' corrections for a query, from the archive's own words, found
        within half the time limit, or until ``deadline`` (``time.monotonic()``: the
        request's, when it has spent part of its budget already)."""
        s = self.searcher()
        table = self.facet_table(s)
        ends = time.monotonic() + self.time_limit / 2
        return suggest(s, table, self._lexicons, text, ends if deadline is None else min(ends, deadline), limit)

    # ------------------------------------------------------------ highlighting support

    def query_terms(self, text: str) -> set[tuple[str, str]]:
        """The index terms a query text matches (for highlighting it in an item page)."""
        q = self.parse(text)
        if isinstance(q, wquery.Every) or q is wquery.NullQuery:
            return set()
        try:
            s = self.searcher()
            evaluator = self.evaluator(s, self.facet_table(s))
            evaluator.run(q)  # expands wildcards, bounded; records the terms it finds
            return evaluator.found
        except Exception:  # noqa: BLE001 - highlighting is best effort
            return set()

    def match_spans(self, text: str, terms: set[tuple[str, str]], language: str) -> list[tuple[int, int]]:
        """Character spans of the tokens of ``text`` that match the query's terms."""
        return word_spans(text, self.matching_words(text, terms, language))

    def matching_words(self, text: str, terms: set[tuple[str, str]], language: str) -> set[str]:
        """The distinct words of ``text`` (as written) that analyse to one of the query's
        terms. A text's term -> words map is built once and kept (LRU), so the hits of a
        repeated or refined query are highlighted without analysing their text again."""
        return self._highlighter.matching_words(text, terms, language)
