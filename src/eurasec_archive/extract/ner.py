"""Russian named entities read by a model, put in the nominative.

The model is natasha's news NER (slovnet + navec embeddings, shipped inside the ``natasha`` wheel,
loaded from disk once per process, never downloaded). It finds people (PER), organizations (ORG)
and places (LOC) whether or not an authority file knows them; ``nominative.py`` then puts each
name in the nominative. Here too: the span repairs and the filters of people's names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from eurasec_archive.authorities import load_json, roles
from eurasec_archive.extract.ner_eponyms import names_a_thing, without_town
from eurasec_archive.extract.ner_model import (  # noqa: F401 (also imported from here)
    _NATASHA_EMBEDDING,
    _NATASHA_NER,
    _embedding,
    _natasha_data,
    _tagger,
    russian_model,
)
from eurasec_archive.extract.nominative import (  # noqa: F401 (also imported from here)
    capitalized,
    known_word,
    morph,
    nominative_phrase,
    nominative_place,
)
from eurasec_archive.extract.person_names import (  # noqa: F401 (also imported from here)
    given_names,
    is_patronymic,
    name_particles,
    nominative_person,
    particle_prefix,
)
from eurasec_archive.extract.russian import is_cyrillic, nominative_surname, opens_sentence, stems

_KINDS = {"PER": "person", "ORG": "organization", "LOC": "place"}
_WORD = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*|\S")
_STRESS = "\u0301"  # a stress mark ("Азама́т"): no part of the name's letters
_MAX_CHARS = 200_000  # a longer text is read in its first part only: NER time grows with length


@dataclass(frozen=True)
class Mention:
    """One entity mention: kind (person|organization|place), the text as written, its nominative."""

    kind: str
    text: str
    normal: str
    start: int
    before: str = ""  # the word right before the mention, lower-cased
    aside: str | None = None  # what the span gave in brackets after the name: an acronym, a spelling
    initial: bool = False  # the mention opens a sentence (so its capital says nothing)


def _word_before(text: str, start: int) -> str:
    words = re.findall(r"[^\W\d_]+", text[max(0, start - 40):start])
    return words[-1].lower() if words else ""


def is_name_token(token: str) -> bool:
    """A word that may stand in a person's name: capitalized, a particle ("бин") or a
    particle-prefixed capitalized word ("аль-Барадеи")."""
    return token[:1].isupper() or token in name_particles() or bool(particle_prefix(token))


_NAME_OR_PLACE_TAGS = {"Name", "Surn", "Patr", "Geox", "Orgn"}


def is_common_word(word: str) -> bool:
    """A dictionary word that is no name in any reading ("Супруга", "Некоторые", "Маэстро"):
    a model's person made of it alone is a word capitalized at a sentence start."""
    analyser = morph()
    if not is_cyrillic(word) or word.isupper() or not known_word(word):
        return False
    return not any(_NAME_OR_PLACE_TAGS & set(p.tag.grammemes) for p in analyser.parse(word))


def is_no_name(word: str) -> bool:
    """A dictionary word that cannot be a person alone wherever it stands: no noun reading
    ("Подана") or a place or body that is no name or surname ("Царицыно")."""
    analyser = morph()
    if not is_cyrillic(word) or word.isupper() or not known_word(word):
        return False
    ps = analyser.parse(word)
    if any({"Name", "Surn", "Patr"} & set(p.tag.grammemes) for p in ps):
        return False
    return all(p.tag.POS != "NOUN" for p in ps) or bool({"Geox", "Orgn"} & set(ps[0].tag.grammemes))


_NOT_IN_NAME_POS = {"PRCL", "CONJ", "ADVB", "INTJ", "PREP", "NPRO", "VERB", "INFN", "PRED", "GRND"}


def _not_name_word(token: str) -> bool:
    """"Всё-таки", "Ушёл": a function word or a verb the model glued to a name (short words
    are left: "Хо", "Бин" are names as often)."""
    if not is_cyrillic(token) or token.isupper() or len(token) < 4 or not known_word(token):
        return False  # a word the dictionary only guesses at ("Линдси", "Хейди": read as imperatives)
    ps = morph().parse(token)
    return bool(ps) and ps[0].tag.POS in _NOT_IN_NAME_POS and \
        not any(_NAME_OR_PLACE_TAGS & set(p.tag.grammemes) for p in ps)


def _leading_adjective(token: str) -> bool:
    """"Восьмидесятилетний Маккейн", "Произошедшее Ревзин", "Сама Тэтчер": a dictionary adjective
    or participle with no name reading before a name is no part of it (not an ADJS or PRTS
    reading: "Кари", "Серена" are given names read so)."""
    if not is_cyrillic(token) or token.isupper() or len(token) < 4 or \
            not known_word(token):
        return False
    ps = morph().parse(token)
    return ps[0].tag.POS in ("ADJF", "PRTF") and not any(_NAME_OR_PLACE_TAGS & set(p.tag.grammemes) for p in ps)


def _has_tag(token: str, tag: str) -> bool:
    return is_cyrillic(token) and any(tag in p.tag for p in morph().parse(token))


def _glued_genitive(token: str) -> bool:
    if not is_cyrillic(token):
        return False
    first = morph().parse(token)[0]
    return bool({"Geox", "Orgn"} & set(first.tag.grammemes)) and first.tag.case not in (None, "nomn")


def _only_place_genitive(token: str) -> bool:
    """A dictionary word read as a place or body in an oblique case only, never as a name ("Руанды")."""
    if not _glued_genitive(token) or not known_word(token):
        return False
    return not any({"Name", "Surn", "Patr"} & set(p.tag.grammemes) or p.tag.case == "nomn" for p in morph().parse(token))


def _glued_after(tokens: list[str]) -> bool:
    """"Юкия Амано Ушёл": a dictionary verb or function word glued after a name. A word the
    dictionary only guesses at ("Саутер", "Мутко", "Карзай": read as verbs or adverbs by their
    endings) or one right after a given name or a patronymic ("Дон Делило", "Вячеслав
    Геннадьевич Синев") is the surname."""
    last = tokens[-1]
    if not _not_name_word(last) or not known_word(last):
        return False
    return not (_has_tag(tokens[-2], "Patr") or (len(tokens) == 2 and _has_tag(tokens[0], "Name")))


_REGNAL = re.compile(r"[IVXL]+")


def trim_person(written: str) -> str:
    """A person span without the function words or verbs at its ends ("Всё-таки Проди" -> "Проди")."""
    tokens = written.split()
    while len(tokens) > 1 and (_not_name_word(tokens[0]) or _leading_adjective(tokens[0]) and
                               not is_common_word(tokens[1])):  # "Вежливый Отказ" is a title, no name
        tokens.pop(0)
    # "Перу Мартин Вискарра", "Аль-Каиды Усамы бин Ладена": a place or a body in the genitive
    # glued before a given name
    while len(tokens) > 2 and _glued_genitive(tokens[0]) and _has_tag(tokens[1], "Name"):
        tokens.pop(0)
    # "Руанды Йюхи V Мусинги": the same before a name the dictionary does not know
    while len(tokens) > 2 and _only_place_genitive(tokens[0]) and tokens[1][:1].isupper():
        tokens.pop(0)
    while len(tokens) > 1 and _glued_after(tokens) or len(tokens) > 2 and is_cyrillic(tokens[0]) and \
            not is_cyrillic(tokens[-1]) and tokens[-1].isalpha() and not _REGNAL.fullmatch(tokens[-1]):
        tokens.pop()  # "Ушёл" after a name; "Gangnam Style", the Latin title after a Cyrillic name
    # "Сергей Анатольевич Лебедев Путин назначил": a name with a patronymic ends with the surname
    # after it, the next capitalized word opens the next clause (not "Марина Александровна Де Энден")
    if len(tokens) > 3 and _has_tag(tokens[0], "Name") and _has_tag(tokens[1], "Patr") and len(tokens[2]) > 2:
        tokens = tokens[:3]
    return " ".join(tokens)


_FUNCTION_POS = {"PREP", "CONJ", "PRCL"}


def _thing_noun(word: str) -> bool:
    ps = morph().parse(word)
    return {"NOUN", "inan", "sing"} <= set(ps[0].tag.grammemes) and \
        not any(p.tag.POS == "ADJF" and "Abbr" not in p.tag for p in ps)


def _no_person_words(written: str, initial: bool) -> bool:
    """"Тинькофф-банк", "Чудо-гол": a word whose part after a hyphen is a lower-case common noun
    of a thing, in the singular (not "Буш-старший", "Туркмен-баши", "Хамид-хан": a rank, a title);
    or, opening a sentence, a function word alone ("По неподтверждённым данным", "И конечно")."""
    tokens = written.split()
    if any(len(part) > 2 and part.islower() and is_common_word(part) and _thing_noun(part)
           for t in tokens for part in t.split("-")[1:]):
        return True
    if len(tokens) != 1 or not initial or not is_cyrillic(written) or not known_word(written):
        return False
    return morph().parse(written)[0].tag.POS in _FUNCTION_POS  # its first reading ("По" is Poe's name too)


def _without_common_noun(written: str) -> str:
    """"Перезахоронение Эдгара По", "Вид Галифакса": at a sentence's or a headline's start a
    dictionary noun with no name or place reading is capitalized as the first word, no name's."""
    tokens = written.split()
    if len(tokens) < 2 or not tokens[1][:1].isupper() or not is_common_word(tokens[0]):
        return written
    first = morph().parse(tokens[0])[0]
    # in the nominative, as such a first word stands; "Тору Камикава", "Ума Турман" read so in no case
    return " ".join(tokens[1:]) if first.tag.POS == "NOUN" and first.tag.case == "nomn" else written


def find_mentions(text: str, nominative: bool = True) -> list[Mention]:
    """Every PER/ORG/LOC span the model finds in ``text``, in text order, with its nominative
    (``nominative=False``: as written, for the other Cyrillic languages)."""
    text = text[:_MAX_CHARS]
    if not text.strip():
        return []
    out = []
    for span in _tagger()(text).spans:
        kind = _KINDS.get(span.type)
        if not kind:
            continue
        # "Овечкин, Фёдоров": two people in one span; a line break ends a name, and so does a
        # sentence's end after a regnal number ("брата Бодуэна I. Альберт женат")
        spans = _PERSON_BREAK if kind == "person" else _LINE_BREAK
        bounds = [span.start] + [b for m in spans.finditer(text, span.start, span.stop) for b in m.span()] + [span.stop]
        for offset, stop in zip(bounds[::2], bounds[1::2], strict=True):
            part = text[offset:stop]
            written, aside = split_parenthetical(_trimmed(part))  # "Джошуа Вольф (Joshua Wolf)"
            if written and kind == "person" and nominative:
                written = without_town(trim_person(written), _word_before(text, offset + max(part.find(written), 0)))
                if opens_sentence(text, offset + max(part.find(written), 0)):
                    written = _without_common_noun(written)
            if written:
                start = offset + max(part.find(written), 0) if kind == "person" else offset
                normal = capitalized(written) if not nominative else \
                    nominative_person(written.replace(_STRESS, "")) if kind == "person" else \
                    _nominative_place(written) if kind == "place" else nominative_phrase(written)
                if kind == "person" and nominative and (names_a_thing(text, start, written, normal) or
                                                        _no_person_words(written, opens_sentence(text, start))):
                    continue  # "улице Михаила Грушевского", "болезни Паркинсона"; "Тинькофф-банк"
                out.append(Mention(kind, written, normal, start, _word_before(text, start), aside,
                                   opens_sentence(text, start)))
    return without_places_as_people(joined_names(out, text)) if nominative else out


def without_places_as_people(mentions: list[Mention]) -> list[Mention]:
    """Without a one-word person whose word the document names as a place too ("полиция
    Шарлотта" beside "в Шарлотте", "районе Фатих" beside the headline's "Фатих"), unless a full
    name of the document ends with it: the model read the place as a surname."""
    places = {st for m in mentions if m.kind == "place" and len(m.text.split()) == 1 for st in stems(m.text)}
    if not places:
        return mentions
    surnames = {st for m in mentions if m.kind == "person" and len(m.normal.split()) > 1
                for st in stems(m.normal.split()[-1])}
    return [m for m in mentions if m.kind != "person" or len(m.normal.split()) > 1 or
            not (stems(m.text) | stems(m.normal)) & places or (stems(m.text) | stems(m.normal)) & surnames]


def _given_name_first(word: str) -> bool:
    """A word the dictionary reads first as a given name ("Виталины"), no surname."""
    return is_cyrillic(word) and "Name" in morph().parse(word)[0].tag and not _has_tag(word, "Surn")


def joined_names(mentions: list[Mention], text: str) -> list[Mention]:
    """A name the model read as two mentions side by side, one person: a given name before a
    surname ("Виталины" + "Цымбалюк-Романовской"), a surname before a given
    name and patronymic ("Суркова" + "Зоя Антоновна", the order of forms and lists), or a given
    name read as a place before a patronymic and surname ("Прасковьи" + "Дмитриевны Шереметевой")."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        words = m.normal.split()
        if prev is None or m.kind != "person" or len(prev.text.split()) != 1 or \
                text[prev.start + len(prev.text):m.start] != " " or not is_cyrillic(prev.text + m.text):
            out.append(m)
            continue
        whole = text[prev.start:m.start + len(m.text)]
        if prev.kind == "person" and len(words) == 1 and _given_name_first(prev.text) and not _has_tag(m.text, "Name"):
            normal = nominative_person(whole)  # "Матильды" + "Уррутии": a given name, then a surname
        elif len(words) < 2:
            out.append(m)
            continue
        elif prev.kind == "person" and len(words) == 2 and is_patronymic(words[1]) and _has_tag(words[0], "Name") and \
                not _has_tag(prev.text, "Name"):
            normal = f"{nominative_surname(prev.text, words[1].endswith('на'))} {m.normal}"
        elif _has_tag(prev.text, "Name") and is_patronymic(m.text.split()[0]) and len(words) == 2:
            normal = nominative_person(whole)
        elif prev.kind == "person" and prev.text == prev.normal and m.text == m.normal and len(words) == 2 and \
                _has_tag(words[0], "Name") and not is_patronymic(words[1]) and not _has_tag(prev.text, "Surn") and \
                not stems(prev.text) & stems(words[1]):  # "Менеджер Хьюстон" + "Патриша Хьюстон": a possessor
            normal = f"{prev.normal} {m.normal}"  # "Нейл" + "Патрик Харрис": a first name before a full name
        else:
            out.append(m)
            continue
        out[-1] = Mention("person", whole, normal, prev.start, prev.before, m.aside, prev.initial)
    return out


_PERSON_BREAK = re.compile(r"[,;\n]|(?<=\s[IVX])\.\s+|(?<=\s[IVX]{2})\.\s+|(?<=\s[IVX]{3})\.\s+")
_LINE_BREAK = re.compile(r"\n")


def _nominative_place(written: str) -> str:
    """"Боснии и Герцеговины" -> "Босния и Герцеговина": each capitalized conjunct of a place
    put in the nominative, not only the first noun."""
    parts = written.split(" и ")
    if len(parts) > 1 and all(p[:1].isupper() for p in parts):
        return " и ".join(nominative_place(p) for p in parts)
    return nominative_place(written)


def joined_places(mentions: list[Mention], text: str, known) -> list[Mention]:
    """Two place mentions joined by "и" that together name one place ``known`` holds whole
    ("Тринидада" + "Тобаго" -> "Тринидад и Тобаго"): one mention, never two places."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if prev is not None and m.kind == prev.kind == "place" and \
                text[prev.start + len(prev.text):m.start] == " и ":
            normal = f"{prev.normal} и {m.normal}"
            if known(normal):
                out[-1] = Mention("place", text[prev.start:m.start + len(m.text)], normal, prev.start,
                                  prev.before, m.aside, prev.initial)
                continue
        out.extend(glued_places(m, known))
    return out


def glued_places(m: Mention, known) -> list[Mention]:
    """"Хабаровск Владивосток", "Чечня Грозный": two words the dictionary reads first as places,
    one of them ``known``, that the model read as one place it does not know: two places."""
    words = m.text.split()
    if m.kind != "place" or len(words) != 2 or known(m.normal) or known(m.text) or \
            not all(w[:1].isupper() and is_cyrillic(w) and "Geox" in morph().parse(w)[0].tag for w in words):
        return [m]
    normals = [nominative_place(w) for w in words]
    if not any(known(n) for n in normals):
        return [m]
    second = m.start + m.text.index(words[1], len(words[0]))
    return [Mention("place", words[0], normals[0], m.start, m.before, None, m.initial),
            Mention("place", words[1], normals[1], second, words[0].lower(), m.aside, False)]


_PAIRS = (("«", "»"), ("(", ")"), ("„", "“"), ("“", "”"))
_PARENTHETICAL = re.compile(r"\s*\(([^()]*)\)?\s*$")


def _trimmed(written: str) -> str:
    """A span without the punctuation around it; quotes and brackets kept where they pair up."""
    written = written.strip(" \t\n,;:")
    for opening, closing in _PAIRS:
        if written.startswith(opening) and closing not in written:
            written = written[1:]
        if written.endswith(closing) and opening not in written:
            written = written[:-1]
    written = written.strip(" \t\n,;:\"")
    if written.count("«") > written.count("»"):
        written += "»"  # the model stops before a closing quote: "ОАО «Газпром"
    if written.startswith("«") and written.endswith("»") and written.count("«") == 1:
        written = written[1:-1]
    return written


def split_parenthetical(written: str) -> tuple[str, str | None]:
    """"Союз координационных советов (СКС)" -> ("Союз координационных советов", "СКС");
    a name with no bracket comes back whole, with None."""
    m = _PARENTHETICAL.search(written)
    if not m or m.start() == 0:
        return written, None
    return written[:m.start()].strip(), m.group(1).strip() or None


@cache
def not_person_words() -> frozenset[str]:
    """Lower-cased words that make a PER span a title or a body, not a person ("Председатель
    Правления", "Совета Федерации"): Russian titles and organization head nouns."""
    words = {w for t in roles()["ru_titles"] for w in t.split()}
    words |= {w.lower() for w in load_json("organization_heads.json")["heads"] if is_cyrillic(w)}
    words |= set(load_json("organization_heads.json").get("ru_not_person", []))
    return frozenset(words)
