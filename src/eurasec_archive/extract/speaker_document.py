"""What one document says about its people, for attribution: full names, titles, genders,
every mention in reading order, transcript turns; and who a role noun ("the senator") or a
pronoun can stand for."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from eurasec_archive.authorities import roles
from eurasec_archive.extract.attribution import find_cues
from eurasec_archive.extract.people import PeopleResolver, find_person_runs, nominative_given
from eurasec_archive.extract.quotes import TURN, inside
from eurasec_archive.extract.russian import is_cyrillic, stems
from eurasec_archive.extract.speaker_gender import by_gender, honorific_gender
from eurasec_archive.extract.speaker_names import (
    NAME_RUN,
    is_title,
    name_lists,
    name_runs,
    person_part,
    repaired_marks,
    sentences,
)
from eurasec_archive.extract.speaker_person import first_name_gender, given_genders
from eurasec_archive.extract.speaker_roles import authority_role, role_after, role_before
from eurasec_archive.extract.speaker_titles import role_noun_run
from eurasec_archive.models import Paragraph
from eurasec_archive.text import as_written

_ROLE_STOPWORDS = frozenset({"the", "of", "for", "and", "a", "an"})


class Mentions:
    """Person mentions in one paragraph: full names and resolvable single tokens."""

    def __init__(self, text: str, resolver: PeopleResolver):
        self.items: list[tuple[int, int, str, str | None]] = []  # start, end, name, role
        taken = []
        for s, e, name in find_person_runs(text):
            full = resolver.resolve(name)
            if full:
                self.items.append((s, e, full, role_before(text, s) or role_after(text, e)))
                taken.append((s, e))
        for full in resolver.full_names:
            if full not in text:
                continue  # matched only as written
            for m in as_written(full).finditer(text):
                if not any(ts <= m.start() < te for ts, te in taken):
                    self.items.append((m.start(), m.end(), full, role_before(text, m.start())))
                    taken.append(m.span())
        for s, e, full in resolver.mentions(text):
            if any(ts <= s < te for ts, te in taken):
                continue
            self.items.append((s, e, full, role_before(text, s)))
        self.items.sort()


def same_word(a: str, b: str) -> bool:
    """Two case forms of one name word ("Епа" / "Еп", "Хвана" / "Хван")."""
    a, b = a.casefold(), b.casefold()
    return bool(set(stems(a)) & set(stems(b))) or (len(a) >= 2 and len(b) >= 2 and a[:2] == b[:2]
                                                  and abs(len(a) - len(b)) <= 2 and (a.startswith(b) or b.startswith(a)))


@lru_cache(maxsize=65_536)
def surname_of(name: str) -> str:
    tokens = [t for t in name.split() if not t.endswith(".")]
    return tokens[-1] if tokens else name


class SpeakerDocument:
    """What the whole document says about its people: full names, who is titled, genders,
    and every mention in reading order (for "he said" and "the senator added")."""

    def __init__(self, paragraphs: list[Paragraph], people: list[str]):
        self.resolver = PeopleResolver(people)
        self.people = list(people)
        self.texts = [p.text for p in paragraphs]
        self.full: list[str] = list(people)
        self.titled: set[str] = set()
        self.leads: dict[str, set[str]] = {}
        self.gender: dict[str, str] = {}
        self.roles: dict[str, str] = {}
        self.persons: set[str] = set(people)  # names known to be people: the list, and every cue source
        self.turns = sum(1 for p in paragraphs if turn_of(p.text))
        # every cue of the document, once; a bare name that speaks twice is a person ("Марк
        # рассказал …", "Марк отметил …") even when no full name or title comes with it
        self.cues = {p.id: find_cues(repaired_marks(p.text)) for p in paragraphs if p.kind not in ("heading", "table")
                     and not title_case(p.text)}
        # the words the document writes in lower case ("trump" as a card, "bush" as a plant)
        self.lower = frozenset(w for p in paragraphs for w in re.findall(r"(?<![\w’'-])[a-z][a-z’'-]*", p.text))
        # capitalized words seen inside a sentence, not only at its start: proper names
        self.midcap = {m.group(1) for p in paragraphs if p.kind != "heading"
                       for m in re.finditer(r"(?:(?<=[a-z,;]\s)|(?<=[,?!—–-][”\"’']\s)|(?<=,''\s))([A-Z][\w’'-]+)", p.text)}
        # "“…,” Gov. Kasich replied": the period of an abbreviated title after a quotation ends no sentence
        self.midcap |= {m.group(1) for p in paragraphs if p.kind != "heading"
                        for m in re.finditer(r"(?:[,?!][”\"’']|,'')\s+[A-Z][a-z]{1,4}\.\s+([A-Z][\w’'-]+)", p.text)}
        repeated = Counter(c.source for cues in self.cues.values() for c in cues
                           if c.kind == "name" and not c.bare and len(c.source.split()) == 1)
        self.repeated = {name for name, n in repeated.items()
                         if n >= 2 and not (is_cyrillic(name) and re.search(r"(?:ии|ой|ого|ему|ом|ых|ей)$", name))}
        honorific: dict[str, set[str]] = {}
        self.order: dict[str, int] = {}  # names in the order the document first writes them
        for p in paragraphs:
            if p.kind == "heading":
                continue
            for m in name_runs(p.text):
                name, titled, lead = person_part(m.group(0))
                if not name:
                    continue
                self.order.setdefault(name, len(self.order))
                if titled:
                    self.titled.add(surname_of(name))
                if lead:  # "Sen." for "the senator added"
                    self.leads.setdefault(surname_of(name), set()).update(lead.casefold().split())
                if len([t for t in name.split() if not t.endswith(".")]) >= 2 and name not in self.full:
                    self.full.append(name)
                if lead.split()[:1] and lead.split()[0] in ("Mr.", "Mr"):
                    honorific.setdefault(surname_of(name), set()).add("m")
                elif lead.split()[:1] and lead.split()[0] in ("Ms.", "Mrs.", "Ms", "Mrs"):
                    honorific.setdefault(surname_of(name), set()).add("f")
        # "Mr. Clinton" and "Mrs. Clinton" in one document: the surname tells no gender
        self.shared_surnames = {surname for surname, g in honorific.items() if len(g) > 1}
        self.gender.update({surname: g.pop() for surname, g in honorific.items() if len(g) == 1})
        # whoever a cue names is a person; and the pronouns of sentences that name one person
        # only tell that person's gender ("Clinton … her campaign")
        votes: dict[str, Counter] = {}
        full_surnames = {surname_of(f) for f in self.full}
        for p in paragraphs:
            for s0, s1 in sentences(p.text) if p.kind not in ("heading", "table") else ():
                sentence = p.text[s0:s1]
                named = {surname_of(n) for m in NAME_RUN.finditer(sentence)
                         if (n := person_part(m.group(0))[0]) and len(n.split()) >= 1 and n[:1].isupper()}
                named &= full_surnames
                if len(named) == 1:
                    # pronouns inside a quotation are the speaker's own words about others ("her last chance")
                    told = re.sub(r"''(?:(?!'').)*''|“[^”]*”|«[^»]*»|\"[^\"]*\"", " ", sentence)
                    he = len(re.findall(r"\b(?:he|him|his|himself|он|его|ему|им)\b", told, re.IGNORECASE))
                    she = len(re.findall(r"\b(?:she|her|hers|herself|она|её|ее|ей)\b", told, re.IGNORECASE))
                    votes.setdefault(named.pop(), Counter()).update({"m": he, "f": she})
        for surname, v in votes.items():
            if v["m"] != v["f"] and max(v["m"], v["f"]) >= 2 * min(v["m"], v["f"]) + 1:
                self.gender.setdefault(surname, "m" if v["m"] > v["f"] else "f")
        for cues in self.cues.values():
            for c in cues:
                if c.kind == "name" and not c.bare and (name := self.resolve(c.source, c.titled, [])):
                    self.persons.add(name)

    def resolve(self, raw: str, titled: bool, recent: list[str], gender: str | None = None) -> str | None:
        """A cue's name as a full name of the document, or None when it is not confidently a person;
        a surname several full names share goes to one whose gender fits ``gender`` (from "Mrs.")."""
        tokens = [t for t in raw.split() if not t.endswith(".")]
        if not tokens:
            return None
        known = self.resolver.resolve(raw)
        if len(tokens) == 1 and re.fullmatch(r"(?:[A-Z]\.){1,3}", raw.split()[0]) and len(raw.split()) == 2:
            return known or raw  # "J.J. MacNab": initials and a surname are a full name
        if len(tokens) >= 2:
            if not is_cyrillic(raw):
                return known or raw
            # "Хвана Чжан Епа" is "Хван Чжан Еп" named earlier: the same stems, word by word
            same = [f for f in self.full if len(f.split()) == len(tokens)
                    and all(same_word(a, b) for a, b in zip(f.split(), tokens, strict=True))]
            return next((f for f in same if f in self.people), None) or known or (same[0] if same else raw)
        token = tokens[0]
        same = [f for f in self.full if surname_of(f) == token or token in f.split("-")[-1:]
                or (is_cyrillic(token) and set(stems(token)) & set(stems(surname_of(f))))]
        # the list's person with the surname only when no other full name shares it ("Fiorina"
        # is Carly or Frank Fiorina: the document decides, not the order of the people list)
        if known and known in self.full and (is_cyrillic(token) or len({f for f in same if f != token}) <= 1) and (
                not gender or first_name_gender(known) in (None, gender)):
            return known
        if not is_cyrillic(token):
            same.sort(key=lambda f: self.order.get(f, len(self.order)))  # the one the document names first
        if is_cyrillic(token) and nominative_given(token):
            # "сказал Андрей" after "Андрей Варичев": a first name for the person named in full
            same += [f for f in self.full if len(f.split()) >= 2 and nominative_given(f.split()[0]) == nominative_given(token)]
        if not is_cyrillic(token) and token in given_genders() and not same:
            # "Theresa said" after "Theresa May": the one person of the document with that first name
            firsts = {f for f in self.full if f.split()[0] == token and len(f.split()) >= 2}
            same = list(firsts) if len(firsts) == 1 else []
        same = by_gender([f for f in same if f != token], gender, first_name_gender)
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

    def named_in_full(self, word: str, index: int) -> str | None:
        """"“…,” Law said" after "Jonathan Law": the one full name of the document ending in ``word``
        (a place, body or common word alone), when a paragraph before ``index`` writes it."""
        same = {f for f in self.full if surname_of(f) == word and len(f.split()) >= 2}
        if len(same) != 1:
            return None
        full = same.pop()
        return full if any(full in t for t in self.texts[:index]) else None

    def gender_of(self, name: str) -> str | None:
        """From the first name when it is decisive ("Walter Hewlett", "Carly Fiorina"), else what
        the document tells of the surname (honorifics, pronouns)."""
        given = first_name_gender(name)
        if given:
            return given
        if surname_of(name) in self.shared_surnames:
            return None
        return self.gender.get(surname_of(name))


def title_case(text: str) -> bool:
    """A headline set in the body: most of its words capitalized ("What Powerful Things Latinos Said")."""
    words = re.findall(r"[^\W\d_][\w’'-]*", text)
    return len(words) >= 4 and len(words) <= 20 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def turn_of(text: str):
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


def compatible(doc: SpeakerDocument, name: str, gender: str | None) -> bool:
    g = doc.gender_of(name)
    return not gender or not g or g == gender


def named_subjects(text: str, spans, doc: SpeakerDocument, recent: list[str]) -> list[tuple[int, str]]:
    """(position, full name) of the people named in a paragraph outside its quotations."""
    out = []
    for m in name_runs(text):
        if inside(spans, m.start()) or text.startswith(("’s", "'s"), m.end()):
            continue  # a possessive ("Trump's support") is not who the sentence is about
        before = text[max(0, m.start() - 8):m.start()]
        if re.search(r"\b(?:in|at|from|of|to|across|into|near|with|for|by|on)\s+$", before) \
                and not is_title(m.group(0).split()[0]) and not re.search(r"\b[Aa]s\s+for\s+$", before):
            continue  # "in the suburb of Santa Catarina" ("As for Trump, he said": the topic the pronoun is)
        low = re.match(r"\s+((?:[a-z][\w-]*\s+){1,3})[A-Z]", text[m.end():])
        if (low and not is_cyrillic(m.group(0)) and role_noun_run(low.group(1).split())
                and low.group(1).split()[-1].split("-")[-1] in name_lists()["role_nouns"]):
            continue  # "Former Pennsylvania governor Ed Rendell": a title's place, the person comes after
        name, titled, lead = person_part(m.group(0))
        if name:
            # the latest person of that surname, this paragraph's earlier mentions included ("Daniel Okafor … Okafor")
            full = doc.resolve(name, titled, recent + [n for _, n in out], honorific_gender(lead))
            appositive = full and len(full.split()) >= 2 and re.match(r",\s*(?:\d{1,3},|(?:a|an|the)\s)", text[m.end():])
            # "political science professor Brigid Harrison": a lower-case role noun right before a full name
            # (or, set off by a comma, a kinship noun after a name: "Trump's eldest daughter, Ivanka Trump";
            # "her son, Humayun Khan" is no one the next "she" stands for)
            noun = re.search(r"(?<![\w-])([a-z][\w-]+)(,?)\s+$", text[max(0, m.start() - 30):m.start()])
            titled = titled or bool(noun and len(name.split()) >= 2 and (
                noun.group(1).split("-")[-1] in name_lists()["role_nouns"] if not noun.group(2)
                else noun.group(1) in roles().get("en_kin_nouns", []) and re.search(
                    r"[A-Z][\w-]*['’]s\s+(?:[a-z][\w-]*\s+){0,3}[a-z][\w-]+,\s+$", text[max(0, m.start() - 60):m.start()])))
            if full and (full in doc.persons or titled or appositive or (is_cyrillic(full) and len(full.split()) >= 2)):
                out.append((m.start(), full))
    return out


def possessors(text: str, spans, doc: SpeakerDocument, recent: list[str]) -> list[tuple[int, str]]:
    """(position, full name) of the known people a paragraph names as owners outside its quotations
    ("President Barack Obama’s speech", "Carson’s renewed endorsement"): whom a later "he said" can
    stand for when the paragraph names nobody else."""
    out = []
    for m in name_runs(text):
        if inside(spans, m.start()) or not text.startswith(("’s", "'s"), m.end()):
            continue
        name, titled, lead = person_part(m.group(0))
        full = name and doc.resolve(name, titled, recent, honorific_gender(lead))
        if full and full in doc.persons:
            out.append((m.start(), full))
    return out


def noun_holder(noun: str, candidates: list[str], doc: SpeakerDocument) -> tuple[str | None, bool]:
    """The latest candidate whose role shares most words with "the Belarusian leader" / "the
    senator"; and whether the noun named a nationality (then no other guess is made)."""
    words = [w.casefold() for w in noun.split() if w.casefold() not in _ROLE_STOPWORDS | {"this", "that"}]
    national = any(w.casefold() in {n.casefold() for n in roles()["nationalities"]} for w in noun.split())
    best, score = None, 0
    for name in reversed(candidates):
        role = (doc.roles.get(name, "") + " " + (authority_role(name) or "") + " "
                + " ".join(doc.leads.get(surname_of(name), ()))).casefold().replace(".", " ").split()
        overlap = sum(1 for w in words if any(r[:5] == w[:5] or (len(w) >= 3 and r.startswith(w[:3]) and len(r) <= 4)
                                              for r in role))
        if overlap > score:
            best, score = name, overlap
    return best, national
