"""The article's headline on an HTML page, told apart from the site chrome around it in ``<title>``.

``<title>`` usually wraps the headline in site names and sections ("Headline - Football - Sport",
"Site :: Headline", "Headline_English_Xinhua"). The headline is the part the page itself prints
as text (a heading, a bold line), else the title part that is not the site's name or domain and
carries the most words. A page heading that is contained in the title is the headline as printed.
"""

from __future__ import annotations

import re

from eurasec_archive.text import clean_line

_SEPARATORS = re.compile(r"\s+[|–—•·»>:/\\-]{1,3}\s+|\s*(?:::|\|\||»|›)\s*|_(?=[A-Z])|(?<=[a-z)])\s*\|\s*")
_TOKEN = re.compile(r"\w+")
MIN_WORDS = 2
MAX_HEADING_WORDS = 40
_TEXT_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "b", "strong", "font", "span", "div", "td", "p", "a",
              "em", "big")


def _norm(text: str) -> str:
    return " ".join(_TOKEN.findall(text.casefold()))


def title_parts(title: str) -> list[str]:
    """``<title>`` split at its separators, empty parts dropped."""
    return [p for p in (clean_line(x) for x in _SEPARATORS.split(title)) if p]


def title_spans(title: str) -> list[str]:
    """Every run of consecutive parts of ``<title>`` with the separators inside it kept
    ("Reports: Taiwan opposition surges" is one run of "World News Reports: Taiwan…")."""
    cuts = [(0, 0), *((m.start(), m.end()) for m in _SEPARATORS.finditer(title)), (len(title), len(title))]
    spans = []
    for i in range(len(cuts) - 1):
        for j in range(i + 1, len(cuts)):
            text = clean_line(title[cuts[i][1]:cuts[j][0]])
            if text:
                spans.append(text)
    return spans


def _is_site_part(part: str, site_words: set[str]) -> bool:
    words = set(_norm(part).split())
    return bool(words) and words <= site_words


def _site_words(sitename: str | None, hostname: str | None) -> set[str]:
    words = set(_norm(sitename or "").split())
    host = (hostname or "").casefold().removeprefix("www.")
    words |= set(re.split(r"[.\-]", host)) - {""}
    words |= {"com", "www", "online", "news", "the", "home", "homepage"}
    return words


def _page_texts(tree) -> list[str]:
    """Short texts the page prints on their own (headings first, then other elements)."""
    found: list[str] = []
    for el in tree.iter(*_TEXT_TAGS):
        text = clean_line(el.text_content())
        if text and len(text.split()) <= MAX_HEADING_WORDS:
            found.append(text)
    return found


def page_headline(tree, title: str | None, og_title: str | None = None,
                  sitename: str | None = None, hostname: str | None = None) -> str | None:
    """The article headline, or None when the page gives no title at all.

    :param title: the ``<title>`` text; ``og_title`` the OpenGraph/citation title if any
    """
    if og_title:  # the publisher's own statement of the headline
        return og_title
    sources = [t for t in (title,) if t]
    if not sources:
        return None
    site = _site_words(sitename, hostname)
    whole = {_norm(t) for t in sources}
    parts = list(dict.fromkeys(p for t in sources for p in title_spans(t)))
    norm_parts = {_norm(p): p for p in parts}
    headings = [clean_line(h.text_content()) for h in tree.iter("h1", "h2", "h3")]
    # a heading printed on the page that is the whole title or one of its parts
    for text in headings:
        n = _norm(text)
        if len(n.split()) >= MIN_WORDS and (n in whole or n in norm_parts) and not _is_site_part(text, site):
            return text
    # a title part the page prints as a text of its own
    printed = {_norm(t) for t in _page_texts(tree)}
    content = [p for p in parts if not _is_site_part(p, site) and len(_norm(p).split()) >= MIN_WORDS]
    matches = [p for p in content if _norm(p) in printed]
    if matches:
        return max(matches, key=lambda p: len(_norm(p).split()))
    # a heading that holds the title's main part
    for text in headings:
        n = _norm(text)
        if len(n.split()) >= 3 and any(n and n in w for w in whole) and not _is_site_part(text, site):
            return text
    atoms = [p for t in sources for p in title_parts(t)
             if not _is_site_part(p, site) and len(_norm(p).split()) >= MIN_WORDS]
    if og_title and og_title in atoms:
        return og_title
    if atoms:
        return max(atoms, key=lambda p: len(_norm(p).split()))
    return sources[0]
