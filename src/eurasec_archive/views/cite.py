"""Citations and permalinks: /items/<id>/cite, and what happens to an /items/<id>… address
whose item was renamed (301 to the new id) or removed (410 with its tombstone)."""

from __future__ import annotations

import re

from flask import Blueprint, Response, current_app, jsonify, redirect, render_template, request

from eurasec_archive.archive import removed_message
from eurasec_archive.cite import cite, cite_panel
from eurasec_archive.models import Item
from eurasec_archive.views.context import error_response, services, wants_json

bp = Blueprint("cite", __name__)

_ITEM_PATH = re.compile(r"^/items/(?P<id>[a-z0-9][a-z0-9-]{0,199})(?P<rest>\.json|/.*)?$")


def base_url() -> str:
    """The site address every link, citation and feed uses: the BASE_URL setting
    (EURASEC_BASE_URL, ``serve --base-url``), never the request's Host header, which anyone
    can forge into pages and caches."""
    return current_app.config["BASE_URL"].rstrip("/")


def cite_panel_context(item: Item, paragraph: str | None = None) -> dict:
    """The ``cite`` variable of templates/_cite_panel.html for ``item`` (any version), or for
    one of its paragraphs. :raise NotFound: no such paragraph"""
    return cite_panel(item, base_url(), paragraph=paragraph)


@bp.before_app_request
def renamed_or_removed():
    """Old addresses keep working: a renamed id redirects, a removed one answers 410."""
    m = _ITEM_PATH.match(request.path)
    if not m:
        return None
    archive = services()["archive"]
    item_id, rest = m.group("id"), m.group("rest") or ""
    if archive.has_item(item_id):
        return None
    target = archive.redirect_target(item_id)
    if target:
        query = request.query_string.decode("latin-1")
        return redirect(f"/items/{target}{rest}" + (f"?{query}" if query else ""), code=301)
    tombstone = archive.tombstone(item_id)
    if tombstone is None:
        return None  # the view says 404
    message = removed_message(tombstone)
    if wants_json():
        return jsonify({"error": {"status": 410, "code": "gone", "message": message,
                                  "tombstone": tombstone}}), 410
    return error_response(410, message, "gone")


@bp.get("/items/<item_id>/cite")
def item_cite(item_id: str):
    """``?format=csl-json|bibtex|ris|chicago|apa|mla`` (default csl-json), ``&version=N``,
    ``&paragraph=p7`` (a paragraph-level citation), ``&download=1`` (as a file)."""
    item = services()["archive"].get_at(item_id, request.args.get("version"))
    citation = cite(item, request.args.get("format", "csl-json"), base_url(),
                    paragraph=request.args.get("paragraph") or None)
    response = Response(citation.text, content_type=citation.media_type)
    disposition = "attachment" if request.args.get("download") else "inline"
    response.headers["Content-Disposition"] = f'{disposition}; filename="{citation.filename}"'
    response.headers["Access-Control-Allow-Origin"] = "*"  # read-only, for reference managers
    return response


@bp.get("/items/<item_id>/citation")
def item_citation_page(item_id: str):
    """The Cite panel as a page: ``?paragraph=p7`` for one paragraph, ``&version=N``. The item
    page's Cite links open it in a dialog; without JavaScript they open it here."""
    item = services()["archive"].get_at(item_id, request.args.get("version"))
    paragraph = request.args.get("paragraph") or None
    return render_template("citation.html", item=item, paragraph=paragraph,
                           cite=cite_panel_context(item, paragraph))
