"""The searcher pool: one searcher per request thread, current with the index, reused
across requests (never opened per request) — Whoosh searchers are not shared by threads."""

from __future__ import annotations

import threading

SEARCHER_POOL_SIZE = 32  # open searchers kept for reuse across request threads


class SearcherPool:
    """Searchers of one Whoosh index: ``get`` gives this thread's, ``release`` returns it."""

    def __init__(self, open_index, size: int = SEARCHER_POOL_SIZE):
        """:param open_index: a callable returning the (open) Whoosh index"""
        self._open_index = open_index
        self.size = size
        self._local = threading.local()
        self._pool: list = []
        self._lock = threading.Lock()

    def get(self):
        """This thread's searcher, current with the index. A thread without one takes an
        open searcher from the pool (servers that start a thread per request still reuse
        searchers and their cached arrays)."""
        s = getattr(self._local, "searcher", None)
        if s is None:
            with self._lock:
                s = self._pool.pop() if self._pool else None
            if s is None:
                s = self._open_index().searcher()
        if not s.up_to_date():
            # not Searcher.refresh(): it reuses segment readers by segment id and so keeps
            # serving documents deleted since (their segment id does not change)
            old, s = s, self._open_index().refresh().searcher()
            old.close()
        self._local.searcher = s
        return s

    def release(self) -> None:
        """Return this thread's searcher to the pool (call at the end of a request)."""
        s = getattr(self._local, "searcher", None)
        if s is None:
            return
        self._local.searcher = None
        with self._lock:
            if len(self._pool) < self.size:
                self._pool.append(s)
                return
        s.close()

    def close(self) -> None:
        """Close every searcher kept (their files with them) and forget them."""
        with self._lock:
            kept, self._pool = self._pool, []
        mine = getattr(self._local, "searcher", None)
        self._local = threading.local()
        for s in kept + ([mine] if mine is not None and mine not in kept else []):
            s.close()

    def clear(self) -> None:
        """Forget every searcher (the index was replaced on disk)."""
        self._local = threading.local()
        with self._lock:
            self._pool = []
