"""Search requests -> search responses (parse, filters, facets, highlights). No Flask here:
the web page, the JSON API and ``eurasec-archive search --json`` all call ``run_search``.
"""

from __future__ import annotations

import logging
import math
import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from html import escape

from eurasec_archive.archive import Archive
from eurasec_archive.errors import BadQuery, NotFound, UnreadableItem
from eurasec_archive.facets import FACETS
from eurasec_archive.index import ArchiveIndex, RequestDeadline, word_spans
from eurasec_archive.index.parsing import MAX_QUERY_CHARS, MAX_QUERY_WORDS
from eurasec_archive.models import Item
from eurasec_archive.stories import StoryIndex
from eurasec_archive.stories.collapse import collapse
from eurasec_archive.stories.grouping import story_groups

__all__ = ["MAX_QUERY_CHARS", "MAX_QUERY_WORDS", "SearchRequest", "run_search"]
MAX_FILTER_VALUES = 20  # values kept per facet parameter (repeats beyond are dropped, noticed)
log = logging.getLogger("eurasec_archive")
MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 20
MAX_RESULT_WINDOW = 10_000  # page * per_page may not go past this
SORTS = ("relevance", "newest", "oldest")
FACET_COUNTS = ("item", "story")  # what a facet value counts: matching items, or their stories
SNIPPET_CHARS = 360
MAX_HIGHLIGHTED_CHARS = 200_000  # per item: the cost of highlighting stays bounded
_DATE_PARAM = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass
class SearchRequest:
    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    date_from: str | None = None
    date_to: str | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    include_undated: bool = False  # a date range keeps the undated items too (``undated=include``)
    collapse: str | None = None  # "story": one hit per story, its reprints counted (``collapse=story``)
    facet_count: str = "item"  # "story": facet values count stories, not items (``facet_count=story``)
    notices: list[str] = field(default_factory=list)  # liberties taken with the parameters

    @classmethod
    def from_params(cls, params) -> SearchRequest:
        """From a mapping of parameter -> list of values (Flask's ``request.args.to_dict(flat=False)``
        or the CLI's options). :raise BadQuery: a parameter is malformed"""
        def one(name, default=None):
            v = params.get(name)
            if isinstance(v, list):
                v = v[0] if v else None
            return default if v in (None, "") else str(v)

        def integer(name, default, lo, hi):
            raw = one(name)
            if raw is None:
                return default
            try:
                n = int(raw)
            except ValueError:
                raise BadQuery(f"{name} must be a whole number, not {raw!r}") from None
            if not lo <= n <= hi:
                raise BadQuery(f"{name} must be between {lo} and {hi}")
            return n

        filters, notices = {}, []
        for f in FACETS:
            values = params.get(f.name) or []
            if isinstance(values, str):
                values = [values]
            values = list(dict.fromkeys(str(v) for v in values if v))
            if len(values) > MAX_FILTER_VALUES:
                notices.append(f"Only the first {MAX_FILTER_VALUES} values of {f.name!r} were used.")
                values = values[:MAX_FILTER_VALUES]
            if values:
                filters[f.name] = values
        sort = one("sort", "relevance")
        if sort not in SORTS:
            raise BadQuery(f"sort must be one of {', '.join(SORTS)}")
        per_page = integer("per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
        page = integer("page", 1, 1, 10**12)
        if (page - 1) * per_page >= MAX_RESULT_WINDOW:
            raise BadQuery(f"page is too deep: results are browsable up to number {MAX_RESULT_WINDOW}; "
                           "narrow the query or use filters")
        undated = one("undated")
        if undated not in (None, "include", "exclude"):
            raise BadQuery("undated must be 'include' or 'exclude'")
        collapse = one("collapse")
        if collapse not in (None, "story"):
            raise BadQuery("collapse must be 'story' (or absent: every item)")
        facet_count = one("facet_count", "item")
        if facet_count not in FACET_COUNTS:
            raise BadQuery("facet_count must be 'item' or 'story'")
        req = cls(q=one("q", "") or "", filters=filters, date_from=one("from"), date_to=one("to"),
                  sort=sort, page=page, per_page=per_page, include_undated=undated == "include",
                  collapse=collapse, facet_count=facet_count, notices=notices)
        req.validate()
        return req

    def validate(self) -> None:
        """:raise BadQuery: a date bound is malformed. Query text is never refused: the
        parser reads any text (too long is cut, with a notice)."""
        self.q = self.q.replace("\x00", " ")
        lo, hi = date_bound(self.date_from, "from"), date_bound(self.date_to, "to")
        if lo is not None and hi is not None and lo > hi:
            raise BadQuery("'from' is after 'to'")

    def params(self) -> dict[str, list[str]]:
        """The request as URL parameters (the same names the API takes)."""
        out: dict[str, list[str]] = {}
        if self.q:
            out["q"] = [self.q]
        for k, v in self.filters.items():
            out[k] = list(v)
        if self.date_from:
            out["from"] = [self.date_from]
        if self.date_to:
            out["to"] = [self.date_to]
        if self.include_undated and (self.date_from or self.date_to):
            out["undated"] = ["include"]
        if self.sort != "relevance":
            out["sort"] = [self.sort]
        if self.per_page != DEFAULT_PER_PAGE:
            out["per_page"] = [str(self.per_page)]
        if self.collapse:
            out["collapse"] = [self.collapse]
        if self.facet_count != "item":
            out["facet_count"] = [self.facet_count]
        return out


def date_bound(value: str | None, which: str) -> int | None:
    """'2025-06' as a 'from' bound -> 20250600; as a 'to' bound -> 20250699."""
    if not value:
        return None
    m = _DATE_PARAM.match(value.strip())
    if not m:
        raise BadQuery(f"'{which}' must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    y, mo, d = int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)
    if mo > 12 or d > 31:
        raise BadQuery(f"'{which}' is not a real date: {value!r}")
    if which == "from":
        return y * 10000 + mo * 100 + d
    return y * 10000 + (mo or 99) * 100 + (d or 99)


class ItemCache:
    """An LRU of parsed items (result pages highlight them), shared by the request threads:
    thread-safe, and bounded by memory — about ``max_bytes`` of parsed items, each counted as
    PARSED_BYTES_PER_FILE_BYTE times its file's size — as well as by count (``size``)."""

    PARSED_BYTES_PER_FILE_BYTE = 4  # Python objects of a parsed item vs its JSON (measured ~3-5)

    def __init__(self, archive: Archive, size: int = 4096, max_bytes: int = 64 * 2**20):
        self.archive, self.size, self.max_bytes = archive, size, max_bytes
        self._items: OrderedDict[str, tuple[tuple[int, int], int, Item]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    @property
    def bytes(self) -> int:
        """The memory the cached items are counted as."""
        return self._bytes

    def __len__(self) -> int:
        return len(self._items)

    def get(self, item_id: str) -> Item:
        path = self.archive.item_path(item_id)
        try:
            st = path.stat()
        except FileNotFoundError:
            raise NotFound(f"no item {item_id!r}") from None
        version = (st.st_mtime_ns, st.st_size)
        with self._lock:
            hit = self._items.get(item_id)
            if hit and hit[0] == version:
                self._items.move_to_end(item_id)
                return hit[2]
        item = self.archive.get(item_id)  # read outside the lock: threads read files in parallel
        weight = st.st_size * self.PARSED_BYTES_PER_FILE_BYTE
        with self._lock:
            old = self._items.pop(item_id, None)
            if old:
                self._bytes -= old[1]
            if weight <= self.max_bytes:
                self._items[item_id] = (version, weight, item)
                self._bytes += weight
            while self._items and (len(self._items) > self.size or self._bytes > self.max_bytes):
                _, (_, w, _) = self._items.popitem(last=False)
                self._bytes -= w
        return item


def mark(text: str, spans: list[tuple[int, int]]) -> str:
    """Escape ``text`` and wrap the spans in <mark>. Nothing else is left unescaped."""
    out, pos = [], 0
    for s, e in spans:
        if s < pos:
            continue
        out.append(escape(text[pos:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        pos = e
    out.append(escape(text[pos:]))
    return "".join(out)


def snippet(text: str, spans: list[tuple[int, int]], width: int = SNIPPET_CHARS) -> str:
    """A window of ``text`` around its first match, marked and escaped."""
    if len(text) <= width:
        return mark(text, spans)
    first = spans[0][0] if spans else 0
    start = max(0, first - width // 3)
    if start:
        start = text.find(" ", start) + 1 or start
    end = min(len(text), start + width)
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    inner = [(s - start, e - start) for s, e in spans if s >= start and e <= end]
    return ("…" if start else "") + mark(text[start:end], inner) + ("…" if end < len(text) else "")


def highlight_item(index: ArchiveIndex, item: Item, terms, max_passages: int = 3) -> list[dict]:
    """The best 1-3 paragraphs of ``item`` for the query terms, each marked and linked."""
    scored = []
    budget = MAX_HIGHLIGHTED_CHARS
    words: set[str] = set()
    if terms:
        # the item's matching words, found once; then only paragraphs containing one are scanned
        texts = []
        for p in item.paragraphs:
            if budget <= 0:
                break
            texts.append(p.text[:budget])
            budget -= len(texts[-1])
        words = index.matching_words("\n".join(texts), terms, item.language)
    if words:
        for order, (p, text) in enumerate(zip(item.paragraphs, texts, strict=False)):  # texts stop at the budget
            if not any(w in text for w in words):
                continue
            spans = word_spans(text, words)
            if spans:
                distinct = len({text[s:e].lower() for s, e in spans})
                scored.append((-(distinct * 10 + len(spans)), order, p, spans))
    scored.sort(key=lambda x: (x[0], x[1]))
    passages = [(p, spans) for _, _, p, spans in scored[:max_passages]]
    if not passages:
        first = next((p for p in item.paragraphs if p.kind == "paragraph"), None)
        passages = [(first, [])] if first else []
    return [{"paragraph": p.id, "kind": p.kind, "html": snippet(p.text, spans),
             "url": f"{item.url}#{p.id}"} for p, spans in passages]


def item_text(items: ItemCache):
    """item id -> its title and text (None if it is gone or unreadable), from ``items``."""
    def text_of(item_id: str) -> str | None:
        try:
            item = items.get(item_id)
        except (NotFound, UnreadableItem):
            return None
        return item.title + "\n" + "\n".join(p.text for p in item.paragraphs)
    return text_of


def run_search(archive: Archive, index: ArchiveIndex, req: SearchRequest,
               items: ItemCache | None = None, facet_limit: int = 30,
               conjunctive: bool = False) -> dict:
    """Run a search; the result is the JSON structure of ``/api/search``.

    :param facet_limit: values per facet, most frequent first (selected values always included)
    :param conjunctive: every facet counted within every filter, its own included

    :raise BadQuery: the query or a parameter is unusable (message says why)
    """
    started = time.perf_counter()
    # one budget for the whole request (index/deadline.py): every evaluation of the query
    # stops at most of the limit, facets, hits, highlighting and suggestions at the limit,
    # however many searches the request makes (collapse's window, the undated count)
    deadline = RequestDeadline.start(getattr(index, "time_limit", 2.0))
    shared = getattr(index, "shares_request_deadline", False)  # OpenSearch: its own timeout
    request_ends = deadline.ends
    # "is None", not "or": an empty shared cache has len 0 and would be replaced by a private one
    items = items if items is not None else ItemCache(archive)
    meant = index.interpret(req.q)
    q = meant.query  # None: nothing searchable, no hits
    if req.sort == "relevance" and hasattr(index, "with_feedback"):  # ranked by its best results' words too
        q = index.with_feedback(q, item_text(items), deadline.evaluation_ends)
    offset = (req.page - 1) * req.per_page
    lo, hi = date_bound(req.date_from, "from"), date_bound(req.date_to, "to")
    stories = StoryIndex.of(archive)
    facet_count, notices = req.facet_count, []
    if facet_count == "story" and not getattr(index, "counts_facet_groups", False):
        facet_count = "item"  # an engine that cannot group by story (OpenSearch) says so
        notices.append("Facet counts per story need the embedded search engine; these count items.")
    per_story = {"facet_groups": story_groups(stories)} if facet_count == "story" else {}
    years = req.filters.get("year")
    # how many undated items the date range leaves out (the page offers them back)
    count_undated = (lo is not None or hi is not None) and not req.include_undated and (
        not years or "undated" in years)
    extra = {"deadline": deadline, "count_undated": count_undated} if shared else {}

    def search(start, limit):
        return index.search(q, req.filters, lo, hi, req.sort, start, limit, facet_limit,
                            keep_undated=req.include_undated, conjunctive=conjunctive,
                            **per_story, **extra)

    folded = collapse(index, stories, search, offset, req.per_page) if req.collapse else None
    raw = folded.raw if folded else search(offset, req.per_page)
    undated_excluded, timed_out = 0, raw.timed_out
    if count_undated and getattr(raw, "undated", None) is not None:
        undated_excluded = raw.undated  # from the same evaluation: partial if it timed out
    elif count_undated:  # an engine that cannot count it alongside: a second search
        undated = index.search(q, {**req.filters, "year": ["undated"]}, None, None,
                               req.sort, 0, 0, 0)
        undated_excluded, timed_out = undated.total, timed_out or undated.timed_out
    hits, plain = [], 0
    for h in raw.hits:
        try:
            item = items.get(h.id)
        except NotFound:
            continue  # deleted since the searcher opened
        except UnreadableItem as e:  # a damaged file never breaks the page for the others
            log.warning("%s", e.message)
            continue
        terms = raw.terms if time.monotonic() < request_ends else set()
        plain += bool(raw.terms and not terms)  # past the limit: passages shown unmarked
        title_spans = index.match_spans(item.title, terms, item.language) if terms else []
        hits.append({
            "id": item.id,
            "title": item.title,
            "title_html": mark(item.title, title_spans),
            "date": item.date,
            "date_precision": item.date_precision,
            "outlet": item.outlet,
            "language": item.language,
            "speakers": [s.name for s in item.speakers],
            "url": item.url,
            "score": h.score,
            "source": {"filename": item.source.filename},
            "highlights": highlight_item(index, item, terms),
            **({"story": folded.stories[h.id], "reprints": folded.reprints[h.id]} if folded else {}),
        })
    selected = req.filters
    facets = {
        name: [{"value": v, "count": c, "selected": v in selected.get(name, [])} for v, c in values]
        for name, values in raw.facets.items()
    }
    suggestions = []
    if raw.total == 0 and req.q.strip() and not timed_out and time.monotonic() < deadline.suggestions_start_by:
        # suggesting takes up to limit / 2, and never past the request's end
        suggestions = index.suggest(req.q, deadline=request_ends) if shared else index.suggest(req.q)
    notices = req.notices + meant.notices + notices
    if getattr(raw, "facets_skipped", False):
        notices.append("The time limit was reached before the filters' values were counted.")
    if folded and not folded.exact and timed_out:
        notices.append("The time limit was reached: the number of stories is an estimate.")
    if plain:
        notices.append(f"The time limit was reached: {plain} of the results are shown without "
                       "their words marked.")
    return {
        "query": req.q,
        "interpreted_as": meant.interpreted_as,
        "notices": notices,
        "total": raw.total,
        "page": req.page,
        "per_page": req.per_page,
        "pages": max(1, math.ceil((folded.total if folded else raw.total) / req.per_page)),
        "sort": req.sort,
        "filters": selected,
        "from": req.date_from,
        "to": req.date_to,
        "include_undated": req.include_undated,
        "undated_excluded": undated_excluded,
        "collapse": {"by": "story", "stories": folded.total, "exact": folded.exact} if folded else None,
        "hits": hits,
        "facets": facets,
        "facet_count": facet_count,
        "timeline": [{"month": m, "count": c} for m, c in raw.timeline],
        "suggestions": suggestions,
        "timed_out": timed_out,
        "took_ms": round((time.perf_counter() - started) * 1000, 1),
    }
