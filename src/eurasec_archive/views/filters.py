"""Jinja filters for rendering items: escaped text with footnote links, dates, URLs."""

from __future__ import annotations

from urllib.parse import urlencode

from markupsafe import Markup, escape
from slugify import slugify

from eurasec_archive.index.highlight import FOOTNOTE_REF as _FOOTNOTE_REF
from eurasec_archive.search import mark

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def human_date(date: str | None) -> str:
    if not date:
        return "undated"
    parts = date.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def paragraph_html(text: str, spans=None, notes: dict | None = None) -> Markup:
    """Escaped paragraph text, query terms <mark>ed, footnote references linked."""
    html = mark(text, spans or [])
    if notes:
        html = _FOOTNOTE_REF.sub(
            lambda m: (f'<sup><a class="fnref" href="#{notes[m.group(1)]}">[{m.group(1)}]</a></sup>'
                       if m.group(1) in notes else m.group(0)), html)
    return Markup(html)


def url_with(params: dict, **changes) -> str:
    """The current search URL with some parameters changed (None removes one)."""
    merged = {k: list(v) for k, v in params.items()}
    for k, v in changes.items():
        if v is None:
            merged.pop(k, None)
        else:
            merged[k] = v if isinstance(v, list) else [v]
    merged.pop("page", None) if "page" not in changes else None
    query = urlencode([(k, x) for k, vs in merged.items() for x in vs])
    return "/?" + query if query else "/"


def facet_values_html(facet_name: str, values: list[dict]) -> Markup:
    """The ``<li>`` of each value of one facet in the search page's filters, exactly as the
    template's loop wrote them, one string per value (that loop cost two thirds of a search
    page's CPU: up to FACET_PAGE_LIMIT values for each of seven facets)."""
    name = escape(facet_name)
    parts = []
    for n, v in enumerate(values, 1):
        extra = "" if v["top"] else ' class="extra"'
        checked = "checked" if v["selected"] else ""
        value, label, count = v["value"], v["label"], v["count"]
        shown = escape(value)
        unknown = ""
        if label != value:
            unknown, shown_label = " unknown", escape(label)
        else:
            shown_label = shown  # most values are their own label: escaped once
        count = count if type(count) is int else escape(count)  # noqa: E721 - an int's digits need no escaping
        parts.append(
            f'\n            <li{extra} data-count="{count}">'
            f'\n              <input type="checkbox" class="autosubmit" id="f-{name}-{n}" name="{name}" '
            f'value="{shown}" {checked}>'
            f'\n              <label for="f-{name}-{n}"><span class="v{unknown}">{shown_label}</span> '
            f'<span class="count">{count}</span></label>\n            </li>\n          ')
    return Markup("".join(parts))


def month_urls(params: dict, months: list[str]) -> dict[str, str]:
    """``url_with(params, **{"from": m, "to": m})`` for each month of a timeline (the same
    strings), the rest of the query encoded once instead of once per bar."""
    if "from" in params or "to" in params:  # they keep their places: url_with itself
        return {m: url_with(params, **{"from": m, "to": m}) for m in months}
    rest = url_with(params)
    joiner = "&" if rest != "/" else ""
    start = rest if rest != "/" else "/?"
    return {m: f"{start}{joiner}{urlencode([('from', m), ('to', m)])}" for m in months}


def in_results(item_url: str, params: dict, position: int) -> str:
    """An item's address that remembers the search it was found by and its place in it
    (``n``), for the item page's "back to results" and previous/next within them."""
    state = [(k, v) for k, vs in params.items() if k not in ("page", "n") for v in vs]
    return f"{item_url}?{urlencode(state + [('n', str(position))])}"


def entity_url(facet_name: str, value: str) -> str | None:
    """/speakers/sergey-lavrov for a facet value, or None if the facet has no entity pages."""
    from eurasec_archive.facets import FACETS_BY_NAME

    facet = FACETS_BY_NAME.get(facet_name)
    if not facet or not facet.entity_route or not value or not slugify(value):
        return None
    return f"/{facet.entity_route}/{slugify(value)}"


MAX_FILLED_MONTHS = 600  # past 50 years of gaps the chart shows only months that have items


def timeline_bars(timeline: list[dict]) -> list[dict]:
    """Months with items plus the empty months between them, so bar spacing shows time.
    Year-only dates ("2025") have no month and are left out of the chart."""
    months = [t for t in timeline if len(t["month"]) == 7]
    if not months:
        return []
    counts = {t["month"]: t["count"] for t in months}
    y0, m0 = map(int, months[0]["month"].split("-"))
    y1, m1 = map(int, months[-1]["month"].split("-"))
    span = (y1 - y0) * 12 + (m1 - m0) + 1
    if span > MAX_FILLED_MONTHS:
        return months
    out = []
    for k in range(span):
        y, m = divmod(y0 * 12 + (m0 - 1) + k, 12)
        key = f"{y:04d}-{m + 1:02d}"
        out.append({"month": key, "count": counts.get(key, 0)})
    return out


def month_label(month: str) -> str:
    y, m = month.split("-")
    return f"{MONTHS[int(m) - 1][:3]} {y}"


def register(app) -> None:
    from eurasec_archive.views.timeline import timeline_html  # it uses this module's helpers

    app.jinja_env.filters["human_date"] = human_date
    app.jinja_env.filters["slug"] = lambda s: slugify(s or "")
    app.jinja_env.globals["paragraph_html"] = paragraph_html
    app.jinja_env.globals["url_with"] = url_with
    app.jinja_env.globals["in_results"] = in_results
    app.jinja_env.globals["facet_values_html"] = facet_values_html
    app.jinja_env.globals["month_urls"] = month_urls
    app.jinja_env.globals["timeline_html"] = timeline_html
    app.jinja_env.globals["escape"] = escape
    app.jinja_env.globals["entity_url"] = entity_url
    app.jinja_env.filters["timeline_bars"] = timeline_bars
    app.jinja_env.filters["month_label"] = month_label
