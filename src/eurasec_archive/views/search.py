"""The search page `/`: query box, facets, timeline, highlighted results."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from eurasec_archive.app import services
from eurasec_archive.errors import BadQuery
from eurasec_archive.facets import FACETS
from eurasec_archive.search import SearchRequest, run_search

bp = Blueprint("search", __name__)


@bp.get("/")
def search_page():
    s = services()
    params = request.args.to_dict(flat=False)
    try:
        req = SearchRequest.from_params(params)
        result = run_search(s["archive"], s["index"], req, s["items"])
        error, status = None, 200
    except BadQuery as e:
        req, result, error, status = None, None, e.message, 400
    state = {k: v for k, v in params.items() if k != "page"}
    return render_template("search.html", result=result, error=error, req=req, params=state,
                           facets=FACETS, q=request.args.get("q", "")), status


@bp.get("/help")
def help_page():
    """How to search: the query syntax, filters and the API parameters."""
    return render_template("help.html", facets=FACETS)
