"""The Atom feed of newly added (or re-imported) items: /feed.atom, or /feed.atom?q=…&outlet=… for a search
(the same parameters as /api/search), newest additions first."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request
from lxml import etree
from lxml.builder import ElementMaker

from eurasec_archive.models import Item
from eurasec_archive.search import MAX_PER_PAGE, SearchRequest
from eurasec_archive.text import xml_text as x
from eurasec_archive.views.cite import base_url
from eurasec_archive.views.context import services

bp = Blueprint("feed", __name__)

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50
A = ElementMaker(namespace=ATOM, nsmap={None: ATOM})


def added_at(item: Item) -> str:
    """When this version of the item entered the archive (RFC 3339): new and re-imported
    items both count as news for a feed reader."""
    return item.source.imported_at


def atom_entry(item: Item, site: str):
    url = f"{site}{item.url}"
    summary = next((p.text for p in item.paragraphs if p.kind == "paragraph"), "")
    # x(): any text may hold characters XML cannot (items imported before they were stripped)
    entry = A.entry(
        A.id(url), A.title(x(item.title)), A.link(rel="alternate", type="text/html", href=url),
        A.link(rel="alternate", type="application/json", href=f"{url}.json"),
        A.updated(item.updated_at or added_at(item)), A.published(added_at(item)),
        A.summary(x(summary[:600])),
    )
    for name in item.authors:
        entry.append(A.author(A.name(x(name))))
    for value, scheme in ((item.outlet, "outlet"), (item.language, "language")):
        if value:
            entry.append(A.category(term=x(value), scheme=f"{site}/#{scheme}"))
    return entry


@bp.get("/feed.atom")
def atom_feed():
    s = services()
    params = request.args.to_dict(flat=False)
    if any(v for k, v in params.items() if k not in ("sort", "page", "per_page")):
        params.update({"per_page": [str(MAX_PER_PAGE)], "page": ["1"]})
        hits = s["archive"].search(SearchRequest.from_params(params), s["items"])["hits"]
        items = [s["items"].get(h["id"]) for h in hits]
    else:  # the newest rows of the item catalog: one page, however large the archive (a
        # catalog still being built: CatalogBuilding, a 503 with Retry-After)
        catalog = s["archive"].catalog.ready()
        items = [i for i in map(catalog.current, catalog.newest(FEED_SIZE)) if i is not None]
    items = sorted(items, key=added_at, reverse=True)[:FEED_SIZE]
    site = base_url()
    query = x(request.query_string.decode("latin-1"))
    self_url = f"{site}/feed.atom" + (f"?{query}" if query else "")
    name = current_app.config["SITE_NAME"]
    feed = A.feed(
        A.id(self_url), A.title(x(name + (f": {request.args['q']}" if request.args.get("q") else ""))),
        A.subtitle("Newly added items"),
        A.updated(max((i.updated_at or added_at(i) for i in items), default="1970-01-01T00:00:00Z")),
        A.link(rel="self", type="application/atom+xml", href=self_url),
        A.link(rel="alternate", type="text/html", href=f"{site}/" + (f"?{query}" if query else "")),
        A.author(A.name(name)), A.generator("eurasec-archive"),
    )
    for item in items:
        feed.append(atom_entry(item, site))
    body = etree.tostring(feed, xml_declaration=True, encoding="utf-8", pretty_print=True)
    response = Response(body, content_type="application/atom+xml; charset=utf-8")
    response.headers["Access-Control-Allow-Origin"] = "*"  # read-only, for web feed readers
    return response
