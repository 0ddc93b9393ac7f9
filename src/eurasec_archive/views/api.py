"""The JSON API (read-only, CORS-enabled): /api/search."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from eurasec_archive.app import services
from eurasec_archive.search import SearchRequest, run_search

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/search")
def api_search():
    """Same parameters as the search page; BadQuery becomes a 400 JSON error."""
    s = services()
    req = SearchRequest.from_params(request.args.to_dict(flat=False))
    return jsonify(run_search(s["archive"], s["index"], req, s["items"]))
