"""The archive's ranking expressed in OpenSearch: the same BM25F as ``index/scoring.py``.

Whoosh (``scoring.bm25f``) scores one query word over title and body together: each field's
term frequency normalized by its own length, weighted, summed, then one saturation and one idf
(its document frequency over both fields); ``body_ru`` alone; a document keeps the better of
the two. OpenSearch 2.19 has no such query (``combined_fields`` never came over from
Elasticsearch), so it is built from three parts:

- a scripted similarity on each ranked field returns the field's normalized frequency,
  ``boost * tf / (1 - b + b * len / avglen)`` (``avglen`` over the documents with the field,
  as in ``scoring.average_lengths``);
- a ``bool.should`` over a word's fields sums them, each boosted by its field weight: the
  ``tf~`` of the formula; a ``script_score`` around it applies ``idf * tf~ (k1+1) / (k1+tf~)``;
- the idf is Lucene's from the word's document frequency over its fields, counted by one
  ``size: 0`` request of filter aggregations before the search (``frequency_request``).

A phrase (the parser's adjacent-word pairs of ``proximity``, a quoted phrase) is one unit with
its phrase frequency, as in the evaluator. Clauses outside the ranked fields (names, language)
score their boost per match (``constant_score``), as the evaluator does.
"""

from __future__ import annotations

import math

from whoosh import query as wquery
from whoosh.lang import stopwords_for_language

from eurasec_archive.index.scoring import FIELD_B, FIELD_WEIGHTS, K1, B

RANKED_FIELDS = ("title", "body", "body_ru")
ENGLISH = ("title", "body")
SATURATION = "params.idf * _score * (params.k1 + 1) / (params.k1 + _score)"
_STOPS = {"title": stopwords_for_language("en"), "body": stopwords_for_language("en"),
          "body_ru": stopwords_for_language("ru")}  # as the mapping's stop filters
# the index's ranking format (``_meta``): an index of another one is rebuilt (2: English stemmed
# with Porter2, as Whoosh stems it)
FORMAT = "bm25f-2"


def similarity_name(field: str) -> str:
    return f"bm25f_{field}"


def similarities() -> dict:
    """The ``index.similarity`` settings: one scripted similarity per ranked field."""
    out = {}
    for field in RANKED_FIELDS:
        b = FIELD_B.get(field, B)
        out[similarity_name(field)] = {
            "type": "scripted",
            "discount_overlaps": False,  # Whoosh counts a compound's parts in the length too
            "script": {"source": (
                "double avg = field.docCount > 0 ? field.sumTotalTermFreq / (double) field.docCount : 1.0;"
                f" return query.boost * doc.freq / ({1 - b!r} + {b!r} * doc.length / avg);")},
        }
    return out


def lucene_idf(n: int, df: int) -> float:
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def is_scored_leaf(q) -> bool:
    """A word or phrase in a ranked field (the evaluator's ``is_scored_leaf`` without the
    expansions, which OpenSearch scores as a constant per match)."""
    if getattr(q, "fieldname", None) not in RANKED_FIELDS:
        return False
    if isinstance(q, wquery.Phrase):
        return len(q.words) > 1 and (q.slop == 1 or len(q.words) == 2)
    return type(q) is wquery.Term


def scored_unit(q) -> list | None:
    """The leaves of one BM25F unit (a scored leaf, or an ``Or`` of one per field), or None."""
    if is_scored_leaf(q):
        return [q]
    if type(q) is wquery.Or and q.subqueries and all(map(is_scored_leaf, q.subqueries)) \
            and len({s.fieldname for s in q.subqueries}) == len(q.subqueries) \
            and len({_key(s) for s in q.subqueries if s.fieldname in ENGLISH}) <= 1:
        return list(q.subqueries)
    return None


def _key(leaf) -> tuple:
    if isinstance(leaf, wquery.Phrase):
        return tuple(leaf.words)
    return ("=" + leaf.text,) if getattr(leaf, "analysed", False) else (leaf.text,)


def leaf_match(leaf, boost: float = 1.0) -> dict:
    """The query of one leaf in its field. A leaf marked ``analysed`` holds an index term
    already (a feedback word): a ``term`` query, not analysed again."""
    if getattr(leaf, "analysed", False):
        return {"term": {leaf.fieldname: {"value": leaf.text, "boost": boost}}}
    if isinstance(leaf, wquery.Phrase):
        # a scripted similarity scores a phrase once per term and sums: each term takes its share
        share = boost / max(1, sum(w not in _STOPS.get(leaf.fieldname, ()) for w in leaf.words))
        return {"match_phrase": {leaf.fieldname: {"query": " ".join(leaf.words),
                                                  "slop": max(0, leaf.slop - 1), "boost": share}}}
    return {"match": {leaf.fieldname: {"query": leaf.text, "boost": boost}}}


def unit_parts(leaves: list) -> list[list]:
    """A unit's leaves as its BM25F parts: the English fields together, ``body_ru`` alone."""
    english = [leaf for leaf in leaves if leaf.fieldname in ENGLISH]
    russian = [leaf for leaf in leaves if leaf.fieldname not in ENGLISH]
    return [p for p in (english, russian) if p]


def part_key(part: list) -> str:
    return repr(sorted((leaf.fieldname, _key(leaf)) for leaf in part))


def part_filter(part: list) -> dict:
    """Documents holding the word (or phrase) in any field of the part: its df."""
    return {"bool": {"should": [leaf_match(leaf) for leaf in part], "minimum_should_match": 1}}


def collect_parts(q, out: dict | None = None) -> dict[str, list]:
    """part key -> part, for every BM25F part of a parsed query (what needs a df)."""
    out = {} if out is None else out
    if q is None:
        return out
    leaves = scored_unit(q)
    if leaves is not None:
        for part in unit_parts(leaves):
            out.setdefault(part_key(part), part)
        return out
    for sub in getattr(q, "subqueries", None) or ():
        collect_parts(sub, out)
    for side in ("a", "b", "query"):
        sub = getattr(q, side, None)
        if isinstance(sub, wquery.Query):
            collect_parts(sub, out)
    return out


def frequency_request(parts: dict[str, list]) -> dict:
    """The body of the ``size: 0`` search counting the live documents and each part's df."""
    return {"size": 0, "track_total_hits": True, "query": {"match_all": {}},
            "aggs": {f"p{i}": {"filter": part_filter(part)} for i, part in enumerate(parts.values())}}


def read_frequencies(parts: dict[str, list], answer: dict) -> tuple[int, dict[str, int]]:
    """-> (live documents, part key -> df) from the answer to ``frequency_request``."""
    aggs = answer.get("aggregations") or {}
    dfs = {key: int((aggs.get(f"p{i}") or {}).get("doc_count", 0)) for i, key in enumerate(parts)}
    return int(answer["hits"]["total"]["value"]), dfs


def unit_dsl(leaves: list, boost: float, n: int, dfs: dict[str, int]) -> dict:
    """One BM25F unit: each part's saturated, idf-weighted sum; the better part counts. A part
    whose df was not counted (absent from ``dfs``) only matches."""
    scored = []
    for part in unit_parts(leaves):
        inner = {"bool": {"should": [leaf_match(leaf, FIELD_WEIGHTS.get(leaf.fieldname, 1.0)) for leaf in part],
                          "minimum_should_match": 1}}
        df = dfs.get(part_key(part))
        if df is None:  # not counted: a search sorted by date needs the matches, not the scores
            scored.append(inner)
            continue
        if not df:
            continue  # no document holds it: the part matches nothing
        scored.append({"script_score": {"query": inner, "script": {
            "source": SATURATION, "params": {"idf": lucene_idf(n, df), "k1": K1}}}})
    if not scored:
        return {"match_none": {}}
    if len(scored) == 1 and "script_score" in scored[0]:
        scored[0]["script_score"]["boost"] = boost
        return scored[0]
    return {"dis_max": {"queries": scored, "tie_breaker": 0.0, "boost": boost}}
