"""People English news names without our lists: a capitalized name run read by its context.

The name lists (people.py) find a person by a known name or a given name. News also names
people no list holds, and says so by the words around the name:

- what follows: a country in brackets ("Robert Allenby (Australia)"), an age ("Rachel
  Legeard, 18,"), a minute or place in brackets ("Sergen Yalcin (61st)");
- what precedes: a nationality ("Australian Anthony Hill"), a role noun in lower case
  ("striker Marc Degryse", "former leader Dzhokhar Dudayev"), an honorific ("Mr Kengo",
  "President Clinton": the surname alone is the person when nobody else in the text has it);
- the company it keeps: a name listed beside a person ("Aamir Sohail, Saeed Anwar and …");
- the text itself: a surname the text uses again alone mid-sentence ("Nasser Hussain …
  Hussain said"), a byline right before the dateline.

Runs with a body's, a place's or a calendar word, known places and the document's own bodies
are no people. Name tokens may have inner capitals ("McCague", "O'Gorman", "DiMaggio").
"""

from __future__ import annotations

import re
from functools import cache

from eurasec_archive.authorities import common_words, load_json, places, roles
from eurasec_archive.extract.people import role_words, short_forms
from eurasec_archive.extract.places_en import gazetteer_names
from eurasec_archive.models import Paragraph
from eurasec_archive.text import CALENDAR_WORDS

_TOKEN = r"[A-Z](?:[a-z]+|['’](?=[A-Z]))(?:['’]?[A-Z][a-z]+)?(?:-[A-Za-z][a-z]+)*"
_RUN = re.compile(rf"(?<![\w'’.-]){_TOKEN}(?:[ ](?:[A-Z]\.[ ])?{_TOKEN})*(?![\w'’-])")
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+(?:, [A-Z][A-Za-z .'-]*)?,?\s+\d")
_SEPARATOR = re.compile(r"^\s*(?:\([^()\n]{0,40}\)|[\d:.=-]+)?\s*(?:,|;|and|, and|&)\s*"
                        r"(?:\(?\d{1,2}\s*[-.=]\s*)?$")


@cache
def _cues() -> dict:
    return load_json("en_people_cues.json")


@cache
def _leading() -> frozenset[str]:
    """Capitalized words that open a sentence or a role, never a name."""
    return frozenset(roles()["en_not_names"]) | role_words() | frozenset(_cues()["demonyms"]) | \
        frozenset(_cues()["honorifics"]) | frozenset(roles()["en_forms_of_address"]) | \
        frozenset(roles()["en_role_words"]) | frozenset(h.rstrip(".") for h in roles()["en_honorifics"])


@cache
def _not_in_names() -> frozenset[str]:
    """Words that make a run a body, a site or a date: a run holding one is no person."""
    heads = load_json("organization_heads.json")
    calendar = CALENDAR_WORDS - {"May"}  # "Theresa May"
    return frozenset(heads["heads"]) | frozenset(heads["en_run_heads"]) | frozenset(heads["en_generic_words"]) | \
        frozenset(heads.get("en_site_words", [])) | frozenset(roles()["en_place_words"]) | calendar | \
        frozenset(roles()["en_org_words"]) | _leading()


def _is_place_word(token: str) -> bool:
    return token in places() or token.upper() == token


def _candidates(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, name, cue word before) of each 2-4 token name-shaped run in ``text``."""
    out = []
    leading, common, not_in_names, table, cities = _leading(), common_words(), _not_in_names(), places(), \
        gazetteer_names()
    for m in _RUN.finditer(text):
        run = m.group(0)
        if " " not in run:
            continue  # one word: no full name
        words = run.split(" ")
        start = m.start()
        cue = ""
        # the name starts after the last role, nationality or sentence word ("Controversial Australian X")
        last = max((k for k, w in enumerate(words) if w in leading or w.endswith("-based")), default=-1)
        if last >= 0:
            cue = words[last]
            start += sum(len(w) + 1 for w in words[:last + 1])
            words = words[last + 1:]
        while words and words[0].lower() in common:
            start += len(words[0]) + 1
            words = words[1:]
        if not 2 <= len(words) <= 4 or words[0] in cities or \
                any(w in not_in_names or w in table or w.isupper() for w in words):
            continue  # "Milwaukee Brewers": a team or a body named by its city
        if any(" ".join(words[:k]) in table for k in range(2, len(words) + 1)):
            continue  # "New York Yankees"
        name = " ".join(words)
        if not cue:  # the lower-case word before: "striker Marc Degryse", "former leader X"
            before = re.search(r"([a-z][a-z-]+)\s+$", text[max(0, start - 30):start])
            cue = before.group(1) if before else ""
        out.append((start, start + len(name), name, cue))
    return out


def _said_by_context(text: str, end: int, cue: str) -> bool:
    after = text[end:end + 40]
    if re.match(r"\s*\((?:\d{1,3}(?:st|nd|rd|th)\b|\d{1,2}\))", after) or re.match(r",\s*\d{1,2},", after):
        return True  # "(61st)", "(18)", ", 18,"
    country = re.match(r"\s*\(([A-Z][\w .'-]{1,30})\)", after)
    if country and country.group(1) in places():
        return True
    return cue in _cues()["demonyms"] or cue in _cues()["role_nouns"]


def _used_alone(surname: str, text: str, runs: set[tuple[int, int]]) -> bool:
    """``surname`` written on its own mid-sentence somewhere in ``text`` ("… said Hussain")."""
    for m in re.finditer(rf"(?<![\w'’.-]){re.escape(surname)}(?![\w-])", text):
        if any(s <= m.start() < e for s, e in runs):
            continue
        before, after = text[max(0, m.start() - 20):m.start()], text[m.end():m.end() + 20]
        if re.search(r"[a-z,]\s+$", before) and not re.match(r"\s+(?:[A-Z]|(?:and|of|for|&)\s+[A-Z])", after) and \
                not re.search(r"[A-Z]\w*\s+(?:(?:of|for|and|the|de|on|in|&)\s+)?$", before):
            return True  # but "Charter for Diversity and …" is a name's word
    return False


def _title_case(line: str) -> bool:
    """Every word capitalized but short function words, as in a headline ("President Japarov
    Urges CSTO Partners to Act"); "X (Norway) beat Y" has a word in lower case."""
    return not any(len(w) > 3 for w in re.findall(r"(?<![\w'’-])[a-z][\w'’-]*", line))


def _byline(paragraphs: list[Paragraph], name: str) -> bool:
    """A paragraph that is the name alone, right before the dateline ("Richard Finn" / "NEW YORK …")."""
    for k, p in enumerate(paragraphs[:4]):
        if p.text.strip() == name and k + 1 < len(paragraphs) and _DATELINE.match(paragraphs[k + 1].text):
            return True
    return False


def context_people(paragraphs: list[Paragraph], known: list[str], bodies: list[str] = ()) -> list[str]:
    """People named in English ``paragraphs`` that ``known`` (the name lists' people) lacks,
    found by their context (see the module docstring), in order of first mention."""
    text = "\n".join(p.text for p in paragraphs)
    found: list[tuple[int, int, str, str]] = []
    offset = 0
    for k, p in enumerate(paragraphs):
        head = p.text[:200]
        if sum(map(str.isupper, head)) > sum(map(str.islower, head)) or \
                p.kind == "heading" and _title_case(p.text) and not _byline(paragraphs[k:k + 2], p.text.strip()):
            offset += len(p.text) + 1
            continue  # headlines capitalize every word; tables in capitals; a short line may be a byline
        found += [(s + offset, e + offset, n, c) for s, e, n, c in _candidates(p.text)]
        offset += len(p.text) + 1
    bodies_words = {w for b in bodies for w in b.split()}
    runs = {(s, e) for s, e, _, _ in found}
    people = set(known)
    chosen: dict[int, str] = {}
    for k, (_, e, name, cue) in enumerate(found):
        if any(name.endswith(" " + p) for p in people):
            continue  # "Democrat Hillary Clinton" is the list's "Hillary Clinton"
        if name in people or name.split()[-1] in bodies_words:
            if name in people:
                chosen[k] = name
            continue
        if _said_by_context(text, e, cue) or _used_alone(name.split()[-1], text, runs) or _byline(paragraphs, name):
            chosen[k] = name
    # a name listed beside a person is a person: "Aamir Sohail, Saeed Anwar, Ijaz Ahmed"
    grown = True
    while grown:
        grown = False
        for k, (s, e, name, _) in enumerate(found):
            if k in chosen or name.split()[-1] in bodies_words:
                continue
            for j in (k - 1, k + 1):
                if j in chosen and 0 <= j < len(found):
                    a, b = (found[j][1], s) if j < k else (e, found[j][0])
                    if _SEPARATOR.match(text[a:b]):
                        chosen[k] = name
                        grown = True
                        break
    out: list[str] = []
    for k in sorted(chosen):
        name = chosen[k]
        if name not in people and name not in out:
            out.append(name)
    return out + [n for n in honorific_surnames(text) if n not in out and not _has_surname(n, [*known, *out])]


def _has_surname(surname: str, names: list[str]) -> bool:
    return any(surname in short_forms(n) or n.split()[-1] == surname for n in names)  # "Choe Son-hui"


@cache
def _titled_surname() -> re.Pattern:
    titles = "|".join(re.escape(t) for t in sorted({*_cues()["honorifics"], *roles()["en_forms_of_address"]},
                                                     key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{titles})\s+({_TOKEN})(?![\w'’-]|\s+[A-Z])")


def honorific_surnames(text: str) -> list[str]:
    """Surnames written after an honorific or a form of address ("Mr Kengo", "President
    Clinton"), alone: not followed by another capitalized word, not a place or a body's word."""
    out = []
    for m in _titled_surname().finditer(text):
        word = m.group(1)
        if word not in _not_in_names() and not _is_place_word(word) and word not in out and \
                text[m.end(1):m.end(1) + 1] != ".":  # "Rep.", "Gov." are titles of their own
            out.append(word)
    return out
