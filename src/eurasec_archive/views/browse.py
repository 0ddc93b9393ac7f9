"""Browse pages: /outlets, /speakers, /organizations, /people, /places (every value with its
count) and /about (what the archive holds). All counts come from the index's facets."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from eurasec_archive.app import services
from eurasec_archive.facets import FACETS, FACETS_BY_NAME

bp = Blueprint("browse", __name__)

# entity route ("speakers") -> facet; the registry says which facets have entity pages
ENTITY_FACETS = {f.entity_route: f for f in FACETS if f.entity_route}
NO_FACET_LIMIT = 10**9


def all_facet_counts(index) -> dict[str, list[tuple[str, int]]]:
    """Every facet value in the archive with its item count, most frequent first."""
    raw = index.search(index.parse(""), {}, None, None, "newest", 0, 0, facet_limit=NO_FACET_LIMIT)
    return raw.facets


def archive_timeline(index) -> list[tuple[str, int]]:
    return index.search(index.parse(""), {}, None, None, "newest", 0, 0, facet_limit=0).timeline


@bp.get("/<any(outlets, speakers, organizations, people, places):route>")
def browse_page(route: str):
    facet = ENTITY_FACETS.get(route)
    if facet is None:
        abort(404)
    counts = all_facet_counts(services()["index"])[facet.name]
    return render_template("browse.html", facet=facet, route=route, counts=counts,
                           routes=ENTITY_FACETS)


@bp.get("/about")
def about_page():
    s = services()
    counts = all_facet_counts(s["index"])
    timeline = archive_timeline(s["index"])
    total = len(s["archive"].item_ids())
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
                           report=s["archive"].last_report())
