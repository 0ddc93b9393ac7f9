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
from functools import lru_cache

from eurasec_archive.authorities import speech_verbs
from eurasec_archive.extract.attribution import Cue, find_cues
from eurasec_archive.extract.people import PeopleResolver
from eurasec_archive.extract.quotes import QUESTION_TURN, inside, is_quotation, open_quote, quote_spans
from eurasec_archive.extract.russian import is_cyrillic
from eurasec_archive.extract.speaker_blocks import block_quote, statement_author
from eurasec_archive.extract.speaker_document import (
    Mentions,
    SpeakerDocument,
    compatible,
    named_subjects,
    noun_holder,
    possessors,
    surname_of,
    turn_of,
)
from eurasec_archive.extract.speaker_framed import framed_surname
from eurasec_archive.extract.speaker_gender import honorific_gender, namesake
from eurasec_archive.extract.speaker_names import NAME_RUN, person_part, repaired_marks, sentences
from eurasec_archive.extract.speaker_person import clean_speaker_name, first_name_gender, is_person_name
from eurasec_archive.extract.speaker_quotes import (
    all_quoted,
    latest_subject,
    other_named,
    pronoun_subject_cues,
    quote_speaker,
    same_voice,
    split_inserts,
    unmarked_speech,
)
from eurasec_archive.extract.speaker_roles import is_role, with_country
from eurasec_archive.extract.speaker_salience import (
    lead_before,
    lead_voice,
    narrative_subject,
    pronoun_led,
    recent_voice,
    sentence_leads,
)
from eurasec_archive.extract.speaker_things import reads_as_thing
from eurasec_archive.models import Paragraph, Quote, Speaker

_PRONOUN = re.compile(r"\b(?:he|she|they|он|она)\b", re.IGNORECASE)
_INTRO_LINE = re.compile(r"^(?P<name>[^,:]{3,60}),\s*(?P<role>[^:]{3,120}):$")


def extract_speakers_and_quotes(
    paragraphs: list[Paragraph], people: list[str], broad: frozenset[str] = frozenset()
) -> tuple[list[Speaker], list[Quote]]:
    """Speakers (with their stated role) and quotes (with speaker, paragraph id, cue verb,
    direct or reported); epigraphs are quoted but make no speaker of the document. A person of
    ``broad`` (names only a broad reading of given names took) speaks only when a cue names them."""
    resolver = PeopleResolver(people)
    doc = SpeakerDocument(paragraphs, people)
    speakers: dict[str, Speaker] = {}
    quotes: list[Quote] = []

    # the fullest role the document gives each person anywhere ("its Foreign Minister,
    # Choe Son-hui"), for speakers whose attribution says only "Minister Choe"
    doc_roles: dict[str, str] = {}
    for p in paragraphs:
        for text in (p.text, p.attribution or ""):
            for s, _, name, role in Mentions(text, resolver).items:
                role = with_country(text, text.rfind(role, 0, s + 1) if role else s, role)
                if role and len(role) > len(doc_roles.get(name, "")):
                    doc_roles[name] = role
    doc.roles = doc_roles

    belief = frozenset(speech_verbs().get("en_belief", []) + speech_verbs().get("en_subject_speaks", []))
    spoke: set[str] = set()  # who is reported saying something, not only believing it
    cue_named: set[str] = set()  # whom a cue names (not only a pronoun or role noun)
    worded: set[str] = set()  # full names whose surname, a word, a bare cue read as theirs ("Don Guardian")

    def add(name: str, role: str | None, verb: str | None = None, speaks: bool = True):
        if speaks and verb not in belief:
            spoke.add(name)
        sp = speakers.setdefault(name, Speaker(name=name, role=None))
        if not is_role(role) or len((role or "").split()) < 2:
            known = doc_roles.get(name)
            role = (known if is_role(known) else None) or (role if is_role(role) else None)
        if role and (not sp.role or len(sp.role.split()) < 2 <= len(role.split())):
            sp.role = role
            doc_roles.setdefault(name, role)

    recent: list[str] = []  # people named so far, in reading order
    last_speaker: str | None = None
    since_speaker = 99  # paragraphs since the last speaker spoke
    continuing: str | None = None  # speaker of a quote left open in the previous paragraph
    closing_voice: str | None = None  # speaker of the quotation the previous paragraph ended with
    intro_speaker: str | None = None  # "Name, Role:" line announcing the next paragraph
    turn_speaker: str | None = None  # whose turn it is in a transcript
    colon_speaker: str | None = None  # "…, Lavrov said:" before a quote paragraph
    introduced: list[str] = []  # whom the previous paragraph was about (latest first), when nobody spoke in it
    narrated: list[tuple[Quote, str]] = []  # partial quotations in a sentence about one named person
    owned: list[tuple[int, str]] = []  # owners named by the previous paragraph, when it named no one else
    about_one: str | None = None  # the one speaker every sentence of a paragraph with no cue and no quotation is about
    opener = statement_author(paragraphs, resolver)
    if opener:
        add(*opener)
        last_speaker = opener[0]

    topics: list[str] = []  # whom the latest paragraphs were about, latest first
    voices: list[tuple[int, str]] = []  # (paragraph index, speaker) of every cue read, in order
    for index, p in enumerate(paragraphs):
        voice, closing_voice = closing_voice, None
        about, about_one = about_one, None
        if p.kind in ("heading", "table", "footnote", "list"):
            intro_speaker = continuing = colon_speaker = None
            continue
        if p.kind in ("quote", "epigraph"):
            quotes.append(block_quote(p, resolver, add))
            if quotes[-1].speaker and not quotes[-1].epigraph:
                last_speaker, since_speaker = quotes[-1].speaker, 0
            continue

        text = repaired_marks(p.text)
        intro = _INTRO_LINE.match(text)
        # ("Sergey Lavrov, Russian Foreign Minister:": the caption's first part is a name and nothing else)
        if intro and person_part(intro.group("name"))[0] and NAME_RUN.fullmatch(intro.group("name").strip()):
            full = resolver.resolve(intro.group("name")) or doc.resolve(person_part(intro.group("name"))[0], True, recent)
            if full and is_role(intro.group("role")):
                add(full, intro.group("role").strip())
                intro_speaker = last_speaker = full
                since_speaker = 0
                continue

        spans = quote_spans(text)
        since_speaker += 1
        # transcripts: "PENCE: Well, look…" opens a turn that runs on through the following
        # unattributed paragraphs until the next "Name:"; a question turn is nobody's quote
        if QUESTION_TURN.match(text):
            turn_speaker = None
            continue
        turn = turn_of(text)
        if turn:
            who = turn.group("who").strip()
            name = None
            if who.isupper():
                name = doc.resolve(who.title(), False, recent)
            else:
                cand, titled, _ = person_part(who)
                name = cand and (resolver.resolve(cand) if cand in doc.persons or len(cand.split()) == 1 else None)
            if name and (name in doc.full or name in doc.persons):
                turn_speaker = name
                add(name, None)
                quotes.append(Quote(text=turn.group("said"), speaker=name, paragraph=p.id, cue=":", direct=True))
                last_speaker, since_speaker = name, 0
                recent.append(name)
                continue
        cues = doc.cues.get(p.id) or find_cues(text)
        cues = sorted(cues + pronoun_subject_cues(text, cues), key=lambda c: c.pos)
        spans, split = split_inserts(text, spans, cues)
        # ("As China builds islands in the South China Sea, a strategic waterway, …, he said": no one he can be)
        subjects = [(s, n) for s, n in named_subjects(text, spans, doc, recent) if _a_person(n)]
        cues = [c for c in cues if not inside(spans, c.pos) and not inside(spans, c.source_pos)]
        leads = sentence_leads(text, subjects, doc, topics, spans)
        hits: list[tuple[int, str, Cue]] = []
        outer: list[tuple[int, str, Cue]] = []  # the hits not inside another person's reported words
        guessed: set[str] = set()  # whom a pronoun reached only by the last resort: their quotes, no speaker
        for c in cues:
            before = [n for s, n in subjects if s < c.source_pos]
            name, quiet = None, False
            if c.kind == "name":
                titled = c.titled or framed_surname(text, c.source, c.source_pos, c.pos, c.verb, doc.lower)
                name = (doc.named_in_full(c.source, index) if c.bare
                        else doc.resolve(c.source, titled, recent + before, honorific_gender(c.role)))
                if c.bare and name and first_name_gender(name):
                    worded.add(name)  # "Don Guardian", read alone as "said Guardian, who …": a person
                if name:
                    doc.persons.add(name)
                    cue_named.add(name)
                if name and c.gender:
                    doc.gender.setdefault(surname_of(name), c.gender)
            elif c.kind == "pronoun":
                sentence_start = max([s for s, _ in sentences(text) if s <= c.pos], default=0)
                # the sentence's own subject, not a name inside or after its quotation
                opened = min([qs for qs, _, _ in spans if qs >= sentence_start] + [c.source_pos])
                here = [n for s, n in subjects if sentence_start <= s < opened and compatible(doc, n, c.gender)]
                earlier = [(s, n) for s, n in subjects if s < sentence_start and compatible(doc, n, c.gender)]
                if not here and not earlier and not hits:
                    # nobody named here fits: a surname alone read as the namesake the pronoun cannot be
                    # is the one it can ("Clinton announced … ‘…,’ she said" after Bill and Hillary Clinton)
                    fitted = [(s, namesake(text, s, n, c.gender, doc.full, doc.gender_of)) for s, n in subjects]
                    here = [n for s, n in fitted if sentence_start <= s < opened and compatible(doc, n, c.gender)]
                    earlier = [(s, n) for s, n in fitted if s < sentence_start and compatible(doc, n, c.gender)]
                if here:
                    name = here[0]
                elif outer and compatible(doc, outer[-1][1], c.gender):
                    # the latest reporter, not one reported inside their words ("pointing out that X had reported")
                    name = outer[-1][1]
                elif earlier:
                    # the latest sentence before about someone the pronoun can be, a "He …" of its own included
                    name = lead_before(text, leads, sentence_start, c.gender, doc) or latest_subject(text, earlier)
                elif any(compatible(doc, n, c.gender) for n in introduced):
                    # "Ed Rendell, one of Clinton's supporters, was resolute. ¶ “…,” he said."; a later
                    # sentence led by a name the pronoun cannot be ("… Justin Timberlake posters") is passed over
                    name = next(n for n in introduced if compatible(doc, n, c.gender))
                elif len(owners := {n for s, n in possessors(text, spans, doc, recent) + owned
                                    if s < c.source_pos and compatible(doc, n, c.gender)}) == 1:
                    # "Carson’s renewed endorsement came with caveats. He may add …, he said": the one owner named
                    name = owners.pop()
                elif last_speaker and since_speaker <= 3 and compatible(doc, last_speaker, c.gender):
                    name = last_speaker
                elif voice_of := recent_voice(voices, index, c.gender, doc):
                    # "She disclosed that … Bill Clinton called her …" ¶ "“…,” she said": the latest speaker
                    # of the pronoun's known gender, passing over the last one it cannot be
                    name = voice_of
                else:  # the latest person named before, of the pronoun's known gender
                    latest = list(dict.fromkeys(reversed(recent)))
                    name = next((n for n in latest[:1] if doc.gender_of(n) == c.gender), None)
                    # among the last three, the quotation is theirs but it makes no speaker
                    name = name or next((n for n in latest[1:3] if doc.gender_of(n) == c.gender), None)
                    quiet = name is not None and name not in latest[:1]
                if name and c.gender:
                    doc.gender.setdefault(surname_of(name), c.gender)
            else:  # "the senator said"
                name, national = noun_holder(c.source, recent + before, doc)
                if not name and not national and is_cyrillic(c.source):
                    # «как отметил тренер»: the person just named; in English a role no one named
                    # here holds ("the former pollster said") is left unattributed (PolNeAR train)
                    prior = [(s, n) for s, n in subjects if s < c.source_pos]
                    name = (latest_subject(text, prior) if prior else None) or (
                        last_speaker if since_speaker <= 2 else None)
            if not name or not (_a_person(name) or name in worded):
                continue  # ("Hampshire Republican said", "Outside Carrier's plant, …": no one to go on from)
            guessed |= {name} if quiet else set()
            add(name, with_country(text, c.source_pos, c.role) if c.kind == "name" else None, c.verb, speaks=not quiet)
            hits.append((c.pos if c.kind != "name" else min(c.pos, c.source_pos), name, c))
            nested = any(h[2].content and h[2].content[0] <= c.source_pos < h[2].content[1] and h[1] != name
                         for h in hits[:-1])
            outer += [] if nested else [hits[-1]]
            if c.content and not nested:
                quotes.append(Quote(text=text[c.content[0]:c.content[1]].strip(" ,;"), speaker=name,
                                    paragraph=p.id, cue=c.verb, direct=False))
        # (a sentence led by "He"/"She" mentions again whom the pronoun goes on from)
        recent.extend(n for _, n in sorted(subjects + [(s0, n) for (s0, _), n in zip(sentences(text), leads, strict=True)
                                                       if n and pronoun_led(text, s0)]))
        owned = [(-1, n) for _, n in possessors(text, spans, doc, recent)] if not subjects and not hits else []
        # who the paragraph is about when nobody in it speaks: its last sentence's subject
        topics = list(dict.fromkeys([n for n in reversed(leads) if n] + [h[1] for h in reversed(hits)] + topics))[:4]
        introduced = list(dict.fromkeys(n for n in reversed(leads) if n)) if not hits else []
        about_one = introduced[0] if len(introduced) == 1 and all(len(q[2].split()) < 6 for q in spans) and introduced[0] in spoke else None

        unmarked = unmarked_speech(text, spans, hits)
        if unmarked:
            quotes.append(Quote(text=unmarked[0], speaker=unmarked[1], paragraph=p.id, cue=unmarked[2], direct=True))
        if turn_speaker and doc.turns >= 2 and not hits and not spans:
            quotes.append(Quote(text=text, speaker=turn_speaker, paragraph=p.id, cue=":", direct=True))
            continue
        if colon_speaker and colon_speaker[1] and not hits and not spans and is_quotation(text):
            # "Медведев сказал:" and the words themselves in the next paragraph, without marks
            quotes.append(Quote(text=text, speaker=colon_speaker[0], paragraph=p.id, cue=colon_speaker[1], direct=True))
            colon_speaker = None
            continue
        unclosed = open_quote(text, spans)
        # (a quotation left open holds the closed ones after its opening mark: they are not quoted apart)
        qspans = [x for x in spans if not unclosed or x[0] < unclosed[0]] + ([(unclosed[0], len(text), unclosed[1])] if unclosed else [])
        for k, (qs, qe, qtext) in enumerate(qspans):
            if not is_quotation(qtext) and not (qs in split and len(qtext.split()) >= 2):
                continue
            speaker, cue = quote_speaker(text, qs, qe, hits, subjects, leads)
            quiet = False  # the quotation is the person's, but no report of them speaking
            if speaker is None and k == 0 and qs <= 2:
                for fallback in (continuing, colon_speaker and (colon_speaker[1] or not cues) and colon_speaker[0],
                                 intro_speaker):
                    if fallback:
                        speaker, cue = fallback, None
                        quiet = fallback == (colon_speaker and colon_speaker[0]) and colon_speaker[1] is None
                        break
            near = min(hits, key=lambda h: abs(h[0] - qs), default=None)  # the one person cued, maybe twice
            if (speaker is None and len({h[1] for h in hits}) == 1 and abs(near[0] - qs) < 400
                    and not other_named(text, subjects, near[1], min(near[0], qe), max(near[0], qs))):
                speaker, cue = near[1], near[2].verb
            if speaker is None and k:
                speaker, cue = same_voice(text, quotes, p.id, qspans[k - 1][1], qs, hits, subjects)
            if speaker is None and (went_on := lead_voice(text, qs, qe, leads, subjects, spoke)):
                speaker, cue = went_on, None  # "Bolton distanced himself …. “I’m going to support him …”"
            # a paragraph of quotation only, after one that ended quoting someone, else after one all
            # about a speaker ("Viguerie is upbeat …, because he sees …" and then his words alone)
            if (speaker is None and k == 0 and (voice or about) and not hits and not subjects
                    and all_quoted(text, qspans) and len(qtext.split()) >= 6):
                speaker, cue = voice or about, None
            pronoun = _PRONOUN.search(text[qe:qe + 40])
            gender = {"he": "m", "он": "m", "she": "f", "она": "f"}.get(pronoun.group(0).casefold()) if pronoun else None
            # "…,” she said: the last speaker only when the pronoun can be theirs (not "they", not a man for "she")
            if speaker is None and (intro_speaker or (gender and last_speaker and compatible(doc, last_speaker, gender))):
                speaker, cue = intro_speaker or last_speaker, None
            if speaker:
                add(speaker, None, cue, speaks=not quiet and speaker not in guessed)
            # no confident speaker: the quotation is kept, unattributed, rather than given a guess
            quotes.append(Quote(text=qtext.rstrip(" ,;"), speaker=speaker, paragraph=p.id,
                                cue=cue if speaker else None, direct=True))
            narrator = None if speaker or is_cyrillic(text) else narrative_subject(
                text, qs, qe, subjects, spans, leads, possessors(text, spans, doc, recent))
            if narrator:
                narrated.append((quotes[-1], narrator))
        continuing = None
        if unclosed:
            q = [x for x in quotes if x.paragraph == p.id and x.direct and x.speaker]
            continuing = q[-1].speaker if q else None
        ending = [x for x in quotes if x.paragraph == p.id and x.direct]
        if qspans and ending and ending[-1].speaker and qspans[-1][0] >= sentences(text)[-1][0]:
            closing_voice = ending[-1].speaker
        elif not ending and hits and hits[-1][0] >= sentences(text)[-1][0] and all(
                n == hits[-1][1] for s, n in subjects if s >= sentences(text)[-1][0]):
            closing_voice = hits[-1][1]  # "Carter said that …" and then a paragraph of his words alone
        elif (hits and leads[-1] == hits[-1][1] and pronoun_led(text, sentences(text)[-1][0])
              and not any(qs >= sentences(text)[-1][0] for qs, _, _ in qspans)):
            closing_voice = hits[-1][1]  # "“…,” Trump added. He then had a question for the crowd." ¶ "“…?”"
        colon_speaker = (hits[-1][1], hits[-1][2].verb) if hits and text.rstrip().endswith(":") else None
        if not hits and not spans and text.rstrip().endswith(":") and len({n for s, n in subjects
                                                                           if s >= sentences(text)[-1][0]}) == 1:
            # "Republican nominee Donald Trump issued the following statement:" / "17-year-old Jared Potts
            # echoed:": the quotation below is the one person's the sentence names (no speaker by it alone)
            colon_speaker = (next(n for s, n in subjects if s >= sentences(text)[-1][0]), None)
        if hits:
            last_speaker, since_speaker = (outer or hits)[-1][1], 0
            voices.extend((index, h[1]) for h in hits)
        intro_speaker = None
    for q, name in narrated:  # given last, so that they carry on to no other quotation
        q.speaker = name
        add(name, None, None, speaks=False)  # the quotation is theirs; it makes no speaker
    return _merged(speakers, quotes, spoke - (broad - cue_named), worded)


@lru_cache(maxsize=65_536)
def _a_person(name: str) -> bool:
    """Whether ``name`` stays a person once cleaned (what `_merged` keeps)."""
    clean = clean_speaker_name(name)
    return is_person_name(clean) and not reads_as_thing(clean)


def _merged(speakers: dict[str, Speaker], quotes: list[Quote], spoke: set[str],
            worded: set[str] = frozenset()) -> tuple[list[Speaker], list[Quote]]:
    """Speakers under their cleaned names, one per name; quotes follow. Whoever is only reported
    believing ("X believes …", "concluded") keeps the quote but is no speaker."""
    out: dict[str, Speaker] = {}
    thinkers: set[str] = set()
    for name, sp in speakers.items():
        clean = clean_speaker_name(name)
        if not (_a_person(name) or name in worded):
            continue
        if name not in spoke:
            thinkers.add(clean)
            continue
        kept = out.setdefault(clean, Speaker(name=clean, role=sp.role))
        kept.role = kept.role or sp.role
    for q in quotes:
        if q.speaker:
            q.speaker = clean_speaker_name(q.speaker)
            if q.speaker not in out and q.speaker not in thinkers and not q.epigraph:
                q.speaker = None  # no confident person: no speaker rather than a guess
    return list(out.values()), quotes
