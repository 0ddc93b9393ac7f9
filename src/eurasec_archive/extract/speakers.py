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
from collections import Counter
from functools import cache

from eurasec_archive.authorities import people as people_authority
from eurasec_archive.authorities import roles, speech_verbs
from eurasec_archive.extract.attribution import (
    NAME_RUN,
    Cue,
    find_cues,
    is_title,
    person_part,
    sentences,
    speech_verb,
)
from eurasec_archive.extract.people import (
    PeopleResolver,
    find_person_runs,
    nominative_given,
    role_words,
    ru_title_pattern,
    title_heads,
    title_words,
)
from eurasec_archive.extract.quotes import (
    QUESTION_TURN,
    TURN,
    inside,
    is_quotation,
    open_quote,
    quote_spans,
)
from eurasec_archive.extract.russian import is_cyrillic, stems
from eurasec_archive.models import Paragraph, Quote, Speaker

_ROLE_STOPWORDS = frozenset({"the", "of", "for", "and", "a", "an"})
_PRONOUN = re.compile(r"\b(?:he|she|they|он|она)\b", re.IGNORECASE)
_INTRO_LINE = re.compile(r"^(?P<name>[^,:]{3,60}),\s*(?P<role>[^:]{3,120}):$")


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
    m = re.match(r",\s*([^,:;.]{3,80})(?:[,:]|$)", text[end:end + 100])
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


def _same_word(a: str, b: str) -> bool:
    """Two case forms of one name word ("Епа" / "Еп", "Хвана" / "Хван")."""
    a, b = a.casefold(), b.casefold()
    return bool(set(stems(a)) & set(stems(b))) or (len(a) >= 2 and len(b) >= 2 and a[:2] == b[:2]
                                                  and abs(len(a) - len(b)) <= 2 and (a.startswith(b) or b.startswith(a)))


def _surname_of(name: str) -> str:
    tokens = [t for t in name.split() if not t.endswith(".")]
    return tokens[-1] if tokens else name


class _Document:
    """What the whole document says about its people: full names, who is titled, genders,
    and every mention in reading order (for "he said" and "the senator added")."""

    def __init__(self, paragraphs: list[Paragraph], people: list[str]):
        self.resolver = PeopleResolver(people)
        self.people = list(people)
        self.full: list[str] = list(people)
        self.titled: set[str] = set()
        self.leads: dict[str, set[str]] = {}
        self.gender: dict[str, str] = {}
        self.roles: dict[str, str] = {}
        self.persons: set[str] = set(people)  # names known to be people: the list, and every cue source
        self.turns = sum(1 for p in paragraphs if _turn_of(p.text))
        # every cue of the document, once; a bare name that speaks twice is a person ("Марк
        # рассказал …", "Марк отметил …") even when no full name or title comes with it
        self.cues = {p.id: find_cues(p.text) for p in paragraphs if p.kind not in ("heading", "table")
                     and not _title_case(p.text)}
        # capitalized words seen inside a sentence, not only at its start: proper names
        self.midcap = {m.group(1) for p in paragraphs if p.kind != "heading"
                       for m in re.finditer(r"(?<=[a-z,;]\s)([A-Z][\w’'-]+)", p.text)}
        repeated = Counter(c.source for cues in self.cues.values() for c in cues
                           if c.kind == "name" and len(c.source.split()) == 1)
        self.repeated = {name for name, n in repeated.items()
                         if n >= 2 and not (is_cyrillic(name) and re.search(r"(?:ии|ой|ого|ему|ом|ых|ей)$", name))}
        for p in paragraphs:
            if p.kind == "heading":
                continue
            for m in NAME_RUN.finditer(p.text):
                name, titled, lead = person_part(m.group(0))
                if not name:
                    continue
                if titled:
                    self.titled.add(_surname_of(name))
                if lead:  # "Sen." for "the senator added"
                    self.leads.setdefault(_surname_of(name), set()).update(lead.casefold().split())
                if len([t for t in name.split() if not t.endswith(".")]) >= 2 and name not in self.full:
                    self.full.append(name)
                if lead.split()[:1] and lead.split()[0] in ("Mr.", "Mr"):
                    self.gender.setdefault(_surname_of(name), "m")
                elif lead.split()[:1] and lead.split()[0] in ("Ms.", "Mrs.", "Ms", "Mrs"):
                    self.gender.setdefault(_surname_of(name), "f")
        # whoever a cue names is a person; and the pronouns of sentences that name one person
        # only tell that person's gender ("Clinton … her campaign")
        votes: dict[str, Counter] = {}
        for p in paragraphs:
            for s0, s1 in sentences(p.text) if p.kind not in ("heading", "table") else ():
                sentence = p.text[s0:s1]
                named = {_surname_of(n) for m in NAME_RUN.finditer(sentence)
                         if (n := person_part(m.group(0))[0]) and len(n.split()) >= 1 and n[:1].isupper()}
                named = {n for n in named if any(_surname_of(f) == n for f in self.full)}
                if len(named) == 1:
                    he = len(re.findall(r"\b(?:he|him|his|himself|он|его|ему|им)\b", sentence, re.IGNORECASE))
                    she = len(re.findall(r"\b(?:she|her|hers|herself|она|её|ее|ей)\b", sentence, re.IGNORECASE))
                    votes.setdefault(named.pop(), Counter()).update({"m": he, "f": she})
        for surname, v in votes.items():
            if v["m"] != v["f"] and max(v["m"], v["f"]) >= 2 * min(v["m"], v["f"]) + 1:
                self.gender.setdefault(surname, "m" if v["m"] > v["f"] else "f")
        for cues in self.cues.values():
            for c in cues:
                if c.kind == "name" and (name := self.resolve(c.source, c.titled, [])):
                    self.persons.add(name)

    def resolve(self, raw: str, titled: bool, recent: list[str]) -> str | None:
        """A cue's name as a full name of the document, or None when it is not confidently a person."""
        tokens = [t for t in raw.split() if not t.endswith(".")]
        if not tokens:
            return None
        known = self.resolver.resolve(raw)
        if len(tokens) >= 2:
            if not is_cyrillic(raw):
                return known or raw
            # "Хвана Чжан Епа" is "Хван Чжан Еп" named earlier: the same stems, word by word
            same = [f for f in self.full if len(f.split()) == len(tokens)
                    and all(_same_word(a, b) for a, b in zip(f.split(), tokens, strict=True))]
            return next((f for f in same if f in self.people), None) or known or (same[0] if same else raw)
        if known and known in self.full:
            return known
        token = tokens[0]
        same = [f for f in self.full if _surname_of(f) == token or token in f.split("-")[-1:]
                or (is_cyrillic(token) and set(stems(token)) & set(stems(_surname_of(f))))]
        if is_cyrillic(token) and nominative_given(token):
            # "сказал Андрей" after "Андрей Варичев": a first name for the person named in full
            same += [f for f in self.full if len(f.split()) >= 2 and nominative_given(f.split()[0]) == nominative_given(token)]
        same = [f for f in same if f != token]
        if same:
            for name in reversed(recent):
                if name in same:
                    return name
            return same[0]
        if known:
            return known
        if not is_cyrillic(token) and token not in self.midcap:
            return None  # "Prosecutors said": a capitalized word only ever seen opening a sentence
        if titled or token in self.titled or token in self.repeated or (is_cyrillic(token) and nominative_given(token)):
            return nominative_given(token) if is_cyrillic(token) and nominative_given(token) else token
        return None

    def gender_of(self, name: str) -> str | None:
        return self.gender.get(_surname_of(name))


def _title_case(text: str) -> bool:
    """A headline set in the body: most of its words capitalized ("What Powerful Things Latinos Said")."""
    words = re.findall(r"[^\W\d_][\w’'-]*", text)
    return len(words) >= 4 and len(words) <= 20 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _turn_of(text: str):
    """A transcript turn: "PENCE: Well, look, …", "Vladimir Putin: Good afternoon, …" (a
    name, a colon and at least a sentence's worth of words)."""
    m = TURN.match(text)
    if not m or len(m.group("said").split()) < 6:
        return None
    who = m.group("who").strip()
    if who.isupper() and 1 <= len(who.split()) <= 3 and who.replace(" ", "").replace("-", "").replace("'", "").isalpha():
        return m
    full = NAME_RUN.fullmatch(who)
    return m if full and len(who.split()) <= 4 else None


def _compatible(doc: _Document, name: str, gender: str | None) -> bool:
    g = doc.gender_of(name)
    return not gender or not g or g == gender


def _subjects(text: str, spans, doc: _Document, recent: list[str]) -> list[tuple[int, str]]:
    """(position, full name) of the people named in a paragraph outside its quotations."""
    out = []
    for m in NAME_RUN.finditer(text):
        if inside(spans, m.start()) or text.startswith(("’s", "'s"), m.end()):
            continue  # a possessive ("Trump's support") is not who the sentence is about
        if re.search(r"\b(?:in|at|from|of|to|across|into|near|with|for|by|on)\s+$", text[max(0, m.start() - 8):m.start()]) \
                and not is_title(m.group(0).split()[0]):
            continue  # "in the suburb of Santa Catarina"
        name, titled, _ = person_part(m.group(0))
        if name:
            full = doc.resolve(name, titled, recent)
            appositive = full and len(full.split()) >= 2 and re.match(r",\s*(?:\d{1,3},|(?:a|an|the)\s)", text[m.end():])
            if full and (full in doc.persons or titled or appositive or (is_cyrillic(full) and len(full.split()) >= 2)):
                out.append((m.start(), full))
    return out


def _with_country(text: str, role_pos: int, role: str | None) -> str | None:
    """"North Korea dispatched its Foreign Minister" -> "North Korean Foreign Minister"."""
    if not role or any(n in role for n in roles()["nationalities"]):
        return role
    before = text[max(0, role_pos - 200):role_pos]
    m = re.search(r"([A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)(?:[’']s\s+|\s+(?:\w+\s+){1,6}?its\s+)(?:[\w-]+\s+){0,2}$", before)
    if not m:
        return role
    place = m.group(1)
    for nat in roles()["nationalities"]:
        if len(nat) >= 4 and nat[:max(4, len(place) - 1)] == place[:max(4, len(place) - 1)] and nat.split()[0] == place.split()[0]:
            return f"{nat} {role}"
    return role


def _is_role(role: str | None) -> bool:
    if not role or all(w.rstrip(".") + "." in roles().get("en_honorifics", []) for w in role.split()):
        return False
    words = role.replace(",", " ").split()
    return any(w in title_words() or w.casefold() in _role_nouns() or w.rstrip(".") + "." in roles().get("en_honorifics", [])
               for w in words) or bool(ru_title_pattern().search(role + " "))


@cache
def _role_nouns() -> frozenset[str]:
    return frozenset(w for n in roles().get("en_role_nouns", []) for w in n.split()) | frozenset(
        w.casefold() for w in roles().get("lowercase_heads", []))


def _noun_holder(noun: str, candidates: list[str], doc: _Document) -> tuple[str | None, bool]:
    """The latest candidate whose role shares most words with "the Belarusian leader" / "the
    senator"; and whether the noun named a nationality (then no other guess is made)."""
    words = [w.casefold() for w in noun.split() if w.casefold() not in _ROLE_STOPWORDS | {"this", "that"}]
    national = any(w.casefold() in {n.casefold() for n in roles()["nationalities"]} for w in noun.split())
    best, score = None, 0
    for name in reversed(candidates):
        role = (doc.roles.get(name, "") + " " + (_authority_role(name) or "") + " "
                + " ".join(doc.leads.get(_surname_of(name), ()))).casefold().replace(".", " ").split()
        overlap = sum(1 for w in words if any(r[:5] == w[:5] or (len(w) >= 3 and r.startswith(w[:3]) and len(r) <= 4)
                                              for r in role))
        if overlap > score:
            best, score = name, overlap
    return best, national

def extract_speakers_and_quotes(
    paragraphs: list[Paragraph], people: list[str]
) -> tuple[list[Speaker], list[Quote]]:
    """Speakers (with their stated role) and quotes (with speaker, paragraph id, cue verb,
    direct or reported); epigraphs are quoted but make no speaker of the document."""
    resolver = PeopleResolver(people)
    doc = _Document(paragraphs, people)
    speakers: dict[str, Speaker] = {}
    quotes: list[Quote] = []

    # the fullest role the document gives each person anywhere ("its Foreign Minister,
    # Choe Son-hui"), for speakers whose attribution says only "Minister Choe"
    doc_roles: dict[str, str] = {}
    for p in paragraphs:
        for text in (p.text, p.attribution or ""):
            for s, _, name, role in _Mentions(text, resolver).items:
                role = _with_country(text, text.rfind(role, 0, s + 1) if role else s, role)
                if role and len(role) > len(doc_roles.get(name, "")):
                    doc_roles[name] = role
    doc.roles = doc_roles

    def add(name: str, role: str | None):
        sp = speakers.setdefault(name, Speaker(name=name, role=None))
        if not _is_role(role) or len((role or "").split()) < 2:
            known = doc_roles.get(name)
            role = (known if _is_role(known) else None) or (role if _is_role(role) else None)
        if role and (not sp.role or len(sp.role.split()) < 2 <= len(role.split())):
            sp.role = role
            doc_roles.setdefault(name, role)

    recent: list[str] = []  # people named so far, in reading order
    last_speaker: str | None = None
    since_speaker = 99  # paragraphs since the last speaker spoke
    continuing: str | None = None  # speaker of a quote left open in the previous paragraph
    intro_speaker: str | None = None  # "Name, Role:" line announcing the next paragraph
    turn_speaker: str | None = None  # whose turn it is in a transcript
    colon_speaker: str | None = None  # "…, Lavrov said:" before a quote paragraph
    opener = _statement_author(paragraphs, resolver)
    if opener:
        add(*opener)
        last_speaker = opener[0]

    for p in paragraphs:
        if p.kind in ("heading", "table", "footnote", "list"):
            intro_speaker = continuing = colon_speaker = None
            continue
        if p.kind in ("quote", "epigraph"):
            quotes.append(_block_quote(p, resolver, add))
            if quotes[-1].speaker and not quotes[-1].epigraph:
                last_speaker, since_speaker = quotes[-1].speaker, 0
            continue

        text = p.text
        intro = _INTRO_LINE.match(text)
        if intro and person_part(intro.group("name"))[0]:
            full = resolver.resolve(intro.group("name")) or doc.resolve(person_part(intro.group("name"))[0], True, recent)
            if full and _is_role(intro.group("role")):
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
        turn = _turn_of(text)
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
        spans, split = _split_inserts(text, spans, cues)
        subjects = _subjects(text, spans, doc, recent)
        cues = [c for c in cues if not inside(spans, c.pos) and not inside(spans, c.source_pos)]
        hits: list[tuple[int, str, Cue]] = []
        for c in cues:
            before = [n for s, n in subjects if s < c.source_pos]
            name = None
            if c.kind == "name":
                name = doc.resolve(c.source, c.titled, recent + before)
                if name:
                    doc.persons.add(name)
                if name and c.gender:
                    doc.gender.setdefault(_surname_of(name), c.gender)
            elif c.kind == "pronoun":
                sentence_start = max([s for s, _ in sentences(text) if s <= c.pos], default=0)
                here = [n for s, n in subjects if sentence_start <= s < c.source_pos and _compatible(doc, n, c.gender)]
                earlier = [n for s, n in subjects if s < sentence_start and _compatible(doc, n, c.gender)]
                if here:
                    name = here[0]
                elif hits and _compatible(doc, hits[-1][1], c.gender):
                    name = hits[-1][1]
                elif earlier:
                    name = earlier[-1]
                elif last_speaker and since_speaker <= 3 and _compatible(doc, last_speaker, c.gender):
                    name = last_speaker
                else:  # the latest compatible person named before, among the last three
                    name = next((n for n in list(dict.fromkeys(reversed(recent)))[:3]
                                 if _compatible(doc, n, c.gender)
                                 and (n == recent[-1] or doc.gender_of(n) == c.gender)), None)
                if name and c.gender:
                    doc.gender.setdefault(_surname_of(name), c.gender)
            else:  # "the senator said"
                name, national = _noun_holder(c.source, recent + before, doc)
                if not name and not national:
                    name = (before[-1] if before else None) or (last_speaker if since_speaker <= 2 else None)
            if not name:
                continue
            add(name, _with_country(text, c.source_pos, c.role) if c.kind == "name" else None)
            hits.append((c.pos if c.kind != "name" else min(c.pos, c.source_pos), name, c))
            if c.content:
                quotes.append(Quote(text=text[c.content[0]:c.content[1]].strip(" ,;"), speaker=name,
                                    paragraph=p.id, cue=c.verb, direct=False))
        recent.extend(n for _, n in subjects)

        if turn_speaker and doc.turns >= 2 and not hits and not spans:
            quotes.append(Quote(text=text, speaker=turn_speaker, paragraph=p.id, cue=":", direct=True))
            continue
        if colon_speaker and not hits and not spans and is_quotation(text):
            # "Медведев сказал:" and the words themselves in the next paragraph, without marks
            quotes.append(Quote(text=text, speaker=colon_speaker[0], paragraph=p.id, cue=colon_speaker[1], direct=True))
            colon_speaker = None
            continue
        unclosed = open_quote(text, spans)
        qspans = list(spans) + ([(unclosed[0], len(text), unclosed[1])] if unclosed else [])
        for k, (qs, qe, qtext) in enumerate(qspans):
            if not is_quotation(qtext) and not (qs in split and len(qtext.split()) >= 2):
                continue
            speaker, cue = _quote_speaker(text, qs, qe, hits, subjects)
            if speaker is None and k == 0 and qs <= 2:
                for fallback in (continuing, colon_speaker and colon_speaker[0], intro_speaker):
                    if fallback:
                        speaker, cue = fallback, None
                        break
            if speaker is None and len(hits) == 1 and abs(hits[0][0] - qs) < 400:
                speaker, cue = hits[0][1], hits[0][2].verb
            if speaker is None and (intro_speaker or (_PRONOUN.search(text[qe:qe + 40]) and last_speaker)):
                speaker, cue = intro_speaker or last_speaker, None
            if speaker:
                add(speaker, None)
                quotes.append(Quote(text=qtext.rstrip(" ,;"), speaker=speaker, paragraph=p.id, cue=cue, direct=True))
        continuing = None
        if unclosed:
            q = [x for x in quotes if x.paragraph == p.id and x.direct]
            continuing = q[-1].speaker if q else None
        colon_speaker = (hits[-1][1], hits[-1][2].verb) if hits and text.rstrip().endswith(":") else None
        if hits:
            last_speaker, since_speaker = hits[-1][1], 0
        intro_speaker = None
    return list(speakers.values()), quotes


def _split_inserts(text: str, spans, cues):
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


def _quote_speaker(text: str, qs: int, qe: int, hits, subjects=()) -> tuple[str | None, str | None]:
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
        verb = speech_verb(text[lo:qs]) or (":" if text[lo:qs].rstrip().endswith(":") else None)
        vpos = text.find(verb, lo, qs) if verb and verb != ":" else qs
        first = [n for s, n in subjects if lo <= s < vpos]  # the subject stands before its verb
        if first and verb:
            return first[0], verb  # "Марк Тоунер … выступил со специальным заявлением: «…»"
    return best


def _block_quote(p: Paragraph, resolver: PeopleResolver, add) -> Quote:
    """A pull quote or epigraph with its printed attribution; an epigraph's author is quoted
    but is not a speaker of the document."""
    epigraph = p.kind == "epigraph"
    text = _unquoted(p.text)
    if p.attribution:
        m = _Mentions(p.attribution, resolver)
        found = [(e, name, role) for _, e, name, role in m.items[:1]]
        if not found:  # a name no list knows: "Aigerim Nurlanova, Kazakh Deputy Foreign Minister"
            for run in NAME_RUN.finditer(p.attribution):
                name, titled, lead = person_part(run.group(0))
                if len(name.split()) >= 2:
                    found = [(run.end(), name, lead or None)]
                    break
        if found:
            e, name, role = found[0]
            role = role or _role_after(p.attribution, e) or _attribution_role(p.attribution)
            if not epigraph:
                add(name, role)
            return Quote(text=text, speaker=name, paragraph=p.id, cue=None, direct=True, epigraph=epigraph)
    return Quote(text=text, speaker=None, paragraph=p.id, cue=None, direct=True, epigraph=epigraph)


def _unquoted(text: str) -> str:
    """A quote paragraph's words without the marks around the whole of it."""
    t = text.strip()
    for a, b in (("“", "”"), ("«", "»"), ('"', '"')):
        if t.startswith(a) and t.endswith(b) and b not in t[1:-1]:
            return t[1:-1].strip()
    return text


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


def _attribution_role(attribution: str) -> str | None:
    parts = [x.strip() for x in attribution.split(" — ")]
    if len(parts) >= 2 and any(w in title_words() for w in parts[1].split()):
        return parts[1]
    m = re.search(r"\bof (?:the )?((?:[\w’']+\s+){0,8}?)(?=[A-ZА-ЯЁ][a-z]+\s+(?:[A-Z]\.\s*)*[A-Z][a-z]+)", attribution)
    return m.group(1).strip() if m and any(w in title_words() for w in m.group(1).split()) else None


