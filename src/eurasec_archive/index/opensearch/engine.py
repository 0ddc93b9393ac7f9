"""``OpenSearchIndex``: the engine interface (``index/engine.py``) over an OpenSearch cluster.

The archive's documents live in one index behind an alias the archive owns (``rebuild``
fills a fresh index and moves the alias, as ``reindex`` swaps a Whoosh index in). Writes are
bulk requests whose failed items are sent again (bounded), then the index is refreshed so a
search sees them, as after a Whoosh commit. Searches return the same ``RawResults`` as the
Whoosh engine: the hits of one page, each facet counted with the other facets' selections,
the timeline, and the words OpenSearch highlighted (the paragraphs are then chosen by
``search.highlight_item`` exactly as for Whoosh).
"""

from __future__ import annotations

import hashlib
import itertools
import re
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import quote

from whoosh import query as wquery

from eurasec_archive.errors import StorageError
from eurasec_archive.index import feedback
from eurasec_archive.index.deadline import EVALUATION_SHARE, RequestDeadline
from eurasec_archive.index.highlight import word_spans
from eurasec_archive.index.opensearch.client import DeadlinePassed, OpenSearchClient, OpenSearchError, parse_url
from eurasec_archive.index.opensearch.mapping import index_settings, item_source
from eurasec_archive.index.opensearch.query import WordsQueryParser, fold, query_words, to_dsl
from eurasec_archive.index.opensearch.ranking import FORMAT, collect_parts, frequency_request, read_frequencies
from eurasec_archive.index.opensearch.request import read_answer, search_body
from eurasec_archive.index.parsing import Interpretation
from eurasec_archive.index.schema import WORDS, make_schema
from eurasec_archive.index.searching import RawHit, RawResults
from eurasec_archive.index.writing import item_rev
from eurasec_archive.models import Item

BULK_DOCS = 500  # documents per bulk request
# seconds a write keeps being sent while the cluster cannot take it (a node lost: an election
# of a new cluster manager, a replica promoted; slower on a loaded machine) before it fails
WRITE_PATIENCE = 120.0
MAX_FACET_VALUES = 10_000  # "every value" (the browse pages) is this many, most frequent first
SPELL_MIN_LENGTH = 3


def default_index_name(root: str | Path) -> str:
    """An index name of its own for each archive directory: 'eurasec-<dir>-<digest>'."""
    path = Path(root).resolve()
    slug = re.sub(r"[^a-z0-9]+", "-", path.name.lower()).strip("-")[:40] or "archive"
    return f"eurasec-{slug}-{hashlib.sha1(str(path).encode()).hexdigest()[:8]}"


def _bulk_outcome(answer) -> tuple[set[str], dict[str, int], list[str]]:
    """(ids taken, {id refused: status}, reasons) of a bulk answer."""
    taken, refused, reasons = set(), {}, []
    for entry in (answer or {}).get("items", []) if isinstance(answer, dict) else []:
        op = entry.get("index") or {}
        status = op.get("status", 500)
        if status < 300:
            taken.add(op.get("_id"))
        else:
            refused[op.get("_id")] = status
            reasons.append(f"{op.get('_id')}: {(op.get('error') or {}).get('reason', status)}")
    return taken, refused, reasons


def _partial(answer) -> bool:
    """A search some shard did not answer (a node just lost): asked again."""
    return isinstance(answer, dict) and bool((answer.get("_shards") or {}).get("failed"))


class OpenSearchIndex:
    """The archive's index in an OpenSearch cluster.

    :param url: one or more node addresses, comma-separated; a path names the index alias
    :param root: the archive directory (names the alias when the URL does not)
    :param time_limit: seconds a search may take (OpenSearch's ``timeout``: partial, flagged)
    """

    engine = "opensearch"
    # search(deadline=RequestDeadline) and suggest(deadline=...): one budget per request, sent
    # to OpenSearch as each request's ``timeout``
    shares_request_deadline = True

    def __init__(self, url: str, root: str | Path = ".", time_limit: float | None = None,
                 client: OpenSearchClient | None = None):
        from eurasec_archive.index.archive_index import SEARCH_TIME_LIMIT

        address = parse_url(url)
        self.url = url
        self.name = address.index or default_index_name(root)
        self.path = Path(root) / "index"  # where a Whoosh index would be (upkeep looks there)
        self.client = client or OpenSearchClient.for_address(address)
        self.time_limit = SEARCH_TIME_LIMIT if time_limit is None else time_limit
        self._parser = WordsQueryParser(make_schema())
        self.bulk_docs = BULK_DOCS
        self._vectors = feedback.Vectors()  # word counts of feedback documents (opensearch/feedback.py)

    # ------------------------------------------------------------ lifecycle

    def exists(self) -> bool:
        status, _ = self.client.request("HEAD", f"/{self.name}", allow=(404,))
        return status == 200

    def ensure(self) -> OpenSearchIndex:
        """Create the index (and its alias) if there is none."""
        if not self.exists():
            self._create_behind_alias()
        return self

    def _create_behind_alias(self) -> str:
        concrete = f"{self.name}-{time.time_ns()}"
        self.client.json("PUT", f"/{concrete}?wait_for_active_shards=1", index_settings())
        status, answer = self.client.request(
            "POST", "/_aliases", {"actions": [{"add": {"index": concrete, "alias": self.name}}]},
            allow=(400,))
        if status == 400:  # another writer created it meanwhile
            self.client.request("DELETE", f"/{concrete}", allow=(404,))
        return concrete

    def check(self) -> str | None:
        """None if the index answers; otherwise what is wrong (missing, cluster unreachable)."""
        try:
            if not self.exists():
                return "index missing"
            self.count()
            if self.ranking_format() != FORMAT:
                return f"index of another ranking format ({self.ranking_format()}, this version needs {FORMAT})"
        except StorageError as e:
            return f"index unreadable ({e.message})"
        return None

    def ranking_format(self) -> str | None:
        """The ranking format the index was made for (``ranking.FORMAT`` in its ``_meta``)."""
        answer = self.client.json("GET", f"/{self.name}/_mapping")
        metas = [(m.get("mappings") or {}).get("_meta") or {} for m in answer.values()]
        return metas[0].get("ranking") if metas else None

    # ------------------------------------------------------------ writing

    def add_items(self, items: list[Item], merge: bool = True) -> None:
        """Add or replace the entries of ``items``; searchable when this returns.

        :raise StorageError: an item the cluster refuses for good (a 4xx), or the cluster still
            unable to take them after ``WRITE_PATIENCE`` seconds
        """
        self._bulk(self.name, items)
        self.client.request("POST", f"/{self.name}/_refresh", allow=(404,), patience=WRITE_PATIENCE)

    def _bulk(self, index: str, items: Iterable[Item]) -> int:
        n, batch = 0, []
        for item in items:
            batch.append(item)
            if len(batch) >= self.bulk_docs:
                n += self._bulk_batch(index, batch)
                batch = []
        if batch:
            n += self._bulk_batch(index, batch)
        return n

    def _bulk_batch(self, index: str, items: list[Item]) -> int:
        """Send ``items`` until the cluster has taken every one: the items it did not take for
        a passing reason (429, 5xx: a shard with no primary yet, a node gone) are sent again,
        with a back-off, for up to ``WRITE_PATIENCE`` seconds; an item the answer does not
        confirm counts as not taken."""
        pending = {item.id: item_source(item) for item in items}
        started = time.monotonic()
        for attempt in itertools.count():
            lines = []
            for item_id, doc in pending.items():
                lines += [{"index": {"_index": index, "_id": item_id}}, doc]
            answer = self.client.json("POST", "/_bulk?timeout=30s", ndjson=lines, patience=WRITE_PATIENCE)
            taken, refused, reasons = _bulk_outcome(answer)
            if any(400 <= status < 500 and status != 429 for status in refused.values()):
                raise StorageError(f"OpenSearch refused {len(refused)} item(s): " + "; ".join(reasons[:3]))
            pending = {i: doc for i, doc in pending.items() if i not in taken}
            if not pending:
                return len(items)
            if time.monotonic() - started >= WRITE_PATIENCE:
                raise StorageError(f"OpenSearch did not take {len(pending)} item(s) in {WRITE_PATIENCE:.0f} s: "
                                   + "; ".join(reasons[:3] or ["no answer for them"]))
            self.client.note_retry("bulk items refused", len(pending))
            time.sleep(min(0.5 * 2 ** min(attempt, 3), 4.0))
        raise AssertionError("unreachable")

    def delete(self, item_id: str) -> None:
        self.client.request("DELETE", f"/{self.name}/_doc/{_quote(item_id)}?refresh=true", allow=(404,),
                            patience=WRITE_PATIENCE)

    def rebuild(self, items: Iterable[Item]) -> int:
        """Fill a fresh index from ``items``, then move the alias to it and drop the old one:
        searches see the old index until the new one is complete."""
        old = self._concrete_indices()
        concrete = f"{self.name}-{time.time_ns()}"
        self.client.json("PUT", f"/{concrete}?wait_for_active_shards=1", index_settings())
        try:
            n = self._bulk(concrete, items)
            self.client.json("POST", f"/{concrete}/_refresh")
        except BaseException:
            self.client.request("DELETE", f"/{concrete}", allow=(404,))
            raise
        actions = [{"remove": {"index": o, "alias": self.name}} for o in old]
        if self.name in old:  # a concrete index squatting on the alias name (made by hand)
            actions = [{"remove_index": {"index": self.name}}]
            old = []
        actions.append({"add": {"index": concrete, "alias": self.name}})
        self.client.json("POST", "/_aliases", {"actions": actions})
        for o in old:
            self.client.request("DELETE", f"/{o}", allow=(404,))
        return n

    def _concrete_indices(self) -> list[str]:
        status, answer = self.client.request("GET", f"/_alias/{self.name}", allow=(404,))
        if status == 200 and isinstance(answer, dict):
            return list(answer)
        status, _ = self.client.request("HEAD", f"/{self.name}", allow=(404,))
        return [self.name] if status == 200 else []

    def drop(self) -> None:
        """Delete the index and its alias (tests, migrations)."""
        for concrete in self._concrete_indices():
            self.client.request("DELETE", f"/{concrete}", allow=(404,))

    # ------------------------------------------------------------ iterating

    def iterate(self, fields: tuple[str, ...] = ("rev",), page: int = 5000) -> Iterator[dict]:
        """Every document's ``id`` and ``fields``, in id order (search_after pages)."""
        after = None
        while True:
            body = {"size": page, "sort": [{"id": "asc"}], "_source": ["id", *fields],
                    "query": {"match_all": {}}}
            if after is not None:
                body["search_after"] = after
            answer = self.client.json("POST", f"/{self.name}/_search", body, retry_if=_partial)
            hits = answer["hits"]["hits"]
            for h in hits:
                yield h["_source"]
            if len(hits) < page:
                return
            after = hits[-1]["sort"]

    def entries(self) -> dict[str, str]:
        """item id -> rev for every document in the index."""
        return {d["id"]: d.get("rev", "") for d in self.iterate()}

    def count(self) -> int:
        return int(self.client.json("GET", f"/{self.name}/_count", retry_if=_partial)["count"])

    def stale_test(self):
        entries = self.entries() if self.exists() else {}
        return lambda item: entries.get(item.id) != item_rev(item)

    # ------------------------------------------------------------ searching

    def searcher(self):
        """No searcher to keep: OpenSearch holds its own (kept for the interface)."""
        return None

    def release_searcher(self) -> None:
        return None

    def facet_table(self, searcher) -> None:
        return None

    def interpret(self, text: str) -> Interpretation:
        return self._parser.interpret(text)

    def parse(self, text: str):
        q = self.interpret(text).query
        return wquery.NullQuery if q is None else q

    def search(self, q, filters: dict[str, list[str]], date_from: int | None, date_to: int | None,
               sort: str, offset: int, limit: int, facet_limit: int = 30,
               keep_undated: bool = False, conjunctive: bool = False, facet_groups=None, *,
               deadline: RequestDeadline | float | None = None, count_undated: bool = False) -> RawResults:
        """See ``ArchiveIndex.search``: the same arguments and results. ``deadline`` (the
        request's) bounds the whole search: what is left of it is each request's ``timeout``
        (OpenSearch then answers with what it found so far: ``timed_out``). Facet groups and the
        undated count are not offered (``search.run_search`` falls back)."""
        every = _is_every(q)
        answer_by, ends = _budget(deadline, self.time_limit)
        try:
            stats, late = self._frequencies(q, answer_by, ends) if not every and sort == "relevance" \
                else ((0, {}), False)
            body = search_body(to_dsl(q, stats), every, filters, date_from, date_to, sort, offset, limit,
                               min(facet_limit, MAX_FACET_VALUES), keep_undated, conjunctive,
                               max(answer_by - time.monotonic(), 0.001))
            if getattr(getattr(q, "b", None), "feedback", False) and "highlight" in body:
                body["highlight"]["highlight_query"] = to_dsl(q.a, stats)  # feedback words only rank
            answer = self.client.json("POST", f"/{self.name}/_search", body, retry_if=_partial, until=ends)
        except DeadlinePassed:  # no answer in time: nothing found, flagged (as a Whoosh evaluation cut short)
            return RawResults(total=0, hits=[], facets={}, timeline=[], terms=set(), timed_out=True)
        total, page, facets, timeline, marked = read_answer(answer, filters, min(facet_limit, MAX_FACET_VALUES))
        hits = [RawHit(id=h_id, score=None if every or sort != "relevance" else score, docnum=-1)
                for h_id, score in page]
        terms = set() if every else {("word", fold(w)) for text in marked for w in WORDS.findall(text)}
        if not every:
            terms |= {t for t in query_words(q) if t[0] == "prefix"}
        return RawResults(total=total, hits=hits, facets=facets, timeline=timeline, terms=terms,
                          timed_out=late or bool(answer.get("timed_out")))

    def with_feedback(self, q, text_of, deadline: float | None = None):
        """See ``ArchiveIndex.with_feedback``: the same feedback words (``opensearch/feedback.py``)."""
        from eurasec_archive.index.opensearch.feedback import with_feedback

        return with_feedback(self, q, text_of, deadline)

    def _frequencies(self, q, answer_by: float, ends: float) -> tuple[tuple[int, dict[str, int]], bool]:
        """((live documents, part key -> df), timed out) for the BM25F units of ``q``: one
        ``size: 0`` request (``ranking.frequency_request``) within the deadline. A timed-out
        count gives lower dfs, so the ranking, not the matches, is approximate (flagged)."""
        parts = collect_parts(q)
        if not parts:
            return (0, {}), False
        body = frequency_request(parts)
        body["timeout"] = _timeout(answer_by)
        answer = self.client.json("POST", f"/{self.name}/_search", body, retry_if=_partial, until=ends)
        return read_frequencies(parts, answer), bool(answer.get("timed_out"))

    def suggest(self, text: str, limit: int = 3, *, deadline: float | None = None) -> list[str]:
        """'Did you mean': each unknown word (of the first 8) replaced by its nearest known
        spelling (OpenSearch's term suggester over the ``spell`` field), within half the time
        limit or until ``deadline`` (``time.monotonic()``); none once it has passed."""
        ends = time.monotonic() + self.time_limit / 2
        ends = ends if deadline is None else min(ends, deadline)
        if time.monotonic() >= ends:
            return []
        words = [w for w in text.lower().split() if w.isalpha() and len(w) >= SPELL_MIN_LENGTH][:8]
        if not words:
            return []
        body = {"size": 0, "suggest": {
            f"w{i}": {"text": w, "term": {"field": "spell", "suggest_mode": "missing", "max_edits": 2,
                                          "sort": "score", "size": 1}} for i, w in enumerate(words)},
            "timeout": _timeout(ends)}
        try:
            answer = self.client.json("POST", f"/{self.name}/_search", body, retry_if=_partial, until=ends)
        except DeadlinePassed:
            return []
        fixed, changed = [], False
        for i, w in enumerate(words):
            options = [o for entry in answer.get("suggest", {}).get(f"w{i}", []) for o in entry["options"]]
            if options:
                fixed.append(options[0]["text"])
                changed = True
            else:
                fixed.append(w)
        return [" ".join(fixed)][:limit] if changed else []

    # ------------------------------------------------------------ highlighting support

    def query_terms(self, text: str) -> set[tuple[str, str]]:
        """The words and prefixes of a query (for highlighting it on an item page)."""
        return query_words(self.interpret(text).query)

    def match_spans(self, text: str, terms: set[tuple[str, str]], language: str) -> list[tuple[int, int]]:
        return word_spans(text, self.matching_words(text, terms, language))

    def matching_words(self, text: str, terms: set[tuple[str, str]], language: str) -> set[str]:
        """The distinct words of ``text`` (as written) OpenSearch highlighted for the query,
        or that start with one of its prefixes."""
        words = {t for kind, t in terms if kind == "word"}
        prefixes = tuple(t for kind, t in terms if kind == "prefix")
        out = set()
        for w in set(WORDS.findall(text)):
            f = fold(w)
            if f in words or (prefixes and f.startswith(prefixes)):
                out.add(w)
        return out


def _budget(deadline: RequestDeadline | float | None, time_limit: float) -> tuple[float, float]:
    """(when the query must be answered, when the request ends), ``time.monotonic()`` times:
    the request's ``evaluation_ends`` and ``ends``, as for the Whoosh evaluator (the rest of the
    budget is the page's); given one time, both; given none, from the time limit."""
    if isinstance(deadline, RequestDeadline):
        return deadline.evaluation_ends, deadline.ends
    if deadline is not None:
        return deadline, deadline
    now = time.monotonic()
    return now + EVALUATION_SHARE * time_limit, now + time_limit


def _timeout(ends: float) -> str:
    return f"{max(int((ends - time.monotonic()) * 1000), 1)}ms"


def _is_every(q) -> bool:
    return isinstance(q, wquery.Every) and q.fieldname in (None, "*")


def _quote(item_id: str) -> str:
    return quote(item_id, safe="")


__all__ = ["OpenSearchError", "OpenSearchIndex", "default_index_name"]
