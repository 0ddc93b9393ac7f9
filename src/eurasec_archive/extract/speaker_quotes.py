"""Which speaker a quotation of one paragraph belongs to: the cue of its own sentence, the voice
of the quotation before it, inserts that split a pair of marks, Russian speech closed by its cue.
Pure functions of a paragraph's text, its quotation spans and the cues resolved in it (speakers.py)."""

from __future__ import annotations

import re
from functools import cache

from eurasec_archive.authorities import speech_verbs
from eurasec_archive.extract.attribution import Cue, speech_verb
from eurasec_archive.extract.russian import is_cyrillic
from eurasec_archive.extract.speaker_names import NAME_RUN, sentences
from eurasec_archive.extract.speaker_salience import pronoun_led
from eurasec_archive.models import Quote

_CLOSING_DASH = re.compile(r"[,.!?…]?\s+[-–—]\s*$")


def unmarked_speech(text: str, spans, hits) -> tuple[str, str, str] | None:
    """Russian speech printed without quotation marks and closed by its cue: "Там его видение …
    — сказала Варвара Визбор." / "… — рассказала певица." -> (words, speaker, verb)."""
    if spans or not hits:
        return None
    _, name, cue = hits[-1]
    closing = _CLOSING_DASH.search(text, 0, cue.pos)
    words = text[:closing.start()].strip() if closing else ""
    tail = text[cue.source_pos + len(cue.source):]
    ends = not tail.strip() or tail.rstrip().endswith((".", "!", "…"))
    if not (closing and is_cyrillic(cue.verb) and len(words.split()) >= 5 and len(tail.split()) <= 2 and ends):
        return None
    return words, name, cue.verb


def all_quoted(text: str, spans) -> bool:
    """Whether the paragraph is quotation from end to end, with no words of the reporter's."""
    cuts = [0] + [x for qs, qe, _ in spans for x in (qs, qe)] + [len(text)]
    return not any(re.search(r"\w", text[cuts[k]:cuts[k + 1]]) for k in range(0, len(cuts), 2))


def other_named(text: str, subjects, speaker: str, start: int, end: int) -> bool:
    """Whether a sentence after the one holding ``start`` and before ``end`` opens with someone
    other than ``speaker`` ("…,” said Ann Lee. Tom Hart shook his head. “…”); the attribution's
    own sentence may name others ("told Fox News host Sean Hannity"), and so may a later one
    as its object ("Roloson supports Hillary Clinton")."""
    after = next((e for s0, e in sentences(text) if s0 <= start < e), start)
    leads = {next((s for s, _ in subjects if s0 <= s < min(s1, s0 + 12)), None)
             for s0, s1 in sentences(text) if after <= s0 < end}
    return any(s in leads and n != speaker for s, n in subjects)


def same_voice(text: str, quotes: list[Quote], pid: str, gap_start: int, qs: int, hits, subjects) -> tuple[str | None, str | None]:
    """'“A,” Ms. Tanzer said. “B.”': a quotation that follows another one of the same paragraph
    goes on in its speaker's voice when only that speaker is named or cued between the two."""
    prev = quotes[-1] if quotes and quotes[-1].paragraph == pid and quotes[-1].direct else None
    if not prev:
        # '“It’s fine,” Trump said. “And much tougher …”': the quotation before was too short to be
        # kept, but the one cue between the two names who goes on speaking
        cued = {(n, cue.verb) for pos, n, cue in hits if gap_start <= pos < qs}
        if len(cued) != 1 or len({n for n, _ in cued}) != 1:
            return None, None
        name, verb = next(iter(cued))
        return (None, None) if other_named(text, subjects, name, gap_start, qs) else (name, verb)
    if not prev.speaker:
        return None, None
    if other_named(text, subjects, prev.speaker, gap_start, qs) or any(
            gap_start <= pos < qs and n != prev.speaker for pos, n, _ in hits):
        return None, None
    return prev.speaker, prev.cue


def latest_subject(text: str, named: list[tuple[int, str]]) -> str:
    """The subject (leftmost name) of the latest sentence that names someone, rather than its
    object ("Howard endorsed Sen. Ted Cruz. He said …": Howard)."""
    last = max(s0 for s0, _ in sentences(text) if s0 <= named[-1][0])
    return next(n for s, n in named if s >= last)


def split_inserts(text: str, spans, cues):
    """«…, - заявил Сергей Лавров. - …»: the reporter's words inside one pair of marks split it
    into two quotations, and their cue stands outside both."""
    out, split = list(spans), set()
    for c in cues:
        for k, (qs, qe, _) in enumerate(out):
            if not qs < c.pos < qe:
                continue
            dash = re.search(r"[,.!?…]\s*([-–—])\s*$", text[max(qs, c.pos - 6):c.pos])
            if not dash:
                break
            start = max(qs, c.pos - 6) + dash.start(1)
            close = re.search(r"[.,:]\s*[-–—]\s*", text[c.pos:qe])
            end = c.pos + close.end() if close else qe - 1
            parts = [(qs, start, text[qs + 1:start].strip(" ,")), (end, qe, text[end:qe - 1].strip())]
            out[k:k + 1] = parts
            split.update(x[0] for x in parts)
            break
    return sorted(x for x in out if x[2]), split


# '“Hamilton” to play Chicago,' by Variety's Gordon Cox: "…": an article's author before its excerpt
_BYLINE = re.compile(r"\bby\s+(?:(?:[A-Z][\w.&-]*\s+)*[A-Z][\w.&-]*['’]s?\s+)?$")


def quote_speaker(text: str, qs: int, qe: int, hits, subjects=(), leads=None) -> tuple[str | None, str | None]:
    """The cue in the quotation's own sentence nearest to it (within the paragraph); else the
    person the sentence opens with, when it speaks ("Lavrov voiced concern … and accused
    members of 'prolonging the conflict'")."""
    bounds = sentences(text)
    mine = [(s, e) for s, e in bounds if s <= qe and e >= qs]
    lo = min(s for s, _ in mine) if mine else qs
    hi = max(e for _, e in mine) if mine else qe
    best, dist = (None, None), 10**9
    for pos, name, cue in hits:
        if not lo <= pos <= hi + 1:
            continue
        d = pos - qe if pos >= qe else qs - pos
        if d < dist:
            best, dist = (name, cue.verb), d
    if best[0] is None and mine:
        verb = speech_verb(text[lo:qs])
        if not verb:
            spoken = _speaking_subject(text, lo, qs, subjects)
            if spoken[0]:
                return spoken
        verb = verb or (":" if text[lo:qs].rstrip().endswith(":") else None)
        vpos = text.find(verb, lo, qs) if verb and verb != ":" else qs
        while verb and verb != ":" and vpos >= lo and (later := speech_verb(text[vpos + len(verb):qs])):
            # the verb nearest the quotation: "When asked whom she supported, Ms. Sherry smiled and said, “…”"
            nxt = text.find(later, vpos + len(verb), qs)
            if nxt <= vpos:
                break
            verb, vpos = later, nxt
        first = [n for s, n in subjects if lo <= s < vpos  # the subject stands before its verb
                 and not (verb == ":" and _BYLINE.search(text[lo:s]))]
        if first and verb and leads is not None and pronoun_led(text, lo):
            # "Eight years ago, he backed Obama over Clinton and said, “Hillary Clinton …”": the names
            # are the pronoun's objects; the words are whom "he" goes on from
            return dict(zip(bounds, leads, strict=True)).get(mine[0], None), verb
        if first and verb:
            return first[0], verb  # "Марк Тоунер … выступил со специальным заявлением: «…»"
    return best


@cache
def _subject_speaks_pattern() -> re.Pattern:
    words = sorted(speech_verbs().get("en_subject_speaks", []), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + r")(?![\w-])")


def _speaking_subject(text: str, lo: int, qs: int, subjects) -> tuple[str | None, str | None]:
    """'Trump shot back in a statement, saying he’s “…”', 'On Monday, Romney went after him,
    calling it “…”': the person the sentence opens with, by a word that makes the quotation after
    it that person's words (authority/speech_verbs.json en_subject_speaks). None when the subject is two people ("Trump and Ryan issued a statement describing")
    or is not where the sentence starts."""
    head = re.sub(r"“[^”]*”|\"[^\"]*\"|''(?:(?!'').)*''", lambda m: "_" * len(m.group(0)), text[lo:qs])
    m = _subject_speaks_pattern().search(head)
    if not m:
        return None, None
    named = [(s, n) for s, n in subjects if lo <= s < lo + m.start()]
    if not named:
        return None, None
    s, name = named[0]
    opening = text[lo:s]
    run = NAME_RUN.match(text, s)
    after = text[run.end():run.end() + 5] if run else ""
    if ((len(opening.split()) > 5 and not opening.rstrip().endswith(",")) or re.match(r"\s+(?:and|or|&)\s", after)
            or re.search(r"\b(?:and|or|&)\s+(?:\S+\s+){0,2}$", opening)):
        return None, None
    # "…, with Gorka noting": a person named right before the gerund is its own subject
    s2, near = named[-1]
    run2 = NAME_RUN.match(text, s2)
    if run2 and not text[run2.end():lo + m.start()].strip():
        name = near
    return name, m.group(0)


# "He also issued a statement on the subject, saying, “…”" / "He then adopted a fake accent and joked, “…”"
_PRONOUN_LEAD = re.compile(r"(?:(?:But|And|Yet|Then|Later|Still|So),?\s+)?(?P<src>He|She)\s")


def pronoun_subject_cues(text: str, cues: list[Cue]) -> list[Cue]:
    """Cues for sentences that open with "He" or "She" and report that person's words further on,
    by a gerund of saying after a comma (", saying", ", writing") or a verb of saying joined by "and"
    ("… and joked, “…”"), with no cue of their own: the pronoun is the source, resolved like "he said"."""
    out = []
    gerunds = _subject_speaks_pattern()
    for s0, s1 in sentences(text):
        m = _PRONOUN_LEAD.match(text, s0)
        opening = min([k for k in (text.find(c, s0, s1) for c in "“\"«") if k >= 0] + [s1])
        if not m or opening >= s1 or any(s0 <= c.pos < opening for c in cues):
            continue
        head = text[m.end():opening]
        verb = next((g for g in gerunds.finditer(head) if head[:g.start()].rstrip().endswith(",")), None)
        word = verb.group(0) if verb else None
        if verb is None:
            said = _patterns_and().search(head)
            verb, word = (said, said.group(1)) if said and speech_verb(said.group(1)) else (None, None)
        if verb is not None and not re.search(r"[.;!?]", head):
            src = m.group("src")
            out.append(Cue(m.end() + verb.start(), word, "pronoun", src.lower(), m.start("src"),
                           gender="m" if src == "He" else "f"))
    return out


@cache
def _patterns_and() -> re.Pattern:
    return re.compile(r"\band\s+(?:[a-z]+ly\s+)?([a-z]+)\s*,?\s*$")
