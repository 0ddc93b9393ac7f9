"""One raw search over doc-number arrays: match set, date bounds, facet counts (each facet
counted with the other facets' selections), timeline, and one page of hits."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
from whoosh import query as wquery

from eurasec_archive.facets import FACETS
from eurasec_archive.index.evaluator import Evaluator
from eurasec_archive.index.tables import DocGroups, FacetTable


@dataclass
class RawHit:
    id: str
    score: float | None
    docnum: int


@dataclass
class RawResults:
    total: int
    hits: list[RawHit]
    facets: dict[str, list[tuple[str, int]]]
    timeline: list[tuple[str, int]]
    terms: set[tuple[str, str]]
    timed_out: bool = False
    suggestions: list[str] = field(default_factory=list)
    # documents the query matches that are undated and meet the other facets' selections,
    # counted from the same evaluation (``count_undated``); None when not asked for
    undated: int | None = None
    facets_skipped: bool = False  # the request's time was spent before facets were counted


def facet_counts(table: FacetTable, base: np.ndarray, selected: dict[str, list[str]],
                 masks: dict[str, np.ndarray], facet_limit: int,
                 conjunctive: bool = False, groups: DocGroups | None = None) -> dict[str, list[tuple[str, int]]]:
    """Per facet, its top values over ``base`` narrowed by the other facets' selections (all
    selections when ``conjunctive``), plus the selected values (with 0 if none match); a facet
    with a ``missing`` value counts the documents that have none under it. With ``groups`` (each
    document's story) each value counts groups, not documents."""
    facets = {}
    for f in FACETS:
        if not facet_limit and not selected.get(f.name):
            facets[f.name] = []  # nothing to keep: not counted (ids-only searches ask for none)
            continue
        m = base
        others = [other for k, other in masks.items() if k != f.name or conjunctive]
        if others:
            m = base.copy()
            for other in others:
                m &= other
        counts = table.counts(f.name, m, groups)
        if f.missing and f.missing not in {vc[0] for vc in counts}:
            without = m & table.missing_mask(f.name)
            n_missing = int(np.count_nonzero(without)) if groups is None else groups.count(without)
            if n_missing:
                counts.append((f.missing, n_missing))
        counts.sort(key=lambda vc: (-vc[1], vc[0]))
        keep = counts[:facet_limit]
        chosen = selected.get(f.name, [])
        keep += [vc for vc in counts[facet_limit:] if vc[0] in chosen]
        present = {c[0] for c in counts}
        keep += [(v, 0) for v in chosen if v not in present]
        facets[f.name] = keep
    return facets


def timeline(dates: np.ndarray) -> list[tuple[str, int]]:
    """(YYYY-MM or YYYY, count) of the dated documents, by month."""
    months = dates[dates > 0] // 100
    if not len(months):
        return []
    low = int(months.min())  # a count per month number in range: no sort of every match's date
    cnt = np.bincount(months - low)
    uniq = np.flatnonzero(cnt)
    uniq, cnt = uniq + low, cnt[uniq]
    return [(f"{m // 100:04d}-{m % 100:02d}" if m % 100 else f"{m // 100:04d}", int(c))
            for m, c in zip(uniq, cnt, strict=True)]


def raw_search(s, table: FacetTable, evaluator: Evaluator, q, filters: dict[str, list[str]],
               date_from: int | None, date_to: int | None, sort: str, offset: int, limit: int,
               facet_limit: int = 30, keep_undated: bool = False,
               conjunctive: bool = False, facet_groups=None, ends: float | None = None,
               count_undated: bool = False) -> RawResults:
    """See ``ArchiveIndex.search``. The query is evaluated once (until the evaluator's
    deadline); past ``ends`` (the request's deadline, ``time.monotonic()``) facets are not
    counted (``facets_skipped``) and the hits list stops where it is (``timed_out``; ``total``
    stays the true count of the evaluated matches, so a caller folding hits sees the rest
    as not folded)."""
    # Every("speaker") is "has a speaker", evaluated; only a field-less Every is everything
    every = isinstance(q, wquery.Every) and q.fieldname in (None, "*")
    if every:
        base, scores = table.live.copy(), None
    else:
        base, scores = evaluator.run(q)
    selected = {k: v for k, v in filters.items() if v}
    masks = {k: table.value_mask(k, v) for k, v in selected.items()}
    undated = None
    if count_undated:  # what the date range leaves out, from this evaluation, not another
        left_out = base & table.value_mask("year", ["undated"])
        for k, m in masks.items():
            if k != "year":
                left_out &= m
        undated = int(np.count_nonzero(left_out))
    if date_from is not None or date_to is not None:
        in_range = (table.dates >= (date_from or 0)) & (table.dates > 0)
        if date_to is not None:
            in_range &= table.dates <= date_to
        base &= (in_range | (table.dates == 0)) if keep_undated else in_range

    final = base.copy()
    for m in masks.values():
        final &= m
    skip_facets = ends is not None and time.monotonic() > ends
    groups = facet_groups(table) if facet_groups and facet_limit and not skip_facets else None
    facets = {} if skip_facets else facet_counts(table, base, selected, masks, facet_limit, conjunctive, groups)

    docnums = np.nonzero(final)[0]
    dates = table.dates[docnums]
    total = len(docnums)
    want = offset + limit
    if sort == "relevance" and not every:
        sc = scores[docnums]
        if len(docnums) > want:
            top = np.argpartition(-sc, want - 1)[:want]
            docnums, sc = docnums[top], sc[top]
        order = np.lexsort((docnums, -sc))[offset:want]
        page = [(int(docnums[i]), round(float(sc[i]), 4)) for i in order]
    else:
        keys = np.where(dates > 0, dates, 10**9) if sort == "oldest" else -dates
        order = np.lexsort((docnums, keys))[offset:want]
        page = [(int(docnums[i]), None) for i in order]
    hits, cut = [], False
    known = table.built_doc_ids()  # the generation's id list once read (else stored fields)
    for i, (d, sc) in enumerate(page):
        if ends is not None and i and i % 64 == 0 and time.monotonic() > ends:
            cut = True  # only a long window (collapse's) gets here: the rest is not folded
            break
        item_id = known[d] if known is not None else None
        hits.append(RawHit(id=item_id or s.stored_fields(d)["id"], score=sc, docnum=d))

    terms = set() if every else evaluator.found  # the terms evaluation found, for highlighting
    return RawResults(total=total, hits=hits, facets=facets, timeline=timeline(dates),
                      terms=terms, timed_out=evaluator.timed_out or cut or skip_facets,
                      undated=undated, facets_skipped=skip_facets)
