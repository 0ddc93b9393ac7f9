"""One time budget per search request, shared by everything the request does.

A request may evaluate its query more than once (``collapse=story``'s window, the count of
the undated items a date range leaves out), count facets, highlight a page of hits and look
for spelling suggestions. Each part used to start its own budget, so a request could run for
several time limits. A ``RequestDeadline`` is made once, when the request starts, and passed
down: evaluation stops at ``evaluation_ends`` (most of the limit, leaving the rest for the
page), everything after it at ``ends``. A part that finds the budget spent is skipped or cut
short, and the response says so (``timed_out``, notices); nothing is ever made wrong by it.
"""

from __future__ import annotations

import math
import os
import time
from dataclasses import dataclass

from eurasec_archive.errors import ArchiveError

SEARCH_TIME_LIMIT = 2.0  # seconds; a slower search returns partial results, flagged
TIME_LIMIT_ENV = "EURASEC_SEARCH_TIME_LIMIT"
EVALUATION_SHARE = 0.75  # of the limit, for evaluating a query; the rest is the page's
SUGGESTION_SHARE = 0.5  # suggestions start only before this share of the limit is spent


@dataclass(frozen=True)
class RequestDeadline:
    """The budget of one request: ``started`` (``time.monotonic()``) plus ``limit`` seconds."""

    started: float
    limit: float

    @classmethod
    def start(cls, limit: float) -> RequestDeadline:
        return cls(time.monotonic(), max(0.0, float(limit)))

    @property
    def ends(self) -> float:
        """When the whole request should be done (``time.monotonic()`` seconds)."""
        return self.started + self.limit

    @property
    def evaluation_ends(self) -> float:
        """When every evaluation of the request's query stops, however many there are."""
        return self.started + EVALUATION_SHARE * self.limit

    @property
    def suggestions_start_by(self) -> float:
        return self.started + SUGGESTION_SHARE * self.limit

    def passed(self) -> bool:
        return time.monotonic() > self.ends

    def left(self) -> float:
        return max(0.0, self.ends - time.monotonic())


def time_limit_setting(value: float | str | None = None, name: str = TIME_LIMIT_ENV) -> float:
    """The seconds a search may take: ``value`` (a number, or its text as in a config file),
    else the environment's ``EURASEC_SEARCH_TIME_LIMIT``, else ``SEARCH_TIME_LIMIT``.

    :param name: what the value is called, for the error message
    :raise ArchiveError: the value is not a finite number of seconds >= 0
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        value, name = os.environ.get(TIME_LIMIT_ENV, "").strip() or SEARCH_TIME_LIMIT, TIME_LIMIT_ENV
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        seconds = math.nan
    if not math.isfinite(seconds) or seconds < 0:
        raise ArchiveError(f"{name} must be a number of seconds (such as 2 or 0.5), not {value!r}")
    return seconds
