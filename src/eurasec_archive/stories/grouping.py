"""Facet counts per story: a story number for every document of a searcher generation, so
that twenty reprints of one wire text count once under their outlet, language or people
(``facet_count=story``). Built from the index's doc ids and the story store in one pass and
kept until either changes (new segments, a write to the store); an item the store does not
know is a story of its own."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

from eurasec_archive.index.tables import DocGroups
from eurasec_archive.stories.store import StoryIndex

_CACHE: dict[tuple, tuple[tuple, DocGroups]] = {}
_LOCK = threading.Lock()
_KEEP = 8  # (store, index segments) pairs remembered


def _stamp(path: Path) -> tuple:
    """What changes when the story store is written: its file, or its write-ahead log while
    that holds anything (an empty log comes and goes with readers' connections)."""
    out = []
    for p in (path, Path(f"{path}-wal")):
        try:
            st = p.stat()
            out.append((st.st_mtime_ns, st.st_size) if st.st_size else None)
        except OSError:
            out.append(None)
    return tuple(out)


def story_numbers(stories: StoryIndex, table) -> DocGroups:
    """A story number per doc number of ``table`` (a FacetTable): equal numbers, same story."""
    # a searcher re-opened over the same segments numbers its documents the same way
    key = (str(stories.path), table.doc_count, tuple((segid, offset) for _, offset, segid in table.leaves))
    stamp = _stamp(stories.path)
    with _LOCK:
        hit = _CACHE.get(key)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    ids = table.doc_ids()
    known = stories.stories_of([i for i in ids if i]) if stories.exists() else {}
    # kept only if the store did not change while it was read (opening it may touch its files:
    # then the next search reads it again, and keeps that)
    unchanged = _stamp(stories.path) == stamp
    numbers: dict[str, int] = {}
    groups = np.empty(len(ids), dtype=np.int64)
    for docnum, item_id in enumerate(ids):
        story = known.get(item_id) if item_id else None
        # unknown or deleted: a group of its own (a story id never starts with a NUL)
        groups[docnum] = numbers.setdefault(story if story is not None else f"\x00{docnum}", len(numbers))
    if unchanged:
        with _LOCK:
            if len(_CACHE) >= _KEEP and key not in _CACHE:
                _CACHE.pop(next(iter(_CACHE)))
            _CACHE[key] = (stamp, DocGroups(groups))
        return _CACHE[key][1]
    return DocGroups(groups)


def story_groups(stories: StoryIndex):
    """The ``facet_groups`` hook of ``ArchiveIndex.search`` that counts stories."""
    return lambda table: story_numbers(stories, table)
