"""The article's headline on an HTML page, told apart from the site chrome around it in ``<title>``.

``<title>`` usually wraps the headline in site names and sections ("Headline - Football - Sport",
"Site :: Headline", "Headline_English_Xinhua", "IOL: Headline", "Headline (from The Herald)"). The
headline is the title part the page itself prints as a text of its own, taken as the page prints it
(its case and punctuation); of several, the one the article's lead echoes, then the longest. A site
name is known by the page's own site name, its domain (also written in words, "Bangkok Post") or a
domain in the title. Without a printed part, the title part that is not the site's name and carries
the most words. A title that the article does not echo at all (a site name alone) gives way to the
page's heading that the lead echoes.
"""

from __future__ import annotations

import re

from eurasec_archive.headlines import DECK_SHARED, HEADLINE_MIN_WORDS, LEAD_BLOCKS, content_words, headline_like
from eurasec_archive.text import clean_line, is_terminated, word_count

_SEPARATORS = re.compile(r"\s+[|–—•·»>:/\\-]{1,3}\s+|\s*(?:::|\|\||»|›)\s*|_(?=[A-Z])|(?<=[a-z)])\s*\|\s*")
_TOKEN = re.compile(r"\w+")
MIN_SHARED_WORDS = 2  # words a page text must share with the lead to replace a site-name title
MIN_WORDS = 2
LEAD_MIN_WORDS = 10  # a paragraph of running text, not a byline or a menu
MAX_HEADING_WORDS = 40
_TEXT_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "b", "strong", "font", "span", "div", "td", "p", "a",
              "em", "big")


def _norm(text: str) -> str:
    return " ".join(_TOKEN.findall(text.casefold()))


# weaker cuts, taken only where the part they leave is printed on the page as a text of its own:
# "IOL: Headline", "Headline (from The Herald)", "Headline on ChicagoSports.com", "Headline- Travel-News"
_SOFT_CUTS = re.compile(r"(?<=\w):\s+|\s+\((?=from\s)|\s+on\s+(?=[\w-]+\.(?:com|net|org|co\.uk)\b)"
                        r"|(?<=\w)-\s+|(?<=[a-z])-(?=[A-Z])", re.IGNORECASE)
_DOMAIN = re.compile(r"\b([\w-]+)\.(?:com|net|org|info|tv|co\.uk|co\.za|co\.nz|com\.au|ca|in|ie|uk|us)\b",
                     re.IGNORECASE)
_KEY = re.compile(r"[^\W_]+")
_SKIP_TAGS = {"script", "style", "head", "title", "noscript", "option", "select", "textarea", "meta", "link"}
MAX_PRINTED_CHARS = 400


def _key(text: str) -> str:
    """Letters and digits only, casefolded: "Saj's" and "Sajs", "£15m" and "15m" are one key."""
    return "".join(_KEY.findall(text.casefold()))


def _is_site_part(part: str, site_words: set[str], domains: frozenset[str] = frozenset()) -> bool:
    words = _norm(part).split()
    if not words:
        return True
    if set(words) <= site_words:
        return True
    # a domain's name written in words ("Bangkok Post" of bangkokpost.com) or as a domain
    key = _key(part)
    return any(key == d or key.startswith(d) and len(words) <= 3 for d in domains) or (
        bool(_DOMAIN.search(part)) and len(words) <= 4)


def _site_words(sitename: str | None, hostname: str | None) -> set[str]:
    words = set(_norm(sitename or "").split())
    host = (hostname or "").casefold().removeprefix("www.")
    words |= set(re.split(r"[.\-]", host)) - {""}
    words |= {"com", "www", "online", "news", "the", "home", "homepage"}
    return words


def _domains(title: str, hostname: str | None) -> frozenset[str]:
    """Keys of the site's domain names: the host's and any domain the title carries."""
    found = {_key(m.group(1)) for m in _DOMAIN.finditer(title)}
    host = (hostname or "").casefold().removeprefix("www.")
    if host:
        found.add(_key(host.split(".")[0]))
    return frozenset(d for d in found if len(d) >= 4)


def _page_texts(tree, raw: bool = False) -> list[str]:
    """Short texts the page prints on their own (headings first, then other elements);
    ``raw``: as the page has them, line breaks kept."""
    found: list[str] = []
    for el in tree.iter(*_TEXT_TAGS):
        text = el.text_content() or ""
        if clean_line(text) and len(text.split()) <= MAX_HEADING_WORDS:
            found.append(text if raw else clean_line(text))
    return found


def printed_texts(tree) -> dict[str, str]:
    """Key -> text of every short element the page prints (first in page order), whatever its tag."""
    found: dict[str, str] = {}
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in _SKIP_TAGS:
            continue
        text = el.text_content() or ""
        if len(text) > MAX_PRINTED_CHARS:
            continue
        text = clean_line(" ".join(text.split()))
        if text:
            found.setdefault(_key(text), text)
    return found


def _cut_spans(title: str) -> list[tuple[str, bool]]:
    """Every run of consecutive parts of ``title`` between cuts: (text, cut at strong separators
    at both ends)."""
    cuts = {(0, 0): True, (len(title), len(title)): True}
    for m in _SEPARATORS.finditer(title):
        cuts[(m.start(), m.end())] = True
    for m in _SOFT_CUTS.finditer(title):
        cuts.setdefault((m.start(), m.end()), False)
    order = sorted(cuts)
    spans = []
    for i in range(len(order) - 1):
        for j in range(i + 1, len(order)):
            text = clean_line(" ".join(title[order[i][1]:order[j][0]].split()))
            if text:
                spans.append((text, cuts[order[i]] and cuts[order[j]]))
    return spans


def page_headline(tree, title: str | None, og_title: str | None = None,
                  sitename: str | None = None, hostname: str | None = None,
                  lead: list[str] | tuple = ()) -> str | None:
    """The article headline, or None when the page gives no title at all.

    :param title: the ``<title>`` text; ``og_title`` the OpenGraph/citation title if any
    :param lead: the article's first paragraphs, as extracted
    """
    site = _site_words(sitename, hostname)
    if og_title:  # the publisher's own statement of the headline
        return og_title
    if not title:
        return None
    domains = _domains(title, hostname)
    spans = [(s, strong) for s, strong in _cut_spans(title)
             if not _is_site_part(s, site, domains) and len(_norm(s).split()) >= MIN_WORDS]
    # a title part the page prints as a text of its own, as the page prints it; of several, one
    # without a separator inside, then the longest; never a short part (a site or section name)
    # beside a much longer headline the page does not print
    printed = printed_texts(tree)
    found = [(_SEPARATORS.search(s) is None, _echo(printed[_key(s)], lead) >= DECK_SHARED,
              len(_norm(s).split()), printed[_key(s)]) for s, _ in spans if _key(s) in printed]
    atoms = [s for s, strong in spans if strong and _SEPARATORS.search(s) is None]
    longest = max((len(_norm(s).split()) for s in atoms), default=0)
    if found and (2 * max(found)[2] >= longest or max(found)[1] and max(found)[2] >= HEADLINE_MIN_WORDS):
        return max(found)[3]
    headings = [clean_line(h.text_content()) for h in tree.iter("h1", "h2", "h3")]
    whole = _norm(title)
    # a heading that holds the title's main part
    for text in headings:
        n = _norm(text)
        if len(n.split()) >= 3 and n in whole and not _is_site_part(text, site, domains):
            return text
    if atoms:
        return max(atoms, key=lambda p: len(_norm(p).split()))
    return title


def prose_lead(paragraphs: list[str]) -> list[str]:
    """The article's first paragraphs of running text (a byline, a date or a menu the extractor kept
    are no lead)."""
    return [p for p in paragraphs if word_count(p) >= LEAD_MIN_WORDS][:LEAD_BLOCKS]


def _echo(text: str, lead: list[str]) -> float:
    """Share of ``text``'s words that the lead repeats (the paragraph that is ``text`` left out)."""
    key = _key(text)
    return _shares_lead(text, content_words(" ".join(p for p in lead if _key(p) != key)))


def _shares_lead(text: str, lead_words: set[str]) -> float:
    words = content_words(text)
    return len(words & lead_words) / len(words) if words else 0.0


def checked_headline(tree, title: str | None, lead: list[str]) -> str | None:
    """``title`` unless it shares no word with the article (a site name standing as the page
    title): then the page's heading or headline-shaped text that the lead echoes most.

    :param lead: the article's paragraphs, as extracted
    """
    lead_words = content_words(" ".join(lead[:LEAD_BLOCKS]))
    if not lead_words or (title and _shares_lead(title, content_words(" ".join(lead))) > 0):
        return title  # a title that any of the article repeats is about the article
    # one line of text each: a heading that holds several lines is a box of links
    texts = [h.text_content() for h in tree.iter("h1", "h2", "h3", "h4")]
    texts = [clean_line(t) for t in texts + _page_texts(tree, raw=True) if "\n" not in t.strip()]
    scored = [(_shares_lead(t, lead_words), -n, t) for n, t in enumerate(dict.fromkeys(texts))
              if headline_like(t) and t not in lead and not is_terminated(t)
              and len(content_words(t) & lead_words) >= MIN_SHARED_WORDS]
    best = max(scored, default=None)
    return best[2] if best and best[0] >= DECK_SHARED else title


def article_headline(tree, meta: dict, og_title: str | None, paragraphs,
                     site_name: str | None = None) -> str | None:
    """The headline of a page whose article ``paragraphs`` were extracted; ``meta`` is the page's
    metadata (title, hostname), ``site_name`` the name the page gives its site (og:site_name…),
    not one guessed from its title."""
    title_el = tree.find(".//title")
    lead = [p.text for p in paragraphs if p.kind == "paragraph"]
    title = page_headline(
        tree, clean_line(title_el.text_content()) if title_el is not None else None,
        og_title, site_name, meta.get("hostname"), prose_lead(lead)) or meta.get("title")
    return checked_headline(tree, title, [p.text for p in paragraphs if p.kind == "paragraph"])
