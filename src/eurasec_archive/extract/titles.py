"""Title: printed title or page metadata first; otherwise derived from the text."""

from __future__ import annotations

import re
from functools import cache

from eurasec_archive.authorities import speech_verbs
from eurasec_archive.normalize import Draft
from eurasec_archive.text import is_url

MAX_TITLE = 140
MAX_PRINTED_TITLE = 300  # a printed title longer than this is page script or a paragraph, cut at a clause
_SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,40}$")
# a wire-service dateline before the first sentence: "MINSK, 14 March (BelTA) –",
# "МОСКВА, 22 апреля. /ТАСС/.", "BEIJING, July 16 (Xinhua) --", "МОСКВА, 12 ноя — РИА Новости."
_DATELINE = re.compile(
    r"^[A-ZА-ЯЁ][A-ZА-ЯЁ .'-]{1,30},\s+(?:\d{1,2}\s+[^\W\d]+\.?|[^\W\d]+\.?\s+\d{1,2})(?:,?\s+\d{4})?\.?"
    r"\s*(?:\([^)]{2,30}\)|/[^/]{2,30}/\.?|[-–—]+\s*[^.,]{2,30}\.)?\s*[-–—]*\s*"
    # or a bare date and a dash: "June 10, 2025 —"
    r"|^(?:[^\W\d]+\s+\d{1,2},\s+\d{4}|\d{1,2}\s+[^\W\d]+\s+\d{4})\s*[-–—]+\s*")


@cache
def _reporting_clause():
    verbs = "|".join(re.escape(v) for v in [*speech_verbs()["en"], *speech_verbs()["ru"],
                                            "reports", "reported", "сообщает", "передает"])
    return re.compile(r",\s+(?:(?:" + verbs + r")\b.*|[^,]{2,80}\b(?:" + verbs + r")\b[^,]*)$")


def first_sentence(text: str) -> str:
    m = re.match(r"(.+?[.!?])(?:\s+[A-ZА-ЯЁ\"“«]|$)", text)
    return (m.group(1) if m else text).strip()


def shorten(text: str, limit: int = MAX_TITLE) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:–— ")
    return cut + "…"


MAX_MADE_TITLE = 200  # a title made from a sentence keeps the whole sentence up to this length
MAX_PHRASE = 500  # past this, a text with no clause end is no phrase: the one title cut with "…"
_CLAUSE_END = re.compile(r"(?:[,;:]|\s[–—-])\s")


def whole_phrase(sentence: str, limit: int = MAX_MADE_TITLE) -> str:
    """A made title that is a whole phrase, never cut mid-way: the sentence; if longer than
    ``limit``, its longest run of whole clauses within it (at least a third of it), else its
    shortest run of whole clauses past it, else the whole sentence. Only a text with no clause
    end in its first ``MAX_PHRASE`` characters (no sentence at all) is cut at a word with "…"."""
    if len(sentence) <= limit:
        return sentence
    ends = [m.start() for m in _CLAUSE_END.finditer(sentence) if m.start() >= limit // 3]
    within = [e for e in ends if e <= limit]
    if within:
        return sentence[:within[-1]].rstrip(" ,;:–—-")
    if ends and ends[0] <= MAX_PHRASE:
        return sentence[:ends[0]].rstrip(" ,;:–—-")
    return sentence if len(sentence) <= MAX_PHRASE else shorten(sentence, MAX_PHRASE)


def title_source(draft: Draft) -> str:
    """Where the title comes from: "document" (printed title or page metadata), "heading" (the
    heading that opens the text), "text" (made by the archive from the first sentence) or
    "filename"."""
    if draft.title and not is_url(draft.title):
        return "document"
    first = draft.paragraphs[0] if draft.paragraphs else None
    if first is not None and first.kind == "heading" and not is_url(first.text):
        return "heading"
    if any(p.kind == "paragraph" and not is_url(p.text) and len(p.text) >= 20 for p in draft.paragraphs):
        return "text"
    return "heading" if any(p.kind == "heading" for p in draft.paragraphs) else "filename"


def title_from_text(draft: Draft) -> str | None:
    """A heading that opens the document, else a title made from the first body sentence
    without its dateline and reporting clause."""
    first = draft.paragraphs[0] if draft.paragraphs else None
    if first is not None and first.kind == "heading" and not is_url(first.text):
        return whole_phrase(first.text)
    for p in draft.paragraphs:
        if p.kind != "paragraph" or is_url(p.text) or len(p.text) < 20:
            continue
        sentence = first_sentence(_DATELINE.sub("", p.text)).rstrip(".")
        sentence = _reporting_clause().sub("", sentence).strip()
        return whole_phrase(sentence)
    heading = next((p.text for p in draft.paragraphs if p.kind == "heading"), None)
    return heading


def extract_title(draft: Draft, filename: str = "") -> str:
    if draft.title and not is_url(draft.title):
        title = draft.title.strip()
        if draft.meta and not draft.meta.get("headline"):
            title = _SITE_SUFFIX.sub("", title)
        return whole_phrase(title, MAX_PRINTED_TITLE)
    return title_from_text(draft) or filename or "Untitled document"
