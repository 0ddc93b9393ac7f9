"""Pseudo-relevance feedback (``index/feedback.py``: RM3) on the OpenSearch engine, with the
embedded engine's own choices: the same feedback documents (the query's best ``DOCS``), their
words counted by the same analysis (``feedback.Vectors`` over the item files), the same
selection (``feedback.feedback_words``) and the same expanded query (``feedback.expanded``).
What comes from the cluster: the first pass (one ``size: DOCS`` search), the words' document
frequencies in ``body`` (filter aggregations, asked for in rounds as the selection reaches
words it has not seen) and the mean title and body lengths (term-vector field statistics).

The feedback words are index terms already (stemmed): their clauses are marked ``analysed`` so
that ``ranking`` sends them as ``term`` queries, not analysed again.
"""

from __future__ import annotations

import time
from urllib.parse import quote

from whoosh import query as wquery

from eurasec_archive.index import feedback
from eurasec_archive.index.opensearch.query import to_dsl

DF_ROUNDS = 4  # requests for the document frequencies of the words the selection looks at
DF_BATCH = 300  # words per request
STATS_TTL = 60.0  # seconds the mean field lengths are reused


def _timeout(ends: float) -> str:
    return f"{max(int((ends - time.monotonic()) * 1000), 1)}ms"


def with_feedback(engine, q, text_of, deadline: float | None = None):
    """``q`` also ranked by the words of its own best results (see ``ArchiveIndex.with_feedback``);
    ``q`` itself when it has fewer than ``feedback.MIN_WORDS`` plain words, when the cluster does
    not answer by ``deadline`` or when no word qualifies."""
    if q is None or isinstance(q, wquery.Every) or feedback.query_words(q) < feedback.MIN_WORDS:
        return q
    from eurasec_archive.index.opensearch.client import DeadlinePassed
    from eurasec_archive.index.opensearch.engine import _partial

    ends = deadline if deadline is not None else time.monotonic() + engine.time_limit / 2
    try:
        stats, late = engine._frequencies(q, ends, ends)
        if late:
            return q
        body = {"size": feedback.DOCS, "query": to_dsl(q, stats), "_source": ["id", "rev"],
                "sort": [{"_score": "desc"}, {"id": "asc"}], "track_scores": True,
                "track_total_hits": False, "timeout": _timeout(ends)}
        answer = engine.client.json("POST", f"/{engine.name}/_search", body, retry_if=_partial, until=ends)
        if answer.get("timed_out"):
            return q
        docs = []
        for hit in answer["hits"]["hits"]:
            source = hit.get("_source") or {}
            counts = engine._vectors.counts((source.get("id", hit["_id"]), source.get("rev", "")), text_of)
            if counts:
                docs.append((float(hit["_score"] or 0.0), counts))
        if not docs:
            return q
        mean = _mean_length(engine, answer["hits"]["hits"], ends)
        words = _select(engine, docs, stats[0], mean, ends)
    except DeadlinePassed:
        return q
    if words is None:
        return q
    q2 = feedback.expanded(q, words, feedback.query_words(q))
    if q2 is not q:
        for clause in q2.b.subqueries:
            for leaf in clause.subqueries:
                leaf.analysed = True
    return q2


def _select(engine, docs, n_live: int, mean: float, ends: float):
    """``feedback.feedback_words`` with the words' dfs fetched in the order it asks for them
    (its relevance order), ``DF_BATCH`` at a time, until every word it looked at before its
    last choice is known; None if the rounds ran out."""
    known: dict[str, int] = {}
    asked: list[str] = []

    def df(word: str) -> int:
        asked.append(word)
        return known.get(word, n_live + 1)  # not known yet: not chosen this round

    for _ in range(DF_ROUNDS):
        asked.clear()
        words = feedback.feedback_words(docs, df, n_live, mean)
        chosen = {w for w, _ in words}
        looked = asked if len(words) < feedback.TERMS else \
            asked[:max(i for i, w in enumerate(asked) if w in chosen) + 1]
        unknown = [w for w in looked if w not in known][:DF_BATCH]
        if not unknown:
            return words
        body = {"size": 0, "query": {"match_all": {}}, "timeout": _timeout(ends),
                "aggs": {f"w{i}": {"filter": {"term": {"body": w}}} for i, w in enumerate(unknown)}}
        answer = engine.client.json("POST", f"/{engine.name}/_search", body, until=ends)
        aggs = answer.get("aggregations") or {}
        known.update({w: int((aggs.get(f"w{i}") or {}).get("doc_count", 0)) for i, w in enumerate(unknown)})
    return None


def _mean_length(engine, hits, ends: float) -> float:
    """Mean title length plus mean body length over the documents with each (as
    ``scoring.average_lengths``), from the term-vector field statistics; cached a minute."""
    cached = getattr(engine, "_mean_lengths", None)
    if cached and cached[0] > time.monotonic():
        return cached[1]
    means: dict[str, float] = {}
    for hit in hits:
        answer = engine.client.json(
            "GET", f"/{engine.name}/_termvectors/{quote(hit['_id'], safe='')}?fields=title,body&field_statistics=true"
            "&term_statistics=false&positions=false&offsets=false&payloads=false", until=ends)
        for field, vector in (answer.get("term_vectors") or {}).items():
            fs = vector.get("field_statistics") or {}
            if fs.get("doc_count"):
                means[field] = fs["sum_ttf"] / fs["doc_count"]
        if len(means) == 2:
            break
    mean = sum(means.values())
    engine._mean_lengths = (time.monotonic() + STATS_TTL, mean)
    return mean
