"""Item pages: /items/<id>, /items/<id>.json, /items/<id>/original."""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template, request, send_file

from eurasec_archive.app import services
from eurasec_archive.errors import BadQuery

bp = Blueprint("items", __name__, url_prefix="/items")


@bp.get("/<item_id>.json")
def item_json(item_id: str):
    return jsonify(services()["archive"].get(item_id).to_json())


@bp.get("/<item_id>")
def item_page(item_id: str):
    s = services()
    item = s["archive"].get(item_id)
    q = request.args.get("q", "")[:1000]
    terms = set()
    if q.strip():
        try:
            terms = s["index"].query_terms(q)
        except BadQuery:
            terms = set()
    spans = {p.id: s["index"].match_spans(p.text, terms, item.language) if terms else []
             for p in item.paragraphs}
    notes = {p.note: p.id for p in item.paragraphs if p.kind == "footnote" and p.note}
    return render_template("item.html", item=item, spans=spans, notes=notes, q=q,
                           permalink=request.host_url.rstrip("/") + item.url)


@bp.get("/<item_id>/original")
def item_original(item_id: str):
    """The imported file, byte for byte. HTML is sent as a download, never rendered here."""
    archive = services()["archive"]
    item = archive.get(item_id)
    path = archive.original_path(item.source.sha256)
    name = item.source.filename.rsplit("/", 1)[-1]
    as_download = item.source.media_type == "text/html"
    response = send_file(path, mimetype=item.source.media_type, as_attachment=as_download,
                         download_name=name)
    if item.source.encoding and item.source.media_type.startswith("text/"):
        charset = item.source.encoding.replace("utf-8-sig", "utf-8").replace("_", "-")
        response.headers["Content-Type"] = f"{item.source.media_type}; charset={charset}"
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
