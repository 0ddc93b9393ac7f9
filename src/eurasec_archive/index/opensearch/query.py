"""The tolerant query language, translated for OpenSearch.

The same parser reads the text (``parsing.QueryParser``: every string is a valid query, the
same notices and ``interpreted_as``), but its leaves keep the words as written (folded, not
stemmed): OpenSearch analyses them with the field's own analyzer, so the query meets the
index with OpenSearch's stemmers. The parsed tree then becomes a query DSL body:

    a word or phrase over the ranked fields -> the BM25F unit of ``ranking`` (script_score)
    Term, Phrase in other fields -> constant_score of match / match_phrase (lang: term)
    Prefix -> prefix   Wildcard -> wildcard   FuzzyTerm -> fuzzy (same edit distance)
    And -> bool.must   Or -> bool.should (one needed)   AndMaybe -> must + should
    AndNot / Not -> bool.must_not      Every(field) -> exists      date ranges -> range

Scores add up as in the evaluator (``And``, ``Or`` and ``AndMaybe`` sum their clauses; a
clause's boost multiplies it).
"""

from __future__ import annotations

from whoosh import query as wquery
from whoosh.util.times import long_to_datetime

from eurasec_archive.index.opensearch.ranking import leaf_match, scored_unit, unit_dsl
from eurasec_archive.index.parsing import QueryParser
from eurasec_archive.index.schema import FOLD_MAP


def fold(word: str) -> str:
    return word.lower().translate(FOLD_MAP)


class WordsQueryParser(QueryParser):
    """``QueryParser`` whose leaves hold folded words, not index terms. A word the Whoosh
    analysis drops (a stop-word) is dropped here too, so both engines take the same liberties;
    inside a phrase every word is kept (OpenSearch's positions count the stop-words)."""

    _in_phrase = False

    def _analyse(self, fieldname: str, word: str) -> list[str]:
        if self._in_phrase or fieldname == "lang":
            return [fold(word)]
        return [fold(word)] if super()._analyse(fieldname, word) else []

    def _phrase(self, text, slop, fields, state):
        self._in_phrase = True
        try:
            return super()._phrase(text, slop, fields, state)
        finally:
            self._in_phrase = False


def _boost(q) -> float:
    return getattr(q, "boost", 1.0) or 1.0


def to_dsl(q, stats: tuple[int, dict[str, int]] = (0, {})) -> dict:
    """A parsed query (``WordsQueryParser``) -> an OpenSearch query body.

    :param q: the parsed tree; None or ``NullQuery``: matches nothing
    :param stats: (live documents, part key -> document frequency) for the BM25F units
        (``ranking.collect_parts`` / ``read_frequencies``)
    """
    if q is None or q is wquery.NullQuery or isinstance(q, wquery.NullQuery.__class__):
        return {"match_none": {}}
    unit = scored_unit(q)
    if unit is not None:
        return unit_dsl(unit, _boost(q), *stats)
    if isinstance(q, wquery.Every):
        if q.fieldname in (None, "*"):
            return {"match_all": {}}
        return {"exists": {"field": q.fieldname}}
    if isinstance(q, wquery.DateRange):
        rng = {}
        if q.startdate is not None:
            rng["gte"] = q.startdate.isoformat()
        if q.enddate is not None:
            rng["lte"] = q.enddate.isoformat()
        return {"range": {"date": rng}}
    if isinstance(q, wquery.Phrase) or (isinstance(q, wquery.Term) and q.fieldname != "lang"):
        # a name field (or a phrase the evaluator leaves to Whoosh's matcher): the boost per match
        return {"constant_score": {"filter": leaf_match(q), "boost": _boost(q)}}
    if isinstance(q, wquery.FuzzyTerm):
        return {"fuzzy": {q.fieldname: {"value": q.text, "fuzziness": q.maxdist,
                                        "prefix_length": q.prefixlength, "max_expansions": 256}}}
    if isinstance(q, wquery.Prefix):
        return {"prefix": {q.fieldname: {"value": q.text}}}
    if isinstance(q, wquery.Wildcard):
        return {"wildcard": {q.fieldname: {"value": q.text}}}
    if isinstance(q, wquery.Term):
        return {"term": {"lang": q.text}}
    if isinstance(q, wquery.AndNot):
        return {"bool": {"must": [to_dsl(q.a, stats)], "must_not": [to_dsl(q.b, stats)]}}
    if isinstance(q, wquery.AndMaybe):
        return {"bool": {"must": [to_dsl(q.a, stats)], "should": [to_dsl(q.b, stats)]}}
    if isinstance(q, wquery.Not):
        return {"bool": {"must_not": [to_dsl(q.query, stats)]}}
    if isinstance(q, wquery.And):
        return {"bool": {"must": [to_dsl(s, stats) for s in q.subqueries], "boost": _boost(q)}}
    if isinstance(q, wquery.Or) and not q.subqueries:
        return {"match_none": {}}  # feedback that found no word (an Or of nothing)
    if isinstance(q, wquery.Or):
        return {"bool": {"should": [to_dsl(s, stats) for s in q.subqueries], "minimum_should_match": 1,
                         "boost": _boost(q)}}
    if isinstance(q, wquery.NumericRange) and q.fieldname == "date":  # Whoosh's date ticks
        rng = {}
        if q.start is not None:
            rng["gt" if q.startexcl else "gte"] = long_to_datetime(q.start).isoformat()
        if q.end is not None:
            rng["lt" if q.endexcl else "lte"] = long_to_datetime(q.end).isoformat()
        return {"range": {"date": rng}}
    raise ValueError(f"no OpenSearch translation for {type(q).__name__}")


def query_words(q) -> set[tuple[str, str]]:
    """The words and prefixes of a parsed query, as highlighting terms: ("word", w) and
    ("prefix", p). Excluded parts (``-word``, NOT) are not highlighted."""
    out: set[tuple[str, str]] = set()

    def walk(node):
        if isinstance(node, wquery.Not):
            return
        if isinstance(node, wquery.AndNot):
            walk(node.a)
            return
        if isinstance(node, wquery.Phrase):
            out.update(("word", w) for w in node.words)
        elif isinstance(node, wquery.Prefix):
            out.add(("prefix", node.text))
        elif isinstance(node, (wquery.Term, wquery.FuzzyTerm)) and node.fieldname in ("title", "body", "body_ru"):
            out.add(("word", node.text))
        for sub in getattr(node, "subqueries", ()) or ():
            walk(sub)
        if isinstance(node, (wquery.AndMaybe,)):
            walk(node.a)
            walk(node.b)

    if q is not None:
        walk(q)
    return out
