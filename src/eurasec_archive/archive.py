"""The one object that owns an archive: its item store (store.py), its search index, its
writer lock (lock.py) and its settings. The CLI and the web app go through it for every
import, delete, rename, reindex, verify, backup, restore and search, so each writer takes the
lock and no caller opens (or creates) an index on its own.

The layout on disk is described in store.py.
"""

from __future__ import annotations

import contextlib
import os
import threading

from eurasec_archive.errors import ArchiveBusy
from eurasec_archive.lock import current_holder, writer_lock
from eurasec_archive.store import (  # noqa: F401 - the public names of this module since 0.1
    ITEM_ID,
    SHA256,
    ItemStore,
    atomic_write,
    dump_json,
    file_mode,
    now_iso,
    removed_message,
    storage_errors,
)


class Archive(ItemStore):
    """An archive directory: items, originals, index, writer lock. Cheap to create; opens the
    index only when it is first used and creates one only when asked (``create_index``, or a
    writer that stores items); an archive without an index searches as empty.

    :param search_time_limit: seconds a search may run before returning partial results
    :param engine: "whoosh" or "opensearch" (default: EURASEC_ENGINE, else whoosh)
    :param opensearch_url: the cluster's address (default: EURASEC_OPENSEARCH_URL)
    """

    def __init__(self, root: str | os.PathLike, search_time_limit: float | None = None,
                 engine: str | None = None, opensearch_url: str | None = None):
        super().__init__(root)
        self.search_time_limit = search_time_limit
        self.engine, self.opensearch_url = engine, opensearch_url
        self._index = None

    def use_engine(self, engine: str | None, opensearch_url: str | None = None) -> None:
        """Choose the search engine (before the index is first used); None keeps the default."""
        self.engine = engine or self.engine
        self.opensearch_url = opensearch_url or self.opensearch_url
        self._index = None

    # ---------------------------------------------------------------- index and lock

    @property
    def index(self):
        """The search index (opened lazily, never created here: see ``create_index``)."""
        if self._index is None:
            from eurasec_archive.index.engine import open_engine

            self._index = open_engine(self.root, self.engine, self.opensearch_url,
                                      time_limit=self.search_time_limit)
        return self._index

    def create_index(self):
        """The index, created empty if there is none (for a writer that is about to fill it)."""
        self.ensure()
        return self.index.ensure()

    def lock(self, command: str, wait: float | None = None):
        """The exclusive writer lock, as a context manager (re-entrant in one thread).

        :raise ArchiveBusy: another writer holds it after ``wait`` seconds
        """
        return writer_lock(self.root, command, wait)

    def writer(self) -> dict | None:
        """The running writer (pid, command, since), or None if no writer is running."""
        return current_holder(self.root)

    # ---------------------------------------------------------------- writers

    def import_files(self, files, *, max_bytes: int | None = None, jobs: int = 1, progress=None):
        """Import ``files`` (``collect_files`` output) under the writer lock; see ``Importer.run``."""
        from eurasec_archive.importer import DEFAULT_MAX_BYTES, Importer

        with self.lock("import"):
            self.cleanup()
            importer = Importer(self, self.create_index(), max_bytes=max_bytes or DEFAULT_MAX_BYTES,
                                jobs=jobs)
            return importer.run(files, progress=progress)

    def delete(self, item_id: str, reason: str) -> dict:
        """Remove an item (tombstone kept) and its index entry; return the tombstone."""
        from eurasec_archive.stories import StoryIndex

        with self.lock(f"delete {item_id}"):
            tombstone = self.delete_item(item_id, reason)
            if self.index.exists():
                self.index.delete(item_id)
            stories = StoryIndex.of(self)
            stories.remove(item_id)
            stories.commit()
            return tombstone

    def rename(self, old_id: str, new_id: str):
        """Give an item a new id (the old one redirects); the index follows."""
        with self.lock(f"rename {old_id}"):
            item = self.rename_item(old_id, new_id)
            index = self.create_index()
            index.delete(old_id)
            index.add_items([item])
            return item

    def reindex(self) -> int:
        """Rebuild the index from the item files; return how many items it holds. The site
        line counts learn, in the same pass, the items they lack (imported before them). The
        story store is rebuilt at the same time, in a thread beside the index's processes (it
        is its own file: the two rebuilds share nothing but the item files they read)."""
        from eurasec_archive.maintenance import readable_items
        from eurasec_archive.site_lines import LearnedItems
        from eurasec_archive.stories import StoryIndex

        with self.lock("reindex"):
            self.cleanup()
            self.ensure()
            stories = _Background(StoryIndex.of(self).rebuild, self)
            try:
                n = self.index.rebuild(LearnedItems(self.root, readable_items(self)))
            finally:
                stories.result()  # the lock is held until both are done
            return n

    def optimize(self):
        """Merge the index's segments into one per core under the writer lock; -> the
        ``merging.MergeReport`` (None when the engine keeps no segments of its own)."""
        with self.lock("optimize"):
            merge = getattr(self.index, "merge_segments", None)
            return merge(everything=True) if merge else None

    def verify(self, repair: bool = False):
        """Check items, originals and index agree (``repair`` takes the lock and fixes)."""
        from eurasec_archive.maintenance import verify

        if not repair:
            return verify(self, self.index, writer=self.writer())
        with self.lock("verify --repair"):
            self.cleanup()
            return verify(self, self.index, repair=True)

    def prepare_index(self, say=lambda message: None, warm: bool = True,
                      catch_up_now: bool = True) -> str | None:
        """Make the index fit to serve (see ``maintenance.prepare_index``), under the lock."""
        from eurasec_archive.maintenance import prepare_index

        if self.is_empty() and not self.index.exists():
            return None  # nothing to index, and serving creates no index
        with contextlib.ExitStack() as held:
            try:
                # a server's start (no catch-up now) waits neither for a writer nor for another
                # server's catch-up: a usable index is served as it is, the writer keeps it
                held.enter_context(self.lock("serve: index check", wait=None if catch_up_now else 0))
            except ArchiveBusy as busy:
                if catch_up_now or self.index.check() is not None:
                    raise
                say(f"{busy.message}; serving the index as it is meanwhile")
                if warm and hasattr(self.index, "warm"):
                    self.index.warm()
                return None
            self.cleanup(scan_items=catch_up_now)
            self.ensure()
            return prepare_index(self, self.index, say=say, warm=warm, catch_up_now=catch_up_now)

    def backup(self, dest):
        """A consistent .tar.gz snapshot (no lock needed: see backup.py)."""
        from eurasec_archive.backup import create_backup

        return create_backup(self, dest)

    def restore(self, src, force: bool = False):
        """Restore a backup into this archive's directory, under the lock."""
        from eurasec_archive.backup import restore_backup

        with self.lock("restore"):
            report = restore_backup(self, src, force=force)
        self._index = None  # the directory was swapped
        return report

    def cleanup(self, scan_items: bool = True) -> list[str]:
        """Remove what interrupted work left (temp files, half-built index, partial backups,
        restore copies); call with the writer lock held. Returns what was removed.
        ``scan_items=False``: not the temp files among the item files (see ``remove_leftovers``)."""
        from eurasec_archive.maintenance import remove_leftovers

        return remove_leftovers(self, scan_items=scan_items)

    # ---------------------------------------------------------------- readers
    # An archive with no index yet (nothing imported) searches as empty; nothing is created.

    def search(self, req, items=None, facet_limit: int = 30, conjunctive: bool = False) -> dict:
        """Run a ``search.SearchRequest``; the JSON of /api/search (see ``search.run_search``).

        :param items: an ``ItemCache`` to load hits through (a server keeps one)
        :raise BadQuery: the query or a parameter is unusable
        """
        from eurasec_archive.search import run_search

        return run_search(self, self.index, req, items, facet_limit=facet_limit,
                          conjunctive=conjunctive)

    def find(self, q: str = "", filters: dict | None = None, date_from: int | None = None,
             date_to: int | None = None, sort: str = "newest", start: int = 0, limit: int = 0,
             facet_limit: int = 0, keep_undated: bool = False):
        """The index's answer to a query without loading or highlighting any item: hit ids in
        ``sort`` order from ``start`` (at most ``limit``), the total, facet counts (at most
        ``facet_limit`` values each) and the timeline. For listings, counts and navigation.

        :param date_from: lower bound as a date number (``index.date_number``), inclusive
        :raise BadQuery: ``q`` is unusable
        """
        index = self.index
        return index.search(index.parse(q), filters or {}, date_from, date_to, sort, start, limit,
                            facet_limit, keep_undated=keep_undated)

    def query_terms(self, q: str) -> set:
        """The index terms a query looks for (to mark them in a text). :raise BadQuery"""
        return self.index.query_terms(q)

    def match_spans(self, text: str, terms: set, language: str) -> list[tuple[int, int]]:
        """Where ``terms`` (from ``query_terms``) occur in ``text``, as (start, end) offsets."""
        return self.index.match_spans(text, terms, language)

    def select_for_export(self, req):
        """The ids a search exports (``cite.ExportSelection``). :raise BadQuery"""
        from eurasec_archive.export import select_for_export

        return select_for_export(self.index, req)

    def release_searcher(self) -> None:
        """Give this thread's searcher back to the pool (a server calls it after each request)."""
        if self._index is not None:
            self._index.release_searcher()


__all__ = ["Archive", "ItemStore"]


class _Background(threading.Thread):
    """``fn(*args)`` run in a thread; ``result()`` waits for it and raises what it raised."""

    def __init__(self, fn, *args):
        super().__init__(daemon=True, name=f"background {getattr(fn, '__qualname__', fn)}")
        self._fn, self._args, self._error, self._value = fn, args, None, None
        self.start()

    def run(self) -> None:
        try:
            self._value = self._fn(*self._args)
        except BaseException as e:  # noqa: BLE001 - handed to the waiting thread
            self._error = e

    def result(self):
        self.join()
        if self._error is not None:
            raise self._error
        return self._value
