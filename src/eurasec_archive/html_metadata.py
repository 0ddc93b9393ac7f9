"""What a page says about itself in its markup: title, publication date, author, site name and
URL (``<meta>``, OpenGraph, JSON-LD, ``<time pubdate>``, canonical link) and htmldate's reading of
the date. The body text is never consulted."""

from __future__ import annotations

import json
import re
from copy import deepcopy

from eurasec_archive.comments import drop_comment_blocks
from eurasec_archive.text import clean_line

DATE_META = (  # publication date, most specific first; modification dates are not publication
    "citation_publication_date", "citation_date", "citation_online_date",
    "article:published_time", "og:article:published_time", "datepublished",
    "dc.date.issued", "dc.date", "dcterms.issued", "dcterms.created", "pubdate", "date",
)
TITLE_META = ("citation_title", "og:title", "twitter:title", "dc.title")
_SITE_META = ("og:site_name", "citation_journal_title", "citation_publisher", "dc.publisher",
              "application-name")
_AUTHOR_META = ("citation_author", "author", "article:author", "dc.creator", "byl")


def meta_values(tree, names: tuple[str, ...]) -> list[str]:
    """Values of ``<meta name|property|itemprop=…>`` for the first of ``names`` present."""
    found: dict[str, list[str]] = {}
    for el in tree.iter("meta"):
        key = (el.get("name") or el.get("property") or el.get("itemprop") or "").strip().lower()
        value = clean_line(el.get("content") or "")
        if key and value:
            found.setdefault(key, []).append(value)
    for name in names:
        if name in found:
            return found[name]
    return []


def _jsonld_objects(tree) -> list[dict]:
    objects: list[dict] = []

    def walk(node):
        if isinstance(node, list):
            for n in node:
                walk(n)
        elif isinstance(node, dict):
            objects.append(node)
            walk(node.get("@graph", []))

    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            walk(json.loads(script.text or ""))
        except ValueError:
            continue  # broken JSON-LD is common; the other metadata still counts
    return objects


_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting",
                  "analysisnewsarticle", "scholarlyarticle", "webpage", "report", "speech"}


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value] if value else []


def _names(value) -> list[str]:
    if isinstance(value, str):
        return [clean_line(value)] if value.strip() else []
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    return []


def page_metadata(tree, url: str | None = None) -> dict:
    """Title, publication date, author, site name and URL from a page's own metadata:
    ``<meta name="citation_*">``, OpenGraph, JSON-LD, ``<title>``, ``<time pubdate>``,
    canonical link. Keys present only when found; the body text is never consulted.

    :return: dict with some of title, date, jsonld_date, author, sitename, hostname, url
    """
    meta: dict[str, str] = {}
    articles = [o for o in _jsonld_objects(tree)
                if str(o.get("@type", "")).lower() in _ARTICLE_TYPES
                or (isinstance(o.get("@type"), list)
                    and any(str(t).lower() in _ARTICLE_TYPES for t in o["@type"]))]
    for obj in articles:
        if obj.get("datePublished") and "jsonld_date" not in meta:
            meta["jsonld_date"] = str(obj["datePublished"]).strip()
        if "title" not in meta and isinstance(obj.get("headline"), str) and obj["headline"].strip():
            meta["title"] = clean_line(obj["headline"])
        people = _names([a for a in _as_list(obj.get("author"))
                         if not (isinstance(a, dict) and a.get("@type") == "Organization")])
        if "author" not in meta and people:
            meta["author"] = "; ".join(dict.fromkeys(people))
        if "sitename" not in meta and _names(obj.get("publisher")):
            meta["sitename"] = _names(obj.get("publisher"))[0]

    values = meta_values(tree, TITLE_META)
    if values:
        meta["title"] = values[0]  # a page's own title tag beats JSON-LD's headline
    elif "title" not in meta:
        title_el = tree.find(".//title")
        if title_el is not None and clean_line(title_el.text_content()):
            meta["title"] = clean_line(title_el.text_content())
    values = meta_values(tree, DATE_META)
    if values:
        meta["date"] = values[0]
    else:
        stamp = next((t.get("datetime") for t in tree.iter("time")
                      if t.get("pubdate") is not None and t.get("datetime")), None)
        if stamp:
            meta["date"] = stamp.strip()
    values = meta_values(tree, _AUTHOR_META)
    if values:
        meta["author"] = "; ".join(dict.fromkeys(values))
    values = meta_values(tree, _SITE_META)
    if values:
        meta["sitename"] = values[0]
    canonical = next((ln.get("href") for ln in tree.iter("link")
                      if (ln.get("rel") or "").lower() == "canonical" and ln.get("href")), None)
    page_url = canonical or next(iter(meta_values(tree, ("og:url",))), None) or url
    if page_url and page_url.startswith(("http://", "https://")):
        meta["url"] = page_url.strip()
    return meta


_DATE_FORMS = (
    re.compile(r"^\s*(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)"),
    re.compile(r"^\s*(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>\d{4})(?!\d)"),
    re.compile(r"^\s*(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?!\d)"),
)


def iso_date(value: str) -> str | None:
    """A metadata date in any common machine form (2025-06-09T10:00+03:00, 2025/06/09,
    09.06.2025, 20250609) -> "YYYY-MM-DD"; None when it is none of these."""
    for rx in _DATE_FORMS:
        m = rx.match(value)
        if m:
            y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
            if 1 <= mo <= 12 and 1 <= d <= 31:
                return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def page_date(tree, url: str | None) -> str | None:
    """The publication date htmldate finds in the markup (``original_date=True``; no search of
    the running text, whose dates are events), reader comments removed first so that their
    timestamps never count."""
    from htmldate import find_date

    tree = deepcopy(tree)
    drop_comment_blocks(tree)
    try:
        return find_date(tree, extensive_search=False, original_date=True, url=url)
    except (ValueError, TypeError):
        return None
