"""Reader comments, wherever a page keeps them: the tail of a text capture (avatars, a thread
opened by "Comments (12)"), comment sections of a page's markup (by class or id), trafilatura's
``<comments>``, and a thread left inside an extracted article body (commenters' signatures)."""

from __future__ import annotations

import re

from eurasec_archive.boilerplate import boilerplate_rules
from eurasec_archive.captures import THREAD_MIN_ARTICLE_CHARS, comment_thread_start, has_chrome
from eurasec_archive.models import Comment, Paragraph
from eurasec_archive.text import clean_line, is_terminated


def cut_tail(blocks: list[str]) -> tuple[list[str], list[str]]:
    """Split blocks into (article, tail) at the first widget/comment-section marker.

    A marker only counts once some article text has been seen, so a document that merely
    mentions "comments" early on is not cut.
    """
    rules = boilerplate_rules()
    seen_chars = 0
    for i, block in enumerate(blocks):
        if seen_chars > 200 and len(block) <= 80 and (
                any(rx.match(block) for rx in rules["tail"]) or block.startswith(rules["avatar"])):
            return blocks[:i], blocks[i:]
        seen_chars += len(block)
    return blocks, []


def is_page_tail(tail: list[str]) -> bool:
    """A tail cut from a text without chrome around its article is a page's tail only with
    evidence: reader comments signed by avatars, or lines of a widget's shape."""
    return has_chrome(tail) or any(b.startswith(boilerplate_rules()["avatar"]) for b in tail)


def parse_comments(tail: list[str]) -> list[Comment]:
    """Reader comments from a page tail: ``Avatar of X`` / ``X`` / text… runs."""
    rules = boilerplate_rules()
    comments: list[Comment] = []
    author: str | None = None
    texts: list[str] = []

    def flush():
        if author is not None and texts:
            comments.append(Comment(author=author, text="\n".join(texts)))

    i = 0
    while i < len(tail):
        block = tail[i]
        prefix = next((p for p in rules["avatar"] if block.startswith(p)), None)
        if prefix:
            flush()
            author, texts = block[len(prefix):].strip(), []
            if i + 1 < len(tail) and tail[i + 1] == author:
                i += 1
        elif author is not None and len(block) > 40:
            texts.append(block)
        i += 1
    flush()
    return comments or _thread_comments(tail)


THREAD_COMMENT_MIN_CHARS = 40
SIGNATURE_MAX_CHARS = 100


def _thread_comments(tail: list[str]) -> list[Comment]:
    """Comments of a thread without avatars: the text blocks after its opening line
    ("Comments (3)"), short lines (names, dates, buttons) left out."""
    markers = boilerplate_rules()["comment_markers"]
    start = next((k for k, b in enumerate(tail) if len(b) <= 60 and any(rx.match(b) for rx in markers)), None)
    if start is None:
        return []
    # a comment's signature ("Posted by: Sean | Jan 10, 2008 4:49 PM") is short and unterminated
    return [Comment(author=None, text=b) for b in tail[start + 1:]
            if len(b) >= THREAD_COMMENT_MIN_CHARS and (is_terminated(b) or len(b) > SIGNATURE_MAX_CHARS)
            and not has_chrome([b])]


# a class or id word that names a comment section ("comments", "comment-list", "js_comments-x",
# "disqus_thread"); feature flags such as "f_comment_nofollow_on" on <body> are not one
_COMMENT_BLOCK = re.compile(
    r"(?:js|wp|dsq|user|reader)?[-_]?(?:comments?(?:[-_][\w-]*|list|text|body|area|thread|section|wrap\w*|block|box|container|content|entry|item|form)?|disqus\w*|respond|replies"
    r"|discussion\w*|коммент\w*)", re.IGNORECASE)
_NEVER_COMMENTS = {"html", "body", "main", "head"}


def _is_comment_block(el) -> bool:
    if not isinstance(el.tag, str) or el.tag in _NEVER_COMMENTS:
        return False
    words = f"{el.get('class') or ''} {el.get('id') or ''}".split()
    return any(_COMMENT_BLOCK.fullmatch(w) for w in words)


_LEAF_BLOCKS = ("p", "div", "li", "dd", "blockquote", "td")
COMMENT_MIN_CHARS = 30
# a "comment" section holding most of the page's text is the page itself, not its comments
COMMENT_MAX_SHARE = 0.5


def take_comment_blocks(tree) -> list[Comment]:
    """Remove the reader-comment sections of a page (marked by class or id) and return their
    texts as comments, one per innermost text block."""
    total = len(tree.text_content() or "")
    found: list[Comment] = []
    taken: set = set()
    for el in list(tree.iter()):
        if not _is_comment_block(el) or el.getparent() is None:
            continue
        if any(a in taken for a in el.iterancestors()):
            continue  # inside a section already taken
        if len(el.text_content() or "") > COMMENT_MAX_SHARE * total:
            continue
        taken.add(el)
        author = None
        for block in el.iter(*_LEAF_BLOCKS):
            if any(d.tag in _LEAF_BLOCKS for d in block.iterdescendants()):
                continue
            text = clean_line(block.text_content())
            if text and len(text) <= 60 and not is_terminated(text):  # "Posted by Lena on"
                m = _COMMENT_BYLINE.match(text)
                author = clean_line(m.group(1)) if m else text
            elif len(text) >= COMMENT_MIN_CHARS:
                found.append(Comment(author=author, text=text))
                author = None
        el.getparent().remove(el)
    return found


def drop_comment_blocks(tree) -> None:
    """Remove reader-comment sections (their timestamps are not the publication date)."""
    for el in list(tree.iter()):
        if _is_comment_block(el) and el.getparent() is not None:
            el.getparent().remove(el)


def _signature(text: str) -> re.Match | None:
    return next((m for rx in boilerplate_rules()["comment_signatures"] for m in [rx.search(text)] if m), None)


def split_comment_thread(paragraphs: list[Paragraph]) -> tuple[list[Paragraph], list[Comment]]:
    """(article, comments) of a page body that still holds its reader-comment thread: the
    paragraphs from a line opening one ("Comments are now closed", "Have your say") after
    1,000 characters of article text, or from the first to the last of two or more paragraphs
    signed by a commenter ("… Posted by Ann on May 2, 2008 5:15 PM"). Signatures and short
    author lines of the thread are no comment text."""
    texts = [p.text for p in paragraphs]
    start = comment_thread_start(texts, list(range(len(texts))))
    end = len(paragraphs)
    signed = [k for k, t in enumerate(texts) if _signature(t)]
    if len(signed) >= 2 and signed[0] < start and sum(map(len, texts[:signed[0]])) >= THREAD_MIN_ARTICLE_CHARS:
        start, end = signed[0], max(signed[-1] + 1, end if start < len(texts) else 0)
    if start >= len(paragraphs):
        return paragraphs, []
    comments: list[Comment] = []
    author = None
    for p in paragraphs[start:end]:
        m = _signature(p.text)
        text = clean_line(p.text[:m.start()] if m else p.text)
        if len(text) >= THREAD_COMMENT_MIN_CHARS:
            comments.append(Comment(author=clean_line(m["author"]) if m else author, text=text))
            author = None
        elif text and not is_terminated(text) and len(text) <= 60:
            author = text  # "Stephen B" above the comment it signs
    return paragraphs[:start] + paragraphs[end:], comments


_COMMENT_BYLINE = re.compile(
    r"^(?:posted|written|comment)?\s*(?:by\s+)?(.+?)(?:\s+(?:on|at|said|says|wrote)\b.*)?:?$", re.IGNORECASE)


def xml_comments(root) -> list[Comment]:
    """Reader comments from trafilatura's ``<comments>``; a short unterminated line before
    a comment ("Posted by Lena on") is taken as its author."""
    rules = boilerplate_rules()
    comments: list[Comment] = []
    author: str | None = None
    for c in root.iterfind("comments/*"):
        t = clean_line(" ".join(c.itertext()))
        if not t or any(rx.match(t) for rx in rules["tail"]):
            continue
        if len(t) <= 60 and not is_terminated(t):
            m = _COMMENT_BYLINE.match(t)
            author = clean_line(m.group(1)) if m else t
            continue
        comments.append(Comment(author=author, text=t))
        author = None
    return comments
