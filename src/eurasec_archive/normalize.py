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
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from eurasec_archive.models import Comment, Paragraph
from eurasec_archive.text import clean_line, is_terminated, is_url, word_count

_HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*(.*)$", re.I)
_DOMAIN = re.compile(r"^((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,})(?=\s|$)", re.I)
# one srcset candidate: URL plus an optional width/density descriptor and comma
_SRCSET = re.compile(r"(?:https?://\S+?)(?:\s+\d+(?:\.\d+)?[wx])?\s*(?:,\s*|$)", re.I)
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


@cache
def _boilerplate() -> dict:
    data = json.loads(resources.files("eurasec_archive.authority").joinpath(
        "boilerplate.json").read_text("utf-8"))
    return {
        "tail": [re.compile(p, re.I) for p in data["tail_markers"]],
        "widget": [re.compile(p, re.I) for p in data["widget_lines"]],
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
        if seen_chars > 200 and len(block) <= 80:
            if any(rx.match(block) for rx in rules["tail"]) or block.startswith(rules["avatar"]):
                return blocks[:i], blocks[i:]
        seen_chars += len(block)
    return blocks, []


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
    return comments


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

        if _BULLET.match(block):
            items = []
            while i < len(blocks) and _BULLET.match(blocks[i]):
                items.append(_BULLET.sub("", blocks[i], count=1).strip())
                i += 1
            out.append(Paragraph(id="", kind="list", text="\n".join(items), items=items))
            in_epigraphs = False
            continue

        if (in_epigraphs and out and out[-1].kind == "paragraph"
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
    if first is not None:
        header_date, header_outlet, rest = split_header(lines[first])
        if header_date:
            lines[first] = rest
    blocks = _lines_to_blocks(lines)
    blocks, tail = _cut_tail(blocks)
    blocks = _drop_widget_lines(blocks)

    if not header_date and blocks and _is_title_line(blocks, lines):
        title = blocks.pop(0)

    paragraphs = blocks_to_paragraphs(blocks)
    return Draft(
        paragraphs=number_paragraphs(paragraphs),
        title=title,
        header_date=header_date,
        header_outlet=header_outlet,
        comments=parse_comments(tail),
    )


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


def normalize_html(html: str, url: str | None = None) -> Draft:
    """Saved web page -> Draft, via trafilatura (article body) with structure kept."""
    import trafilatura
    from lxml import etree

    xml = trafilatura.extract(
        html, url=url, output_format="xml", include_tables=True, include_comments=True,
        include_formatting=False, include_links=False, include_images=False,
        with_metadata=True, favor_recall=True, deduplicate=False,
    )
    meta = {}
    paragraphs: list[Paragraph] = []
    comments: list[Comment] = []
    if xml:
        root = etree.fromstring(
            xml.encode("utf-8"),
            etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False),
        )
        meta = {k: v for k, v in root.attrib.items() if v}
        main = root.find("main")
        if main is not None:
            paragraphs = _xml_blocks(main)
        for c in root.iterfind("comments/*"):
            t = clean_line(" ".join(c.itertext()))
            if t:
                comments.append(Comment(author=None, text=t))
    title = meta.get("title")
    if paragraphs and title and paragraphs[0].kind == "heading" and paragraphs[0].text == title:
        paragraphs.pop(0)
    return Draft(
        paragraphs=number_paragraphs(paragraphs), title=title, comments=comments, meta=meta)


def _xml_blocks(main) -> list[Paragraph]:
    out: list[Paragraph] = []
    for el in main:
        kind = _XML_KINDS.get(el.tag)
        if kind is None:
            text = clean_line(" ".join(el.itertext()))
            if text:
                out.append(Paragraph(id="", kind="paragraph", text=text))
            continue
        if kind == "list":
            items = [clean_line(" ".join(i.itertext())) for i in el.iterfind("item")]
            items = [i for i in items if i]
            if items:
                out.append(Paragraph(id="", kind="list", text="\n".join(items), items=items))
        elif kind == "table":
            rows = [[clean_line(" ".join(c.itertext())) for c in r.iterfind("cell")]
                    for r in el.iterfind("row")]
            rows = [r for r in rows if any(r)]
            if rows:
                text = "\n".join(" | ".join(c for c in r if c) for r in rows)
                out.append(Paragraph(id="", kind="table", text=text, rows=rows))
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
