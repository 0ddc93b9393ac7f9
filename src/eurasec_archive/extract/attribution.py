"""Reading how news reports speech: cues of saying and who stands beside them, in one paragraph.

A pure function of text. ``find_cues(text)`` returns each cue (a verb of saying or "according
to") with its source as the text gives it: a name ("Lavrov said", "said Sen. Jeff Merkley, a
Democrat", "according to Douglas Holtz-Eakin", "Лавров заявил", "по словам Лаврова",
"заявил министр Сергей Лавров"), a pronoun ("he said", "она отметила") or a role noun ("the
senator added"), and the reported content when the speech is indirect ("X said that …",
"…, X said"). Who a pronoun or a surname stands for is decided for the whole document in
speakers.py. Vocabulary lives in authority/speech_verbs.json and roles.json.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from eurasec_archive.authorities import outlets, roles, speech_verbs
from eurasec_archive.extract.memo import copied_items, memoized
from eurasec_archive.extract.people import given_names, ru_title_pattern
from eurasec_archive.extract.russian import is_cyrillic
from eurasec_archive.extract.speaker_appositions import appositive, named_after_noun
from eurasec_archive.extract.speaker_names import (
    NAME_RUN,
    UPPER,
    inside_quote_marks,
    name_lists,
    person_part,
    sentences,
)
from eurasec_archive.extract.speaker_ru_subject import ru_role_noun_at, ru_subject
from eurasec_archive.extract.speaker_titles import no_title_periods, role_noun_run, title_words
from eurasec_archive.extract.speech_phrases import reported_clause, says_here


@dataclass
class Cue:
    pos: int  # where the cue verb (or "according to") starts
    verb: str
    kind: str  # "name", "pronoun", "noun"
    source: str  # as written: the name without its titles, the pronoun, the role noun
    source_pos: int
    titled: bool = False  # a title or honorific stood before the name
    role: str | None = None  # the title phrase or appositive as written
    gender: str | None = None  # m / f from a pronoun or honorific
    content: tuple[int, int] | None = None  # reported speech: its span in the paragraph
    bare: bool = False  # a lone word that is also a place, body or common word ("Law said"): a surname only of a full name


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


def _starting(words) -> str:
    """A lookahead for the letters ``words`` start with ("" if one of them is empty)."""
    if not all(words):
        return ""
    return "(?=[" + "".join(sorted({re.escape(w[0]) for w in words})) + "])"


@cache
def _patterns() -> dict[str, re.Pattern]:
    v, r = speech_verbs(), roles()
    verbs = _alt(v["en"] + v["ru"])
    inverted = _alt(v.get("en_inverted", []) + v["ru"])
    aux = _alt(v.get("en_auxiliaries", []) + ["также", "уже", "ещё", "еще", "ранее", "вновь", "тогда", "затем",
                                              "вчера", "сегодня", "неоднократно", "в свою очередь",
                                              "со своей стороны", "в частности", "лишь", "не раз"])
    pron = _alt(list(v.get("en_pronouns", {})) + list(v.get("ru_pronouns", {})))
    nouns = _alt(r.get("en_role_nouns", []))
    ru_nouns = _alt(r.get("ru_role_nouns", []))
    return {
        # (the lookahead only skips, in one test, the places where no verb can start)
        "verb": re.compile(rf"{_starting(v['en'] + v['ru'])}(?<![\w-])(?:{verbs})(?![\w-])"),
        # what may stand between a speaker and the verb: "(R-Texas)", ", a Democrat,", "also", "has"
        "gap": re.compile(rf"(?:\s*\([^()]{{1,40}}\))?"
                          rf"(?:\s+(?:of|from|at)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|of|for|and|the|on|in|\([A-Z]{{2,8}}\)))*)?"
                          rf"(?:,\s*(?:[^,;:“”\"«»]|“[^”]{{0,40}}”){{2,140}}?(?:,\s*[^,;:“”\"«»]{{2,160}}?){{0,2}},)?(?:,\s*who)?"
                          rf"(?:\s+(?:{aux}|[a-z]+ly))*\s*$"),
        "by_means": re.compile(rf"\s+by\s+(?:(?:a|an|the)\s+)?(?:{_alt(v.get('en_by_means', []))})\b", re.IGNORECASE),
        "inverted": re.compile(r"(?:[,”\"»’']\s*[-–—]?|[-–—])\s*$"),
        "inverted_verb": re.compile(rf"^(?:{inverted})$"),
        "according_en": re.compile(rf"(?<![\w-])(?:{_alt(v.get('en_according', []))})\s+$", re.IGNORECASE),
        "according_ru": re.compile(rf"(?<![\w-])(?:{_alt(v.get('ru_according', []))})\s+$", re.IGNORECASE),
        "pronoun": re.compile(rf"(?:^|(?<=[\s“\"«,;:—–-]))(?P<src>{pron})(?:\s+(?:{aux}))*\s+$"),
        "noun": re.compile(rf"(?:^|(?<=\s))(?P<src>(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?:[\w.’'-]+\s+){{0,3}}?(?:{nouns}))"
                           rf"(?:,\s*[^,]{{2,60}},)?(?:\s+(?:{aux}))*\s+$"),
        "ru_noun": re.compile(rf"(?:^|(?<=[\s,—–-]))(?P<src>(?:[а-яё-]+\s+){{0,2}}(?:{ru_nouns}))(?:\s+(?:{aux}))*\s+$"),
        # the inv_ patterns are used with .match(sentence, pos): anchored at pos (a "^" would never match there)
        "inv_ru_noun": re.compile(rf"\s*(?P<src>(?:[а-яё-]+\s+){{0,2}}?(?:{ru_nouns}))(?:\s+[а-яё]+){{0,4}}\s*(?:[.,;:!?]|$)"),
        "inv_pronoun": re.compile(rf"\s*(?P<src>{pron})\b"),
        "inv_unnamed": re.compile(rf"\s+(?:an?|one|another|two|three|several)\s+(?:[\w.’'-]+\s+){{0,3}}?(?:{nouns})s?\b"),
        "inv_noun": re.compile(rf"\s*(?P<src>the\s+(?:[\w.’'-]+\s+){{0,3}}?(?:{nouns}))\b"),
        # "the White House spokesman, Josh Earnest, said": a name set off by commas after a noun phrase
        "apposed": re.compile(rf"(?P<head>(?:[\w’'.-]+\s+){{0,5}}(?:[a-z][\w-]*|[A-Z]{{3}})),\s+(?P<run>[A-Z][^,;:“”\"«»()]{{2,48}}?),"
                              rf"(?:\s+(?:{aux}|[a-z]+ly))*\s+$"),
    }


def _name_before(text: str, end: int, limit: int = 260) -> tuple[int, str, bool, str] | None:
    """The person run whose gap to ``end`` holds only an appositive, a party tag or auxiliaries."""
    begin = max(0, end - limit)
    window = text[begin:end]
    bare = None  # "“…,” Israel said": a lone word no name alone, kept in case the document names an Israel in full
    # ("One pastor supporting Cruz, Darran Whiting of Liberty Baptist Church, said": an apposed name's "of" phrase
    # closes with the appositive's comma)
    closed = window.rstrip()[:-1] if window.rstrip().endswith(",") else None
    for m in NAME_RUN.finditer(window):
        if not _patterns()["gap"].match(window, m.end()) and not (
                closed and re.search(r",\s+$", window[:m.start()]) and re.match(r"\s+(?:of|from|at)\s", window[m.end():])
                and _patterns()["gap"].match(closed, m.end())):
            continue
        gap = window[m.end():]
        if gap.startswith("’s") or gap.startswith("'s"):
            continue  # "Trump’s campaign said" is not Trump
        if _apposed_full_name(gap):
            continue  # "One pastor supporting Mr. Cruz, Darran Whiting of …, said": the apposed name speaks
        if "''" in gap or re.search(r"[.!?][”\"’']*\s+[“\"‘'A-Z]", no_title_periods(gap)):
            continue  # the appositive may not run over a sentence or a quotation
        name, titled, lead = person_part(m.group(0))
        if not lead and re.search(r"\b(?:in|at|from|of|to|across|into|near|outside|inside|with|for|by|on|the|a|an|its|"
                                  r"their|his|her)\s+$", window[:m.start()]):
            continue  # "the government of Costa Rica agreed", "with Bloomberg Politics, he said"
        if lead and not re.match(r",\s*who\b", gap) and re.search(
                r"\b[a-z]+\s+(?:for|of|to|with|by|from|about|against)\s+(?:the\s+)?$", window[:m.start()]):
            continue  # "a spokesman for House Speaker Paul Ryan told": the spokesman speaks
        if re.match(r"\s*$", gap) is None and gap.lstrip(" ,").startswith(("and ", "or ")):
            continue
        if name:
            start = begin + m.start() + m.group(0).find(name.split()[0]) if name.split()[0] in m.group(0) else begin + m.start()
            return start, name, titled, lead
        if (bare is None and not name and " " not in m.group(0) and not m.group(0).endswith(".")
                and not is_cyrillic(m.group(0)) and _word_led(window, m.start())):
            bare = (begin + m.start(), m.group(0), False, "", True)
    return bare


def _name_after(text: str, start: int, according: bool = False) -> tuple[int, str, bool, str] | None:
    """The first person run after an inverted verb or "according to", past role words:
    "said former Virginia Gov. Ed Rendell", "заявил министр иностранных дел Сергей Лавров"."""
    window = text[start:start + 200]
    for m in NAME_RUN.finditer(window):
        if inside_quote_marks(window, m.start()):
            continue  # "журналу «Беларуская думка»"
        outlet = re.search(r"(?:^|\s)([A-ZА-ЯЁ]{2,6})\s+$", window[:m.start()])
        if outlet and f"{outlet.group(1)} {m.group(0)}".casefold() in outlets():
            continue  # "сообщил РИА Новости"
        between = re.sub(r"«[^»]{1,60}»", "«»", window[:m.start()]) if is_cyrillic(window) else window[:m.start()]
        if (re.search(r"[.;:!?“”\"]|\s[-–—]\s", no_title_periods(between.replace("U.S.", "US").replace("«»", "")))
                or len(between.split()) > (14 if is_cyrillic(between) else 7)):
            return None
        low = re.match(rf"\s+((?:[a-z][\w-]*\s+){{1,4}})[{UPPER}]", window[m.end():])
        if not is_cyrillic(m.group(0)) and low and role_noun_run(low.group(1).split()):
            continue  # "said Latino Decisions researcher Sylvia Manzano", "said undecided Republican voter X"
        words = between.rstrip(", ").split()
        if len(words) >= 2 and words[0] in ("his", "her", "their") and role_noun_run(words[-1:]):
            words = words[1:]  # "added his campaign manager Jeff Weaver"
        if not title_words(words) or "," in between.rstrip(", "):
            return None  # "according to the statement, the concept of the Eurasian Charter"
        if according and is_cyrillic(between) and between.rstrip().endswith(","):
            return None  # "По мнению независимых наблюдателей, Санников …": the observers are the source
        if re.match(r"['’]s\s+(?:(?:[a-z][\w-]*\s+){0,4}[a-z][\w-]*,?\s+)?[A-Z]", window[m.end():]):
            continue  # "according to Reagan's former secretary William Bennett", "said Florida’s Rick Wilson": the owner is no source
        name, titled, lead = person_part(m.group(0))
        if name:
            role = (between.strip(" ,") + " " + lead).strip() or appositive(window, m.end(), len(window))
            ru = ru_title_pattern().search(between.rstrip(" ,") + " ") if is_cyrillic(between) else None
            role = ru.group(1) if ru else role
            return start + m.start() + m.group(0).rfind(name.split()[0]), name, titled, role
        if not between.strip() and " " not in m.group(0) and not m.group(0).endswith(".") and not according and not is_cyrillic(m.group(0)):
            return start + m.start(), m.group(0), False, "", True  # "“…,” said Law": a surname only of a full name
        if m.group(0).split()[-1] in name_lists()["org_words"]:
            return None  # "said the Justice Department's …"
    return None


def _apposed_full_name(gap: str) -> bool:
    """Whether the gap after a name opens with another full name set off by a comma, not an owner
    (", Darran Whiting of Liberty Baptist Church, said"; not ", Hillary Clinton’s rival, said")."""
    m = re.match(r",\s+", gap)
    run = NAME_RUN.match(gap, m.end()) if m else None
    if not run or gap.startswith(("’s", "'s"), run.end()) or re.match(r"\s+(?:and|or|&)\s", gap[run.end():]):
        return False
    name, _, lead = person_part(run.group(0))
    return len(name.split()) >= 2 and not lead and re.match(r"\s+(?:of|from|at)\s|,", gap[run.end():]) is not None


def _full_name_after(sentence: str, ve: int) -> bool:
    hit = _name_after(sentence, ve)
    return hit is not None and len(hit) < 5


def _word_led(window: str, start: int) -> bool:
    """Whether the word at ``start`` opens the clause: the sentence's start, or after a quotation
    or a comma ("“…,” Law said", "Afterwards, Law said"), not after an article or a preposition."""
    return re.search(r"(?:^|[,;:”\"’'—–-])\s*$", window[:start]) is not None


def speech_verb(text: str) -> str | None:
    """The first verb of saying in ``text`` outside quotation marks."""
    m = _patterns()["verb"].search(re.sub(r"''(?:(?!'').)*''|'[^']*'|‘[^’]*’|“[^”]*”|\"[^\"]*\"|«[^»]*»", "", text))
    return m.group(0) if m else None


@memoized(2048, copied_items)
def find_cues(text: str) -> list[Cue]:
    """Every cue of saying in a paragraph with its source, in order."""
    pats = _patterns()
    cues: list[Cue] = []
    for s0, s1 in sentences(text):
        sentence = text[s0:s1]
        found = [c for vm in pats["verb"].finditer(sentence)
                 if (c := _cue_at(sentence, vm.start(), vm.end(), vm.group(0)))]
        for am in re.finditer(r"(?<![\w-])(?:according to|in the words of|по словам|по мнению|как \w+)\s+",
                              sentence, re.IGNORECASE):
            if not (pats["according_en"].search(sentence[:am.end()]) or pats["according_ru"].search(sentence[:am.end()])):
                continue
            verb = re.sub(r"\s+", " ", am.group(0).strip())
            hit = _name_after(sentence, am.end(), according=True)
            if hit:
                found.append(Cue(am.start(), verb, "name", hit[1], hit[0], hit[2], hit[3],
                                 content=_content_around(sentence, am.start(), hit[0] + len(hit[1]), True)))
            elif re.match(r"(?:него|неё|нее|ее|её|him|her)\b", sentence[am.end():]):
                fem = sentence[am.end():].startswith(("неё", "нее", "ее", "её", "her"))
                found.append(Cue(am.start(), verb, "pronoun", "she" if fem else "he", am.end(),
                                 gender="f" if fem else "m",
                                 content=_content_around(sentence, am.start(), am.end() + 4)))
        # "По его словам, …", "по её мнению": the possessive before the noun
        for am in re.finditer(r"(?<![\w-])по\s+(его|её|ее)\s+(?:словам|мнению|оценке|утверждению)\b", sentence, re.IGNORECASE):
            fem = am.group(1).casefold() != "его"
            found.append(Cue(am.start(), re.sub(r"\s+", " ", am.group(0)), "pronoun", "она" if fem else "он",
                             am.start(1), gender="f" if fem else "m",
                             content=_content_around(sentence, am.start(), am.end(), True)))
        # "Как отметил премьер в речи перед министрами, …": a role noun after the phrase
        for am in re.finditer(r"(?<![\w-])(?:по словам|по мнению|как \w+)\s+", sentence, re.IGNORECASE):
            if any(c.pos == am.start() for c in found) or not pats["according_ru"].search(sentence[:am.end()]):
                continue
            noun = ru_role_noun_at(sentence, am.end())
            if noun and not _name_after(sentence, am.end(), according=True):
                found.append(Cue(am.start(), re.sub(r"\s+", " ", am.group(0).strip()), "noun", noun[0],
                                 am.end(), content=_content_around(sentence, am.start(), noun[1], True)))
        for c in found:
            c.pos += s0
            c.source_pos += s0
            if c.content:
                c.content = (c.content[0] + s0, c.content[1] + s0)
        cues.extend(found)
    cues.sort(key=lambda c: c.pos)
    return cues


def _cue_at(sentence: str, vs: int, ve: int, verb: str) -> Cue | None:
    pats = _patterns()
    if re.match(r"\s+by\b", sentence[ve:]) and not pats["by_means"].match(sentence, ve):
        return None  # "the Charter proposed by Belarus": a passive, not a speaker ("said by telephone" is none)
    if not says_here(sentence, vs, ve, verb):
        return None  # "continued to deliver paid speeches", "went on the record": doing, not saying
    before = sentence[:vs]
    # (not "…, said Tom Hart" after it: then the inverted name speaks)
    clause = reported_clause(before, sentence[ve:])  # "Trump's attorney, Alan Garten, said Nunberg was …"
    # ("…,” the assailant, John McGraw, told the program": a verb that never comes before its subject has its object there)
    # (and "The group's CEO, Kimberley Fritts, said the firms had …": no source after the verb)
    apposed = None if (re.match(r"\s+(?:[A-Z]|the\s)", sentence[ve:]) and not clause and pats["inverted_verb"].match(verb)
                       and (pats["inv_noun"].match(sentence, ve) or _full_name_after(sentence, ve))) else _apposed_name(before)
    if apposed:
        start, name, role = apposed
        return Cue(vs, verb, "name", name, start, False, role, content=_content_around(sentence, start, ve))
    pronouns = {**speech_verbs().get("en_pronouns", {}), **speech_verbs().get("ru_pronouns", {})}
    inverted = bool(pats["inverted"].search(before)) and bool(pats["inverted_verb"].match(verb)) and not clause
    # inverted: "…,” said Sen. Jeff Merkley" / "«…», — заявил Лавров" / "he said"
    named = named_after_noun(sentence, ve) if inverted else None
    if named:  # "…,” said the company's chief executive, John J. Ferriola.": the noun phrase is his role
        return Cue(vs, verb, "name", named[1], named[0], False, named[2],
                   content=_content_around(sentence, vs, named[0] + len(named[1])))
    if inverted and pats["inv_unnamed"].match(sentence, ve):
        return None  # "…, Xi Jinping …, said an American official who …": an unnamed source
    if inverted and re.search(r"[^”\"»’]\s*,\s*$", before) and _name_before(sentence, vs):
        inverted = False  # "Frank Luntz, a Republican expert, said Mr. Cameron had failed": Luntz speaks
    if inverted:
        m = (pats["inv_pronoun"].match(sentence, ve) or pats["inv_noun"].match(sentence, ve)
             or pats["inv_ru_noun"].match(sentence, ve))
        if m:
            kind = "pronoun" if m.re is pats["inv_pronoun"] else "noun"
            return Cue(vs, verb, kind, m.group("src"), m.start("src"), gender=pronouns.get(m.group("src")),
                       content=_content_around(sentence, vs, m.end()))
        hit = _name_after(sentence, ve)
        if hit:
            return Cue(vs, verb, "name", hit[1], hit[0], hit[2], hit[3], bare=len(hit) > 4,
                       content=_content_around(sentence, vs, hit[0] + len(hit[1])))
    # subject before the verb: "Clinton said", "Douglas Holtz-Eakin, a former director of …, said"
    m = pats["pronoun"].search(before)
    if m:
        return Cue(vs, verb, "pronoun", m.group("src"), m.start("src"), gender=pronouns.get(m.group("src")),
                   content=_content_around(sentence, m.start("src"), ve))
    # "Министр также заверил, что …": a role noun opening the sentence is written with a capital
    m = pats["noun"].search(before) or pats["ru_noun"].search(
        before[:1].lower() + before[1:] if is_cyrillic(before[:1]) else before)
    if m:
        return Cue(vs, verb, "noun", m.group("src"), m.start("src"),
                   content=_content_around(sentence, m.start("src"), ve))
    hit = _name_before(sentence, vs)
    if hit:
        role = hit[3] or appositive(sentence, hit[0] + len(hit[1]), vs)
        return Cue(vs, verb, "name", hit[1], hit[0], hit[2], role or None, bare=len(hit) > 4,
                   content=_content_around(sentence, hit[0], ve))
    # the subject far before its verb or gerund: "Лавров на встрече с журналистами резко
    # отреагировал на заявление…, заявив, что …", "Керри сделал остановку в Кабуле, где … отметил"
    if is_cyrillic(verb) and not re.search(r"\b(?:котор\w+|кто|чей|чья)\b", before, re.IGNORECASE):
        hit = ru_subject(sentence, vs)
        if hit:
            return Cue(vs, verb, "name", hit[1], hit[0], hit[2], hit[3],
                       content=_content_around(sentence, hit[0], ve))
    # Russian puts the verb first: "Об этом заявил министр иностранных дел России Сергей Лавров"
    if is_cyrillic(verb):
        hit = _name_after(sentence, ve)
        if hit:
            return Cue(vs, verb, "name", hit[1], hit[0], hit[2], hit[3],
                       content=_content_around(sentence, vs, hit[0] + len(hit[1])))
    return None




def _apposed_name(before: str) -> tuple[int, str, str] | None:
    """"the White House spokesman, Josh Earnest," / "Sanders's campaign manager, Jeff Weaver," / "his
    wife, Ann Lee," right before the verb: the full name set off by commas is the speaker, the noun
    phrase before it (a role or a kinship noun) its role. (start, name, role)."""
    m = _patterns()["apposed"].search(before)
    if not m:
        return None
    head = m.group("head").split()
    noun = head[-1].casefold()
    listed = noun in name_lists()["role_nouns"] or noun in roles().get("en_kin_nouns", [])
    if not (listed or role_noun_run(head[-1:])):
        return None
    run = NAME_RUN.fullmatch(m.group("run"))
    name, titled, lead = person_part(m.group("run")) if run else ("", False, "")
    if len(name.split()) < 2 or lead or not (listed or name.split()[0] in given_names()):
        return None  # "the Vatican's official newspaper, L'Osservatore Romano,": a noun by its ending only
    # the role: the noun phrase back to its determiner or possessive ("Sanders's campaign manager")
    words: list[str] = []
    for w in reversed(head):
        if w.casefold() in ("the", "a", "an", "his", "her", "its", "their", "our", "my") or w.endswith((",", ".")):
            break
        words.insert(0, w)
        if w.endswith(("’s", "'s")):
            break
    return m.start("run") + m.group("run").find(name.split()[0]), name, " ".join(words)




def _content_around(sentence: str, cue_start: int, cue_end: int, according: bool = False) -> tuple[int, int] | None:
    """The reported content of an indirect cue: the clause after "X said (that)", else the
    clause before "…, X said" / "…, said X"; None when the sentence quotes directly."""
    # a name in marks («Марша Голунова», “Meet the Press”) is no direct quotation
    marks = re.sub(r"«[А-ЯЁA-Z][^«»]{0,40}»|“[A-Z][^“”]{0,30}”", lambda m: "_" * len(m.group(0))
                   if len(m.group(0).split()) <= 4 else m.group(0), sentence)
    if re.search(r"[“”«»\"]|''", marks):
        return None
    end = len(sentence.rstrip(" .!?…"))
    after = sentence[cue_end:end]
    m = re.match(r"^(?:(?:\s+(?:on|in|at|during|last|this|earlier|late|Monday|Tuesday|Wednesday|Thursday|Friday|"
                 r"Saturday|Sunday|\w+day)\b[^,]{0,50})?,?\s*)?(?:that\s+|что\s+|,\s*что\s+)?(?P<c>\S.*)$", after)
    if m and len(m.group("c").split()) >= 4 and (according or not re.match(r"\s*,\s*(?:a|an|the|who|which|\w+ of)\b", after)):
        start = cue_end + m.start("c")
        return (start, end)
    head = sentence[:cue_start].rstrip(" —–-")
    if head.endswith(",") and len(head.split()) >= 4:
        return (0, len(head) - 1)
    return None
