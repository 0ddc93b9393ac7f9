"""Russian named entities read by a model, put in the nominative.

The model is natasha's news NER (slovnet + navec embeddings, shipped inside the ``natasha`` wheel,
loaded from disk once per process, never downloaded). It finds people (PER), organizations (ORG)
and places (LOC) whether or not an authority file knows them. pymorphy3's Russian dictionary then
puts each name in the nominative: every word of a person's name ("Сергея Шойгу" -> "Сергей
Шойгу"), and the head noun with its adjectives of an organization or a place, leaving the
complement as written ("Министерства иностранных дел" -> "Министерство иностранных дел").
"""

from __future__ import annotations

import importlib.util
import os
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from eurasec_archive.authorities import load_json, roles
from eurasec_archive.extract.russian import is_cyrillic, nominative_surname

_NATASHA_EMBEDDING = "emb/navec_news_v1_1B_250K_300d_100q.tar"
_NATASHA_NER = "model/slovnet_ner_news_v1.tar"
_KINDS = {"PER": "person", "ORG": "organization", "LOC": "place"}
_WORD = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*|\S")
_NAME_TAGS = {"Name", "Surn", "Patr"}
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


def _opens_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 4):start].rstrip(" \t«\"„“—–-(")
    return not before or before[-1] in ".!?…\n"


def _natasha_data() -> Path:
    # the data folder of the installed wheel, found without importing natasha (which loads pymorphy2)
    spec = importlib.util.find_spec("natasha")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("natasha is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


@cache
def given_names() -> frozenset[str]:
    """The given names of authority/given_names.json, as listed (the nominative)."""
    return frozenset(load_json("given_names.json")["given_names"])


@cache
def name_particles() -> frozenset[str]:
    """Lower-case words inside a person's name ("эль", "бин", "де"), from given_names.json."""
    return frozenset(load_json("given_names.json").get("name_particles", []))


def particle_prefix(token: str) -> str:
    """"эль-" of "эль-Масри", "" for a token without a lower-case particle prefix."""
    head, dash, rest = token.partition("-")
    return head + dash if dash and rest[:1].isupper() and head in name_particles() else ""


def is_name_token(token: str) -> bool:
    """A word that may stand in a person's name: capitalized, a particle ("бин") or a
    particle-prefixed capitalized word ("аль-Барадеи")."""
    return token[:1].isupper() or token in name_particles() or bool(particle_prefix(token))


_NAME_OR_PLACE_TAGS = {"Name", "Surn", "Patr", "Geox", "Orgn"}


def is_common_word(word: str) -> bool:
    """A dictionary word that is no name in any reading ("Супруга", "Некоторые", "Маэстро"):
    a model's person made of it alone is a word capitalized at a sentence start."""
    analyser = morph()
    lower = word.lower().replace("ё", "е")
    if not is_cyrillic(word) or word.isupper() or not analyser.word_is_known(lower):
        return False
    return not any(_NAME_OR_PLACE_TAGS & set(p.tag.grammemes) for p in analyser.parse(word))


def is_no_name(word: str) -> bool:
    """A dictionary word that cannot be a person alone wherever it stands: no noun reading
    ("Подана") or a place or body that is no name or surname ("Царицыно")."""
    analyser = morph()
    if not is_cyrillic(word) or word.isupper() or not analyser.word_is_known(word.lower().replace("ё", "е")):
        return False
    ps = analyser.parse(word)
    if any({"Name", "Surn", "Patr"} & set(p.tag.grammemes) for p in ps):
        return False
    return all(p.tag.POS != "NOUN" for p in ps) or bool({"Geox", "Orgn"} & set(ps[0].tag.grammemes))


_NOT_IN_NAME_POS = {"PRCL", "CONJ", "ADVB", "INTJ", "PREP", "NPRO", "VERB", "PRED", "GRND"}


def _not_name_word(token: str) -> bool:
    """"Всё-таки", "Ушёл": a function word or a verb the model glued to a name (short words
    are left: "Хо", "Бин" are names as often)."""
    if not is_cyrillic(token) or token.isupper() or len(token) < 4:
        return False
    ps = morph().parse(token)
    return bool(ps) and ps[0].tag.POS in _NOT_IN_NAME_POS and \
        not any(_NAME_OR_PLACE_TAGS & set(p.tag.grammemes) for p in ps)


def _has_tag(token: str, tag: str) -> bool:
    return is_cyrillic(token) and any(tag in p.tag for p in morph().parse(token))


def _glued_genitive(token: str) -> bool:
    if not is_cyrillic(token):
        return False
    first = morph().parse(token)[0]
    return bool({"Geox", "Orgn"} & set(first.tag.grammemes)) and first.tag.case not in (None, "nomn")


def trim_person(written: str) -> str:
    """A person span without the function words or verbs at its ends ("Всё-таки Проди" -> "Проди")."""
    tokens = written.split()
    while len(tokens) > 1 and _not_name_word(tokens[0]):
        tokens.pop(0)
    # "Перу Мартин Вискарра", "Аль-Каиды Усамы бин Ладена": a place or a body in the genitive
    # glued before a given name
    while len(tokens) > 2 and _glued_genitive(tokens[0]) and _has_tag(tokens[1], "Name"):
        tokens.pop(0)
    while len(tokens) > 1 and _not_name_word(tokens[-1]):
        tokens.pop()
    return " ".join(tokens)


@cache
def _tagger():
    from navec import Navec
    from slovnet import NER

    data = _natasha_data()
    tagger = NER.load(str(data / _NATASHA_NER))
    tagger.navec(Navec.load(str(data / _NATASHA_EMBEDDING)))
    # the model's convolutions are BLAS matrix products: one thread each, as import runs one
    # process per core (OpenBLAS's own threads on top made NER 3x slower on 2 busy cores)
    from threadpoolctl import threadpool_limits

    threadpool_limits(1, user_api="blas")
    return tagger


@cache
def morph():
    """pymorphy3's analyser with its Russian dictionary (one per process)."""
    import pymorphy3

    analyser = pymorphy3.MorphAnalyzer()
    analyser.parse = lru_cache(maxsize=50_000)(analyser.parse)  # names recur across a corpus
    return analyser


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
        # "Овечкин, Фёдоров": two people in one span; a line break ends a name
        parts = re.split(r"[,\n]" if kind == "person" else r"\n", text[span.start:span.stop])
        offset = span.start
        for part in parts:
            written, aside = split_parenthetical(_trimmed(part))  # "Джошуа Вольф (Joshua Wolf)"
            if written and kind == "person" and nominative:
                written = trim_person(written)
            if written:
                start = offset + max(part.find(written), 0) if kind == "person" else offset
                normal = _capitalized(written) if not nominative else \
                    nominative_person(written) if kind == "person" else nominative_phrase(written)
                out.append(Mention(kind, written, normal, start, _word_before(text, start), aside,
                                   _opens_sentence(text, start)))
            offset += len(part) + 1
    return out


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


def _mixed_case(token: str) -> bool:
    """"БелТА", "ВымпелКом": capitals inside a word, a name pymorphy cannot decline."""
    return any(c.isupper() for c in token[1:]) and not token.isupper()


def _cased(word: str, like: str) -> str:
    """``word`` (pymorphy's lower case) written with the capitals and the е/ё of ``like``."""
    if "ё" not in like.lower():
        word = word.replace("ё", "е")
    if like.isupper() and len(like) > 1:
        return word.upper()
    caps = re.match(r"[А-ЯЁ]{2,}", like)
    if caps and _mixed_case(like):  # "МИДа" -> "МИД"
        return caps.group(0) if word.upper() == caps.group(0) else like
    parts, models = word.split("-"), like.split("-")
    if len(parts) == len(models):
        return "-".join(p[:1].upper() + p[1:] if m[:1].isupper() else p for p, m in zip(parts, models, strict=True))
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def _inflect(parse, grammemes: set[str]) -> str | None:
    form = parse.inflect(grammemes)
    return form.word if form else None


_RU_SURNAME = r"(?:ов|ев|ёв|ин|ын|ск|цк)(?:а|у|ым|ом|е|ой|ую|ого|ому|им)$"
_OBLIQUE_SURNAME = re.compile(r"(?:ов|ев|ёв|ин|ын|ск|цк)(?:ого|ому|ым|ом|у|е)$|(?:ск|цк)ой$")
_NOMINATIVE_SURNAME = re.compile(r"(?:ов|ев|ёв|ин|ын|ский|цкий)$")
_INITIALS = re.compile(r"^((?:[А-ЯЁ]\.\s?){1,2})\s*(\S+)$")


def nominative_person(name: str) -> str:
    """A Russian person's name in the nominative, each word; other scripts as written.
    Initials stay ("М.В.Захаровой" -> "М. В. Захарова")."""
    initials = _INITIALS.match(name)
    if initials:
        letters = " ".join(f"{c}." for c in re.findall(r"[А-ЯЁ]", initials.group(1)))
        surname = initials.group(2)
        if is_cyrillic(surname) and surname.endswith(("ой", "ей")):
            surname = nominative_surname(surname, True)  # "Захаровой"; "Лаврова" may be either
        elif is_cyrillic(surname) and not surname.endswith("а"):
            surname = nominative_surname(surname, False)  # "Лавровым"
        return f"{letters} {surname}"
    tokens = name.split()
    if not is_cyrillic(name) or any(not is_cyrillic(t) for t in tokens):
        return name
    if any(t in name_particles() or particle_prefix(t) for t in tokens):
        return _with_particles(tokens)
    listed = tokens[0] in given_names() and not (len(tokens) > 1 and _OBLIQUE_SURNAME.search(tokens[-1]))
    if listed or (len(tokens) == 1 and _NOMINATIVE_SURNAME.search(name)):
        return name  # a listed given name as written, or "Рябков": already the nominative
    analyser = morph()
    parses = [analyser.parse(t) for t in tokens]
    case = gender = None
    # the case and gender of the phrase: from the first word that is a known given name or surname
    for ps in parses:
        named = [p for p in ps if _NAME_TAGS & set(p.tag.grammemes)]
        if named:
            case, gender = named[0].tag.case, named[0].tag.gender
            break
    out = []
    for token, ps in zip(tokens, parses, strict=True):
        if re.fullmatch(r"[А-ЯЁ]\.", token) or len(token) <= 2:
            out.append(token)
            continue
        in_case = [p for p in ps if case is None or p.tag.case == case]
        pick = [p for p in in_case if gender is None or p.tag.gender in (gender, None) or "ms-f" in p.tag] or in_case
        named = [p for p in pick if _NAME_TAGS & set(p.tag.grammemes)] or pick
        if not named and token is tokens[-1] and case not in (None, "nomn"):
            # a surname the dictionary cannot decline in this case: by its ending ("Моторина")
            out.append(nominative_surname(token, gender == "femn"))
            continue
        if not named or named[0].tag.case in (None, "nomn"):
            out.append(token)
            continue
        word = _inflect(named[0], {"nomn", "sing"} | ({gender} if gender in ("masc", "femn") else set())) \
            or _inflect(named[0], {"nomn", "sing"})
        if token is tokens[-1] and re.search(_RU_SURNAME, token) and case not in (None, "nomn"):
            word = nominative_surname(token, gender == "femn").lower()  # "Рябкова" -> "Рябков", not "Рябок"
        elif word and len(word) > len(token) and token is tokens[-1]:
            # a guess that grows the surname ("Пашиняна" -> "Пашинянин") is a wrong guess
            word = nominative_surname(token, gender == "femn").lower()
        out.append(_cased(word, token) if word else token)
    return " ".join(out)


def _with_particles(tokens: list[str]) -> str:
    """"Халеда эль-Масри" -> "Халед эль-Масри", "Усамы бин Ладена" -> "Усама бин Ладен": the
    words around the particles put in the nominative, the particles as written; a foreign
    surname ending in a vowel + и ("аль-Барадеи") is indeclinable."""
    words, shape = [], []
    for t in tokens:
        prefix = particle_prefix(t)
        if t in name_particles():
            shape.append((t, None))
        else:
            shape.append((prefix, len(words)))
            words.append(t[len(prefix):])
    if not words:
        return " ".join(tokens)
    keep_last = re.search(r"[аеиоуыэюя]и$", words[-1]) is not None
    normal = nominative_person(" ".join(words[:-1] if keep_last else words)).split() + \
        ([words[-1]] if keep_last else [])
    if len(normal) != len(words):
        return " ".join(tokens)
    return " ".join(p if i is None else p + normal[i] for p, i in shape)


def _is_noun(p) -> bool:
    return p.tag.POS == "NOUN"


def nominative_phrase(phrase: str) -> str:
    """An organization's or a place's name with its head noun and the adjectives before it in the
    nominative ("Государственной думы" -> "Государственная дума", "в Москве" -> "Москва"); words
    after the head, quoted names and Latin words stay as written."""
    tokens = phrase.split()
    if not is_cyrillic(tokens[0]) or tokens[0].isupper() or tokens[0][:1] in "«\"„":
        return _capitalized(phrase)
    analyser = morph()
    out, modifiers = [], []
    for i, token in enumerate(tokens):
        if not is_cyrillic(token) or token[:1] in "«\"„" or token.isupper() or _mixed_case(token):
            if _mixed_case(token) and re.match(r"[А-ЯЁ]{2,}[а-яё]{1,2}$", token):
                head = analyser.parse(token)[0]
                token = _cased(head.normal_form, token)  # "МИДа" -> "МИД"
                out.extend(_adjective_nominative(p, t, "sing", head.tag.gender) for p, t in modifiers)
                modifiers = []
                out.append(token)
                out.extend(tokens[i + 1:])
                break
            out.extend(t for _, t in modifiers)
            modifiers = []
            out.extend(tokens[i:])
            break
        ps = analyser.parse(token)
        nouns = [p for p in ps if _is_noun(p)]
        last = i == len(tokens) - 1
        if nouns and not last and _agrees_with_next(ps, tokens[i + 1]):
            nouns = []  # "Главного оперативного управления": an adjective before its noun, not a noun
        if nouns and (last or _is_noun(ps[0]) or ps[0].tag.POS not in ("ADJF", "PRTF")):
            head = nouns[0]
            if modifiers:  # the noun's reading in the case of the adjectives before it
                case = modifiers[-1][0].tag.case
                head = next((p for p in nouns if p.tag.case == case), head)
            number = head.tag.number or "sing"
            if not analyser.word_is_known(token.lower()):
                number = "sing"  # a guessed plural of an unknown name ("Атлантисы") is a wrong guess
                if any(_is_noun(p) and p.tag.case == "nomn" for p in ps):
                    head = next(p for p in ps if _is_noun(p) and p.tag.case == "nomn")
            if head.tag.case not in (None, "nomn"):
                word = _inflect(head, {"nomn", number})
                token = _cased(word, token) if word else token
            gender = head.tag.gender if number == "sing" else None
            out.extend(_adjective_nominative(p, t, number, gender) for p, t in modifiers)
            out.append(token)
            out.extend(tokens[i + 1:])
            break
        adjective = next((p for p in ps if p.tag.POS in ("ADJF", "PRTF")), None)
        if adjective is None:
            out.extend(t for _, t in modifiers)
            out.extend(tokens[i:])
            break
        modifiers.append((adjective, token))
    else:
        # adjectives alone ("Российская"): an adjective is no name, keep as written
        out = tokens
    return _capitalized(" ".join(out))


def _agrees_with_next(ps, following: str) -> bool:
    """The word has an adjective reading in the case of a noun or adjective reading of the
    next word (so it is that word's modifier)."""
    if not is_cyrillic(following) or following.isupper():
        return False
    cases = {p.tag.case for p in ps if p.tag.POS in ("ADJF", "PRTF")}
    return bool(cases) and any(p.tag.case in cases and p.tag.POS in ("NOUN", "ADJF", "PRTF")
                               for p in morph().parse(following))


def _adjective_nominative(parse, token: str, number: str, gender: str | None) -> str:
    if parse.tag.case == "nomn":
        return token
    grammemes = {"nomn", number} | ({gender} if gender else set())
    word = _inflect(parse, grammemes)
    if word and "Supr" in parse.tag:
        word = _nearest_form(parse, grammemes, token) or word  # "Высшего" -> "Высший", not "Высочайший"
    return _cased(word, token) if word else token


def _nearest_form(parse, grammemes: set[str], token: str) -> str | None:
    """Of the lexeme's forms with ``grammemes``, the one sharing the longest start with
    ``token``: a superlative has two stems (высший, высочайший) and inflect() picks either."""
    lower = token.lower()
    forms = [f.word for f in parse.lexeme if grammemes <= set(f.tag.grammemes)]

    return max(forms, key=lambda word: len(os.path.commonprefix([word, lower])), default=None)


def _capitalized(name: str) -> str:
    return name[:1].upper() + name[1:] if name[:1].islower() else name


@cache
def not_person_words() -> frozenset[str]:
    """Lower-cased words that make a PER span a title or a body, not a person ("Председатель
    Правления", "Совета Федерации"): Russian titles and organization head nouns."""
    words = {w for t in roles()["ru_titles"] for w in t.split()}
    words |= {w.lower() for w in load_json("organization_heads.json")["heads"] if is_cyrillic(w)}
    words |= set(load_json("organization_heads.json").get("ru_not_person", []))
    return frozenset(words)
