"""Text and HTML -> an ordered list of paragraphs (kind, text), boilerplate removed.

Two entry points:

* ``normalize_text(text)`` for plain-text captures. These may start with a header line
  `` date YYYY-MM-DD <outlet> <anything>``, may carry image ``srcset`` URLs on that line, may
  start with a title line, use blank-line or single-newline paragraphs, and may end with
  widgets and reader comments.
* ``normalize_html(html)`` for saved web pages: trafilatura finds the article body (keeping
  headings, quotes, lists and tables) and the page metadata.

Both return a ``Draft``: paragraphs without ids, plus what the layout itself says about the
document (header date/outlet, title line, comments). Metadata *extraction* is not done here.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass, field

from eurasec_archive.boilerplate import boilerplate_rules
from eurasec_archive.captures import article_region
from eurasec_archive.comments import (
    cut_tail,
    is_page_tail,
    parse_comments,
    split_comment_thread,
    take_comment_blocks,
    xml_comments,
)
from eurasec_archive.headlines import headline_index, headline_text, is_reader_prompt, opening_headline
from eurasec_archive.html_body import fallback_paragraphs, is_page_chrome, same_title, trafilatura_config, xml_blocks
from eurasec_archive.html_metadata import TITLE_META, iso_date, meta_values, page_date, page_metadata
from eurasec_archive.html_tree import keep_pull_quotes, parse_html, unwrap_layout_tables, xml_parser
from eurasec_archive.models import Comment, Paragraph
from eurasec_archive.page_titles import article_headline
from eurasec_archive.text import is_terminated, word_count
from eurasec_archive.text_blocks import (
    blocks_to_paragraphs,
    is_heading_like,
    lines_to_blocks,
    mark_epigraphs,
    split_header,
)

# the modules the work is split into; these names stay importable from here (public interface)
__all__ = ["Draft", "blocks_to_paragraphs", "iso_date", "mark_epigraphs", "normalize_html", "normalize_text",
           "number_paragraphs", "page_metadata", "parse_comments", "parse_html", "split_header"]


@dataclass
class Draft:
    """A normalized document before metadata extraction."""

    paragraphs: list[Paragraph]
    title: str | None = None  # a title printed as such (first line, <title>, og:title)
    header_date: str | None = None
    header_outlet: str | None = None
    comments: list[Comment] = field(default_factory=list)
    meta: dict = field(default_factory=dict)  # page metadata: date, author, sitename, url…
    # a capture's short lines around its headline, nearest first (timestamps, bylines, datelines)
    stamp_lines: list[str] = field(default_factory=list)


def number_paragraphs(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Give paragraphs their stable ids p1, p2, … in document order."""
    for n, p in enumerate(paragraphs, 1):
        p.id = f"p{n}"
    return paragraphs


# ---------------------------------------------------------------------------- plain text


def _drop_widget_lines(blocks: list[str]) -> list[str]:
    rules = boilerplate_rules()
    return [b for b in blocks if not any(rx.match(b) for rx in rules["widget"])]


def normalize_text(text: str) -> Draft:
    """Plain-text capture -> Draft. Never raises on odd layout; an empty body is allowed
    here and rejected by the importer."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = next((k for k, ln in enumerate(lines) if ln.strip()), None)
    header_date = header_outlet = title = None
    stamps: list[str] = []
    if first is not None:
        header_date, header_outlet, rest = split_header(lines[first])
        if header_date:
            lines[first] = rest
    blocks = lines_to_blocks(lines)
    region = article_region(blocks)
    if region is None:
        blocks, tail = cut_tail(blocks)
        if tail and not is_page_tail(tail):
            blocks, tail = blocks + tail, []  # a clean text's own "Comments" section
        blocks = _drop_widget_lines(blocks)
        if not header_date and blocks and _is_title_line(blocks, lines):
            title = blocks.pop(0)
        elif not header_date and blocks and (k := opening_headline(blocks)) is not None:
            title = headline_text(blocks.pop(k))
    else:
        head = headline_index(blocks, region) if not header_date else None
        stamps = _stamp_lines(blocks, region, head)
        blocks, tail, title = _capture_article(blocks, region, head)

    paragraphs = mark_epigraphs(blocks_to_paragraphs(blocks))
    return Draft(
        paragraphs=number_paragraphs(paragraphs),
        title=title,
        header_date=header_date,
        header_outlet=header_outlet,
        comments=parse_comments(tail),
        stamp_lines=stamps,
    )


STAMP_BEFORE = 4  # lines above a capture's headline where its timestamp may stand
STAMP_AFTER = 3  # lines of the article's start (bylines, datelines)
STAMP_MAX_CHARS = 160
PROMPT_BOX = 12  # lines above a capture's headline where a paywall box may stand
PROMPT_MIN_WORDS = 8  # a paywall box's message is a sentence, not a button


def _stamp_lines(blocks: list[str], region, head: int | None) -> list[str]:
    """The short lines around a capture's headline, those below it first, then those above,
    nearest first: where its timestamp, byline and dateline are."""
    ref = head if head is not None else region.start
    below = range(ref + 1, min(region.end, max(ref, region.start) + STAMP_AFTER) + 1)
    above = range(ref - (head is not None), max(-1, ref - STAMP_BEFORE - 1), -1)
    # a paywall box between the article header and its headline: the header's timestamp
    # stands above the box's first prompt, the last place looked
    box = [k for k in range(max(0, ref - PROMPT_BOX), ref) if head is not None and is_reader_prompt(blocks[k])
           and is_terminated(blocks[k]) and word_count(blocks[k]) >= PROMPT_MIN_WORDS]
    header = range(box[0] - 1, max(-1, box[0] - STAMP_BEFORE - 1), -1) if box else range(0)
    return [blocks[k] for k in (*below, *above, *header) if len(blocks[k]) <= STAMP_MAX_CHARS]


def _capture_article(blocks: list[str], region, head: int | None
                     ) -> tuple[list[str], list[str], str | None]:
    """(article blocks, tail blocks, headline) of a capture whose article region is known.
    A tail marker inside the region ends the article there; blocks outside it are chrome."""
    span = list(range(region.start, region.end + 1))
    _, cut = cut_tail([blocks[k] for k in span])
    end = span[len(span) - len(cut)] if cut else region.end + 1
    article = [blocks[k] for k in span if k < end and k != head]
    article = _drop_widget_lines(article)
    return article, blocks[end:], headline_text(blocks[head]) if head is not None else None


def _is_title_line(blocks: list[str], lines: list[str]) -> bool:
    """The first line is a title when it is short, unterminated, stands alone (a blank line
    after it) and the document goes on."""
    first = blocks[0]
    if len(blocks) < 2 or not is_heading_like(first) or word_count(first) < 3:
        return False
    idx = next(k for k, ln in enumerate(lines) if ln.strip())
    return idx + 1 < len(lines) and not lines[idx + 1].strip()


# ---------------------------------------------------------------------------- HTML


def normalize_html(html: str, url: str | None = None) -> Draft:
    """Saved web page -> Draft, via trafilatura (article body) with structure kept.

    ``Draft.meta`` carries what the page says about itself: title, date (metadata or
    htmldate without text search), jsonld_date (JSON-LD datePublished), author, sitename,
    hostname, url. Navigation, share bars, cookie notices, related links are dropped;
    reader comments go to ``Draft.comments``.
    """
    import trafilatura
    from lxml import etree

    tree = parse_html(html)
    if tree is None:
        return Draft(paragraphs=number_paragraphs(fallback_paragraphs(html, url)))
    own = page_metadata(tree, url)
    body = deepcopy(tree)
    keep_pull_quotes(body)
    unwrap_layout_tables(body)
    section_comments = take_comment_blocks(body)
    xml = trafilatura.extract(
        body, url=url or own.get("url"), output_format="xml", include_tables=True,
        include_comments=True, include_formatting=False, include_links=False,
        include_images=False, with_metadata=True, favor_recall=True, deduplicate=False,
        config=trafilatura_config(),
    )
    meta: dict[str, str] = {}
    paragraphs: list[Paragraph] = []
    comments: list[Comment] = []
    if xml:
        root = etree.fromstring(xml.encode("utf-8"), xml_parser())
        meta = {k: v for k, v in root.attrib.items()
                if v and k in {"title", "author", "sitename", "hostname", "url"}}
        main = root.find("main")
        if main is not None:
            paragraphs = xml_blocks(main)
        comments = xml_comments(root)
    if not paragraphs:
        paragraphs = fallback_paragraphs(html, url)
    seen = {c.text for c in comments}
    comments += [c for c in section_comments if c.text not in seen]
    meta.update(own)
    found = page_date(tree, meta.get("url"))
    if found:
        meta["htmldate"] = found
    if meta.get("url") and "hostname" not in meta:
        from urllib.parse import urlsplit

        meta["hostname"] = urlsplit(meta["url"]).hostname or ""
    for key in ("date", "jsonld_date", "htmldate"):
        if key in meta:
            meta[key] = iso_date(meta[key]) or meta[key]
    meta = {k: v for k, v in meta.items() if v}
    paragraphs = [p for p in paragraphs if not is_page_chrome(p)]
    paragraphs, thread = split_comment_thread(paragraphs)
    comments += [c for c in thread if c.text not in {c.text for c in comments}]
    title = article_headline(tree, meta, next(iter(meta_values(tree, TITLE_META)), None), paragraphs,
                             own.get("sitename"))
    if title:
        meta["headline"] = title
    if paragraphs and title and paragraphs[0].kind == "heading" and same_title(paragraphs[0].text, title):
        paragraphs.pop(0)
    return Draft(
        paragraphs=number_paragraphs(mark_epigraphs(paragraphs)), title=title, comments=comments, meta=meta)


