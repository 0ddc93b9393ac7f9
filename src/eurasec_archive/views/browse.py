"""Browse pages: /outlets, /speakers, /organizations, /people, /places (every value with its
count) and /about (what the archive holds). All counts come from the index's facets."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, send_from_directory

from eurasec_archive.catalog import CatalogBuilding
from eurasec_archive.facets import FACETS, FACETS_BY_NAME
from eurasec_archive.views.context import services

bp = Blueprint("browse", __name__)

# entity route ("speakers") -> facet; the registry says which facets have entity pages
ENTITY_FACETS = {f.entity_route: f for f in FACETS if f.entity_route}
NO_FACET_LIMIT = 10**9


def all_facet_counts(archive) -> dict[str, list[tuple[str, int]]]:
    """Every facet value in the archive with its item count, most frequent first (without the
    "unknown" bucket of items that have none: it is not an entity)."""
    raw = archive.find(facet_limit=NO_FACET_LIMIT)
    return {name: [vc for vc in counts if vc[0] != FACETS_BY_NAME[name].missing]
            for name, counts in raw.facets.items()}


def archive_timeline(archive) -> list[tuple[str, int]]:
    return archive.find().timeline


@bp.get("/<any(outlets, speakers, organizations, people, places):route>")
def browse_page(route: str):
    facet = ENTITY_FACETS.get(route)
    if facet is None:
        abort(404)
    archive = services()["archive"]
    counts = all_facet_counts(archive)[facet.name]
    unknown = 0
    if facet.missing:
        unknown = archive.find(filters={facet.name: [facet.missing]}).total
    return render_template("browse.html", facet=facet, route=route, counts=counts, unknown=unknown,
                           routes=ENTITY_FACETS)


@bp.get("/about")
def about_page():
    s = services()
    counts = all_facet_counts(s["archive"])
    timeline = archive_timeline(s["archive"])
    try:
        total = s["archive"].catalog.ready().count()  # not a listing of every item file
    except CatalogBuilding:  # being built: the index's count meanwhile
        total = s["archive"].find().total
    dated = sum(c for _, c in timeline)
    stats = {
        "items": total,
        "dated": dated,
        "undated": total - dated,
        "first": timeline[0][0] if timeline else None,
        "last": timeline[-1][0] if timeline else None,
        "distinct": {f.name: len(counts.get(f.name, [])) for f in FACETS},
        "languages": counts.get("language", []),
    }
    return render_template("about.html", stats=stats, facets=FACETS_BY_NAME, routes=ENTITY_FACETS,
                           item_timeline=[{"month": m, "count": c} for m, c in timeline],
                           report=s["archive"].last_import())


@bp.get("/favicon.ico")
def favicon():
    """Browsers ask for /favicon.ico whatever the page links; answer with the SVG icon."""
    return send_from_directory(current_app.static_folder, "favicon.svg", mimetype="image/svg+xml")
