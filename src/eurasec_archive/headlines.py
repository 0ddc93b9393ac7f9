"""The article's headline: on an HTML page told apart from the site chrome around it in ``<title>``;
in a plain-text capture the headline-shaped line above the article that its lead echoes.

``<title>`` usually wraps the headline in site names and sections ("Headline - Football - Sport",
"Site :: Headline", "Headline_English_Xinhua"). The headline is the part the page itself prints
as text (a heading, a bold line), else the title part that is not the site's name or domain and
carries the most words. A page heading that is contained in the title is the headline as printed.
"""

from __future__ import annotations

import re

from eurasec_archive.text import clean_line, is_terminated, is_url, word_count

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


def _page_texts(tree, raw: bool = False) -> list[str]:
    """Short texts the page prints on their own (headings first, then other elements);
    ``raw``: as the page has them, line breaks kept."""
    found: list[str] = []
    for el in tree.iter(*_TEXT_TAGS):
        text = el.text_content() or ""
        if clean_line(text) and len(text.split()) <= MAX_HEADING_WORDS:
            found.append(text if raw else clean_line(text))
    return found


def page_headline(tree, title: str | None, og_title: str | None = None,
                  sitename: str | None = None, hostname: str | None = None) -> str | None:
    """The article headline, or None when the page gives no title at all.

    :param title: the ``<title>`` text; ``og_title`` the OpenGraph/citation title if any
    """
    site = _site_words(sitename, hostname)
    if og_title:  # the publisher's own statement of the headline
        return og_title
    sources = [t for t in (title,) if t]
    if not sources:
        return None
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


# ---------------------------------------------------------------------------- text captures

# a timestamp, date or byline line: page furniture around a headline, never the headline
_MONTH = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?|"
          r"(?:январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-я]*")
_STAMP = re.compile(
    r"\b\d{1,2}:\d{2}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b(?:19|20)\d{2}[./-]\d{1,2}[./-]\d{1,2}\b"
    rf"|\b\d{{1,2}}\s+(?:{_MONTH})(?:,?\s+(?:19|20)\d{{2}})|\b(?:{_MONTH})\s+\d{{1,2}},?\s+(?:19|20)\d{{2}}\b"
    r"|^(?:by|por|par|von|posted|published|updated|last|created|photo|image|source|courtesy|credit|от|автор|фото"
    r"|опубликовано|источник)\b|\([A-Z]{2,6}\)$"
    r"|\s\|\s",
    re.IGNORECASE)
HEADLINE_BEFORE = 15  # blocks before the article where its headline is looked for
HEADLINE_INSIDE = 3  # blocks of the article's start that may be its headline
HEADLINE_MIN_WORDS = 3
HEADLINE_MAX_WORDS = 30
LEAD_BLOCKS = 4  # the article's first blocks, whose words the headline shares
NEAR_BLOCKS = 1  # other lines between the lead and a headline that shares no word with it
MIN_SHARED_WORDS = 2  # words a page text must share with the lead to replace a site-name title
DECK_SHARED = 0.5  # share of a headline's words that its standfirst and lead repeat
DISTANCE_COST = 0.02  # per block between the headline and the article, in shared-word share
MAX_STOPPED_WORDS = 12  # a headline ending in a full stop is a short one
_INNER_STOP = re.compile(r"[a-zа-я]{2}[.!?]\s+[A-ZА-ЯЁ]")
_CONTENT = re.compile(r"[^\W\d_]{4,}|[^\W\d_]*\d[\w]*")


def _headline_like(block: str) -> bool:
    from eurasec_archive.captures import has_chrome

    n = word_count(block)
    if not HEADLINE_MIN_WORDS <= n <= HEADLINE_MAX_WORDS or len(block) > 250 or is_url(block):
        return False
    if block.endswith((",", ":", ";")) and not block.endswith("..."):
        return False
    if _INNER_STOP.search(block) or (block.endswith(".") and n > MAX_STOPPED_WORDS):
        return False  # two sentences, or a long one: the lead, a caption, not a headline
    if not (block[0].isupper() or block[0].isdigit() or block[0] in "\"'«“‘`"):
        return False
    return not _STAMP.search(block) and not has_chrome([block])


def _content_words(text: str) -> set[str]:
    return {w.casefold() for w in _CONTENT.findall(text)}


def headline_index(blocks: list[str], region) -> int | None:
    """Index of a capture's headline: of the headline-shaped lines just above the article (or
    opening it), the one whose words the article's lead repeats most, nearest first; None
    when no such line shares a word with the lead.

    :param region: the article's ``captures.Region``
    """
    first = region.start
    lo, hi = max(0, first - HEADLINE_BEFORE), min(len(blocks) - 1, first + HEADLINE_INSIDE)
    keep = set(region.keep)
    candidates = [k for k in range(lo, hi + 1) if _headline_like(blocks[k])
                  and (k < first or (k in keep and len(keep) > 1 and not is_terminated(blocks[k])))]
    best, best_score = None, 0.0
    for k in candidates:
        words = _content_words(blocks[k])
        if not words:
            continue
        lead = [j for j in region.keep if j > k][:LEAD_BLOCKS]
        if not lead:
            continue
        lead_words = _content_words(" ".join(blocks[j] for j in lead))
        shared = len(words & lead_words) / len(words)
        # bylines and timestamps between a headline and its lead do not part them
        between = sum(1 for j in range(k + 1, lead[0]) if not _STAMP.search(blocks[j]))
        score = shared - DISTANCE_COST * between
        if shared > 0 and score > best_score:
            best, best_score = k, score
    if best is None:  # a headline that plays on words shares none: the line just above the lead
        near = [k for k in candidates if k < first
                and sum(1 for j in range(k + 1, first) if not _STAMP.search(blocks[j])) <= NEAR_BLOCKS]
        return near[-1] if near else None
    # a headline-shaped line just above the one chosen, sharing its words or the lead's, is the
    # headline and the chosen one its standfirst
    echo = _content_words(" ".join(blocks[j] for j in [best, *region.keep[:LEAD_BLOCKS]]))
    k = best - 1
    while k >= lo and _STAMP.search(blocks[k]):
        k -= 1
    if (k >= lo and k in candidates and word_count(blocks[k]) < word_count(blocks[best])
            and len(_content_words(blocks[k]) & echo) >= DECK_SHARED * len(_content_words(blocks[k]))):
        return k
    return best


def _shares_lead(text: str, lead_words: set[str]) -> float:
    words = _content_words(text)
    return len(words & lead_words) / len(words) if words else 0.0


def checked_headline(tree, title: str | None, lead: list[str]) -> str | None:
    """``title`` unless it shares no word with the article (a site name standing as the page
    title): then the page's heading or headline-shaped text that the lead echoes most.

    :param lead: the article's paragraphs, as extracted
    """
    lead_words = _content_words(" ".join(lead[:LEAD_BLOCKS]))
    if not lead_words or (title and _shares_lead(title, _content_words(" ".join(lead))) > 0):
        return title  # a title that any of the article repeats is about the article
    # one line of text each: a heading that holds several lines is a box of links
    texts = [h.text_content() for h in tree.iter("h1", "h2", "h3", "h4")]
    texts = [clean_line(t) for t in texts + _page_texts(tree, raw=True) if "\n" not in t.strip()]
    scored = [(_shares_lead(t, lead_words), -n, t) for n, t in enumerate(dict.fromkeys(texts))
              if _headline_like(t) and t not in lead and not is_terminated(t)
              and len(_content_words(t) & lead_words) >= MIN_SHARED_WORDS]
    best = max(scored, default=None)
    return best[2] if best and best[0] >= DECK_SHARED else title
