"""Item pages: /items/<id>, /items/<id>.json, /items/<id>/original."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, render_template, request, send_file

from eurasec_archive.errors import ArchiveError, BadQuery, NotFound
from eurasec_archive.files import display_name
from eurasec_archive.index import date_number
from eurasec_archive.models import Item
from eurasec_archive.page_meta import highwire_meta, opengraph_meta, schema_org
from eurasec_archive.views.cite import base_url, cite_panel_context
from eurasec_archive.views.context import services
from eurasec_archive.views.result_nav import result_nav
from eurasec_archive.views.stories import story_field

bp = Blueprint("items", __name__, url_prefix="/items")


@bp.get("/<item_id>.json")
def item_json(item_id: str):
    """The item JSON (``?version=N``: that version)."""
    item = services()["archive"].get_at(item_id, request.args.get("version"))
    return jsonify({**item.to_json(), "story": story_field(item)})


@bp.get("/<item_id>")
def item_page(item_id: str):
    """The item; ``?version=N`` shows version N as it was, with a notice and the history."""
    s = services()
    current = s["archive"].get(item_id)
    item = s["archive"].get_at(item_id, request.args.get("version"))
    q = request.args.get("q", "")[:1000]
    terms = set()
    if q.strip():
        try:
            terms = s["archive"].query_terms(q)
        except BadQuery:
            terms = set()
    spans = {p.id: s["archive"].match_spans(p.text, terms, item.language) if terms else []
             for p in item.paragraphs}
    notes = {p.note: p.id for p in item.paragraphs if p.kind == "footnote" and p.note}
    previous, following = date_neighbours(s, current)
    site = base_url()
    name = current_app.config["SITE_NAME"]
    return render_template("item.html", item=item, spans=spans, notes=notes, q=q,
                           permalink=site + item.url, current=current,
                           page_url=site + item.url + (
                               "" if item.version == current.version else f"?version={item.version}"),
                           versions=s["archive"].versions(item_id),
                           cite=cite_panel_context(item),
                           highwire=highwire_meta(item, site),
                           opengraph=opengraph_meta(item, site, name),
                           json_ld=schema_org(item, site, name),
                           previous=previous, following=following,
                           nav=result_nav(s["archive"], s["items"], request.args, item.id),
                           similar=similar_items(s, current))


NEIGHBOUR_WINDOW = 200  # items sharing one date beyond this get no previous/next link
SIMILAR_COUNT = 5


def date_neighbours(s, item: Item) -> tuple[Item | None, Item | None]:
    """The items just before and after ``item`` in date order (date, then index order).
    Undated items have no place in that order, so they get neither."""
    if not item.date:
        return None, None
    archive, day = s["archive"], date_number(item.date)
    after = [h.id for h in archive.find(date_from=day, sort="oldest", limit=NEIGHBOUR_WINDOW).hits]
    total_before = archive.find(date_to=day).total
    start = max(0, total_before - NEIGHBOUR_WINDOW)
    before = [h.id for h in archive.find(date_to=day, sort="oldest", start=start,
                                         limit=NEIGHBOUR_WINDOW).hits]

    def load(ids, offset):
        if item.id not in ids:
            return None
        i = ids.index(item.id) + offset
        try:
            return s["items"].get(ids[i]) if 0 <= i < len(ids) else None
        except NotFound:
            return None

    return load(before, -1), load(after, +1)


def similar_items(s, item: Item) -> list[Item]:
    """Items sharing this one's speakers and organizations (as phrases, any of them), best first.
    Only ids are searched for (no highlights, no facets): the page lists titles."""
    names = [sp.name for sp in item.speakers[:3]] + [o.name for o in item.organizations[:3]]
    if not names:
        return []
    q = " ".join('"{}"'.format(n.replace('"', " ")) for n in names)
    try:
        ids = [h.id for h in s["archive"].find(q, sort="relevance", limit=SIMILAR_COUNT + 1).hits]
    except BadQuery:
        return []
    out = []
    for other in ids:
        if other == item.id:
            continue
        try:
            out.append(s["items"].get(other))
        except ArchiveError:  # deleted since the search, or damaged: no link
            continue
    return out[:SIMILAR_COUNT]


@bp.get("/<item_id>/original")
def item_original(item_id: str):
    """The imported file, byte for byte. HTML is sent as a download, never rendered here."""
    archive = services()["archive"]
    item = archive.get(item_id)
    path = archive.original_path(item.source.sha256)
    name = item.source.filename.rstrip("/").rsplit("/", 1)[-1] or "original"  # a captured URL ends in /
    name = display_name(name)  # escaped: a newline in a file name must not split a header
    as_download = item.source.media_type == "text/html"
    response = send_file(path, mimetype=item.source.media_type, as_attachment=as_download,
                         download_name=name)
    if item.source.encoding and item.source.media_type.startswith("text/"):
        charset = item.source.encoding.replace("utf-8-sig", "utf-8").replace("_", "-")
        response.headers["Content-Type"] = f"{item.source.media_type}; charset={charset}"
    # a PDF opens in the browser's viewer (``#page=N`` links), which a sandboxed document may not load
    sandbox = "" if item.source.media_type == "application/pdf" else "sandbox; "
    response.headers["Content-Security-Policy"] = f"{sandbox}default-src 'none'"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
