"""The search-engine boundary: what the archive, the web app and the CLI ask of an index,
and the choice of engine by configuration.

Two engines satisfy it: ``ArchiveIndex`` (Whoosh, embedded, the default) and
``OpenSearchIndex`` (a cluster). The item files stay the source of truth: ``rebuild`` fills
either engine from them (``eurasec-archive reindex``).

Configuration, strongest first: the ``engine``/``url`` arguments (the CLI's ``--engine`` and
``--opensearch-url``), then the environment (``EURASEC_ENGINE``, ``EURASEC_OPENSEARCH_URL``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol, runtime_checkable

from eurasec_archive.errors import StorageError
from eurasec_archive.models import Item

ENGINES = ("whoosh", "opensearch")
DEFAULT_ENGINE = "whoosh"


@runtime_checkable
class SearchEngine(Protocol):
    """The interface of an archive's search index (see ``ArchiveIndex`` for each contract)."""

    def exists(self) -> bool: ...
    def ensure(self) -> SearchEngine: ...
    def check(self) -> str | None: ...
    # writing
    def add_items(self, items: list[Item], merge: bool = True) -> None: ...
    def delete(self, item_id: str) -> None: ...
    def rebuild(self, items: Iterable[Item]) -> int: ...
    # iterating and counting
    def entries(self) -> dict[str, str]: ...
    def stale_test(self): ...
    # searching: a parsed query; filters, date bounds, sort, a page; facets, timeline, terms
    def interpret(self, text: str): ...
    def parse(self, text: str): ...
    def search(self, q, filters: dict[str, list[str]], date_from: int | None, date_to: int | None,
               sort: str, offset: int, limit: int, facet_limit: int = 30,
               keep_undated: bool = False, conjunctive: bool = False): ...
    def suggest(self, text: str, limit: int = 3) -> list[str]: ...
    # highlighting: the terms a query matches, and the words of a text that are among them
    def query_terms(self, text: str) -> set[tuple[str, str]]: ...
    def match_spans(self, text: str, terms, language: str) -> list[tuple[int, int]]: ...
    def matching_words(self, text: str, terms, language: str) -> set[str]: ...
    # per-request resources (no-ops where the engine keeps none)
    def searcher(self): ...
    def release_searcher(self) -> None: ...
    def facet_table(self, searcher): ...


def engine_settings(engine: str | None = None, url: str | None = None) -> tuple[str, str | None]:
    """(engine, OpenSearch URL) from the arguments, else the environment.

    :raise StorageError: an unknown engine, or OpenSearch without a URL
    """
    engine = (engine or os.environ.get("EURASEC_ENGINE") or DEFAULT_ENGINE).strip().lower()
    url = url or os.environ.get("EURASEC_OPENSEARCH_URL") or None
    if engine not in ENGINES:
        raise StorageError(f"unknown search engine {engine!r} (choose {' or '.join(ENGINES)})")
    if engine == "opensearch" and not url:
        raise StorageError("the OpenSearch engine needs a cluster address: --opensearch-url "
                           "http://HOST:PORT (or EURASEC_OPENSEARCH_URL)")
    return engine, url


def open_engine(root: str | Path, engine: str | None = None, url: str | None = None,
                time_limit: float | None = None) -> SearchEngine:
    """The search index of the archive at ``root`` in the configured engine (not created);
    ``time_limit`` None: ``EURASEC_SEARCH_TIME_LIMIT``, else 2 s (``deadline.time_limit_setting``)."""
    from eurasec_archive.index.deadline import time_limit_setting

    engine, url = engine_settings(engine, url)
    time_limit = time_limit_setting(time_limit)
    if engine == "opensearch":
        from eurasec_archive.index.opensearch import OpenSearchIndex

        return OpenSearchIndex(url, root=root, time_limit=time_limit)
    from eurasec_archive.index.archive_index import ArchiveIndex

    return ArchiveIndex(Path(root) / "index", time_limit=time_limit)
