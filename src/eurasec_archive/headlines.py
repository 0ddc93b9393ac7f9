"""The headline of a plain-text capture: the headline-shaped line above the article that its lead
echoes (``headline_index``), and the line shapes that tell a headline from a byline, a timestamp or
chrome (also used by ``page_titles`` on HTML pages)."""

from __future__ import annotations

import re
from collections import Counter

from eurasec_archive.text import is_terminated, is_url, word_count

# ---------------------------------------------------------------------------- text captures

# a timestamp, date or byline line: page furniture around a headline, never the headline
_MONTH = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?|"
          r"(?:январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-я]*")
_STAMP = re.compile(
    r"\b\d{1,2}:\d{2}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b(?:19|20)\d{2}[./-]\d{1,2}[./-]\d{1,2}\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH})(?:,?\s+(?:19|20)\d{{2}})"
    rf"|\b(?:{_MONTH})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{{2}}\b"
    r"|^(?:by|por|par|von|posted|published|updated|last|created|photo|image|source|courtesy|credit|от|автор|фото"
    r"|опубликовано|источник)\b|\([A-Z]{2,6}\)$"
    # a byline by role: "Associated Press Writer", "Tribune staff reporter", "Staff and agencies"
    # (names and roles only: "Alouettes add two to coaching staff" is a headline)
    r"|^staff\b|^(?:(?:(?-i:[A-ZА-ЯЁ])[\w.'&-]*|and|of|the|staff|sports?|business|senior|chief|special|political|foreign"
    r"|news|science|health|medical|technology|entertainment|music|film|travel|food|assistant|managing|associate)"
    r",?\s+)*(?:staff|correspondent|reporter|writer|editor|columnist|корреспондент)$"
    r"|\s\|\s",
    re.IGNORECASE)
HEADLINE_BEFORE = 30  # blocks before the article where its headline is looked for
HEADLINE_INSIDE = 3  # blocks of the article's start that may be its headline
HEADLINE_MIN_WORDS = 3
HEADLINE_MAX_WORDS = 30
LEAD_BLOCKS = 4  # the article's first blocks, whose words the headline shares
NEAR_BLOCKS = 1  # other lines between the lead and a headline that shares no word with it
DECK_SHARED = 0.5  # share of a headline's words that its standfirst and lead repeat
DISTANCE_COST = 0.02  # per block between the headline and the article, in shared-word share
STAMP_BELOW = 3  # lines below a headline where the article header's timestamp or byline stands
STAMP_BONUS = 0.8  # in shared-word share, for a line over a timestamp or byline
STAMP_FARTHER = 0.5  # of that bonus, when a line stands between them
REPEAT_BONUS = 0.3  # for a line the capture prints twice (the headline recurs in lists and title bars)
LEAD_MIN_WORDS = 8  # a lead paragraph's words, at least
MAX_STOPPED_WORDS = 12  # a headline ending in a full stop is a short one
# a site's prompts and link labels: "Go to Google News", "Sign in to e-mail or save this", "Read full story",
# "More world news", "About the Star", "Powered by TypePad"
_PROMPT = re.compile(
    r"^(?:go to|please|sign (?:in|up)|log ?in|subscribe|comment on|view|advertise|read (?:full|more|the full)"
    r"|more (?:from|news|world|stories|on|in)|about (?:us|the)|powered by|find an?|mail this|e-?mail this"
    r"|print this|share this|post an?|leave an?|click|skip|back to|return to|see (?:also|more|all))\b", re.IGNORECASE)
# breadcrumbs and link rows: "Site » World » Article", "Archiv < zurück < · Druckversion", "story|print"
# a prompt to the reader, never a lead: "To read this article in full you must be registered",
# "You need to have javascript enabled", "For your available options click the below button"
_READER_PROMPT = re.compile(
    r"\byou(?:r)?\b.*\b(?:click|(?:must|need to) (?:be |have )?(?:register|subscri|sign|log)\w*"
    r"|(?:javascript|cookies) (?:enabled|turned on))\b|\b(?:click|tap) (?:here|the|below|on)\b", re.IGNORECASE)
_CRUMBS = re.compile(r"\s[»›·•>]\s|\s<\s?|[a-z]\|[a-z]", re.IGNORECASE)
_INNER_STOP = re.compile(r"[a-zа-я]{2}(?<!\bvs)[.!?]\s+[A-ZА-ЯЁ]")  # "Alien vs. Predator" is one
_CONTENT = re.compile(r"[^\W\d_]{4,}|[^\W\d_]*\d[\w]*")


def headline_like(block: str) -> bool:
    from eurasec_archive.captures import has_chrome

    n = word_count(block)
    if not HEADLINE_MIN_WORDS <= n <= HEADLINE_MAX_WORDS or len(block) > 250 or is_url(block):
        return False
    if block.endswith((",", ":", ";")) and not block.endswith("..."):
        return False
    if _INNER_STOP.search(block) or (block.endswith(".") and n > MAX_STOPPED_WORDS):
        return False  # two sentences, or a long one: the lead, a caption, not a headline
    if not (block[0].isupper() or block[0].isdigit() or block[0] in "\"'«“‘`"
            or block[0].islower() and block[1:2].isupper()):  # "iTunes does…", "eBay…"
        return False
    return (not _STAMP.search(block) and not _CRUMBS.search(block) and not _PROMPT.match(block)
            and not _READER_PROMPT.search(block) and not has_chrome([block]))


def is_reader_prompt(block: str) -> bool:
    """A line that asks the reader to act (register, subscribe, click, enable javascript)."""
    return bool(_READER_PROMPT.search(block))


def content_words(text: str) -> set[str]:
    return {w.casefold() for w in _CONTENT.findall(text)}


def lead_start(blocks: list[str], region) -> int:
    """Index of the article's first paragraph of running text: a region may open with chrome
    lines the classifier kept (a menu, a section name), which are no lead."""
    return next((k for k in region.keep if word_count(blocks[k]) >= LEAD_MIN_WORDS and is_terminated(blocks[k])
                 and not _READER_PROMPT.search(blocks[k])), region.start)


def _stamped(blocks: list[str], k: int, end: int) -> float:
    """1 when a timestamp or byline line stands right below ``k`` (before ``end``), less when it
    stands a few lines below (a standfirst between): the article header's headline carries them."""
    for n, j in enumerate(range(k + 1, min(end, k + 1 + STAMP_BELOW))):
        if _STAMP.search(blocks[j]):
            return 1.0 if n == 0 else STAMP_FARTHER
    return 0.0


def headline_index(blocks: list[str], region) -> int | None:
    """Index of a capture's headline: of the headline-shaped lines just above the article's lead,
    the one whose words the lead repeats most, nearest first, a line over a timestamp or byline
    (the article's header) before others; None when no such line shares a word with the lead.

    :param region: the article's ``captures.Region``
    """
    first = lead_start(blocks, region)
    lo, hi = max(0, first - HEADLINE_BEFORE), min(len(blocks) - 1, first + HEADLINE_INSIDE)
    keep = set(region.keep)
    candidates = [k for k in range(lo, hi + 1) if headline_like(blocks[k])
                  and (k < first or (k in keep and len(keep) > 1 and not is_terminated(blocks[k])))]
    counts = Counter(blocks[k] for k in range(len(blocks)))
    best, best_score = None, 0.0
    for k in candidates:
        words = content_words(blocks[k])
        if not words:
            continue
        lead = [j for j in region.keep if j > k and j >= first][:LEAD_BLOCKS]
        if not lead:
            continue
        lead_words = content_words(" ".join(blocks[j] for j in lead))
        shared = len(words & lead_words) / len(words)
        # bylines and timestamps between a headline and its lead do not part them
        between = sum(1 for j in range(k + 1, lead[0]) if not _STAMP.search(blocks[j]))
        score = (shared - DISTANCE_COST * between + STAMP_BONUS * _stamped(blocks, k, lead[0])
                 + REPEAT_BONUS * (counts[blocks[k]] > 1))
        if shared > 0 and score > best_score:
            best, best_score = k, score
    if best is None:  # a headline that plays on words shares none: the line just above the lead
        near = [k for k in candidates if k < first
                and sum(1 for j in range(k + 1, first) if not _STAMP.search(blocks[j])) <= NEAR_BLOCKS]
        return near[-1] if near else None
    # a headline-shaped line just above the one chosen, sharing its words or the lead's, is the
    # headline and the chosen one its standfirst
    echo = content_words(" ".join(blocks[j] for j in [best, *region.keep[:LEAD_BLOCKS]]))
    k = best - 1
    while k >= lo and _STAMP.search(blocks[k]):
        k -= 1
    if (k >= lo and k in candidates and word_count(blocks[k]) < word_count(blocks[best])
            and content_words(blocks[k]) & echo):
        return k
    return best


def opening_headline(blocks: list[str]) -> int | None:
    """Index of the headline of a capture taken whole (no chrome marks out an article): a
    headline-shaped line above its first paragraph of running text, found as ``headline_index``
    finds it; None when there is none."""
    from eurasec_archive.captures import Region

    region = Region(start=0, end=len(blocks) - 1, keep=list(range(len(blocks))))
    k = headline_index(blocks, region)
    return k if k is not None and k < lead_start(blocks, region) else None


_GLUED_BUTTONS = re.compile(r"(?:\s+(?:save|e-?mail|print|share))+$", re.IGNORECASE)


def headline_text(block: str) -> str:
    """The headline line less the share buttons a capture glued to its end ("… Save Email Print")."""
    m = _GLUED_BUTTONS.search(block)
    if m and word_count(block[:m.start()]) >= HEADLINE_MIN_WORDS:
        return block[:m.start()]
    return block
