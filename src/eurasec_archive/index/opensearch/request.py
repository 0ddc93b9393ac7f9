"""One search as an OpenSearch request body, and its answer read back into the shapes of
``searching.raw_search``: the query and date bounds select the base set; facet selections
are a ``post_filter`` (OR within a facet, AND across); each facet's counts come from an
aggregation filtered by the other facets' selections (all of them when ``conjunctive``); the
timeline by month over the final set; highlighted words of the page's hits."""

from __future__ import annotations

import re

from eurasec_archive.facets import FACETS, FACETS_BY_NAME

HIGHLIGHT_FIELDS = ("title", "body", "body_ru")
MAX_HIGHLIGHT_CHARS = 200_000  # as search.MAX_HIGHLIGHTED_CHARS: the highlighted part of a body


def selection_filter(facet_name: str, values: list[str]) -> dict:
    """Items with any of ``values`` under the facet (its ``missing`` value: items with none)."""
    facet = FACETS_BY_NAME[facet_name]
    clauses = [{"terms": {facet.field: [v for v in values if v != facet.missing]}}]
    if facet.missing and facet.missing in values:
        clauses.append({"bool": {"must_not": [{"exists": {"field": facet.field}}]}})
    return {"bool": {"should": clauses, "minimum_should_match": 1}}


def date_filter(date_from: int | None, date_to: int | None, keep_undated: bool) -> dict | None:
    if date_from is None and date_to is None:
        return None
    rng = {"gte": max(date_from or 0, 1)}
    if date_to is not None:
        rng["lte"] = date_to
    in_range = {"range": {"date_num": rng}}
    if not keep_undated:
        return in_range
    return {"bool": {"should": [in_range, {"bool": {"must_not": [{"exists": {"field": "date_num"}}]}}],
                     "minimum_should_match": 1}}


def _all(filters: list[dict]) -> dict:
    return {"bool": {"filter": filters}} if filters else {"match_all": {}}


def search_body(query: dict, every: bool, filters: dict[str, list[str]], date_from: int | None,
                date_to: int | None, sort: str, offset: int, limit: int, facet_limit: int,
                keep_undated: bool, conjunctive: bool, time_limit: float) -> dict:
    selected = {k: v for k, v in filters.items() if v and k in FACETS_BY_NAME}
    masks = {k: selection_filter(k, v) for k, v in selected.items()}
    dates = date_filter(date_from, date_to, keep_undated)
    base = {"bool": {"must": [query], "filter": [dates] if dates else []}}
    aggs = {}
    for f in FACETS:
        others = [m for k, m in masks.items() if k != f.name or conjunctive]
        inner = {}
        if facet_limit > 0:
            inner["top"] = {"terms": {"field": f.field, "size": facet_limit,
                                      "order": [{"_count": "desc"}, {"_key": "asc"}]}}
        if selected.get(f.name):
            chosen = [v for v in selected[f.name] if v != f.missing]
            if chosen:
                inner["chosen"] = {"terms": {"field": f.field, "include": chosen, "size": len(chosen)}}
        if f.missing:
            inner["missing"] = {"missing": {"field": f.field}}
        aggs[f"facet_{f.name}"] = {"filter": _all(others), "aggs": inner}
    aggs["timeline"] = {"filter": _all(list(masks.values())),
                        "aggs": {"months": {"histogram": {"field": "date_num", "interval": 100,
                                                          "min_doc_count": 1}}}}
    if sort == "relevance" and not every:
        order = [{"_score": "desc"}, {"id": "asc"}]
    elif sort == "oldest":
        order = [{"date_num": {"order": "asc", "missing": "_last"}}, {"id": "asc"}]
    else:
        order = [{"date_num": {"order": "desc", "missing": "_last"}}, {"id": "asc"}]
    body = {
        "query": base, "from": offset, "size": limit, "sort": order, "track_total_hits": True,
        "track_scores": sort == "relevance" and not every, "_source": ["id"], "aggs": aggs,
        "timeout": f"{max(int(time_limit * 1000), 1)}ms",
    }
    if masks:
        body["post_filter"] = _all(list(masks.values()))
    if not every and limit:
        body["highlight"] = {
            "pre_tags": ["\x02"], "post_tags": ["\x03"], "number_of_fragments": 0,
            "max_analyzer_offset": MAX_HIGHLIGHT_CHARS, "require_field_match": False,
            "fields": {f: {} for f in HIGHLIGHT_FIELDS}}
    return body


def read_answer(answer: dict, filters: dict[str, list[str]], facet_limit: int):
    """-> (total, [(id, score)], facets, timeline, highlighted texts)"""
    hits = answer["hits"]
    page = [(h["_source"]["id"] if "_source" in h else h["_id"], round(float(h["_score"]), 4)
             if h.get("_score") is not None else None) for h in hits["hits"]]
    marked = [frag for h in hits["hits"] for frags in (h.get("highlight") or {}).values() for frag in frags]
    words = [w for text in marked for w in re.findall("\x02(.*?)\x03", text, re.S)]
    aggs = answer.get("aggregations", {})
    facets = {}
    for f in FACETS:
        agg = aggs.get(f"facet_{f.name}", {})
        counts = [(b["key"], b["doc_count"]) for b in agg.get("top", {}).get("buckets", [])]
        n_missing = agg.get("missing", {}).get("doc_count", 0)
        if f.missing and n_missing and f.missing not in {c[0] for c in counts}:
            counts.append((f.missing, n_missing))
            counts.sort(key=lambda vc: (-vc[1], vc[0]))
            counts = counts[:facet_limit] if facet_limit else []
        chosen = filters.get(f.name, [])
        present = {c[0] for c in counts}
        for b in agg.get("chosen", {}).get("buckets", []):
            if b["key"] not in present:
                counts.append((b["key"], b["doc_count"]))
                present.add(b["key"])
        if f.missing in chosen and f.missing not in present and n_missing:
            counts.append((f.missing, n_missing))
            present.add(f.missing)
        counts += [(v, 0) for v in chosen if v not in present]
        facets[f.name] = counts
    timeline = []
    for b in aggs.get("timeline", {}).get("months", {}).get("buckets", []):
        m = int(b["key"]) // 100
        timeline.append((f"{m // 100:04d}-{m % 100:02d}" if m % 100 else f"{m // 100:04d}", b["doc_count"]))
    return hits["total"]["value"], page, facets, timeline, words
