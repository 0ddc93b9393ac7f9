"""Query text -> Whoosh query: the parser, negations made set differences, expansions capped."""

from __future__ import annotations

from whoosh import qparser
from whoosh import query as wquery

from eurasec_archive.errors import BadQuery
from eurasec_archive.index.internals import cap_expansions

MAX_EXPANSION = 256  # terms a prefix/wildcard/fuzzy query may expand to

FIELD_ALIASES = {
    "org": ["organization", "organisation", "orgs"], "speaker": ["speakers", "said"],
    "person": ["people", "persons"], "place": ["places"], "lang": ["language"],
    "outlet": ["source", "publisher"],
}


def make_parser(schema):
    p = qparser.MultifieldParser(["title", "body", "body_ru"], schema,
                                 group=qparser.OrGroup.factory(0.9))
    p.add_plugin(qparser.FuzzyTermPlugin())
    p.add_plugin(qparser.GtLtPlugin())
    p.add_plugin(qparser.FieldAliasPlugin(FIELD_ALIASES))
    p.add_plugin(qparser.PlusMinusPlugin())
    return p


def parse_query(parser, text: str):
    """Query text -> whoosh query; an empty text means every document.

    :raise BadQuery: the text cannot be understood or has no searchable words
    """
    if not text.strip(" \t\n*"):
        return wquery.Every()  # "*" alone means every document, without a field scan
    try:
        q = parser.parse(text)
    except Exception as e:
        raise BadQuery(f"could not understand the query ({e})") from e
    if q is wquery.NullQuery or isinstance(q, type(wquery.NullQuery)):
        raise BadQuery("the query has no searchable words")
    return bound_expansions(lift_negations(q))


def lift_negations(q):
    """``a NOT b`` under the OR grouping parses as ``a OR (NOT b)``, which matches nearly
    everything; rewrite every such OR as ``(a) ANDNOT (b)``."""
    if isinstance(q, wquery.compound.CompoundQuery):
        q.subqueries = [lift_negations(sub) for sub in q.subqueries]
        if isinstance(q, wquery.Or):
            negs = [sub.query for sub in q.subqueries if isinstance(sub, wquery.Not)]
            pos = [sub for sub in q.subqueries if not isinstance(sub, wquery.Not)]
            if negs and pos:
                positive = pos[0] if len(pos) == 1 else q.__class__(pos, boost=q.boost,
                                                                    scale=getattr(q, "scale", None))
                negative = negs[0] if len(negs) == 1 else wquery.Or(negs)
                return wquery.AndNot(positive, negative)
    elif isinstance(q, wquery.Not):
        q.query = lift_negations(q.query)
    return q


def bound_expansions(q):
    """Cap how many index terms prefix/wildcard/fuzzy queries may expand to."""
    for sub in [q, *q.leaves()]:
        if isinstance(sub, wquery.MultiTerm):
            cap_expansions(sub, MAX_EXPANSION)
    if isinstance(q, wquery.Wildcard) and str(q.text).lstrip("*?") == "":
        raise BadQuery("a wildcard needs at least one letter before * or ?")
    return q
