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

import json
import re
from copy import deepcopy
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from eurasec_archive.captures import (
    THREAD_MIN_ARTICLE_CHARS,
    article_region,
    comment_markers,
    comment_thread_start,
    has_chrome,
)
from eurasec_archive.headlines import headline_index
from eurasec_archive.models import Comment, Paragraph
from eurasec_archive.page_titles import article_headline
from eurasec_archive.text import clean_line, is_terminated, is_url, word_count

_HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*(.*)$", re.IGNORECASE)
_DOMAIN = re.compile(r"^((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,})(?=\s|$)", re.IGNORECASE)
# one srcset candidate: URL plus an optional width/density descriptor and comma
_SRCSET = re.compile(r"(?:https?://\S+?)(?:\s+\d+(?:\.\d+)?[wx])?\s*(?:,\s*|$)", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[•·▪‣◦●○■□➢►–—*-]|\d{1,2}[.)])\s+(?=\S)")
_FOOTNOTE = re.compile(r"^\[(\d{1,3})\]\s+(\S.*)$")
_TABLE_ROW = re.compile(r"^\|.*\|$")
_NAME_LINE = re.compile(
    r"^(?:[A-ZА-ЯЁ][\w’'-]*\.?\s+){1,3}[A-ZА-ЯЁ][\w’'-]+$"
)
_QUOTE_OPENERS = ("…", "...", "\u201c", '"', "«", "\u201e", "'", "\u2018")

MAX_HEADING_WORDS = 14
MAX_HEADING_CHARS = 120
EPIGRAPH_MAX_CHARS = 300


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


@cache
def _boilerplate() -> dict:
    data = json.loads(resources.files("eurasec_archive.authority").joinpath(
        "boilerplate.json").read_text("utf-8"))
    return {
        "tail": [re.compile(p, re.IGNORECASE) for p in data["tail_markers"]],
        "widget": [re.compile(p, re.IGNORECASE) for p in data["widget_lines"]],
        "avatar": tuple(data["comment_author_prefixes"]),
    }


def number_paragraphs(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Give paragraphs their stable ids p1, p2, … in document order."""
    for n, p in enumerate(paragraphs, 1):
        p.id = f"p{n}"
    return paragraphs


# ---------------------------------------------------------------------------- plain text


def split_header(first_line: str) -> tuple[str | None, str | None, str]:
    """Parse `` date YYYY-MM-DD [outlet] [srcset URLs] [first sentence]``.

    :return: (date, outlet or None, the rest of the line that is body text, maybe "")
    """
    m = _HEADER.match(first_line)
    if not m:
        return None, None, first_line
    date, rest = m.group(1), m.group(2).strip()
    outlet = None
    dm = _DOMAIN.match(rest)
    if dm and not is_url(rest.split()[0]):
        outlet = dm.group(1)
        rest = rest[dm.end():].strip()
    # image srcset noise: URL lists right after the header
    while True:
        um = _SRCSET.match(rest)
        if not um or um.end() == 0:
            break
        rest = rest[um.end():].strip()
    return date, outlet, rest


def _lines_to_blocks(lines: list[str]) -> list[str]:
    """Non-empty lines become blocks; hard-wrapped lines of one paragraph are joined back."""
    blocks: list[str] = []
    prev_blank = True
    for raw in lines:
        line = clean_line(raw)
        if not line:
            prev_blank = True
            continue
        if (
            blocks
            and not prev_blank
            and line[0].islower()
            and not is_terminated(blocks[-1])
            and not _TABLE_ROW.match(blocks[-1])
            and not _BULLET.match(line)
        ):
            blocks[-1] = f"{blocks[-1]} {line}"
        else:
            blocks.append(line)
        prev_blank = False
    return blocks


def _cut_tail(blocks: list[str]) -> tuple[list[str], list[str]]:
    """Split blocks into (article, tail) at the first widget/comment-section marker.

    A marker only counts once some article text has been seen, so a document that merely
    mentions "comments" early on is not cut.
    """
    rules = _boilerplate()
    seen_chars = 0
    for i, block in enumerate(blocks):
        if seen_chars > 200 and len(block) <= 80 and (
                any(rx.match(block) for rx in rules["tail"]) or block.startswith(rules["avatar"])):
            return blocks[:i], blocks[i:]
        seen_chars += len(block)
    return blocks, []


def _is_page_tail(tail: list[str]) -> bool:
    """A tail cut from a text without chrome around its article is a page's tail only with
    evidence: reader comments signed by avatars, or lines of a widget's shape."""
    return has_chrome(tail) or any(b.startswith(_boilerplate()["avatar"]) for b in tail)


def parse_comments(tail: list[str]) -> list[Comment]:
    """Reader comments from a page tail: ``Avatar of X`` / ``X`` / text… runs."""
    rules = _boilerplate()
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
    markers = comment_markers()
    start = next((k for k, b in enumerate(tail) if len(b) <= 60 and any(rx.match(b) for rx in markers)), None)
    if start is None:
        return []
    # a comment's signature ("Posted by: Sean | Jan 10, 2008 4:49 PM") is short and unterminated
    return [Comment(author=None, text=b) for b in tail[start + 1:]
            if len(b) >= THREAD_COMMENT_MIN_CHARS and (is_terminated(b) or len(b) > SIGNATURE_MAX_CHARS)
            and not has_chrome([b])]


def _is_heading_like(block: str) -> bool:
    if len(block) > MAX_HEADING_CHARS or word_count(block) > MAX_HEADING_WORDS:
        return False
    if is_url(block) or _TABLE_ROW.match(block) or _FOOTNOTE.match(block) or _BULLET.match(block):
        return False
    if not (block[0].isupper() or block[0].isdigit()):
        return False
    if block.endswith("?"):
        return word_count(block) <= 8
    return not is_terminated(block)


def _is_attribution_run(run: list[str]) -> bool:
    """Short lines naming who said a pull quote: a name, a role, a source, a URL."""
    if len(run) < 2:
        return False
    return any(is_url(x) for x in run) or bool(_NAME_LINE.match(run[0]))


def _is_epigraph_source(block: str) -> bool:
    """An epigraph's source line: unterminated, capitalized, at most a long sentence."""
    return (len(block) <= 250 and block[0].isupper() and not is_terminated(block)
            and not is_url(block) and not _TABLE_ROW.match(block))


def _quote_start(out: list[Paragraph]) -> int:
    """Index in ``out`` where the pull quote ending at ``out[-1]`` begins."""
    for back in range(1, min(4, len(out)) + 1):
        p = out[-back]
        if p.kind != "paragraph":
            break
        if p.text.startswith(_QUOTE_OPENERS):
            return len(out) - back
    return len(out) - 1


# "Sergey Lavrov, Russian Foreign Minister:" on its own line, captioning the quote that follows
_CAPTION = re.compile(r"^(?:[A-ZА-ЯЁ][\w’'.-]*\s+){1,4}[A-ZА-ЯЁ][\w’'.-]+,\s*[^:]{3,120}:$")


_SIGNATURE = re.compile(r"^[—–-]\s*(?P<line>(?P<name>[^,()]{3,60}?)(?:,\s*[^\n]{3,200})?)$")


def mark_epigraphs(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Quotes that open a document, before its first paragraph, are its epigraphs."""
    for p in paragraphs:
        if p.kind != "quote":
            break
        p.kind = "epigraph"
    return paragraphs


def blocks_to_paragraphs(blocks: list[str]) -> list[Paragraph]:
    """Classify plain-text blocks into paragraph kinds (ids are assigned later)."""
    out: list[Paragraph] = []
    in_epigraphs = True  # leading quotes with their sources, before the body starts
    i = 0
    while i < len(blocks):
        block = blocks[i]
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None

        if _TABLE_ROW.match(block):
            rows = []
            while i < len(blocks) and _TABLE_ROW.match(blocks[i]):
                cells = [c.strip() for c in blocks[i].strip()[1:-1].split("|")]
                while cells and not cells[-1]:
                    cells.pop()
                if not all(set(c) <= set("-: ") for c in cells):  # markdown separator row
                    rows.append(cells)
                i += 1
            if not rows:  # separator rows only: nothing to show
                continue
            width = max(len(r) for r in rows)
            rows = [r + [""] * (width - len(r)) for r in rows]
            text = "\n".join(" | ".join(c for c in r if c) for r in rows)
            out.append(Paragraph(id="", kind="table", text=text, rows=rows))
            in_epigraphs = False
            continue

        fm = _FOOTNOTE.match(block)
        if fm:
            out.append(Paragraph(id="", kind="footnote", text=block, note=fm.group(1)))
            i += 1
            continue

        # "— Татьяна Скригонюк, заместитель начальника пресс-службы" signing the quote above it
        sign = _SIGNATURE.match(block)
        if (sign and out and out[-1].kind == "paragraph" and out[-1].text.startswith(_QUOTE_OPENERS)
                and _NAME_LINE.match(sign.group("name"))):
            out[-1] = Paragraph(id="", kind="quote", text=out[-1].text, attribution=sign.group("line"))
            i += 1
            continue

        if _BULLET.match(block):
            items = []
            while i < len(blocks) and _BULLET.match(blocks[i]):
                items.append(_BULLET.sub("", blocks[i], count=1).strip())
                i += 1
            out.append(Paragraph(id="", kind="list", text="\n".join(items), items=items))
            in_epigraphs = False
            continue

        # an epigraph opens the document: only quotes may come before it
        if (in_epigraphs and out and out[-1].kind == "paragraph"
                and all(p.kind == "quote" for p in out[:-1])
                and len(out[-1].text) <= EPIGRAPH_MAX_CHARS and _is_epigraph_source(block)):
            quoted = out.pop()
            out.append(Paragraph(id="", kind="quote", text=quoted.text, attribution=block))
            i += 1
            continue

        if _is_heading_like(block) and out and out[-1].kind == "paragraph":
            # a run of short lines after a paragraph: a pull quote's attribution, an
            # epigraph's source, or a section heading
            run = [block]
            j = i + 1
            while j < len(blocks) and (_is_heading_like(blocks[j]) or is_url(blocks[j])):
                run.append(blocks[j])
                j += 1
            if _is_attribution_run(run):
                start = _quote_start(out)
                quoted = out[start:]
                del out[start:]
                out.append(Paragraph(
                    id="", kind="quote", text="\n".join(p.text for p in quoted),
                    attribution=" — ".join(run)))
                i = j
                continue

        if _is_heading_like(block) and nxt is not None:
            out.append(Paragraph(id="", kind="heading", text=block))
            in_epigraphs = False
            i += 1
            continue

        if nxt is not None and _CAPTION.match(block) and nxt.startswith(_QUOTE_OPENERS):
            out.append(Paragraph(id="", kind="quote", text=nxt, attribution=block[:-1]))
            in_epigraphs = False
            i += 2
            continue

        if len(block) > EPIGRAPH_MAX_CHARS:
            in_epigraphs = False
        out.append(Paragraph(id="", kind="paragraph", text=block))
        i += 1
    return out


def _drop_widget_lines(blocks: list[str]) -> list[str]:
    rules = _boilerplate()
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
    blocks = _lines_to_blocks(lines)
    region = article_region(blocks)
    if region is None:
        blocks, tail = _cut_tail(blocks)
        if tail and not _is_page_tail(tail):
            blocks, tail = blocks + tail, []  # a clean text's own "Comments" section
        blocks = _drop_widget_lines(blocks)
        if not header_date and blocks and _is_title_line(blocks, lines):
            title = blocks.pop(0)
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


def _stamp_lines(blocks: list[str], region, head: int | None) -> list[str]:
    """The short lines around a capture's headline, those below it first, then those above,
    nearest first: where its timestamp, byline and dateline are."""
    ref = head if head is not None else region.start
    below = range(ref + 1, min(region.end, max(ref, region.start) + STAMP_AFTER) + 1)
    above = range(ref - (head is not None), max(-1, ref - STAMP_BEFORE - 1), -1)
    return [blocks[k] for k in (*below, *above) if len(blocks[k]) <= STAMP_MAX_CHARS]


def _capture_article(blocks: list[str], region, head: int | None
                     ) -> tuple[list[str], list[str], str | None]:
    """(article blocks, tail blocks, headline) of a capture whose article region is known.
    A tail marker inside the region ends the article there; blocks outside it are chrome."""
    span = list(range(region.start, region.end + 1))
    _, cut = _cut_tail([blocks[k] for k in span])
    end = span[len(span) - len(cut)] if cut else region.end + 1
    article = [blocks[k] for k in span if k < end and k != head]
    article = _drop_widget_lines(article)
    return article, blocks[end:], blocks[head] if head is not None else None


def _is_title_line(blocks: list[str], lines: list[str]) -> bool:
    """The first line is a title when it is short, unterminated, stands alone (a blank line
    after it) and the document goes on."""
    first = blocks[0]
    if len(blocks) < 2 or not _is_heading_like(first) or word_count(first) < 3:
        return False
    idx = next(k for k, ln in enumerate(lines) if ln.strip())
    return idx + 1 < len(lines) and not lines[idx + 1].strip()


# ---------------------------------------------------------------------------- HTML

_XML_KINDS = {"head": "heading", "quote": "quote", "list": "list", "table": "table", "p": "paragraph"}
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
# elements beyond this make trafilatura give up (a pathological page, not an article)
MAX_HTML_ELEMENTS = 300_000
_DATE_META = (  # publication date, most specific first; modification dates are not publication
    "citation_publication_date", "citation_date", "citation_online_date",
    "article:published_time", "og:article:published_time", "datepublished",
    "dc.date.issued", "dc.date", "dcterms.issued", "dcterms.created", "pubdate", "date",
)
_TITLE_META = ("citation_title", "og:title", "twitter:title", "dc.title")
_SITE_META = ("og:site_name", "citation_journal_title", "citation_publisher", "dc.publisher",
              "application-name")
_AUTHOR_META = ("citation_author", "author", "article:author", "dc.creator", "byl")


def html_parser():
    """The one lxml HTML parser used on imported pages: no network access, no huge trees,
    comments and processing instructions dropped (HTML parsing never expands entities)."""
    from lxml import html as lxml_html

    return lxml_html.HTMLParser(no_network=True, huge_tree=False, remove_comments=True,
                                remove_pis=True, recover=True, default_doctype=False)


def _xml_parser():
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                           load_dtd=False, dtd_validation=False)


_TITLE_OPEN = re.compile(r"<title\b[^>]*>", re.IGNORECASE)
# a <title> longer than this that holds markup was never closed: it swallowed the page
RUNAWAY_TITLE_CHARS = 1000


def parse_html(html: str):
    """Page text -> lxml tree (or None when nothing parses). Broken and truncated markup is
    recovered as far as it goes; a ``<title>`` never closed, which would swallow the whole
    page as its text, is closed where its markup starts."""
    from lxml import etree
    from lxml import html as lxml_html

    html = _XML_DECLARATION.sub("", html, count=1)
    if not html.strip():
        return None
    try:
        tree = lxml_html.document_fromstring(html, parser=html_parser())
        title = tree.find(".//title")
        if title is not None and len(title.text or "") > RUNAWAY_TITLE_CHARS and "<" in title.text:
            tree = lxml_html.document_fromstring(_close_title(html), parser=html_parser())
    except (etree.ParserError, ValueError):
        return None
    return tree


def _close_title(html: str) -> str:
    """``html`` with ``</title>`` put before the first ``<`` that follows its ``<title>``."""
    m = _TITLE_OPEN.search(html)
    end = html.find("<", m.end()) if m else -1
    return html if end < 0 else f"{html[:end]}</title>{html[end:]}"


def _keep_pull_quotes(tree) -> None:
    """Rewrite the usual pull-quote markup so the extractor keeps it with its attribution:
    ``<figure><blockquote/><figcaption/></figure>`` and ``<blockquote>…<footer/>`` become a
    plain ``<blockquote>…<cite/>`` (figures and footers are otherwise dropped as chrome)."""
    for bq in list(tree.iter("blockquote")):
        for child in bq:
            if child.tag in ("footer", "figcaption"):
                child.tag = "cite"
        parent = bq.getparent()
        if parent is not None and parent.tag == "figure":
            for sib in list(parent):
                if sib.tag == "figcaption":
                    sib.tag = "cite"
                    bq.append(sib)
            parent.tag = "div"
            parent.attrib.clear()


_LAYOUT_BLOCKS = {"div", "h1", "h2", "h3", "h4", "h5", "h6", "table", "form", "blockquote",
                  "article", "section", "nav", "header", "footer"}


def _unwrap_layout_tables(tree) -> None:
    """Old sites lay pages out with tables; a table whose cells hold headings, divs or
    nested tables is page layout, not data, so it becomes plain divs for the extractor."""
    for table in reversed(list(tree.iter("table"))):
        cells = [c for c in table.iter("td", "th")]
        if not any(d.tag in _LAYOUT_BLOCKS or (d.tag == "p" and len(c.findall(".//p")) > 1)
                   for c in cells for d in c.iterdescendants()):
            continue
        for el in [table, *table.iter("tbody", "thead", "tfoot", "tr", "td", "th")]:
            el.tag = "div"
            for attr in ("width", "class", "id", "role"):
                el.attrib.pop(attr, None)


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


def _drop_comment_blocks(tree) -> None:
    """Remove reader-comment sections (their timestamps are not the publication date)."""
    for el in list(tree.iter()):
        if _is_comment_block(el) and el.getparent() is not None:
            el.getparent().remove(el)


def _trafilatura_config():
    from trafilatura.settings import use_config

    config = use_config()
    # a date found in the running text is an event date, never the publication date
    config.set("DEFAULT", "EXTENSIVE_DATE_SEARCH", "off")
    config.set("DEFAULT", "MAX_TREE_SIZE", str(MAX_HTML_ELEMENTS))
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


def _meta_values(tree, names: tuple[str, ...]) -> list[str]:
    """Values of ``<meta name|property|itemprop=…>`` for the first of ``names`` present."""
    found: dict[str, list[str]] = {}
    for el in tree.iter("meta"):
        key = (el.get("name") or el.get("property") or el.get("itemprop") or "").strip().lower()
        value = clean_line(el.get("content") or "")
        if key and value:
            found.setdefault(key, []).append(value)
    for name in names:
        if name in found:
            return found[name]
    return []


def _jsonld_objects(tree) -> list[dict]:
    objects: list[dict] = []

    def walk(node):
        if isinstance(node, list):
            for n in node:
                walk(n)
        elif isinstance(node, dict):
            objects.append(node)
            walk(node.get("@graph", []))

    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            walk(json.loads(script.text or ""))
        except ValueError:
            continue  # broken JSON-LD is common; the other metadata still counts
    return objects


_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting",
                  "analysisnewsarticle", "scholarlyarticle", "webpage", "report", "speech"}


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value] if value else []


def _names(value) -> list[str]:
    if isinstance(value, str):
        return [clean_line(value)] if value.strip() else []
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    return []


def page_metadata(tree, url: str | None = None) -> dict:
    """Title, publication date, author, site name and URL from a page's own metadata:
    ``<meta name="citation_*">``, OpenGraph, JSON-LD, ``<title>``, ``<time pubdate>``,
    canonical link. Keys present only when found; the body text is never consulted.

    :return: dict with some of title, date, jsonld_date, author, sitename, hostname, url
    """
    meta: dict[str, str] = {}
    articles = [o for o in _jsonld_objects(tree)
                if str(o.get("@type", "")).lower() in _ARTICLE_TYPES
                or (isinstance(o.get("@type"), list)
                    and any(str(t).lower() in _ARTICLE_TYPES for t in o["@type"]))]
    for obj in articles:
        if obj.get("datePublished") and "jsonld_date" not in meta:
            meta["jsonld_date"] = str(obj["datePublished"]).strip()
        if "title" not in meta and isinstance(obj.get("headline"), str) and obj["headline"].strip():
            meta["title"] = clean_line(obj["headline"])
        people = _names([a for a in _as_list(obj.get("author"))
                         if not (isinstance(a, dict) and a.get("@type") == "Organization")])
        if "author" not in meta and people:
            meta["author"] = "; ".join(dict.fromkeys(people))
        if "sitename" not in meta and _names(obj.get("publisher")):
            meta["sitename"] = _names(obj.get("publisher"))[0]

    values = _meta_values(tree, _TITLE_META)
    if values:
        meta["title"] = values[0]  # a page's own title tag beats JSON-LD's headline
    elif "title" not in meta:
        title_el = tree.find(".//title")
        if title_el is not None and clean_line(title_el.text_content()):
            meta["title"] = clean_line(title_el.text_content())
    values = _meta_values(tree, _DATE_META)
    if values:
        meta["date"] = values[0]
    else:
        stamp = next((t.get("datetime") for t in tree.iter("time")
                      if t.get("pubdate") is not None and t.get("datetime")), None)
        if stamp:
            meta["date"] = stamp.strip()
    values = _meta_values(tree, _AUTHOR_META)
    if values:
        meta["author"] = "; ".join(dict.fromkeys(values))
    values = _meta_values(tree, _SITE_META)
    if values:
        meta["sitename"] = values[0]
    canonical = next((ln.get("href") for ln in tree.iter("link")
                      if (ln.get("rel") or "").lower() == "canonical" and ln.get("href")), None)
    page_url = canonical or next(iter(_meta_values(tree, ("og:url",))), None) or url
    if page_url and page_url.startswith(("http://", "https://")):
        meta["url"] = page_url.strip()
    return meta


_DATE_FORMS = (
    re.compile(r"^\s*(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)"),
    re.compile(r"^\s*(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>\d{4})(?!\d)"),
    re.compile(r"^\s*(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?!\d)"),
)


def iso_date(value: str) -> str | None:
    """A metadata date in any common machine form (2025-06-09T10:00+03:00, 2025/06/09,
    09.06.2025, 20250609) -> "YYYY-MM-DD"; None when it is none of these."""
    for rx in _DATE_FORMS:
        m = rx.match(value)
        if m:
            y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
            if 1 <= mo <= 12 and 1 <= d <= 31:
                return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def page_date(tree, url: str | None) -> str | None:
    """The publication date htmldate finds in the markup (``original_date=True``; no search of
    the running text, whose dates are events), reader comments removed first so that their
    timestamps never count."""
    from htmldate import find_date

    tree = deepcopy(tree)
    _drop_comment_blocks(tree)
    try:
        return find_date(tree, extensive_search=False, original_date=True, url=url)
    except (ValueError, TypeError):
        return None


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
        return Draft(paragraphs=number_paragraphs(_fallback_paragraphs(html, url)))
    own = page_metadata(tree, url)
    body = deepcopy(tree)
    _keep_pull_quotes(body)
    _unwrap_layout_tables(body)
    section_comments = take_comment_blocks(body)
    xml = trafilatura.extract(
        body, url=url or own.get("url"), output_format="xml", include_tables=True,
        include_comments=True, include_formatting=False, include_links=False,
        include_images=False, with_metadata=True, favor_recall=True, deduplicate=False,
        config=_trafilatura_config(),
    )
    meta: dict[str, str] = {}
    paragraphs: list[Paragraph] = []
    comments: list[Comment] = []
    if xml:
        root = etree.fromstring(xml.encode("utf-8"), _xml_parser())
        meta = {k: v for k, v in root.attrib.items()
                if v and k in {"title", "author", "sitename", "hostname", "url"}}
        main = root.find("main")
        if main is not None:
            paragraphs = _xml_blocks(main)
        comments = _xml_comments(root)
    if not paragraphs:
        paragraphs = _fallback_paragraphs(html, url)
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
    paragraphs = [p for p in paragraphs if not _is_page_chrome(p)]
    paragraphs, thread = split_comment_thread(paragraphs)
    comments += [c for c in thread if c.text not in {c.text for c in comments}]
    title = article_headline(tree, meta, next(iter(_meta_values(tree, _TITLE_META)), None), paragraphs,
                             own.get("sitename"))
    if title:
        meta["headline"] = title
    if paragraphs and title and paragraphs[0].kind == "heading" and _same_title(paragraphs[0].text, title):
        paragraphs.pop(0)
    return Draft(
        paragraphs=number_paragraphs(mark_epigraphs(paragraphs)), title=title, comments=comments, meta=meta)


def _fallback_paragraphs(html: str, url: str | None) -> list[Paragraph]:
    """The article trafilatura finds with its defaults in the page as given, for a page where the
    tuned extraction (on the repaired, comment-free tree) found none: a standard extractor's
    answer beats an import that fails."""
    import trafilatura
    from lxml import etree

    xml = trafilatura.extract(html, url=url, output_format="xml", include_tables=True,
                              include_comments=False, config=_trafilatura_config())
    main = etree.fromstring(xml.encode("utf-8"), _xml_parser()).find("main") if xml else None
    return _xml_blocks(main) if main is not None else []


@cache
def _comment_signatures() -> list[re.Pattern]:
    return [re.compile(p, re.IGNORECASE) for p in json.loads(resources.files(
        "eurasec_archive.authority").joinpath("boilerplate.json").read_text("utf-8"))["comment_signatures"]]


def _signature(text: str) -> re.Match | None:
    return next((m for rx in _comment_signatures() for m in [rx.search(text)] if m), None)


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


def _xml_comments(root) -> list[Comment]:
    """Reader comments from trafilatura's ``<comments>``; a short unterminated line before
    a comment ("Posted by Lena on") is taken as its author."""
    rules = _boilerplate()
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


def _is_page_chrome(p: Paragraph) -> bool:
    """A short copyright/share/tags line that survived extraction."""
    return (p.kind == "paragraph" and len(p.text) <= 120
            and any(rx.match(p.text) for rx in _boilerplate()["tail"]))


def _same_title(heading: str, title: str) -> bool:
    heading, title = heading.casefold().strip(), title.casefold().strip()
    return heading == title or (len(heading) > 10 and title.startswith(heading))


def _xml_blocks(main) -> list[Paragraph]:
    out: list[Paragraph] = []
    for el in main:
        kind = _XML_KINDS.get(el.tag)
        if (kind is None or kind == "table") and el.find("row") is None and any(
                c.tag in _XML_KINDS or c.tag == "div" for c in el):
            out.extend(_xml_blocks(el))  # a layout table or a div of blocks: its blocks
            continue
        if kind is None:
            text = clean_line(" ".join(el.itertext()))
            if text:
                out.append(Paragraph(id="", kind="paragraph", text=text))
            continue
        if kind == "list":
            items = [clean_line(" ".join(i.itertext())) for i in el.iterfind("item")]
            items = [i for i in items if i]
            if items and all(_FOOTNOTE.match(i) for i in items):
                out.extend(Paragraph(id="", kind="footnote", text=i, note=_FOOTNOTE.match(i).group(1))
                           for i in items)
            elif items:
                out.append(Paragraph(id="", kind="list", text="\n".join(items), items=items))
        elif kind == "table":
            rows = [[clean_line(" ".join(c.itertext())) for c in r.iterfind("cell")]
                    for r in el.iterfind("row")]
            rows = [r for r in rows if any(r)]
            if rows:
                width = max(len(r) for r in rows)
                rows = [r + [""] * (width - len(r)) for r in rows]
                text = "\n".join(" | ".join(c for c in r if c) for r in rows)
                out.append(Paragraph(id="", kind="table", text=text, rows=rows))
        elif kind == "quote":
            out.extend(_xml_quote(el))
        else:
            text = clean_line(" ".join(el.itertext()))
            if not text:
                continue
            fm = _FOOTNOTE.match(text)
            if fm and kind == "paragraph":
                out.append(Paragraph(id="", kind="footnote", text=text, note=fm.group(1)))
            else:
                out.append(Paragraph(id="", kind=kind, text=text))
    return out


def _xml_quote(el) -> list[Paragraph]:
    """A block quote: its paragraphs are the quote, loose text after them (a ``<cite>``,
    a signature line) is the attribution."""
    inner = [clean_line(" ".join(p.itertext())) for p in el if p.tag in ("p", "list", "quote")]
    inner = [t for t in inner if t]
    loose = [el.text or ""] + [child.tail or "" for child in el]
    loose += [" ".join(c.itertext()) for c in el if c.tag not in ("p", "list", "quote")]
    attribution = clean_line(" ".join(loose)).lstrip("—–- ").strip() or None
    if not inner:
        if not attribution:
            return []
        inner, attribution = [attribution], None
    return [Paragraph(id="", kind="quote", text="\n".join(inner), attribution=attribution)]
