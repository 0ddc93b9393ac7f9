"""The search page `/`: query box, facets, timeline, highlighted results.

The URL is the whole state of a search: every filter, the sort and the page are parameters,
empty parameters are dropped by a redirect (so a form submitted with blank fields leaves a
clean, shareable address), and back/forward restore a search exactly."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, redirect, render_template, request

from eurasec_archive.errors import BadQuery
from eurasec_archive.facets import FACETS, FACETS_BY_NAME
from eurasec_archive.search import MAX_FILTER_VALUES, SearchRequest
from eurasec_archive.views.context import services
from eurasec_archive.views.filters import url_with

bp = Blueprint("search", __name__)

FACET_TOP = 8  # values shown before "more"
FACET_PAGE_LIMIT = 500  # values per facet rendered in the page; /facets/<name> lists every one
UNDATED = "undated"  # the year facet's value for items without a date


DEFAULTS = {"sort": "relevance", "page": "1"}  # said by saying nothing


def clean_params(args) -> dict[str, list[str]]:
    """Request parameters without empty or default values (``from=&to=`` says nothing)."""
    out: dict[str, list[str]] = {}
    for k, values in args.to_dict(flat=False).items():
        # duplicates dropped and at most MAX_FILTER_VALUES kept (thousands held a core for minutes)
        kept = list(dict.fromkeys(v for v in values if v.strip() and DEFAULTS.get(k) != v))[:MAX_FILTER_VALUES]
        if kept:
            out[k] = kept
    return out


def has_empty_params(args) -> bool:
    return any(not v.strip() or DEFAULTS.get(k) == v for k, vs in args.to_dict(flat=False).items() for v in vs)


def value_label(facet_name: str, value: str) -> str:
    facet = FACETS_BY_NAME.get(facet_name)
    if facet and facet.missing and value == facet.missing:
        return f"unknown {facet.label.lower()}"
    return value


def facet_view(result: dict, limit: int = FACET_TOP) -> list[dict]:
    """Per facet: its values (years in year order, undated last), the first ``limit`` (and any
    selected) marked ``top``, whether the page holds every value."""
    out = []
    for f in FACETS:
        values = [dict(v, label=value_label(f.name, v["value"])) for v in result["facets"].get(f.name, [])]
        if not values:
            continue
        complete = len(values) < FACET_PAGE_LIMIT
        values = values[:FACET_PAGE_LIMIT]
        if f.name == "year":  # newest year first, undated last
            values.sort(key=lambda v: v["value"], reverse=True)
            values.sort(key=lambda v: v["value"] == UNDATED)
        for n, v in enumerate(values):
            v["top"] = n < limit or v["selected"]
        out.append({"facet": f, "values": values, "complete": complete,
                    "more": sum(1 for v in values if not v["top"])})
    return out


def chips(result: dict, params: dict) -> list[dict]:
    """Every active part of the search as a removable chip: label and the URL without it."""
    out = []
    for name, values in result["filters"].items():
        for v in values:
            rest = [x for x in params.get(name, []) if x != v]
            out.append({"label": f"{name}: {value_label(name, v)}", "url": url_with(params, **{name: rest or None})})
    for key, word in (("from", "from"), ("to", "to")):
        if result[key]:
            out.append({"label": f"{word} {result[key]}", "url": url_with(params, **{key: None})})
    if result["include_undated"] and (result["from"] or result["to"]):
        out.append({"label": "including undated", "url": url_with(params, undated=None)})
    if result["sort"] != "relevance":
        out.append({"label": f"sort: {result['sort']}", "url": url_with(params, sort=None)})
    if result["page"] > 1:
        out.append({"label": f"page {result['page']}", "url": url_with(params, page=None)})
    return out


def undated_count(result: dict) -> int:
    """Undated items among the results (the year facet's count, unless a year filter excludes them)."""
    years = result["filters"].get("year")
    if years and UNDATED not in years:
        return 0
    return next((v["count"] for v in result["facets"].get("year", []) if v["value"] == UNDATED), 0)


def notices(q: str, result: dict | None) -> list[str]:
    """How the query was read when that differs from what was typed."""
    out = list((result or {}).get("notices") or [])
    if q.strip() and not q.strip(" \t\n*"):
        out.append(f"“{q.strip()}” has no words: it was read as every document.")
    elif "*" in q.split():
        out.append("a lone “*” matches every document, so every document is found; "
                   "the other words only rank them (write prefix* to match words by their start).")
    return out


@bp.get("/")
def search_page():
    if has_empty_params(request.args):
        query = urlencode([(k, v) for k, vs in clean_params(request.args).items() for v in vs])
        return redirect("/" + ("?" + query if query else ""), code=302)
    s = services()
    params = clean_params(request.args)
    try:
        req = SearchRequest.from_params(params)
        result = s["archive"].search(req, s["items"], facet_limit=FACET_PAGE_LIMIT)
        error, status = None, 200
    except BadQuery as e:
        req, result, error, status = None, None, e.message, 400
    q = request.args.get("q", "")
    context = {"result": result, "error": error, "req": req, "params": params, "facets": FACETS, "q": q,
               "notices": notices(q, result)}
    if result:
        context.update(facet_groups=facet_view(result), chips=chips(result, params),
                       undated=undated_count(result),
                       beyond_last=result["page"] > result["pages"] or (result["page"] > 1 and not result["hits"]))
    return render_template("search.html", **context), status


@bp.get("/help")
def help_page():
    """How to search: the query syntax, filters and the API parameters."""
    return render_template("help.html", facets=FACETS)
