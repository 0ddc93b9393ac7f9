"""Who each sentence of a paragraph is about, for a later "he said": its subject, and for a
sentence led by "He"/"She" the person that pronoun goes on from (the chain "Trump never mentioned
Clinton. ¶ He nodded to his finish behind Ted Cruz. ¶ “…,” he said." is Trump's, not Cruz's)."""

from __future__ import annotations

import re
from functools import lru_cache

from eurasec_archive.extract.quotes import inside
from eurasec_archive.extract.speaker_document import SpeakerDocument, compatible
from eurasec_archive.extract.speaker_names import sentences

# "He …", "But she …", "On Sunday, he …": an opening phrase up to a comma, naming no one, may come first
_OPENING = r"(?:[^,.;:“”\"A-Z]{0,40}(?:[A-Z][\w-]*[^,.;:“”\"A-Z]{0,30}){0,4},\s+)"
OPENING_PHRASE = re.compile(r"\s*(?:(?:But|And|Yet|So|Still|Then|Now|Later|Instead|Also)\s+)?" + _OPENING + "?")
_PRONOUN_LEAD = re.compile(
    r"\s*[\"“‘']?(?:(?:But|And|Yet|So|Still|Then|Now|Later|Instead|Also)\s+)?"
    + _OPENING + r"?(?P<pronoun>[Hh]e|[Ss]he)\b(?!['’])")

_SUBJECT_PRONOUN = re.compile(r"\b(?P<pronoun>[Hh]e|[Ss]he)\b(?!['’])")


def sentence_leads(text: str, subjects: list[tuple[int, str]], doc: SpeakerDocument,
                   before: list[str], spans=None) -> list[str | None]:
    """For each sentence of ``text``, the person it is about: the first person named in it, or,
    when it opens with "He"/"She", the latest person about whom an earlier sentence (of this
    paragraph, else ``before``, the people the paragraphs before were about, latest first) was
    and whose known gender is the pronoun's; ``None`` when there is no such person."""
    leads: list[str | None] = []
    for s0, s1 in sentences(text):
        m = _PRONOUN_LEAD.match(text, s0) if pronoun_led(text, s0) else None
        first = next((s for s, n in subjects if s0 <= s < s1), s1)
        if not m and spans is not None:
            # "The campaign was the first time she had been involved, and she doubts Clinton …": the "she"
            # before the sentence's first name is whom it is about
            m = next((x for x in _SUBJECT_PRONOUN.finditer(text, s0, first) if not inside(spans, x.start())), None)
        if m and any(s0 <= s < m.start("pronoun") for s, _ in subjects):
            leads.append(None)  # "Along with Bush and Powell, he exposed …": about "he", who is not said
            continue
        if m:
            gender = "m" if m.group("pronoun").lower() == "he" else "f"
            chain = [n for n in reversed(leads) if n] + before
            # the person just spoken of, when nothing says they cannot be the pronoun; else one known to fit
            fits = chain[:1] if chain and compatible(doc, chain[0], gender) else [n for n in chain if doc.gender_of(n) == gender]
            leads.append(fits[0] if fits else None)
            continue
        leads.append(next((n for s, n in subjects if s0 <= s < s1), None))
    return leads


def lead_before(text: str, leads: list[str | None], pos: int, gender: str | None, doc: SpeakerDocument) -> str | None:
    """The person the latest sentence before ``pos`` is about whom a pronoun of ``gender`` can stand for."""
    return next((n for (s0, _), n in reversed(list(zip(sentences(text), leads, strict=True)))
                 if s0 < pos and n and compatible(doc, n, gender)), None)


def recent_voice(voices: list[tuple[int, str]], index: int, gender: str | None, doc: SpeakerDocument) -> str | None:
    """The latest speaker of the last three paragraphs (``voices``: paragraph index, speaker) whose
    known gender is the pronoun's, passing over later ones it cannot be."""
    return next((n for k, n in reversed(voices) if index - k <= 3 and gender and doc.gender_of(n) == gender), None)


_LEAD_IN = re.compile(r"\s*[\"“‘']?")
_LEAD_STOP = re.compile(r"[.;:“”\"]")  # no part of _PRONOUN_LEAD before its pronoun holds one


@lru_cache(maxsize=16_384)
def pronoun_led(text: str, start: int) -> bool:
    """The sentence at ``start`` opens with "He"/"She" as its subject."""
    # first the condition every match meets: a he/she before the first stop of the sentence
    # (the opening phrase's nested repeats backtrack long where there is none: 1.4 of the 2.9 ms
    # per document the speaker rules took on the bench corpus)
    at = _LEAD_IN.match(text, start).end()
    if not text.startswith(("He", "he", "She", "she"), at):
        stop = _LEAD_STOP.search(text, at)
        found = _SUBJECT_PRONOUN.search(text, at, stop.start() if stop else len(text))
        if found is None:
            return False
    return bool(_PRONOUN_LEAD.match(text, start))


def narrative_subject(text: str, qs: int, qe: int, subjects, spans, leads, owned) -> str | None:
    """'Okonkwo welcomed the “long overdue decision”': a partial quotation inside a sentence
    that opens with one named person, with no verb of saying, is that person's words (its quote gets
    the name; the name alone makes no speaker). Not when another person is named in the sentence
    or the quotation ends it as a full sentence of its own."""
    s0, s1 = next(((a, b) for a, b in sentences(text) if a <= qs < b), (None, None))
    if s0 is None:
        return None
    if pronoun_led(text, s0) and not any(s0 <= a < qs for a, _, _ in spans if a != qs) and not (
            qe >= s1 - 1 and text[s0:qs].rstrip().endswith(",")):
        # "He anticipated that the hardest task would be “…”", "He returned to his lines: “…”": whom "He" goes on from
        return dict(zip(sentences(text), leads, strict=True)).get((s0, s1))
    if qe >= s1 - 1 and text[s0:qs].rstrip().endswith((":", ",")):
        return None
    named = [(s, n) for s, n in subjects if s0 <= s < s1]
    owners = [(s, n) for s, n in owned if s0 <= s < qs]
    if (not named and len({n for _, n in owners}) == 1 and not text[s0:owners[0][0]].strip()
            and not any(s0 <= a < qs for a, _, _ in spans if a != qs)):
        return owners[0][1]  # "Bill Clinton’s stock answer then — “…” —": the owner's words
    if len(named) != 1 or named[0][0] >= qs or len({n for _, n in named}) != 1:
        return None
    lead = text[s0:named[0][0]]
    if (lead.strip() and not OPENING_PHRASE.fullmatch(lead)) or any(s0 <= a < qs for a, _, _ in spans if a != qs):
        return None
    return named[0][1]


def lead_voice(text: str, qs: int, qe: int, leads, subjects, spoke: set[str]) -> str | None:
    """'Bolton distanced himself from the movement by saying he would serve. “I’m going to support him.”':
    a quotation that is a sentence of its own goes on from the sentence just before it when that sentence
    is about someone already reported speaking and names no one else."""
    bounds = sentences(text)
    k = next((i for i, (a, b) in enumerate(bounds) if a <= qs < b), None)
    if not k or qs - bounds[k][0] > 1 or qe < bounds[k][1] - 1:
        return None
    lead = leads[k - 1]
    a, b = bounds[k - 1]
    if not lead or lead not in spoke or any(a <= s < b and n != lead for s, n in subjects):
        return None
    return lead
