"""Plain text -> blocks -> paragraphs of a kind: the header line of a capture, hard-wrapped lines
joined back, and each block classified (paragraph, heading, list, table, footnote, quote with its
attribution, epigraph). Pure functions of the text; ids are given later."""

from __future__ import annotations

import re

from eurasec_archive.models import Paragraph
from eurasec_archive.text import clean_line, is_terminated, is_url, word_count

_HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*(.*)$", re.IGNORECASE)
_DOMAIN = re.compile(r"^((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,})(?=\s|$)", re.IGNORECASE)
# one srcset candidate: URL plus an optional width/density descriptor and comma
_SRCSET = re.compile(r"(?:https?://\S+?)(?:\s+\d+(?:\.\d+)?[wx])?\s*(?:,\s*|$)", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[•·▪‣◦●○■□➢►–—*-]|\d{1,2}[.)])\s+(?=\S)")
FOOTNOTE = re.compile(r"^\[(\d{1,3})\]\s+(\S.*)$")
_TABLE_ROW = re.compile(r"^\|.*\|$")
_NAME_LINE = re.compile(
    r"^(?:[A-ZА-ЯЁ][\w’'-]*\.?\s+){1,3}[A-ZА-ЯЁ][\w’'-]+$"
)
_QUOTE_OPENERS = ("…", "...", "\u201c", '"', "«", "\u201e", "'", "\u2018")

MAX_HEADING_WORDS = 14
MAX_HEADING_CHARS = 120
EPIGRAPH_MAX_CHARS = 300


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


def lines_to_blocks(lines: list[str]) -> list[str]:
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


def is_heading_like(block: str) -> bool:
    if len(block) > MAX_HEADING_CHARS or word_count(block) > MAX_HEADING_WORDS:
        return False
    if is_url(block) or _TABLE_ROW.match(block) or FOOTNOTE.match(block) or _BULLET.match(block):
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


_SIGNATURE = re.compile(r"^[—–―-]\s*(?P<line>(?P<name>[^,()]{3,60}?)(?:,\s*[^\n]{3,200})?)$")
# "“…” ― Name" / "“…” — Name, role.": a quotation signed on its own line's end
_SIGNED_QUOTE = re.compile(r"^(?P<quote>[“\"«].*[”\"»])\s*(?P<dash>[—–―])\s*"
                           r"(?P<line>(?P<name>[^,()“”\"«»]{3,60}?)(?:,\s*[^\n“”\"«»]{3,200}?)?)\.?$")


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

        fm = FOOTNOTE.match(block)
        if fm:
            out.append(Paragraph(id="", kind="footnote", text=block, note=fm.group(1)))
            i += 1
            continue

        signed = _SIGNED_QUOTE.match(block)
        if signed and _NAME_LINE.match(signed.group("name").strip()):
            # the signature keeps its bar as printed: a signed quotation, not reporting (speakers.py)
            sig = signed.group("dash") + " " + signed.group("line")
            out.append(Paragraph(id="", kind="quote", text=signed.group("quote"), attribution=sig))
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

        if is_heading_like(block) and out and out[-1].kind == "paragraph":
            # a run of short lines after a paragraph: a pull quote's attribution, an
            # epigraph's source, or a section heading
            run = [block]
            j = i + 1
            while j < len(blocks) and (is_heading_like(blocks[j]) or is_url(blocks[j])):
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

        if is_heading_like(block) and nxt is not None:
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
