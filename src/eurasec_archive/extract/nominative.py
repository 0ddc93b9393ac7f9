"""Russian names put in the nominative with pymorphy3's dictionary.

Every word of a person's name ("Сергея Шойгу" -> "Сергей Шойгу", particles kept: "Усамы бин
Ладена" -> "Усама бин Ладен"), and the head noun with the adjectives before it of an
organization or a place, leaving the complement as written ("Министерства иностранных дел" ->
"Министерство иностранных дел"). One analyser per process, its parses cached.
"""

from __future__ import annotations

import os
import re
from functools import cache, lru_cache

from eurasec_archive.authorities import load_json
from eurasec_archive.extract.russian import is_cyrillic, nominative_surname

_NAME_TAGS = {"Name", "Surn", "Patr"}

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


@cache
def morph():
    """pymorphy3's analyser with its Russian dictionary (one per process)."""
    import pymorphy3

    analyser = pymorphy3.MorphAnalyzer()
    analyser.parse = lru_cache(maxsize=50_000)(analyser.parse)  # names recur across a corpus
    return analyser


def known_word(token: str) -> bool:
    """Whether the Russian dictionary knows ``token`` (any case form; ё read as е, as it is stored)."""
    return morph().word_is_known(token.lower().replace("ё", "е"))


def _mixed_case(token: str) -> bool:
    """"БелТА", "ВымпелКом": capitals inside a word, a name pymorphy cannot decline; a
    hyphenated name the dictionary knows declines ("Лос-Анджелеса"; not a guessed "Санта-Фе")."""
    if not any(c.isupper() for c in token[1:]) or token.isupper():
        return False
    return any(c.isupper() for part in token.split("-") for c in part[1:]) or \
        not known_word(token)


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
# no genitive of a man's surname ends so: -у, -ю, -о, -э, or -и not after к, г, х, a sibilant or и
_INDECLINABLE = re.compile(r"(?:[уюоэ]|[^кгхжшчщиИ]и)$")
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
    if len(tokens) > 1 and _nominative_first_name(tokens[0], len(tokens)) and \
            not any(_OBLIQUE_SURNAME.search(t) for t in tokens[1:]):
        return name  # "Хосеп Гвардиола", "Дерек Чисора": a given name in -consonant is a nominative
    analyser = morph()
    parses = [analyser.parse(t) for t in tokens]
    case = gender = None
    # the case and gender of the phrase: from the first word that is a known given name or surname
    for i, ps in enumerate(parses):
        # one person's name: readings in the plural ("Кими" as a plural surname) say nothing
        named = [p for p in ps if _NAME_TAGS & set(p.tag.grammemes) and p.tag.number != "plur"]
        if named and all("Fixd" in p.tag for p in named) and i + 1 < len(tokens):
            # an indeclinable name ("Франсуа", "Уго") reads in every case: the dictionary's surname
            # after it says the case where it reads in no nominative ("Олланда", "Чавеса")
            oblique = _oblique_surname(tokens[i + 1], parses[i + 1], named[0].tag.gender)
            if oblique is not None:
                case, gender = oblique.tag.case, oblique.tag.gender
                break
            if i + 2 == len(tokens) and re.search(rf"[^{_VOWELS}ьй](?:ом|ем)$", tokens[-1]):
                case, gender = "ablt", named[0].tag.gender  # "Хосни Мубараком": no nominative ends so
                break
        if named:
            case, gender = named[0].tag.case, named[0].tag.gender
            break
    if case is None and _plausible_nominative(tokens, parses):
        return name  # no word reads as a name ("Ума Турман": "ум", "турман"): as written
    out = []
    first_case = next((p.tag.case for p in parses[0] if p.tag.POS == "NOUN"), None)
    for token, ps in zip(tokens, parses, strict=True):
        if re.fullmatch(r"[А-ЯЁ]\.", token) or len(token) <= 2 or _foreign_in_i(token):
            out.append(token)
            continue
        in_case = [p for p in ps if case is None or p.tag.case == case]
        pick = [p for p in in_case if gender is None or p.tag.gender in (gender, None) or "ms-f" in p.tag] or in_case
        named = [p for p in pick if _NAME_TAGS & set(p.tag.grammemes)] or pick
        # the case the first word was read in where no word is a known name ("Клиффорда")
        seen = case or (first_case if out and out[0] != tokens[0] else None)
        if token is tokens[-1] and len(tokens) > 1 and seen not in (None, "nomn") and \
                not known_word(token) and not re.search(_RU_SURNAME, token):
            out.append(_foreign_surname(token, seen, gender == "femn"))  # "Берримена", "Зумы", "Фриске"
            continue
        if not named and token is tokens[-1] and case not in (None, "nomn"):
            # a surname the dictionary cannot decline in this case: by its ending ("Моторина"); a
            # man's in -у, -и after a genitive given name does not decline ("Жака Тати", "Джастина Теру")
            out.append(token if gender != "femn" and case in ("gent", "accs") and _INDECLINABLE.search(token)
                       else nominative_surname(token, gender == "femn"))
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


def _oblique_surname(token: str, parses: list, gender: str | None):
    """The reading of a surname the dictionary knows in an oblique case only, or None."""
    if not known_word(token):
        return None
    surnames = [p for p in parses if "Surn" in p.tag and p.tag.number != "plur"]
    if not surnames or any(p.tag.case == "nomn" for p in surnames):
        return None
    return next((p for p in surnames if p.tag.gender == gender), surnames[0])


def _foreign_surname(token: str, case: str, female: bool) -> str:
    """The nominative of a surname the dictionary does not know, after a given name in ``case``,
    by the endings of that case only: "Клиффорда Берримена", "Джейкоба Зумы", "Михаила Сеспеля",
    "Джулиану Ассанжу", "Ивану Мазепе", "Максимом Виторганом"; any other ending is the nominative
    of an indeclinable name ("Жан-Клода Трише", "Исаму Акасаки", "Жанны Фриске")."""
    def stem_before(ending: str) -> str | None:  # the stem, when a consonant ends it
        if not token.endswith(ending) or len(token) < len(ending) + 2:
            return None
        stem = token[:-len(ending)]
        return stem if stem[-1].lower() not in _VOWELS + "ьй" else None

    def soft(stem: str) -> str:  # "Сеспел" + ь: the stem of "Сеспеля", "Сеспелю", "Сеспелем"
        return stem + ("" if stem[-1].lower() in "жшчщц" else "ь")

    if re.search(r"(?:ск|цк)ая$", token):
        return token  # "Даниела Липницкая": a woman's surname in the nominative
    if female:
        if re.search(rf"[{_VOWELS}]ей$", token):
            return token[:-2] + "я"  # "Флоридой Чантурией"
        for ending, nominative in (("ы", "а"), ("ой", "а"), ("ою", "а")) + \
                ((("у", "а"),) if case == "accs" else (("е", "а"),) if case in ("datv", "loct") else ()):
            if stem_before(ending) is not None:
                return stem_before(ending) + nominative
        return token
    rules = {"gent": (("ы", "а"), ("а", ""), ("я", soft)), "accs": (("ы", "а"), ("у", "а"), ("а", ""), ("я", soft)),
             "datv": (("у", ""), ("ю", soft), ("е", "а")), "ablt": (("ом", ""), ("ем", soft), ("ой", "а")),
             "loct": (("е", ""),)}.get(case, ())
    if case == "gent" and re.search(r"[жшчщкгх]и$", token):
        return token[:-1] + "а"  # "Янеза Янши"
    if case in ("gent", "accs") and _GLIDE_FORM.search(token):
        return token[:-1] + "й"  # "Карзая"
    if case in ("datv", "loct") and re.search(r"[ий]е$", token):
        return token[:-1] + "я"  # "Хуану Пабло Монтойе"
    if case == "datv" and re.search(r"[аеоуя]ю$", token):
        return token[:-1] + "й"  # "Карзаю"
    if case == "ablt" and re.search(r"[аеоу]ем$", token):
        return token[:-2] + "й"  # "Лефроем"
    for ending, nominative in rules:
        stem = stem_before(ending)
        if stem is not None:
            return nominative(stem) if callable(nominative) else stem + nominative
    return token


_GLIDE_FORM = re.compile(r"[аеоуя]я$")


_OBLIQUE_ENDING = re.compile(r"(?:ом|ем|ём|ой|ей)$")


def _nominative_first_name(token: str, words: int) -> bool:
    """A first word that can only be a nominative: it ends in a consonant, й or ь ("Хосеп",
    "Андрей", "Игорь"), which no oblique case of a man's given name does ("Хосепа", "Андрею",
    "Джорджем"), and no reading of it is a name in another case. Short first words of three or
    more words are left to the dictionary ("Ким Чон Нама": Ким is the surname, indeclinable)."""
    if len(token) < (3 if words == 2 else 4) or not token[:1].isupper() or token[-1:].lower() in _VOWELS or \
            not token.replace("-", "").isalpha():
        return False
    parses = morph().parse(token)
    if _OBLIQUE_ENDING.search(token) and any(p.tag.case == "ablt" for p in parses):
        return False  # "Джорджем", "Грасой"
    lower = token.lower().replace("ё", "е")
    if known_word(token) and not any((_NAME_TAGS | {"Geox"}) & set(p.tag.grammemes) for p in parses) and \
            any(p.tag.case == "nomn" for p in parses):
        return False  # a common noun glued before the name ("Племянник", "Эмир"); not "Марен", "Кайл"
    return not any(_NAME_TAGS & set(p.tag.grammemes) and p.tag.case not in (None, "nomn") and
                   p.tag.number != "plur" and p.normal_form.replace("ё", "е") != lower for p in parses)


_VOWELS = "аеёиоуыэюя"


def _foreign_in_i(token: str) -> bool:
    """"Джоли", "Вуди", "Тсвангираи": a word the dictionary does not know ending in a single и
    is a foreign name that does not decline; pymorphy's guess ("Джоля") would invent one
    ("Марии", "Берии" are known words and decline; after й, ь, a sibilant or к/г/х the и is a
    genitive's: "Янши" of "Янша", "Арайи" of "Арайя"; -ами, -ями a plural's)."""
    return re.search(r"[^ийьжшчщкгхИ]и$", token) is not None and not token.endswith(("ами", "ями")) \
        and not morph().word_is_known(token.lower())


def _plausible_nominative(tokens: list[str], parses: list) -> bool:
    """No word of the name has a given name's or surname's reading (a foreign name read as
    common words), every word is one the dictionary knows, and the last, the surname, may be
    nominative ("Ума Турман": "турман"): the written form stays. A last word read only in an
    oblique case ("Дева Пателя") is declined as before."""
    words = [(t, ps) for t, ps in zip(tokens, parses, strict=True) if len(t) > 2 and not re.fullmatch(r"[А-ЯЁ]\.", t)]
    if not words or not all(morph().word_is_known(t.lower()) for t, _ in words):
        return not words  # a word the dictionary only guesses at may take any case: no evidence
    return any(p.tag.case == "nomn" for p in words[-1][1])


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
        return capitalized(phrase)
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
    return capitalized(" ".join(out))


def nominative_place(written: str) -> str:
    """A place's name in the nominative: ``nominative_phrase``, less two guesses the dictionary
    makes for one word it does not know as a place: "в Тусоне", "Ньюарке", "Антибе" are the
    locatives of "Тусон", "Ньюарк", "Сирт" (not "Тусоня", "Ньюарка", "Сирот"), and "Претории" is a form
    of "Претория" (not of the common noun "преторий")."""
    normal = nominative_phrase(written)
    if " " in written or not is_cyrillic(written) or not written[:1].isupper() or written.isupper():
        return normal
    if written.endswith("ии") and normal.endswith("ий"):
        return normal[:-2] + "ия"
    # not "-ке", "-щине": the Russian "Бессарабка", "Тамбовщина" are feminine
    if re.search(rf"[^{_VOWELS}ьйлжшчщцк]е$", written) and not written.endswith("щине") and normal != written and \
            not known_word(written):
        return written[:-1]
    return normal


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


def capitalized(name: str) -> str:
    return name[:1].upper() + name[1:] if name[:1].islower() else name
