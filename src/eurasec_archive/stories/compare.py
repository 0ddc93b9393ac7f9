"""Two versions of one story, paragraph by paragraph: which paragraphs they share, which one
changed (and which words), which only one of them has.

``align(item, base)`` pairs the paragraphs of ``item`` with those of ``base`` (equal match
forms first, then the most similar pairs above ``CHANGED_RATIO``) and returns rows in the
item's reading order, the base's unpaired paragraphs placed after their nearest paired
predecessor. Statuses are the item's view of the base: ``shared``, ``changed``, ``added``
(only in the item), ``removed`` (only in the base); ``moved`` marks a pair out of order. Headlines (a first
paragraph that is the item's title) always pair: a rewritten headline is a changed one.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from eurasec_archive.models import Item, Paragraph
from eurasec_archive.stories.fingerprint import match_words

CHANGED_RATIO = 0.5  # word-sequence similarity from which two paragraphs are one, edited
MAX_PAIRS_SCORED = 4_000  # paragraph pairs compared in full; beyond that only equal ones pair
MAX_DIFF_TOKENS = 2_000  # words per paragraph beyond which no word-level diff is computed
MAX_RATIO_WORDS = 2_000  # a paragraph this long is paired only if equal (bounded request time)
_TOKEN = re.compile(r"\S+\s*")


@dataclass
class Row:
    status: str  # shared | changed | added | removed
    mine: Paragraph | None  # the item's paragraph
    base: Paragraph | None  # the base's paragraph
    ratio: float = 1.0
    moved: bool = False
    mine_words: list[tuple[str, str]] = field(default_factory=list)  # (same|ins, text): ins = only the item's
    base_words: list[tuple[str, str]] = field(default_factory=list)  # (same|del, text): del = only the base's

    def to_json(self) -> dict:
        return {"status": self.status, "moved": self.moved, "ratio": round(self.ratio, 3),
                "paragraph": self.mine.id if self.mine else None,
                "other_paragraph": self.base.id if self.base else None,
                "words": {"paragraph": [list(w) for w in self.mine_words],
                          "other_paragraph": [list(w) for w in self.base_words]}}


def _text(p: Paragraph) -> str:
    return "\n".join(p.items) if p.items else p.text


def _pairs(left: list[list[str]], right: list[list[str]]) -> dict[int, tuple[int, float]]:
    """left index -> (right index, ratio): equal paragraphs first, then the most similar."""
    pairs: dict[int, tuple[int, float]] = {}
    taken: set[int] = set()
    by_form: dict[tuple, list[int]] = {}
    for j, words in enumerate(right):
        by_form.setdefault(tuple(words), []).append(j)
    for i, words in enumerate(left):
        free = [j for j in by_form.get(tuple(words), []) if j not in taken]
        if words and free:
            pairs[i] = (free[0], 1.0)
            taken.add(free[0])
    todo_l = [i for i in range(len(left)) if i not in pairs and 0 < len(left[i]) <= MAX_RATIO_WORDS]
    todo_r = [j for j in range(len(right)) if j not in taken and 0 < len(right[j]) <= MAX_RATIO_WORDS]
    if len(todo_l) * len(todo_r) > MAX_PAIRS_SCORED:
        return pairs
    sets_r = {j: set(right[j]) for j in todo_r}
    scored = []
    for i in todo_l:
        si = set(left[i])
        for j in todo_r:
            overlap = len(si & sets_r[j]) / max(1, min(len(si), len(sets_r[j])))
            if overlap < CHANGED_RATIO:
                continue
            matcher = SequenceMatcher(None, left[i], right[j], autojunk=False)
            if matcher.quick_ratio() < CHANGED_RATIO:  # an upper bound, linear time
                continue
            ratio = matcher.ratio()
            if ratio >= CHANGED_RATIO:
                scored.append((-ratio, i, j))
    for neg, i, j in sorted(scored):
        if i not in pairs and j not in taken:
            pairs[i] = (j, -neg)
            taken.add(j)
    return pairs


def _in_order(sequence: list[int]) -> set[int]:
    """Positions of a longest increasing subsequence: the pairs that did not move."""
    tails: list[int] = []
    tail_pos: list[int] = []
    prev = [-1] * len(sequence)
    for pos, v in enumerate(sequence):
        k = bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
            tail_pos.append(pos)
        else:
            tails[k], tail_pos[k] = v, pos
        prev[pos] = tail_pos[k - 1] if k else -1
    keep, pos = set(), tail_pos[-1] if tail_pos else -1
    while pos >= 0:
        keep.add(pos)
        pos = prev[pos]
    return keep


def word_diff(mine: str, base: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Word-level differences of two paragraphs, compared in match form (so typography and
    transliteration are not changes): (segments of ``mine`` with ``ins`` for words only it has,
    segments of ``base`` with ``del`` for words only the base has)."""
    lt, rt = _TOKEN.findall(mine), _TOKEN.findall(base)
    if len(lt) > MAX_DIFF_TOKENS or len(rt) > MAX_DIFF_TOKENS:  # too long to diff in a request
        return [("ins", mine)], [("del", base)]
    lk = [" ".join(match_words(t)) or t for t in lt]
    rk = [" ".join(match_words(t)) or t for t in rt]
    out_l: list[tuple[str, str]] = []
    out_r: list[tuple[str, str]] = []
    for op, a, b, c, d in SequenceMatcher(None, lk, rk, autojunk=False).get_opcodes():
        if op == "equal":
            out_l.append(("same", "".join(lt[a:b])))
            out_r.append(("same", "".join(rt[c:d])))
            continue
        if b > a:
            out_l.append(("ins", "".join(lt[a:b])))
        if d > c:
            out_r.append(("del", "".join(rt[c:d])))
    return out_l, out_r


def _is_headline(item: Item) -> bool:
    """The item's first paragraph is its printed headline."""
    return bool(item.paragraphs) and item.paragraphs[0].kind == "heading" and \
        match_words(item.paragraphs[0].text) == match_words(item.title)


def align(item: Item, base: Item, words: bool = True) -> list[Row]:
    """The rows of a comparison of ``item`` with ``base`` (what ``item`` changed in ``base``).

    :param words: compute word-level differences of changed paragraphs
    """
    lp, rp = item.paragraphs, base.paragraphs
    lw = [match_words(_text(p)) for p in lp]
    rw = [match_words(_text(p)) for p in rp]
    pairs = _pairs(lw, rw)
    if _is_headline(item) and _is_headline(base) and 0 not in pairs and 0 not in {j for j, _ in pairs.values()}:
        # a rewritten headline is the same headline, changed
        short = len(lw[0]) <= MAX_RATIO_WORDS and len(rw[0]) <= MAX_RATIO_WORDS
        pairs[0] = (0, SequenceMatcher(None, lw[0], rw[0], autojunk=False).ratio() if short else 0.0)
    paired = [i for i in range(len(lp)) if i in pairs]
    steady = {paired[k] for k in _in_order([pairs[i][0] for i in paired])}
    after: dict[int, list[int]] = {}  # left index (-1: before all) -> unpaired right indexes
    right_to_left = {j: i for i, (j, _) in pairs.items()}
    last = -1
    for j in range(len(rp)):
        if j in right_to_left:
            last = right_to_left[j]
        else:
            after.setdefault(last, []).append(j)
    rows = [Row("removed", None, rp[j]) for j in after.get(-1, [])]
    for i, p in enumerate(lp):
        if i in pairs:
            j, ratio = pairs[i]
            row = Row("shared" if lw[i] == rw[j] else "changed", p, rp[j], ratio=ratio, moved=i not in steady)
            if words and row.status == "changed":
                row.mine_words, row.base_words = word_diff(_text(p), _text(rp[j]))
        else:
            row = Row("added", p, None, ratio=0.0)
        rows.append(row)
        rows.extend(Row("removed", None, rp[j], ratio=0.0) for j in after.get(i, []))
    return rows


def paragraph_status(item: Item, earliest: Item) -> dict:
    """``{"paragraphs": [{"id", "status", "earliest_paragraph"}], "missing": [ids]}``: each
    paragraph of ``item`` against the story's earliest member (shared, changed or added), and
    the earliest member's paragraphs this item does not have."""
    rows = align(item, earliest, words=False)
    return {"paragraphs": [{"id": r.mine.id, "status": r.status,
                            "earliest_paragraph": r.base.id if r.base else None}
                           for r in rows if r.mine is not None],
            "missing": [r.base.id for r in rows if r.mine is None]}
