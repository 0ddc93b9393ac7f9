"""Where the article is in a plain-text capture of a web page (select-all/copy, a scraper's dump).

A capture holds the page's navigation, widgets, related links and comments around the article.
Each block (a paragraph of the capture) is classified by shallow text features with jusText
(length, stop-word density, the class of its neighbours: Pomikálek 2011), the stop-word list
being the one that fits the text best. The article is then the largest cluster of article-like
blocks: clusters are cut where a long run of boilerplate separates them (a menu, a "related"
list, a comment thread), and other clusters are kept only when they are about as large.

``article_region(blocks)`` is pure: blocks in, indices out; normalize.py decides what to do
with the blocks before (headline search, chrome) and after (the tail: comments, widgets).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from eurasec_archive.boilerplate import boilerplate_rules
from eurasec_archive.text import is_terminated, is_url, word_count, xml_text

# jusText settings for text captures: links are invisible in a capture, so the length cues do
# more of the work than on HTML; measured on the development captures (bench/pages.py)
LENGTH_LOW = 20
LENGTH_HIGH = 100
STOPWORDS_LOW = 0.30
STOPWORDS_HIGH = 0.32
MAX_HEADING_DISTANCE = 200
# boilerplate characters between two article-like blocks that split them into two clusters
CLUSTER_GAP = 300
# a second cluster is kept when it has at least this share of the main cluster's text
CLUSTER_KEEP = 0.5
# below this much article-like text the capture is taken whole (a short clean document)
MIN_ARTICLE_CHARS = 200
# article text before a comment-thread line for it to open the thread (a "Comments" link in a
# page's header, above the article, opens nothing)
THREAD_MIN_ARTICLE_CHARS = 1000
_NO_COMMENTS = re.compile(r"^0\s")  # "0 comments": no thread follows
# menu-like lines around the article that prove a site's chrome: clean texts (news corpora,
# Wikinews) have at most a headline, a few captions and section headings there (at most 7 of
# 1,800 clean development texts; 548 of 613 L3S captures have 10 or more)
CHROME_MIN_MENU_LINES = 8
MENU_MAX_WORDS = 6

_WORD = re.compile(r"[^\W\d_]+")
_TABLE_ROW = re.compile(r"^\|.*\|$")  # a table row of a clean text: structure, not chrome
_LIST_ITEM = re.compile(r"^\s*(?:[•·▪‣◦●○■□➢►–—*-]|\d{1,2}[.)])\s+(?=\S)")


@dataclass
class Region:
    """The article inside a list of blocks: ``keep`` indices, ``start``/``end`` the span."""

    start: int
    end: int  # inclusive
    keep: list[int]


@cache
def _stoplists() -> dict[str, frozenset[str]]:
    import justext

    return {name: justext.get_stoplist(name) for name in sorted(justext.get_stoplists())}


def best_stoplist(text: str) -> frozenset[str]:
    """The jusText stop-word list that covers most of the text's words (its language)."""
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    if not words:
        return frozenset()
    counts: dict[str, int] = {}
    for w in set(words):
        counts[w] = 0
    for w in words:
        counts[w] += 1
    best, best_score = frozenset(), 0
    for stoplist in _stoplists().values():
        score = sum(n for w, n in counts.items() if w in stoplist)
        if score > best_score:
            best, best_score = stoplist, score
    return best


def classify_blocks(blocks: list[str]) -> list[bool]:
    """For each block, True when jusText takes it for article text."""
    from justext.core import ParagraphMaker, classify_paragraphs, revise_paragraph_classification
    from lxml import html as lxml_html

    body = lxml_html.Element("body")
    for block in blocks:
        p = lxml_html.Element("p")
        p.text = xml_text(block)  # a control character would make lxml refuse the block
        body.append(p)
    root = lxml_html.Element("html")
    root.append(body)
    paragraphs = ParagraphMaker.make_paragraphs(root)
    if len(paragraphs) != len(blocks):  # a block jusText could not see: no verdict
        return [True] * len(blocks)
    classify_paragraphs(paragraphs, best_stoplist("\n".join(blocks)), LENGTH_LOW, LENGTH_HIGH,
                        STOPWORDS_LOW, STOPWORDS_HIGH, 0.2, False)
    revise_paragraph_classification(paragraphs, MAX_HEADING_DISTANCE)
    return [not p.is_boilerplate for p in paragraphs]


def article_region(blocks: list[str]) -> Region | None:
    """The article's blocks in a capture, or None when no part stands out as the article
    (a short or clean document: then every block is the article)."""
    if not blocks or not has_chrome(blocks[1:]):
        # what lies around any region is among blocks[1:], and has_chrome of a part is never
        # true when it is false of the whole: no chrome anywhere, no region (jusText not run)
        return None
    good = [i for i, ok in enumerate(classify_blocks(blocks)) if ok]
    thread = comment_thread_start(blocks, good)
    good = [i for i in good if i < thread]
    if not good:
        return None
    clusters: list[list[int]] = [[good[0]]]
    for a, b in zip(good, good[1:], strict=False):
        if sum(len(blocks[k]) for k in range(a + 1, b) if not _TABLE_ROW.match(blocks[k])) > CLUSTER_GAP:
            clusters.append([b])
        else:
            clusters[-1].append(b)

    def size(c: list[int]) -> int:
        return sum(len(blocks[k]) for k in c)

    main = max(clusters, key=size)
    if size(main) < MIN_ARTICLE_CHARS:
        return None
    kept = [c for c in clusters if c is main or size(c) >= CLUSTER_KEEP * size(main)]
    keep = [k for c in kept for k in c]
    # a long sentence next to the article is article text, however few stop words it has (a
    # lead packed with names); chrome is short lines
    while keep[0] > 0 and _is_prose(blocks[keep[0] - 1]):
        keep.insert(0, keep[0] - 1)
    while keep[-1] + 1 < len(blocks) and _is_prose(blocks[keep[-1] + 1]):
        keep.append(keep[-1] + 1)
    outside = [b for k, b in enumerate(blocks) if (k < keep[0] and k > 0) or k > keep[-1]]
    if not has_chrome(outside):
        return None  # nothing around the article is site chrome: a clean document, taken whole
    return Region(start=keep[0], end=keep[-1], keep=keep)


def comment_thread_start(blocks: list[str], good: list[int]) -> int:
    """Index of the line that opens the reader-comment thread ("Comments (12)", "Have your
    say"), the first one after some article-like text; len(blocks) when there is none."""
    markers, good_set = boilerplate_rules()["comment_markers"], set(good)
    seen = 0
    for k, block in enumerate(blocks):
        if (seen >= THREAD_MIN_ARTICLE_CHARS and len(block) <= 60 and not _NO_COMMENTS.match(block)
                and any(rx.match(block) for rx in markers)):
            return k
        if k in good_set:
            seen += len(block)
    return len(blocks)


def _is_menu_like(block: str) -> bool:
    """A short unterminated line that is not a list item or table row (a menu entry, a
    section name, a button; in a clean text also a heading or a caption, hence counted)."""
    return (word_count(block) <= MENU_MAX_WORDS and not is_terminated(block)
            and not _LIST_ITEM.match(block) and not _TABLE_ROW.match(block))


def has_chrome(outside: list[str]) -> bool:
    """Evidence that the blocks around an article are a site's chrome: a run of menu-like
    lines longer than a clean text's headings and captions, or a line of a known widget shape
    (URL, copyright, share/print/log-in button, clock, "3 hours ago")."""
    if sum(_is_menu_like(b) for b in outside) >= CHROME_MIN_MENU_LINES:
        return True
    shapes = boilerplate_rules()["chrome_shapes"]
    return any(len(b) <= 120 and (is_url(b) or any(rx.search(b) for rx in shapes)) for b in outside)



def _is_prose(block: str) -> bool:
    return len(block) > LENGTH_HIGH and is_terminated(block)
