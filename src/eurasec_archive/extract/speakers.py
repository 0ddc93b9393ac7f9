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

from eurasec_archive.authorities import people as people_authority
from eurasec_archive.authorities import speech_verbs
from eurasec_archive.extract.people import (
    PeopleResolver,
    find_person_runs,
    role_words,
    ru_title_pattern,
    title_heads,
    title_words,
)
from eurasec_archive.extract.russian import is_cyrillic, stems
from eurasec_archive.models import Paragraph, Quote, Speaker

_QUOTE_SPANS = [
    re.compile(r"“([^”]{20,}?)”"),
    re.compile(r"«([^»]{20,}?)»"),
    re.compile(r'"([^"]{20,}?)"'),
    re.compile(r"(?<![\w])'([^']{20,}?)'(?![\w])"),
]
_PRONOUN = re.compile(r"\b(?:he|she|they|он|она)\b", re.IGNORECASE)
_ADVERB = r"(?:\s+(?:also|further|then|later|again|notably|specifically|earlier|once|has|had|have|also\s+\w+ly|\w+ly|также|еще|ещё|уже|лишь|вновь|ранее|тогда|затем|вчера|сегодня|неоднократно|в свою очередь|со своей стороны)){0,2}"
_APPOSITIVE = r"[^,.;:\"“”«»]{3,80}"
_AFFILIATION = r"(?:\s+(?:of|from|at)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|of|for|and|the|on|in|\([A-Z]{2,8}\)))*)?"
_ACCORDING = r"[Aa]ccording to|[Ii]n the words of|[Пп]о словам|[Пп]о мнению|[Кк]ак (?:ранее |уже )?(?:заявил|заявила|отметил|отметила|подчеркнул|подчеркнула|сказал|сказала)"
_PRONOUNS = r"[Hh]e|[Ss]he|[Оо]н|[Оо]на"
_ROLE_NOUNS = r"[Tt]he (?:[\w-]+ ){0,3}?(?:minister|[Mm]inister|diplomat|president|[Pp]resident|head of state|leader|spokesperson|spokesman|spokeswoman|official|ambassador|envoy|official representative|[Ss]ecretary[- ][Gg]eneral)|(?:[А-ЯЁа-яё]+(?:ий|ый|ой|ая) )?(?:[Гг]лава|[Зз]амминистра|[Мм]инистр|[Пп]осол|[Ээ]ксперт|[Дд]ипломат|[Пп]резидент|[Пп]олитик|[Сс]пикер)(?: [а-яё]+){0,2}"
_ROLE_STOPWORDS = frozenset({"the", "of", "for", "and", "a", "an"})
_TURN = re.compile(r"^[^:.!?\"“”«»]{3,60}:\s+(\S.*)$", re.DOTALL)
_INTRO_LINE = re.compile(r"^(?P<name>[^,:]{3,60}),\s*(?P<role>[^:]{3,120}):$")


@cache
def _verbs() -> str:
    v = speech_verbs()
    return "|".join(re.escape(x) for x in sorted(v["en"] + v["ru"], key=len, reverse=True))


@cache
def _ru_verbs() -> str:
    """Russian verbs of saying, which may come before their subject without a comma."""
    return "|".join(re.escape(x) for x in sorted(speech_verbs()["ru"], key=len, reverse=True))


def role_before(text: str, start: int) -> str | None:
    """The title phrase right before a name: "Russian Foreign Minister" in "said Russian
    Foreign Minister Sergey Lavrov", "People's Commissar for Foreign Affairs of the USSR",
    "министр иностранных дел РФ" in "заявил министр иностранных дел РФ Сергей Лавров"."""
    window = text[max(0, start - 160):start]
    if is_cyrillic(window[-40:]):
        m = ru_title_pattern().search(window)
        return m.group(1) if m else None
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
        for full in resolver.full_names:
            for m in re.finditer(rf"(?<![\w-]){re.escape(full)}(?![\w-])", text):
                if not any(ts <= m.start() < te for ts, te in taken):
                    self.items.append((m.start(), m.end(), full, role_before(text, m.start())))
                    taken.append(m.span())
        for s, e, full in resolver.mentions(text):
            if any(ts <= s < te for ts, te in taken):
                continue
            self.items.append((s, e, full, role_before(text, s)))
        self.items.sort()


def _speech_hits(text: str, mentions: _Mentions) -> list[tuple[int, str, str | None]]:
    """(position, name, role) for each mention attached to a verb of saying."""
    verbs, ru_verbs = _verbs(), _ru_verbs()
    hits = []
    for s, e, name, role in mentions.items:
        after = text[e:e + 140]
        before = text[max(0, s - 120):s]
        if (re.match(rf"(?:'s)?(?:,\s*{_APPOSITIVE},|{_AFFILIATION})(?:,?\s+who)?{_ADVERB}\s+(?:{verbs})\b", after)
                # "…," said X / «…», — заявил X / , noted X
                or re.search(rf"(?:[”\"»']\s*,?|,)\s*[-–—]?\s*(?:{verbs})\s+(?:[\w’'.-]+\s+){{0,6}}$", before)
                # Об этом заявил РИА Новости замминистра иностранных дел РФ X
                or re.search(rf"\b(?:{ru_verbs})\s+(?:[^,.!?;:«»\"“”]|«[^»]{{1,40}}»){{0,90}}$", before)
                or re.search(rf"\b(?:{_ACCORDING})\s+(?:[\w’'.-]+\s+){{0,5}}$", before)
                # "Name:" introducing a quote, a transcript turn "Vladimir Putin: Good afternoon"
                or re.match(r"\s*:\s*$", after[:3]) or re.match(r",[^,:]{3,80}:\s*$", after)
                or (s == 0 and re.match(r"\s*:\s+\S", after))):
            hits.append((s, name, role))
    return hits


def _sentence_subject(text: str, mentions: _Mentions, pos: int) -> str | None:
    """The first person named in the last sentence before ``pos`` that names anyone."""
    starts = [0] + [m.end() for m in re.finditer(r"[.!?…]\s+", text[:pos])]
    for begin in reversed(starts):
        named = [name for s, _, name, _ in mentions.items if begin <= s < pos]
        if named:
            return named[0]
        pos = begin
    return None


def _role_holder(phrase: str, candidates: list[str], roles_of: dict[str, set[str]]) -> str | None:
    """The candidate whose known role shares most words with a role noun ("the Belarusian
    leader" -> the one whose role says "Belarusian"); the latest of equals; None if none."""
    words = {st for w in phrase.split() if w.lower() not in _ROLE_STOPWORDS for st in stems(w)}
    best, score = None, 0
    for name in candidates:
        overlap = len(words & roles_of.get(name, set()))
        if overlap and overlap >= score:
            best, score = name, overlap
    return best


def _continuation_hits(text: str, mentions: _Mentions, last_subject: str | None,
                       last_speaker: str | None, speakers: set[str], earlier_people: list[str],
                       roles_of: dict[str, set[str]]) -> list[tuple[int, str, str | None]]:
    """Speech by someone named earlier: "He stressed", "Она отметила", "the minister said".

    After a quote ("…," he stressed) a pronoun is the speaker of the quote; elsewhere it is the
    subject of the last sentence naming someone (in this paragraph, else an earlier one);
    "the minister" / "the diplomat" is the last person who spoke.
    """
    verbs = _verbs()
    hits = []
    for m in re.finditer(rf"(?:^|(?<=[.!?…:;]\s)|(?<=[”\"»],\s)|(?<=[”\"»]\s))(?:(?P<pron>{_PRONOUNS})|(?P<noun>{_ROLE_NOUNS}))"
                         rf"(?:,\s*[^,]{{3,40}},)?{_ADVERB}\s+(?:{verbs})\b"
                         # "In her speech at the conference, the foreign minister stressed"
                         rf"|(?<=,\s)(?P<noun2>{_ROLE_NOUNS})"
                         rf"(?:,\s*[^,]{{3,40}},)?{_ADVERB}\s+(?:{verbs})\b", text):
        after_quote = re.search(r"[”\"»],?\s*$", text[:m.start()])
        noun = m.group("noun") or m.group("noun2")
        if noun and not after_quote:
            seen = earlier_people + [name for s, _, name, _ in mentions.items if s < m.start()]
            spoke = [name for name in seen if name in speakers]
            name = (_role_holder(noun, seen, roles_of) or (spoke[-1] if spoke else last_speaker)
                    or _sentence_subject(text, mentions, m.start()) or last_subject)
        elif after_quote:
            spoke = [name for s, _, name, _ in mentions.items if s < m.start() and name in speakers]
            name = spoke[-1] if spoke else last_speaker
        else:
            name = _sentence_subject(text, mentions, m.start()) or last_subject
        if name:
            hits.append((m.start(), name, None))
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

    # every role each person is known by (in this text or the authority), for "the minister"
    roles_of: dict[str, set[str]] = {}
    for name in people:
        for role in (doc_roles.get(name), _authority_role(name)):
            roles_of.setdefault(name, set()).update(
                st for w in (role or "").split() if w.lower() not in _ROLE_STOPWORDS for st in stems(w))
    earlier_people: list[str] = []

    def add(name: str, role: str | None):
        sp = speakers.setdefault(name, Speaker(name=name, role=None))
        if not role or len(role.split()) < 2:
            role = doc_roles.get(name) or role
        if role and (not sp.role or len(sp.role.split()) < 2 <= len(role.split())):
            sp.role = role

    turn_speaker: str | None = None  # whose turn it is in a transcript
    last_subject: str | None = None  # subject of the last sentence naming someone, for "he said"
    opener = _statement_author(paragraphs, resolver)
    if opener:
        add(*opener)
        last_speaker = opener[0]

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
        continued = _continuation_hits(text, mentions, last_subject, hits[-1][1] if hits else last_speaker,
                                       set(speakers), earlier_people, roles_of)
        for _, name, _role in continued:
            add(name, None)
        hits = sorted(hits + continued)
        last_subject = _sentence_subject(text, mentions, len(text)) or last_subject
        earlier_people.extend(name for _, _, name, _ in mentions.items)
        spans = _quote_spans(text)
        # transcripts: "Vladimir Putin: Good afternoon…" opens a turn that runs on through the
        # following unattributed paragraphs until the next "Name:"
        turn = _TURN.match(text)
        if turn and hits and hits[0][0] == 0:
            turn_speaker = hits[0][1]
            quotes.append(Quote(text=turn.group(1), speaker=turn_speaker, paragraph=p.id))
            last_speaker = turn_speaker
            continue
        if turn_speaker and not hits and not spans:
            quotes.append(Quote(text=text, speaker=turn_speaker, paragraph=p.id))
            continue
        for qs, qe, qtext in spans:
            speaker = _nearest(hits, qs, qe)
            if speaker is None and (intro_speaker or _PRONOUN.search(text[qe:qe + 40])
                                    or re.search(r"\b(?:According to|he|she)\b", text[qe:qe + 60])):
                speaker = intro_speaker or last_speaker
            if speaker is None and qs == 0 and len(qtext) > 0.8 * len(text) and last_speaker:
                speaker = intro_speaker
            if speaker and _is_quotation(qtext):
                # the comma before the closing mark belongs to the reporting sentence
                quotes.append(Quote(text=qtext.rstrip(" ,;"), speaker=speaker, paragraph=p.id))
        if hits:
            last_speaker = hits[-1][1]
        intro_speaker = None
    return list(speakers.values()), quotes


def _authority_role(name: str) -> str | None:
    hit = people_authority().get(name.casefold())
    return hit[1] if hit else None


def _statement_author(paragraphs: list[Paragraph], resolver: PeopleResolver) -> tuple[str, str | None] | None:
    """The speaker of a document whose opening line says whose words it carries: "Statement
    by …", "Комментарий официального представителя МИД России М.В.Захаровой" (markers in
    authority/speech_verbs.json)."""
    if not paragraphs:
        return None
    first = paragraphs[0].text
    markers = speech_verbs().get("statement_openers", [])
    possessives = speech_verbs().get("statement_possessives", [])
    if len(first) > 300 or not (any(first.startswith(m) for m in markers)
                                or any(m in first for m in possessives)):
        return None
    items = _Mentions(first, resolver).items
    return (items[0][2], items[0][3]) if items else None


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

