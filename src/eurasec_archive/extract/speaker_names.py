"""Person names as news writes them, for attribution: the capitalized runs that may be a
person ("Sen. Jeff Merkley", "Bill de Blasio", "Председатель … Валентина Матвиенко"), the
person part of such a run without its titles, and sentence spans that abbreviations and
quotations do not break. Vocabulary lives in authority/roles.json and given_name_genders.json.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from eurasec_archive.authorities import common_words, load_json, outlets, places, roles, speech_verbs
from eurasec_archive.extract.memo import memoized
from eurasec_archive.extract.people import nominative_given, nominative_name, ru_title_pattern, title_heads, title_words
from eurasec_archive.extract.russian import is_cyrillic, stems

UPPER, LOWER = "A-ZÀ-ÖØ-ÞА-ЯЁ", "a-zß-öø-ÿа-яё"
_WORD = (rf"(?:[{UPPER}][’'][{UPPER}][{LOWER}]+|[{UPPER}][{LOWER}]*[{UPPER}]?[{LOWER}]+"
         rf"(?:[-’'][{UPPER}{LOWER}][{LOWER}]+)*)")
_INITIALS = rf"(?:[{UPPER}]\.){{1,3}}"
_PARTICLE = r"(?:de|da|di|del|van|von|der|den|bin|ibn|al|el|la|le|du|dos|ter)"
_ABBREV = r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Lt|Gen|Col|Adm|Prof|Rev|Sgt|Capt|Maj|Cmdr|Atty|Amb|Del|Supt|Pres|Sec|St|Jr|Sr)\."
_TOKEN = rf"(?:{_ABBREV}|{_WORD}|{_INITIALS})"
# a capitalized run: "Sen. Jeff Merkley", "Leonard E. Burman", "Bill de Blasio", "Joseph R. Biden Jr."
NAME_RUN = re.compile(
    rf"(?<![\w’'.-]){_TOKEN}(?:(?:\s+|(?<=\.))(?:{_PARTICLE}\s+)?{_TOKEN}){{0,7}}(?:,?\s+(?:Jr|Sr)\.?|\s+I{{2,3}}\b)?(?![\w-])")
_SENTENCE_END = re.compile(r"(?<=[.!?…])(?:[”\"»’]|'')?\s+(?=(?:[“\"«\[(]|'')?[A-ZА-ЯЁ0-9])")
_QUOTES = re.compile(r"''(?:(?!'').)*''|“[^”]*”|«[^»]*»|\"[^\"]*\"")
# (and the abbreviated months and place words: "on Jan. 23", "in Ft. Worth")
_ENDS_ABBREVIATED = re.compile(rf"(?:^|[\s(])(?:{_ABBREV}|[{UPPER}]\.|U\.S\.|No\.|vs\.|St\.|"
                               rf"(?:Jan|Feb|Aug|Sept|Oct|Nov|Dec|Ft|Mt)\.)[”\"’]?$")

_INITIALS_END = re.compile(rf"\s(?:[{UPPER}]\.){{2,3}}$")

@memoized(4096)
def name_runs(text: str) -> list[re.Match]:
    """``NAME_RUN``'s matches in a paragraph, kept for the last texts: the speaker finder reads
    each paragraph's runs in more than one pass."""
    return list(NAME_RUN.finditer(text))


@cache
def name_lists() -> dict:
    r = roles()
    return {
        "not_names": frozenset(r.get("en_not_names", [])) | frozenset(r.get("ru_not_names", [])),
        "ru_org_words": frozenset(r.get("ru_org_words", [])),
        "role_words": frozenset(r.get("en_role_words", [])) | title_words() | frozenset(r.get("nationalities", []))
        | frozenset(r.get("en_honorifics", [])),
        "org_words": frozenset(r.get("en_org_words", [])),
        "org_surnames": frozenset(r.get("en_org_words_also_surnames", [])),
        "forms_of_address": frozenset(r.get("en_forms_of_address", [])),
        "nationalities": frozenset(r.get("nationalities", [])),
        "honorifics": frozenset(r.get("en_honorifics", [])),
        "role_nouns": frozenset(w for n in r.get("en_role_nouns", []) for w in n.split()),
    }


@memoized(4096)
def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a paragraph; an abbreviation or an initial ("Sen.", "R.") ends none."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        before = text[max(0, m.start() - 6):m.start()]
        if _ENDS_ABBREVIATED.search(before):
            continue
        if _INITIALS_END.search(before) and text[m.end():].split(None, 1)[0].strip("“\"«[(") not in name_lists()["not_names"]:
            continue  # "says J.J. MacNab": initials before a surname ("in Trenton, N.J. Asked …" ends one)
        if inside_quote_marks(text, m.start()):
            continue  # "“It is over. We won,” he said" is one sentence
        if text[m.start() - 1] in "?!" and re.match(r"[”\"’']", m.group(0)) and _cue_after().match(text, m.end()):
            continue  # "“Isn’t that a bribe?” Trump asked." is one sentence too
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if e > s]


@cache
def _cue_after() -> re.Pattern:
    """A name or "He"/"She" and a verb of saying, opening what follows a closing mark; not one that
    reports a clause of its own ("She replied that …")."""
    verbs = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(speech_verbs()["en"], key=len, reverse=True))
    return re.compile(rf"(?:He|She|(?:[{UPPER}][\w.’'-]*\s+){{0,2}}[{UPPER}][\w’'-]+)\s+(?:{verbs})(?![\w-])(?![^.!?“\"]*\bthat\b)")


_MISPRINTED_CLOSE = re.compile(r"(?<=\w[,.?!])“(?=\s+[a-z])")


def repaired_marks(text: str) -> str:
    """'“It's unusual,“ said X': an opening mark after a word's comma or stop and before a lower-case
    word is a misprinted closing one; the same text with it closing (same length, same positions)."""
    return _MISPRINTED_CLOSE.sub("”", text) if "“" in text else text


def inside_quote_marks(text: str, pos: int) -> bool:
    return any(q.start() < pos < q.end() - 1 for q in _QUOTES.finditer(text))


@lru_cache(maxsize=8192)
def person_part(run: str) -> tuple[str, bool, str]:
    """A capitalized run without its leading titles, sentence words and nationalities:
    ("Jeff Merkley", True, "Sen.") for "Sen. Jeff Merkley"; ("", …) when nothing is left or the
    run names an organization or place ("Homeland Security Investigations")."""
    lists = name_lists()
    tokens = run.split()
    titled, lead = False, []
    if is_cyrillic(run):
        # "Председатель Совета Федерации Валентина Матвиенко": the name starts at a given name
        k = next((k for k, t in enumerate(tokens) if nominative_given(t) or re.match(r"^[А-ЯЁ]\.", t)), None)
        # a Latin word ends a Cyrillic name ("Хвана Чжан Епа Lenta.ru")
        cut = next((j for j, t in enumerate(tokens) if not is_cyrillic(t) and not re.match(r"^[А-ЯЁ]\.", t)), None)
        tokens = tokens[:cut] if cut else tokens
        if not tokens:
            return "", False, ""
        if k is None:
            # no known given name: up to three words past titles, bodies and places ("Глава
            # Минздрава Мэтт Хэнкок" -> "Мэтт Хэнкок", "Президент Обама" -> "Обама")
            def not_name(t: str) -> bool:
                return (t in lists["not_names"] or t in lists["ru_org_words"] or is_place(t)
                        or bool(ru_title_pattern().search(t.casefold() + " "))
                        or bool(re.search(r"(?:тель|тели|ция|ции|ство|ства|ание|ения|ение|ского|ного|ской|ному|ских)$", t)))
            k = max(0, len(tokens) - 3)
            while k < len(tokens) and any(not_name(t) for t in tokens[k:]):
                k += 1
            if k >= len(tokens):
                return "", False, ""
        titled = k > 0 and bool(ru_title_pattern().search(" ".join(tokens[:k]) + " "))
        lead, tokens = tokens[:k], tokens[k:]
    definite = bool(tokens) and tokens[0] in ("The", "A", "An")  # "The Wisconsin Republican says"
    while tokens and (tokens[0] in lists["not_names"] or tokens[0] in lists["role_words"]
                      or tokens[0].rstrip(".") + "." in lists["honorifics"] or is_place(tokens[0])):
        if (len(tokens) == 1 and lead and lead[-1].rstrip(".") in _PERSONAL_HONORIFICS
                and tokens[0] not in lists["not_names"] and tokens[0] not in lists["forms_of_address"]):
            break  # "Mr. King", "Ms. Judge": after Mr. or Ms. the last word is a surname ("Mr. President" is not)
        if is_title(tokens[0]):
            titled = True
        if tokens[0] not in lists["not_names"]:
            lead.append(tokens[0])
        tokens.pop(0)
    # "Businessman Gordon Whitby", "Filmmaker Jack Marino": an occupation written before a first name
    if len(tokens) >= 3 and not is_cyrillic(run) and (
            tokens[0].casefold() in lists["role_nouns"]
            or (re.search(r"(?:er|or|ist|maker|man|woman)$", tokens[0]) and tokens[1] in _given_genders())
            or (tokens[1] in _given_genders() and common_word(tokens[0]))):
        # ("Chief of Staff Katie Walsh": a frequent word glued before a given name ends a title)
        lead.append(tokens.pop(0))
    # "Virginia Gov. Ed Rendell": the name starts after the last title inside the run
    cut = max((k for k, t in enumerate(tokens[:-1]) if t in lists["role_words"] or t in lists["honorifics"]
               or t in lists["org_words"]), default=-1)
    if cut >= 0:
        titled = titled or any(is_title(t) for t in tokens[:cut + 1])
        lead.extend(tokens[:cut + 1])
        tokens = tokens[cut + 1:]
    org_words = lists["org_words"]
    if tokens and tokens[-1] in lists["org_surnames"] and (titled or (len(tokens) >= 2 and tokens[0] in _given_genders())):
        org_words = org_words - {tokens[-1]}  # "Oliver K. Hedge", "Mr. Hedge": a surname, not a body's head
    # "Mike Pence Thursday", "Washington D.C. He": a sentence word ends the name
    for k, t in enumerate(tokens):
        if k and t in org_words:
            return "", titled, " ".join(lead)  # "Judicial Watch stated": a body, not "Judicial"
        if k and (t in lists["not_names"] or t.rstrip(",") in ("Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV")):
            tokens = tokens[:k]
            break
    if tokens and not is_cyrillic(run) and tokens[-1].rstrip(",") in lists["honorifics"]:
        return "", titled, " ".join(lead + tokens)  # "Pennsylvania Gov." (and …): a title, the name comes later
    if len(tokens) == 1 and lead and not is_cyrillic(run) and tokens[0] in lists["role_words"] and (
            lead[-1].rstrip(".") not in _PERSONAL_HONORIFICS):
        return "", titled, " ".join(lead + tokens)  # "Party Chief (of Staff …)": a title, the name comes later
    name = " ".join(tokens).rstrip(",")
    if definite and not titled:
        return "", False, " ".join(lead)
    if " ".join(lead + tokens).casefold() in outlets() or name.casefold() in outlets():
        return "", titled, " ".join(lead)
    if not tokens or any(t.strip(",.") in org_words for t in tokens) or name in places():
        return "", titled, " ".join(lead)
    if is_cyrillic(name) and len(tokens) > 1:
        name = nominative_name(name)
    return name, titled, " ".join(lead)


_PERSONAL_HONORIFICS = ("Mr", "Mrs", "Ms", "Miss", "Messrs")


@cache
def _given_genders() -> frozenset[str]:
    data = load_json("given_name_genders.json")
    return frozenset(data["male"]) | frozenset(data["female"])


@cache
def _place_stems() -> frozenset[str]:
    return frozenset(st for alias in places() if " " not in alias and is_cyrillic(alias) for st in stems(alias))


def is_place(token: str) -> bool:
    """A place name in any case form ("России", "Ohio")."""
    return token in places() or (is_cyrillic(token) and any(st in _place_stems() for st in stems(token)))


def is_title(token: str) -> bool:
    """A word that makes the next capitalized words a person: "Sen.", "President", "Mayor"
    (not a modifier such as "Former" or "Republican")."""
    lists = name_lists()
    return (token.rstrip(".") + "." in lists["honorifics"] or token in title_heads()
            or token.casefold() in lists["role_nouns"])


@cache
def english_given() -> frozenset[str]:
    """English given names: the gendered lists and the census names of given_names_en.json."""
    return _given_genders() | frozenset(load_json("given_names_en.json")["given_names"])


def common_word(token: str) -> bool:
    """A frequent English word that is no given name ("Public", "Advocate", "Black"; not "Rose",
    "Will"): glued before a name, it opens a title or a headline, not the name."""
    return (not is_cyrillic(token) and token not in english_given()
            and token.casefold() in common_words())
