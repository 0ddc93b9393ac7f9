"""Entity pages: /speakers/<slug>, /organizations/<slug>, /outlets/<slug>, /people/<slug>,
/places/<slug> — what the archive holds about one speaker, organization, outlet, person or
place: its items (a faceted search), a timeline, quotes (speakers) and who else appears."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from eurasec_archive.errors import NotFound
from eurasec_archive.search import SearchRequest
from eurasec_archive.views.browse import ENTITY_FACETS
from eurasec_archive.views.context import services
from eurasec_archive.views.filters import url_with

bp = Blueprint("entities", __name__)

ITEMS_PER_PAGE = 20
MAX_QUOTES = 30


def resolve_entity(archive, route: str, slug: str) -> tuple:
    """(facet, value) for a slug like 'sergey-lavrov': the values with that slug come from
    the item catalog (one lookup, not a pass over every value), the index says which of them
    items still have (the most frequent wins). :raise NotFound: no such entity"""
    facet = ENTITY_FACETS[route]
    counts = [(archive.find(filters={facet.name: [value]}).total, value)
              for value in archive.catalog.ready().entity_values(facet.name, slug)]
    counts = sorted((c for c in counts if c[0]), key=lambda c: -c[0])
    if counts:
        return facet, counts[0][1]
    noun = facet.label.lower()
    raise NotFound(f"The archive has no {noun} called {slug.replace('-', ' ')!r}. "
                   f"See the list of all {route} or search for the name.")


def speaker_quotes(items, hits, name: str) -> list[dict]:
    """Quotes attributed to ``name`` in the given hits, newest item first."""
    out = []
    for h in hits:
        item = items.get(h["id"])
        for q in item.quotes:
            if q.speaker == name:
                out.append({"text": q.text, "item": item, "url": f"{item.url}#{q.paragraph}",
                            "paragraph": q.paragraph, "cue": getattr(q, "cue", None),
                            "direct": getattr(q, "direct", True)})
                if len(out) >= MAX_QUOTES:
                    return out
    return out


@bp.get("/<any(outlets, speakers, organizations, people, places):route>/<slug>")
def entity_page(route: str, slug: str):
    s = services()
    facet, value = resolve_entity(s["archive"], route, slug)
    page = request.args.get("page", "1")
    req = SearchRequest.from_params({facet.name: [value], "sort": ["newest"], "page": [page],
                                     "per_page": [str(ITEMS_PER_PAGE)]})
    # conjunctive: "appears with" counts the items this entity shares with each other value
    result = s["archive"].search(req, s["items"], conjunctive=True)
    details = entity_details(s["items"], result["hits"], facet.name, value)
    quotes = speaker_quotes(s["items"], result["hits"], value) if facet.name == "speaker" else []
    related = {f.name: [dict(v, shared_url=shared_items_url(facet.name, value, f.name, v["value"]))
                        for v in [v for v in result["facets"].get(f.name, [])
                                  if v["value"] != value and v["value"] != f.missing][:12]]
               for f in ENTITY_FACETS.values()}  # links made for the 12 shown, not for every value
    return render_template("entity.html", facet=facet, value=value, route=route, slug=slug,
                           result=result, quotes=quotes, related=related, details=details,
                           routes=ENTITY_FACETS, search_params={facet.name: [value]})


# facet -> the query field of the same values (for "both of one facet", which filters cannot say:
# values of one filter combine with OR)
QUERY_FIELDS = {"speaker": "speaker", "person": "person", "organization": "org", "place": "place",
                "outlet": "outlet"}


def shared_items_url(facet: str, value: str, other_facet: str, other: str) -> str:
    """The search for the items that have both ``value`` and ``other``."""
    if other_facet != facet:
        return url_with({facet: [value], other_facet: [other]})
    phrase = other.replace('"', " ")
    return url_with({facet: [value], "q": [f'{QUERY_FIELDS[facet]}:"{phrase}"']})


def entity_details(items, hits, facet: str, value: str) -> dict:
    """Roles (speakers) or acronym (organizations) as the items record them."""
    roles, acronym = [], None
    for h in hits:
        item = items.get(h["id"])
        if facet == "speaker":
            roles += [sp.role for sp in item.speakers if sp.name == value and sp.role
                      and sp.role not in roles]
        elif facet == "organization":
            acronym = acronym or next((o.acronym for o in item.organizations
                                       if o.name == value and o.acronym), None)
    return {"roles": roles, "acronym": acronym}
