"""Facet counts per story: a story number for every document of a searcher generation, so
that twenty reprints of one wire text count once under their outlet, language or people
(``facet_count=story``). Built from the index's doc ids and the story store in one pass and
kept until either changes; an item the store does not know is a story of its own."""

from __future__ import annotations

import threading
import weakref
from pathlib import Path

import numpy as np

from eurasec_archive.stories.store import StoryIndex

_CACHE: dict[tuple[str, int], tuple[weakref.ref, tuple, np.ndarray]] = {}
_LOCK = threading.Lock()
_KEEP = 8  # (store, searcher generation) pairs remembered


def _stamp(path: Path) -> tuple:
    """What changes when the story store is written (its file, or its write-ahead log)."""
    out = []
    for p in (path, Path(f"{path}-wal")):
        try:
            st = p.stat()
            out.append((st.st_mtime_ns, st.st_size))
        except OSError:
            out.append(None)
    return tuple(out)


def story_numbers(stories: StoryIndex, table) -> np.ndarray:
    """A story number per doc number of ``table`` (a FacetTable): equal numbers, same story."""
    key = (str(stories.path), id(table))
    stamp = _stamp(stories.path)
    with _LOCK:
        hit = _CACHE.get(key)
    if hit is not None and hit[0]() is table and hit[1] == stamp:
        return hit[2]
    ids = table.doc_ids()
    known = stories.stories_of([i for i in ids if i]) if stories.exists() else {}
    numbers: dict[str, int] = {}
    groups = np.empty(len(ids), dtype=np.int64)
    for docnum, item_id in enumerate(ids):
        story = known.get(item_id) if item_id else None
        # unknown or deleted: a group of its own (a story id never starts with a NUL)
        groups[docnum] = numbers.setdefault(story if story is not None else f"\x00{docnum}", len(numbers))
    with _LOCK:
        if len(_CACHE) >= _KEEP:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = (weakref.ref(table), stamp, groups)
    return groups


def story_groups(stories: StoryIndex):
    """The ``facet_groups`` hook of ``ArchiveIndex.search`` that counts stories."""
    return lambda table: story_numbers(stories, table)
