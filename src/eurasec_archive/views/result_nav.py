"""Walking a result set from an item page: "back to results", "3 of 17", previous and next.

A result links to its item with the search's parameters and its position (``n``); the item
page re-runs that search around the position (three hits, no highlighting) to find its
neighbours. If the archive changed since, the item is looked for near its old place."""

from __future__ import annotations

import math
from urllib.parse import urlencode

from eurasec_archive.errors import BadQuery
from eurasec_archive.search import SearchRequest, date_bound
from eurasec_archive.views.filters import in_results, url_with

SEARCH_PARAMS_EXCLUDED = ("n", "version", "page")
RELOCATE_WINDOW = 25  # how far from its old position an item is looked for


def search_state(args) -> dict[str, list[str]]:
    """The search parameters an item URL carries (without the position and the version)."""
    return {k: [v for v in vs if v] for k, vs in args.to_dict(flat=False).items()
            if k not in SEARCH_PARAMS_EXCLUDED and any(vs)}


def result_nav(archive, items, args, item_id: str) -> dict | None:
    """Position, total, previous/next item and the way back, or None when the page was not
    opened from a result list (or that search no longer finds the item)."""
    try:
        n = int(args.get("n", ""))
    except ValueError:
        return None
    state = search_state(args)
    try:
        req = SearchRequest.from_params(state)
        lo, hi = date_bound(req.date_from, "from"), date_bound(req.date_to, "to")
    except BadQuery:
        return None
    if n < 1:
        return None

    def window(offset, limit):
        raw = archive.find(req.q, req.filters, lo, hi, req.sort, offset, limit,
                           keep_undated=req.include_undated)
        return raw.total, [h.id for h in raw.hits]

    start = max(0, n - 2)
    try:
        total, ids = window(start, 3)
    except BadQuery:  # a hand-edited query: no navigation, the item page still shows
        return None
    if item_id not in ids or ids.index(item_id) + start + 1 != n:
        start = max(0, n - 1 - RELOCATE_WINDOW)
        total, ids = window(start, 2 * RELOCATE_WINDOW + 1)
        if item_id not in ids:
            return None
    at = ids.index(item_id)
    n = start + at + 1

    def neighbour(i):
        if not 0 <= i < len(ids):
            return None
        try:
            other = items.get(ids[i])
        except Exception:  # noqa: BLE001 - deleted since the search: no link
            return None
        return {"title": other.title, "date": other.date, "url": in_results(other.url, state, start + i + 1)}

    page = math.ceil(n / req.per_page)
    back = url_with(state, page=str(page)) if page > 1 else url_with(state)
    return {"position": n, "total": total, "previous": neighbour(at - 1), "next": neighbour(at + 1),
            "back": f"{back}#hit-{n}", "query": req.q, "state_query": urlencode(
                [(k, v) for k, vs in state.items() for v in vs])}
