"""Proximity: query words that stand together in a document count for more. Each two
adjacent plain words of a query are added as a phrase clause over the ranked fields, weighted
``WEIGHT`` against a word: the ordered-window part of Metzler and Croft's sequential
dependence model (SIGIR 2005), scored like any phrase (BM25F of its frequency). Measured on
four public test collections in ``bench/relevance.py`` (bench/README.md, issue 15).
"""

from __future__ import annotations

from whoosh import query as wquery

WEIGHT = 0.2  # boost of a pair of adjacent query words (0: off)
WINDOW, WINDOW_WEIGHT = 8, 0.0  # the pair within WINDOW positions, either order (0: off)
MAX_PAIRS = 32  # pairs of a query scored as phrases (a long question has many)


def adjacent_pairs(runs, fields, weight: float | None = None, limit: int = MAX_PAIRS) -> list:
    """Each two consecutive plain words of ``runs`` (lists of word queries) as a phrase over
    ``fields``, boosted by ``weight``; at most ``limit`` pairs."""
    weight = WEIGHT if weight is None else weight
    pairs, seen = [], set()
    for run in runs:
        for a, b in zip(run, run[1:], strict=False):
            if len(pairs) >= limit:
                return pairs
            ta, tb = _field_terms(a), _field_terms(b)
            for slop, w in ((1, weight), (WINDOW, WINDOW_WEIGHT)):
                leaves = [wquery.Phrase(f, [ta[f], tb[f]], slop=slop) for f in ta
                          if f in tb and f in fields and ta[f] != tb[f]]
                if w and leaves and repr(leaves) not in seen:
                    seen.add(repr(leaves))
                    pair = leaves[0] if len(leaves) == 1 else wquery.Or(leaves)
                    pair.boost = w
                    pairs.append(pair)
    return pairs


def _field_terms(node) -> dict[str, str]:
    """field -> term of one plain word's query (a Term, or an Or of one Term per field)."""
    leaves = node.subqueries if type(node) is wquery.Or else [node]
    out = {}
    for leaf in leaves:
        if type(leaf) is not wquery.Term or leaf.fieldname in out:
            return {}
        out[leaf.fieldname] = leaf.text
    return out
