"""HTML text -> an lxml tree, safely (no network, no entities, no huge trees) and repaired where
pages are commonly broken (a ``<title>`` never closed), and the tree rewrites that help the
article extractor (pull quotes with their attribution, layout tables as divs)."""

from __future__ import annotations

import re

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


def html_parser():
    """The one lxml HTML parser used on imported pages: no network access, no huge trees,
    comments and processing instructions dropped (HTML parsing never expands entities)."""
    from lxml import html as lxml_html

    return lxml_html.HTMLParser(no_network=True, huge_tree=False, remove_comments=True,
                                remove_pis=True, recover=True, default_doctype=False)


def xml_parser():
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


def keep_pull_quotes(tree) -> None:
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


def unwrap_layout_tables(tree) -> None:
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
