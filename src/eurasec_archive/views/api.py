"""The JSON API (read-only, CORS-enabled): /api/search, and the same search as a file
(``format=csv|jsonl|bibtex|ris``: every matching item, streamed)."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, request, stream_with_context

from eurasec_archive.errors import BadQuery
from eurasec_archive.export import EXPORT_FORMATS, export_chunks
from eurasec_archive.search import SearchRequest
from eurasec_archive.views.cite import base_url
from eurasec_archive.views.context import services
from eurasec_archive.views.openapi import openapi_description

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/search")
def api_search():
    """Same parameters as the search page; BadQuery becomes a 400 JSON error.

    ``format=json`` (default) is one page of hits with facets; ``format=csv|jsonl|bibtex|ris``
    is every matching item (up to ``EXPORT_LIMIT``; ``page``/``per_page`` are ignored) as a
    download, with ``X-Total-Count`` and ``X-Export-Count`` headers.
    """
    s = services()
    req = SearchRequest.from_params(request.args.to_dict(flat=False))
    fmt = request.args.get("format", "json")
    if fmt == "json":
        return jsonify(s["archive"].search(req, s["items"]))
    if fmt not in EXPORT_FORMATS:
        raise BadQuery(f"unknown format {fmt[:40]!r}; use json or one of "
                       f"{', '.join(EXPORT_FORMATS)}")
    # damaged item files are left out and counted, so the headers say what is really sent
    selection = s["archive"].select_for_export(req).readable(s["archive"])
    chunks = export_chunks(selection.items(s["archive"]), fmt, base_url())
    media_type, ext = EXPORT_FORMATS[fmt]
    response = Response(stream_with_context(chunks), content_type=media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="search.{ext}"'
    response.headers["X-Total-Count"] = str(selection.total)
    response.headers["X-Export-Count"] = str(len(selection.ids))
    response.headers["X-Skipped-Count"] = str(len(selection.skipped))
    response.headers["Access-Control-Expose-Headers"] = "X-Total-Count, X-Export-Count, X-Skipped-Count"
    return response


@bp.get("/openapi.json")
def api_openapi():
    """The OpenAPI 3 description of the read-only interfaces."""
    return jsonify(openapi_description(base_url(), current_app.config["SITE_NAME"]))
