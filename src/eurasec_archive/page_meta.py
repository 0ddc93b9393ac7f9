"""What reference managers (Zotero's connector reads Highwire ``citation_*`` tags first), search
engines (schema.org JSON-LD) and link previews (OpenGraph) read from an item page."""

from __future__ import annotations

from eurasec_archive.cite import date_parts, permalink
from eurasec_archive.models import Item


def summary(item: Item, limit: int = 300) -> str:
    """The item's first body paragraph, cut at a word boundary to about ``limit`` characters."""
    text = next((p.text for p in item.paragraphs if p.kind == "paragraph"), "")
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def highwire_meta(item: Item, base_url: str) -> list[tuple[str, str]]:
    """Highwire Press / Google Scholar ``<meta name=… content=…>`` pairs for one item version.

    ``citation_pdf_url`` only for items imported from a PDF: it is their kept original.
    """
    tags = [("citation_title", item.title)]
    tags += [("citation_author", a) for a in item.authors]
    parts = date_parts(item.date, item.date_precision)
    if parts:
        tags.append(("citation_publication_date", "/".join(f"{x:02d}" for x in parts)))
    if item.outlet:
        tags += [("citation_journal_title", item.outlet), ("citation_publisher", item.outlet)]
    url = permalink(item, base_url)
    tags += [("citation_public_url", url), ("citation_fulltext_html_url", url),
             ("citation_language", item.language)]
    if item.source.media_type == "application/pdf":
        tags.append(("citation_pdf_url", f"{base_url.rstrip('/')}{item.url}/original"))
    return tags


def opengraph_meta(item: Item, base_url: str, site_name: str) -> list[tuple[str, str]]:
    """OpenGraph ``<meta property=… content=…>`` pairs (link previews)."""
    tags = [("og:title", item.title), ("og:type", "article"),
            ("og:url", f"{base_url.rstrip('/')}{item.url}"), ("og:site_name", site_name)]
    if summary(item):
        tags.append(("og:description", summary(item)))
    if item.date:
        tags.append(("article:published_time", item.date))
    if item.outlet:
        tags.append(("article:publisher", item.outlet))
    tags += [("article:author", a) for a in item.authors]
    return tags


def schema_org(item: Item, base_url: str, site_name: str) -> dict:
    """The schema.org ``NewsArticle`` of an item (JSON-LD); ``mentions`` lists the people,
    organizations and places it names. Serialize it HTML-safely (Jinja's ``tojson``)."""
    site = base_url.rstrip("/")
    seen_people: list[str] = []
    for name in [s.name for s in item.speakers] + list(item.people):
        if name not in seen_people:
            seen_people.append(name)
    mentions = ([{"@type": "Person", "name": n} for n in seen_people]
                + [{"@type": "Organization", "name": o.name,
                    **({"alternateName": o.acronym} if o.acronym else {})}
                   for o in item.organizations]
                + [{"@type": "Place", "name": p} for p in item.places])
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": f"{site}{item.url}",
        "url": f"{site}{item.url}",
        "headline": item.title,
        "name": item.title,
        "identifier": item.id,
        "inLanguage": item.language,
        "version": str(item.version),
        "isAccessibleForFree": True,
        "isPartOf": {"@type": "Collection", "name": site_name, "url": f"{site}/"},
        "mentions": mentions,
    }
    if item.date:
        data["datePublished"] = item.date
    if item.updated_at:
        data["dateModified"] = item.updated_at
    if item.outlet:
        data["publisher"] = {"@type": "Organization", "name": item.outlet}
    if item.authors:
        data["author"] = [{"@type": "Person", "name": a} for a in item.authors]
    if summary(item):
        data["description"] = summary(item)
    if item.source.url:
        data["sameAs"] = item.source.url
    return data
