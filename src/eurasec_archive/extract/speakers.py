"""Speakers (people quoted or reported speaking) and their direct quotes.

Attribution patterns, English and Russian (verbs from authority/speech_verbs.json):

* ``"…," Lavrov said`` / ``"…," stated Belarusian Foreign Minister Maxim Ryzhenkov``
* ``As Russian Foreign Minister Sergey Lavrov noted, …`` / ``Minister Choe criticized …``
* ``Sergey Lavrov, Russian Foreign Minister:`` on its own before a quote
* pull quotes and epigraphs whose attribution names a person
* ``he stressed`` / ``according to him`` continue the last speaker
"""

from __future__ import annotations

import re
from functools import cache

from eurasec_archive.authorities import speech_verbs
from eurasec_archive.extract.people import (
    PeopleResolver, find_person_runs, role_words, title_heads, title_words,
)
from eurasec_archive.models import Paragraph, Quote, Speaker

_QUOTE_SPANS = [
    re.compile(r"“([^”]{20,}?)”"),
    re.compile(r"«([^»]{20,}?)»"),
    re.compile(r'"([^"]{20,}?)"'),
    re.compile(r"(?<![\w])'([^']{20,}?)'(?![\w])"),
]
_PRONOUN = re.compile(r"\b(?:he|she|they|он|она)\b", re.I)
_ADVERB = r"(?:\s+(?:also|further|then|later|again|notably|specifically|earlier|once|has|had|have|also\s+\w+ly|\w+ly|также|еще|ещё))?"
_INTRO_LINE = re.compile(r"^(?P<name>[^,:]{3,60}),\s*(?P<role>[^:]{3,120}):$")


@cache
def _verbs() -> str:
    v = speech_verbs()
    return "|".join(re.escape(x) for x in sorted(v["en"] + v["ru"], key=len, reverse=True))


def role_before(text: str, start: int) -> str | None:
    """The title phrase right before a name: "Russian Foreign Minister" in "said Russian
    Foreign Minister Sergey Lavrov", "People's Commissar for Foreign Affairs of the USSR"."""
    window = text[max(0, start - 160):start]
    words = window.split()
    if not words:
        return None
    # the title head nearest the name, with at most "of (the) X Y" between them
    head = None
    for k in range(len(words) - 1, max(-1, len(words) - 8), -1):
        if words[k].rstrip(",") in title_heads():
            between = words[k + 1:]
            if not between or (between[0] in ("of", "for") and all(
                    w[:1].isupper() or w in ("of", "the", "for", "and") for w in between)):
                head = k
            break
    if head is None:
        return None
    if words[head].endswith(",") and head + 1 < len(words):
        return None  # "Minister, said Lavrov" is no role
    begin = head
    vocab = role_words() | {"of", "the", "for", "and"}
    while begin > 0 and not words[begin - 1].endswith(",") and (
            words[begin - 1] in vocab or (words[begin - 1][:1].isupper()
                                           and words[begin] in ("of", "the"))):
        begin -= 1
    while words[begin] in ("of", "the", "and", "for"):
        begin += 1
    return " ".join(words[begin:]).rstrip(",") or None


def _role_after(text: str, end: int) -> str | None:
    """An appositive role: "Sergey Lavrov, Russian Foreign Minister," / "…Minister:"."""
    m = re.match(r",\s*([^,:;.]{3,80})[,:]", text[end:end + 100])
    if m and any(w in title_words() for w in m.group(1).split()):
        return m.group(1).strip()
    return None


class _Mentions:
    """Person mentions in one paragraph: full names and resolvable single tokens."""

    def __init__(self, text: str, resolver: PeopleResolver):
        self.items: list[tuple[int, int, str, str | None]] = []  # start, end, name, role
        taken = []
        for s, e, name in find_person_runs(text):
            full = resolver.resolve(name)
            if full:
                self.items.append((s, e, full, role_before(text, s) or _role_after(text, e)))
                taken.append((s, e))
        for key, full in resolver.by_key.items():
            for m in re.finditer(rf"(?<![\w-]){re.escape(key)}(?![\w-])", text):
                if any(s <= m.start() < e for s, e in taken):
                    continue
                self.items.append((m.start(), m.end(), full, role_before(text, m.start())))
        self.items.sort()


def _speech_hits(text: str, mentions: _Mentions) -> list[tuple[int, str, str | None]]:
    """(position, name, role) for each mention attached to a verb of saying."""
    verbs = _verbs()
    hits = []
    for s, e, name, role in mentions.items:
        after = text[e:e + 60]
        before = text[max(0, s - 80):s]
        if re.match(rf"(?:'s)?{_ADVERB}\s+(?:{verbs})\b", after):
            hits.append((s, name, role))
        elif re.search(rf"(?:[”\"»']\s*,?|,)\s*(?:{verbs})\s+(?:[\w’'-]+\s+){{0,5}}$", before):
            hits.append((s, name, role))
        elif re.search(r"\b(?:[Aa]ccording to|[Ii]n the words of|[Аа]о словам|[Пп]о мнению)\s+(?:[\w’'-]+\s+){0,4}$", before):
            hits.append((s, name, role))
        elif re.match(r"\s*:\s*$", after[:3]) or re.match(r",[^,:]{3,80}:\s*$", after):
            hits.append((s, name, role))
    return hits


def _quote_spans(text: str) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    for rx in _QUOTE_SPANS:
        for m in rx.finditer(text):
            if any(s <= m.start() < e for s, e, _ in spans):
                continue
            spans.append((m.start(), m.end(), m.group(1).strip()))
    return sorted(spans)


def extract_speakers_and_quotes(
    paragraphs: list[Paragraph], people: list[str]
) -> tuple[list[Speaker], list[Quote]]:
    """Speakers (with their stated role) and direct quotes (with speaker and paragraph id)."""
    resolver = PeopleResolver(people)
    speakers: dict[str, Speaker] = {}
    quotes: list[Quote] = []
    last_speaker: str | None = None
    intro_speaker: str | None = None  # "Name, Role:" line announcing the next paragraph

    # the fullest role the document gives each person anywhere ("its Foreign Minister,
    # Choe Son-hui"), for speakers whose attribution says only "Minister Choe"
    doc_roles: dict[str, str] = {}
    for p in paragraphs:
        for text in (p.text, p.attribution or ""):
            for _, _, name, role in _Mentions(text, resolver).items:
                if role and len(role) > len(doc_roles.get(name, "")):
                    doc_roles[name] = role

    def add(name: str, role: str | None):
        sp = speakers.setdefault(name, Speaker(name=name, role=None))
        if not role or len(role.split()) < 2:
            role = doc_roles.get(name) or role
        if role and (not sp.role or len(sp.role.split()) < 2 <= len(role.split())):
            sp.role = role

    for p in paragraphs:
        if p.kind in ("heading", "table", "footnote", "list"):
            intro_speaker = None
            continue
        if p.kind == "quote" and p.attribution:
            m = _Mentions(p.attribution, resolver)
            if m.items:
                _, e, name, role = m.items[0]
                role = role or _role_after(p.attribution, e) or _attribution_role(p.attribution)
                add(name, role)
                quotes.append(Quote(text=p.text, speaker=name, paragraph=p.id))
                last_speaker = name
            else:
                quotes.append(Quote(text=p.text, speaker=None, paragraph=p.id))
            continue

        text = p.text
        intro = _INTRO_LINE.match(text)
        if intro:
            full = resolver.resolve(intro.group("name"))
            if full and any(w in title_words() for w in intro.group("role").split()):
                add(full, intro.group("role").strip())
                intro_speaker = last_speaker = full
                continue

        mentions = _Mentions(text, resolver)
        hits = _speech_hits(text, mentions)
        for _, name, role in hits:
            add(name, role)
        spans = _quote_spans(text)
        for qs, qe, qtext in spans:
            speaker = _nearest(hits, qs, qe)
            if speaker is None and (intro_speaker or _PRONOUN.search(text[qe:qe + 40])
                                    or re.search(r"\b(?:According to|he|she)\b", text[qe:qe + 60])):
                speaker = intro_speaker or last_speaker
            if speaker is None and qs == 0 and len(qtext) > 0.8 * len(text) and last_speaker:
                speaker = intro_speaker
            if speaker and _is_quotation(qtext):
                quotes.append(Quote(text=qtext, speaker=speaker, paragraph=p.id))
        if hits:
            last_speaker = hits[-1][1]
        intro_speaker = None
    return list(speakers.values()), quotes


def _is_quotation(text: str) -> bool:
    """Quoted speech rather than a quoted title or name ("Global (Dis)Order and …")."""
    words = re.findall(r"[^\W\d_][\w’'-]*", text)
    if len(words) < 4:
        return False
    capitalized = sum(1 for w in words if w[0].isupper())
    return capitalized / len(words) < 0.5


def _attribution_role(attribution: str) -> str | None:
    parts = [x.strip() for x in attribution.split(" — ")]
    if len(parts) >= 2 and any(w in title_words() for w in parts[1].split()):
        return parts[1]
    m = re.search(r"\bof (?:the )?((?:[\w’']+\s+){0,8}?)(?=[A-ZА-ЯЁ][a-z]+\s+(?:[A-Z]\.\s*)*[A-Z][a-z]+)", attribution)
    return m.group(1).strip() if m and any(w in title_words() for w in m.group(1).split()) else None


def _nearest(hits, qs: int, qe: int) -> str | None:
    """The speaker whose attribution is closest to a quote span, within the paragraph."""
    best, dist = None, 10**9
    for pos, name, _ in hits:
        d = pos - qe if pos >= qe else qs - pos
        if d < dist:
            best, dist = name, d
    return best if dist < 400 else None

