"""Memoized pure functions of one paragraph's text.

A document's extractors ask the same questions of the same paragraph several times (the
speaker finder reads each paragraph's sentences, cues and name runs in four passes), and
news repeats the same runs of names across paragraphs. ``memoized`` keeps the answers for
the last texts; each caller gets its own copy, so a caller that changes what it got cannot
change what the next caller sees.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import lru_cache, wraps


def copied_items(result):
    """A fresh list of shallow copies of ``result``'s elements (mutable records such as cues)."""
    return [copy.copy(x) for x in result]


def memoized(maxsize: int = 4096, copy_result: Callable = list):
    """Decorator: ``fn`` (a pure function of hashable arguments returning a list) computed once
    per distinct arguments among the last ``maxsize``; every call returns ``copy_result`` of the
    kept answer."""

    def decorate(fn):
        kept = lru_cache(maxsize=maxsize)(lambda *args, **kwargs: tuple(fn(*args, **kwargs)))

        @wraps(fn)
        def call(*args, **kwargs):
            return copy_result(kept(*args, **kwargs))

        call.cache_clear = kept.cache_clear
        call.cache_info = kept.cache_info
        return call

    return decorate
