"""trafilatura's XML of an article -> paragraphs of a kind (headings, quotes with attribution,
lists, tables, footnotes), the extractor's settings, and the fallback for a page the tuned
extraction finds nothing in."""

from __future__ import annotations

from eurasec_archive.boilerplate import boilerplate_rules
from eurasec_archive.html_tree import xml_parser
from eurasec_archive.models import Paragraph
from eurasec_archive.text import clean_line
from eurasec_archive.text_blocks import FOOTNOTE

_XML_KINDS = {"head": "heading", "quote": "quote", "list": "list", "table": "table", "p": "paragraph"}

# elements beyond this make trafilatura give up (a pathological page, not an article)
MAX_HTML_ELEMENTS = 300_000


def trafilatura_config():
    from trafilatura.settings import use_config

    config = use_config()
    # a date found in the running text is an event date, never the publication date
    config.set("DEFAULT", "EXTENSIVE_DATE_SEARCH", "off")
    config.set("DEFAULT", "MAX_TREE_SIZE", str(MAX_HTML_ELEMENTS))
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


def fallback_paragraphs(html: str, url: str | None) -> list[Paragraph]:
    """The article trafilatura finds with its defaults in the page as given, for a page where the
    tuned extraction (on the repaired, comment-free tree) found none: a standard extractor's
    answer beats an import that fails."""
    import trafilatura
    from lxml import etree

    xml = trafilatura.extract(html, url=url, output_format="xml", include_tables=True,
                              include_comments=False, config=trafilatura_config())
    main = etree.fromstring(xml.encode("utf-8"), xml_parser()).find("main") if xml else None
    return xml_blocks(main) if main is not None else []


def is_page_chrome(p: Paragraph) -> bool:
    """A short copyright/share/tags line that survived extraction."""
    return (p.kind == "paragraph" and len(p.text) <= 120
            and any(rx.match(p.text) for rx in boilerplate_rules()["tail"]))


def same_title(heading: str, title: str) -> bool:
    heading, title = heading.casefold().strip(), title.casefold().strip()
    return heading == title or (len(heading) > 10 and title.startswith(heading))


def xml_blocks(main) -> list[Paragraph]:
    out: list[Paragraph] = []
    for el in main:
        kind = _XML_KINDS.get(el.tag)
        if (kind is None or kind == "table") and el.find("row") is None and any(
                c.tag in _XML_KINDS or c.tag == "div" for c in el):
            out.extend(xml_blocks(el))  # a layout table or a div of blocks: its blocks
            continue
        if kind is None:
            text = clean_line(" ".join(el.itertext()))
            if text:
                out.append(Paragraph(id="", kind="paragraph", text=text))
            continue
        if kind == "list":
            items = [clean_line(" ".join(i.itertext())) for i in el.iterfind("item")]
            items = [i for i in items if i]
            if items and all(FOOTNOTE.match(i) for i in items):
                out.extend(Paragraph(id="", kind="footnote", text=i, note=FOOTNOTE.match(i).group(1))
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
            fm = FOOTNOTE.match(text)
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
    attribution = clean_line(" ".join(loose)).lstrip("—–―- ").strip() or None
    if not inner:
        if not attribution:
            return []
        inner, attribution = [attribution], None
    return [Paragraph(id="", kind="quote", text="\n".join(inner), attribution=attribution)]
