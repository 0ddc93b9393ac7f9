"""The tolerant query language, translated for OpenSearch.

The same parser reads the text (``parsing.QueryParser``: every string is a valid query, the
same notices and ``interpreted_as``), but its leaves keep the words as written (folded, not
stemmed): OpenSearch analyses them with the field's own analyzer, so the query meets the
index with OpenSearch's stemmers. The parsed tree then becomes a query DSL body:

    Term -> match (lang: term)        Phrase -> match_phrase (slop: Whoosh's minus one)
    Prefix -> prefix   Wildcard -> wildcard   FuzzyTerm -> fuzzy (same edit distance)
    And -> bool.must   Or -> bool.should (one needed)   AndMaybe -> must + should
    AndNot / Not -> bool.must_not      Every(field) -> exists      date ranges -> range
"""

from __future__ import annotations

from whoosh import query as wquery
from whoosh.util.times import long_to_datetime

from eurasec_archive.index.parsing import QueryParser
from eurasec_archive.index.schema import FOLD_MAP

TITLE_BOOST = 2.0  # the Whoosh ranking's title weight (bench/README, issue 15)
WORD_TIE_BREAKER = 0.3  # a word's other fields add 0.3 of their score (Cranfield: 0.3832 vs 0.3818 at 0)


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


def _one_word_in_fields(q) -> bool:
    subs = q.subqueries
    return len(subs) > 1 and all(type(s) is wquery.Term for s in subs) and len({s.fieldname for s in subs}) == len(subs)


def _boost(field: str, q) -> float:
    return (getattr(q, "boost", 1.0) or 1.0) * (TITLE_BOOST if field == "title" else 1.0)


def to_dsl(q) -> dict:
    """A parsed query (``WordsQueryParser``) -> an OpenSearch query body.

    :param q: the parsed tree; None or ``NullQuery``: matches nothing
    """
    if q is None or q is wquery.NullQuery or isinstance(q, wquery.NullQuery.__class__):
        return {"match_none": {}}
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
    if isinstance(q, wquery.Phrase):
        return {"match_phrase": {q.fieldname: {"query": " ".join(q.words), "slop": max(0, q.slop - 1),
                                               "boost": _boost(q.fieldname, q)}}}
    if isinstance(q, wquery.FuzzyTerm):
        return {"fuzzy": {q.fieldname: {"value": q.text, "fuzziness": q.maxdist,
                                        "prefix_length": q.prefixlength, "max_expansions": 256}}}
    if isinstance(q, wquery.Prefix):
        return {"prefix": {q.fieldname: {"value": q.text}}}
    if isinstance(q, wquery.Wildcard):
        return {"wildcard": {q.fieldname: {"value": q.text}}}
    if isinstance(q, wquery.Term):
        if q.fieldname == "lang":
            return {"term": {"lang": q.text}}
        return {"match": {q.fieldname: {"query": q.text, "boost": _boost(q.fieldname, q)}}}
    if isinstance(q, wquery.AndNot):
        return {"bool": {"must": [to_dsl(q.a)], "must_not": [to_dsl(q.b)]}}
    if isinstance(q, wquery.AndMaybe):
        return {"bool": {"must": [to_dsl(q.a)], "should": [to_dsl(q.b)]}}
    if isinstance(q, wquery.Not):
        return {"bool": {"must_not": [to_dsl(q.query)]}}
    if isinstance(q, wquery.And):
        return {"bool": {"must": [to_dsl(s) for s in q.subqueries]}}
    if isinstance(q, wquery.Or) and _one_word_in_fields(q):
        # one word in title, body and body_ru: the best field counts (as Whoosh keeps the
        # better of its English and Russian scores), the others a little
        return {"dis_max": {"queries": [to_dsl(s) for s in q.subqueries], "tie_breaker": WORD_TIE_BREAKER}}
    if isinstance(q, wquery.Or):
        return {"bool": {"should": [to_dsl(s) for s in q.subqueries], "minimum_should_match": 1}}
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
