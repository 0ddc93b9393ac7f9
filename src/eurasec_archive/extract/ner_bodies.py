"""Organizations Russian news names by a common noun: the bodies of a place.

"правительства Китая", "МИД Японии", "сборная России" name an organization by a government body
and the place it belongs to; "японское правительство", "российском министерстве финансов" by a
body and an adjective of that place. The model tags only the place; these rules add the body
(the words come from authority/organization_heads.json, ru_government_bodies). A company's legal
form is no part of its name ("ОАО «Газпром»" is "Газпром").
"""

from __future__ import annotations

import re
from functools import cache

from eurasec_archive.authorities import load_json
from eurasec_archive.extract.ner_mentions import no_organization, not_a_body, without_members  # noqa: F401 (moved)
from eurasec_archive.extract.russian import inflected, is_cyrillic
from eurasec_archive.models import Organization

# an adjective of a place: российский, японское, американской, белорусских…
_PLACE_ADJECTIVE = r"[А-ЯЁа-яё][а-яё]+(?:ск|цк)(?:ий|ой|ое|ая|ого|ому|ом|ую|ие|их|им|ими|ей)"


@cache
def _bodies(after_adjective: bool = False) -> str:
    data = load_json("organization_heads.json")
    skip = set(data.get("ru_not_after_adjective", [])) if after_adjective else set()
    bodies = sorted((b for b in data.get("ru_government_bodies", []) if b not in skip), key=len, reverse=True)
    # an acronym takes a case ending in lower case ("японского МИДа", "в МИДе")
    return "|".join(re.escape(b) + "(?:а|у|е|ом)?" if b.isupper() else _any_case(b) for b in bodies)


def _any_case(body: str) -> str:
    """A pattern of the body's words in any case and number ("окружного суда", "вооружёнными
    силами"): each word's stem common to the forms of its dictionary reading, then any short ending
    (``_is_body_word`` checks the first word's lemma); е and ё alike."""
    from os.path import commonprefix

    from eurasec_archive.extract.ner import morph

    words = []
    for word in body.split():
        forms = [f.word for f in morph().parse(word)[0].lexeme] if morph().word_is_known(word) else []
        stem = commonprefix(forms) if forms else ""
        if len(stem) < 3:
            stem, forms = inflected(word).split("[")[0], [word]
        longest = max(len(f) for f in forms) - len(stem)
        words.append(re.sub("[её]", "[её]", re.escape(stem)) + f"[а-яё]{{0,{max(longest, 3)}}}")
    return r"\s+".join(words)


@cache
def _before_place() -> re.Pattern:
    # the body, then up to three lower-case words of its complement ("министерства юстиции США")
    return re.compile(rf"(?<![\w-])({_bodies()})((?:\s+(?-i:[а-яё]+|[А-ЯЁ]{{2,5}})){{0,3}})\s+$", re.IGNORECASE)


@cache
def _body_lemmas() -> frozenset[str]:
    from eurasec_archive.extract.ner import morph

    words = load_json("organization_heads.json").get("ru_government_bodies", [])
    return frozenset(morph().parse(w.split()[0])[0].normal_form for w in words if not w.isupper())


@cache
def _body_acronyms() -> tuple[str, ...]:
    return tuple(w for w in load_json("organization_heads.json").get("ru_government_bodies", []) if w.isupper())


def _is_body_word(found: str) -> bool:
    """The matched body is a form of a listed body, not a word that only starts like one
    ("сенатора" is no form of "сенат")."""
    from eurasec_archive.extract.ner import morph

    first = found.split()[0]
    return any(first.upper().startswith(a) for a in _body_acronyms()) or \
        any(p.normal_form in _body_lemmas() for p in morph().parse(first))


def _genitive_complement(words: list[str]) -> bool:
    """"юстиции", "иностранных дел", "МВД": words in the genitive or an acronym (a noun's
    complement), not a verb or a preposition ("правительство заявило о поддержке России")."""
    from eurasec_archive.extract.ner import morph

    return all(w.isupper() or any(p.tag.case == "gent" and p.tag.POS in ("NOUN", "ADJF") for p in morph().parse(w)) and
               not any(p.tag.POS in ("PREP", "CONJ", "VERB", "PRCL") for p in morph().parse(w)[:1]) for w in words)


@cache
def _with_adjective() -> re.Pattern:
    return re.compile(rf"(?<![\w-])({_PLACE_ADJECTIVE})\s+({_bodies(True)})(?![\w-])")


@cache
def _legal_form() -> re.Pattern:
    forms = sorted(load_json("organization_heads.json").get("ru_legal_forms", []), key=len, reverse=True)
    return re.compile(rf"^(?:{'|'.join(re.escape(f) for f in forms)})\s+[«\"„“]?(.+?)[»\"“”]?$", re.IGNORECASE)


def body_before(text: str, start: int) -> tuple[int, str] | None:
    """(start, nominative) of a government body named right before a place mention at ``start``.
    A body listed in the plural ("власти") is one only in the plural ("власти России", not
    "власть России")."""
    from eurasec_archive.extract.ner import morph, nominative_phrase

    window = text[max(0, start - 80):start]
    m = _before_place().search(window)
    # the leftmost body words that end right before the place ("сенатор конгресса США": not "сенат…")
    while m and not (_genitive_complement(m.group(2).split()) and _is_body_word(m.group(1)) and "\n" not in m.group(0)):
        m = _before_place().search(window, m.start() + 1)
    if not m:
        return None
    body = start - len(window) + m.start()
    first = m.group(1).split()[0]
    head = None if first.isupper() else next((p for p in morph().parse(first) if p.tag.POS == "NOUN"), None)
    plural = head is not None and head.normal_form in _plural_bodies()
    if plural:
        head = next((p for p in morph().parse(first) if p.tag.POS == "NOUN" and p.tag.number == "plur"), None)
        if head is None:
            return None
    # its adjectives: "федеральной прокуратуры Бельгии", "высшее руководство Китая"
    body = _adjectives_before(text, body, head, participles=False)[0] if head is not None and first.islower() else body
    written = text[body:start].rstrip()
    if plural:  # "властям Бельгии": the nominative stays plural (the place stays as written)
        written = written.replace(first, head.inflect({"nomn"}).word, 1)
        return body, written[:1].upper() + written[1:]
    return body, nominative_phrase(written)


@cache
def _plural_bodies() -> frozenset[str]:
    """Lemmas of the bodies listed in the plural alone ("власти": "власть" names none)."""
    from eurasec_archive.extract.ner import morph

    words = [w for w in load_json("organization_heads.json").get("ru_government_bodies", [])
             if " " not in w and not w.isupper()]
    singular = lambda w: any(p.tag.number == "sing" and p.tag.case == "nomn" for p in morph().parse(w))  # noqa: E731
    lemmas = {w: morph().parse(w)[0].normal_form for w in words}
    return frozenset(lemmas[w] for w in words if not singular(w)) - {lemmas[w] for w in words if singular(w)}


def adjective_bodies(text: str) -> list[tuple[int, int, str]]:
    """(start, end, nominative) of each "<place adjective> <body>" ("японского правительства" ->
    "Японское правительство") in ``text``."""
    from eurasec_archive.extract.ner import nominative_phrase

    return [(m.start(), m.end(), nominative_phrase(m.group(0))) for m in _with_adjective().finditer(text)
            if _is_body_word(m.group(2))]


_KIND_ACRONYM = re.compile(r"^[А-ЯЁ]{2,5}\s+[«\"„“](.+?)[»\"“”]$")


@cache
def _media_kind() -> re.Pattern:
    """"Агентство France-Presse", "газета «Известия»": the kind of outlet before its name."""
    nouns = load_json("organization_heads.json").get("ru_media_nouns", [])
    return re.compile(rf"^(?:{'|'.join(inflected(n) for n in nouns)})\s+([«\"„“].+|[A-Z].*)$", re.IGNORECASE)


def without_legal_form(name: str) -> str:
    """"ОАО «Газпром»" -> "Газпром", "РКК «Энергия»" -> "Энергия" (an acronym of the kind of
    body before a quoted name), "агентство France-Presse" -> "France-Presse" (the kind of
    outlet); a name without a legal form comes back unchanged."""
    m = _legal_form().match(name) or _KIND_ACRONYM.match(name) or _media_kind().match(name)
    return m.group(1).strip("«»\"„“” ") if m and m.group(1).strip("«»\"„“” ") else name


_WORDS_BEFORE = re.compile(r"(?<![\w-])([А-ЯЁа-яё][а-яё]*(?:-[а-яё]+)*)(\s+)$")
_NOT_NAME_ADJECTIVES = frozenset({"новый", "бывший", "нынешний", "прежний", "старый", "будущий", "сам", "весь",
                                  "предыдущий", "следующий", "последний", "прошлый", "другой"})


@cache
def _unit_heads() -> frozenset[str]:
    return frozenset(load_json("organization_heads.json").get("ru_unit_heads", []))


def is_genitive_name(written: str) -> bool:
    """A body's name that may stand as a genitive complement: an acronym, a quoted or Latin
    name, or a Cyrillic name whose first word may be in the genitive ("Гарвардского")."""
    from eurasec_archive.extract.ner import morph

    first = written.split()[0].strip("«\"„“")
    if not first or first.isupper() or written[:1] in "«\"„“" or first.isascii():
        return True
    return any(p.tag.case == "gent" for p in morph().parse(first))


def _adjectives_before(text: str, pos: int, head, participles: bool = True) -> tuple[int, bool]:
    """(where they start, whether a country's adjective stopped them) of the adjectives agreeing
    with the noun ``head`` (a pymorphy parse) that stands at ``pos``: "юридический факультет",
    "федеральной прокуратуры"; a pronoun or "новый", "бывший" is none, and with ``participles``
    False a participle or a comparative either ("принимаемое правительством", "Позднее")."""
    from eurasec_archive.extract.ner import morph

    kinds = ("ADJF", "PRTF") if participles else ("ADJF",)
    while True:
        m = _WORDS_BEFORE.search(text, max(0, pos - 40), pos)
        if not m or "\n" in m.group(2):
            return pos, False
        parses = morph().parse(m.group(1))
        adjective = next((p for p in parses if p.tag.POS in kinds and p.tag.case == head.tag.case and
                          p.tag.number == head.tag.number and _same_gender(p, head)), None)
        if any(p.tag.POS == "COMP" for p in parses) or not participles and parses[0].tag.POS == "PRTF" or \
                sum(p.score for p in parses if p.tag.POS in kinds) < 0.1:
            adjective = None  # "Позднее кабинет …", "принятое правительством", "главой фракции": no adjective
        if adjective is not None and adjective.normal_form in _country_adjectives():
            return pos, True
        if adjective is None or "Apro" in adjective.tag or "Supr" in adjective.tag and "йш" in m.group(1) or \
                adjective.normal_form in _NOT_NAME_ADJECTIVES:  # "крупнейшего управления" describes it
            return pos, False
        pos = m.start()


def _same_gender(adjective, noun) -> bool:
    """An adjective agrees with a singular noun in gender too ("Позднее пресс-служба": neuter, feminine)."""
    return adjective.tag.number != "sing" or noun.tag.gender is None or adjective.tag.gender == noun.tag.gender


def unit_before(text: str, start: int, written: str) -> tuple[int, str] | None:
    """(start, nominative) of a part of a body named right before the body's name ``written``
    at ``start``: a head of ``ru_unit_heads`` with its adjectives before it and its genitive
    words after it ("пресс-службу МВД" -> "Пресс-служба МВД", "совета директоров «Газпрома»",
    "юридический факультет Гарвардского университета"); None when there is none."""
    from eurasec_archive.extract.ner import morph, nominative_phrase

    if not is_genitive_name(written):
        return None
    pos = start
    while pos > 0 and text[pos - 1] in "«\"„“":
        pos -= 1
    analyser, complements, head = morph(), 0, None
    while complements <= 3:
        m = _WORDS_BEFORE.search(text, max(0, pos - 40), pos)
        if not m or "\n" in m.group(2):
            return None
        parses = analyser.parse(m.group(1))
        head = next((p for p in parses if p.normal_form in _unit_heads()), None)
        pos = m.start()
        if head is not None:
            if head.tag.number != "sing" or "Sgtm" in head.tag:  # "подразделения Роскомнадзора": parts, not one body
                head = next((p for p in parses if p.normal_form in _unit_heads() and p.tag.number == "sing"), None)
                if head is None or parses[0].tag.number == "plur":
                    return None
            break
        if m.group(1)[:1].isupper():  # a capitalized word is a name of its own, no complement
            return None
        if not any(p.tag.case == "gent" and p.tag.POS in ("NOUN", "ADJF") for p in parses) or \
                parses[0].tag.POS in ("PREP", "CONJ", "VERB", "PRCL"):
            return None
        complements += 1
    if head is None:
        return None
    pos, country = _adjectives_before(text, pos, head)
    if country:
        return None  # "американское отделение Bank of East Asia" describes the body's part, names none
    closing = {"«": "»", "„": "“", "“": "”", "\"": "\""}.get(text[start - 1:start], "")
    return pos, nominative_phrase(f"{text[pos:start]}{written}{closing if not written.endswith(closing) else ''}")


@cache
def _heads_of(key: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in load_json("organization_heads.json").get(key, []))


@cache
def _country_adjectives() -> frozenset[str]:
    return frozenset(load_json("places.json").get("ru_country_adjectives", {}))


_TOPIC_WORD = re.compile(r"\s+([а-яё]+(?:-[а-яё]+)*)")
_LISTED_TOPIC_WORD = re.compile(r",?\s+([а-яё]+(?:-[а-яё]+)*)")
# a preposition inside a field after its noun, and the cases of the words it governs
_FIELD_PREPOSITIONS = {"с": ("ablt", "gent"), "со": ("ablt", "gent"), "за": ("ablt", "gent"), "к": ("datv", "gent"),
                       "ко": ("datv", "gent")}


def with_topic(text: str, span: tuple[int, int, Organization], lists: bool = False) -> tuple[int, int, Organization]:
    """A committee's or a commission's name goes on with its field after "по" or "против", which
    the model leaves out ("Комитет Госдумы" + "по науке и наукоёмким технологиям", "Комитет ООН
    против пыток"): lower-case nouns and adjectives (and "и" between them) up to any other word.
    Heads in ``ru_topic_heads``; a name the authority linked stays as it is. ``lists``: the field
    goes on after a comma too ("по транспортировке, подземному хранению и использованию газа")."""
    from eurasec_archive.extract.ner import morph

    start, end, org = span
    words = org.name.split()
    preposition = next((p for p in (" по ", " против ") if text.startswith(p, end)), None)
    if preposition is None or not words or not is_cyrillic(words[0]) or org.acronym:
        return span  # "Комитет ООН против пыток" too
    analyser = morph()
    head = next((p for w in words for p in analyser.parse(w)[:1] if p.tag.POS == "NOUN"), None)
    if head is None or head.normal_form not in _heads_of("ru_topic_heads"):
        return span
    pos, last_noun, cases, previous = end + len(preposition) - 1, None, ("datv", "gent", "loct"), set()
    for _ in range(7):
        m = (_LISTED_TOPIC_WORD if lists else _TOPIC_WORD).match(text, pos)
        if not m:
            break
        if m.group(1) in _FIELD_PREPOSITIONS and last_noun == pos:  # "по борьбе с коррупцией", "по надзору за …"
            pos, cases = m.end(), _FIELD_PREPOSITIONS[m.group(1)]
            continue
        parses = analyser.parse(m.group(1))
        first = parses[0]
        if m.group(0).startswith(",") and not any(p.tag.case in previous for p in parses):
            break  # a list goes on in one case: "по транспортировке, подземному хранению", "по вопросам семьи, женщин"
        # the field is in the dative with its genitive words: "по вопросам гражданства"; a word in
        # the nominative begins the sentence's own words ("… по развитию общества глава …")
        if m.group(1) != "и" and (first.tag.POS not in ("NOUN", "ADJF", "PRTF") or first.tag.case == "nomn" or
                                  not any(p.tag.case in cases for p in parses)):
            break
        pos, previous = m.end(), {p.tag.case for p in parses}
        if first.tag.POS == "NOUN":
            last_noun = pos
    if last_noun is None:
        return span
    return start, last_noun, Organization(f"{org.name}{text[end:last_noun]}", org.acronym)


@cache
def _organization_nouns() -> frozenset[str]:
    """Lemmas of the Russian nouns that may open a body's name (the head lists of
    organization_heads.json)."""
    data = load_json("organization_heads.json")
    words = [w for key in ("heads", "ru_generic", "ru_government_bodies", "ru_unit_heads", "ru_topic_heads",
                           "ru_media_nouns", "ru_legal_forms", "ru_body_nouns") for w in data.get(key, [])]
    return frozenset(w.split()[0].casefold() for w in words if is_cyrillic(w))


def without_thing(name: str, known) -> str:
    """"Флаг ИГИЛ" -> "ИГИЛ", "Сэндвич Burger King" -> "Burger King": a thing of a body the model
    took into its name (a dictionary noun that opens no body's name) before the body's own name (an
    acronym, a Latin or quoted name, or one ``known`` knows). Otherwise the name as it is."""
    from eurasec_archive.extract.ner import morph, nominative_phrase

    words = name.split(maxsplit=1)
    if len(words) < 2 or not is_cyrillic(words[0]) or words[0].isupper():
        return name
    rest, first = words[1], morph().parse(words[0])[0]
    if first.tag.POS != "NOUN" or "inan" not in first.tag or first.normal_form in _organization_nouns() or \
            {"Orgn", "Geox", "Name", "Surn"} & set(first.tag.grammemes) or not morph().word_is_known(words[0].lower()):
        return name
    opening = rest.split()[0]
    if opening.isupper() or rest[:1] in "«\"„“" or (opening.isascii() and opening[:1].isupper()):
        return rest
    rest = nominative_phrase(rest)
    return rest if rest[:1].isupper() and known(rest) else name


def opens_body(name: str) -> bool:
    """A name a body's part may have: an acronym ("ЦК", "ГУ") or a name whose head (first) noun
    opens a body's name ("Департамент информации", "Фрунзенский райком"), not a
    thing or a person of it ("Билеты", "Представитель")."""
    from eurasec_archive.extract.ner import morph

    words = name.split()
    if len(words) == 1 and words[0].isupper():
        return True
    head = next((p for w in words if is_cyrillic(w) for p in morph().parse(w.lower())[:1] if p.tag.POS == "NOUN"), None)
    return head is not None and head.normal_form.replace("ё", "е") in _organization_nouns()
