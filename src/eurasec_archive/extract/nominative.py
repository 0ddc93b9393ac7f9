"""Russian names put in the nominative with pymorphy3's dictionary.

The head noun with the adjectives before it of an organization or a place, leaving the
complement as written ("Министерства иностранных дел" -> "Министерство иностранных дел"); a
person's name is ``person_names.nominative_person``. One analyser per process, its parses cached.
"""

from __future__ import annotations

import os
import re
from functools import cache, lru_cache

from eurasec_archive.extract.russian import is_cyrillic


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


_VOWELS = "аеёиоуыэюя"


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
            if modifiers:  # the noun's reading that agrees with the adjectives before it, else in their case
                case = modifiers[-1][0].tag.case
                head = _agreeing_noun(nouns, modifiers[-1][1]) or next((p for p in nouns if p.tag.case == case), head)
            number = head.tag.number or "sing"
            if not analyser.word_is_known(token.lower()):
                number = "sing"  # a guessed plural of an unknown name ("Атлантисы") is a wrong guess
                if any(_is_noun(p) and p.tag.case == "nomn" for p in ps):
                    head = next(p for p in ps if _is_noun(p) and p.tag.case == "nomn")
            gender = head.tag.gender if number == "sing" else None
            feminine = _feminine_guess(token, modifiers, head)
            if feminine:  # "Старой Руссе": a feminine adjective's unknown noun is feminine too
                token, gender, number = feminine, "femn", "sing"
            elif head.tag.case not in (None, "nomn"):
                word = _inflect(head, {"nomn", number})
                token = _cased(word, token) if word else token
            out.extend(_adjective_nominative(p, t, number, gender) for p, t in modifiers)
            out.append(token)
            rest = tokens[i + 1:]
            after = _agreeing_adjective(rest[0], head) if len(rest) == 1 and token != tokens[i] else None
            out.extend([_adjective_nominative(after, rest[0], number, gender)] if after else rest)
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
    of "Претория" (not of the common noun "преторий"). A word the dictionary knows as a place
    takes that reading's nominative ("штата Юта" is Юта, not the genitive of "ют"; "в Сане" Сана)."""
    normal = nominative_phrase(written)
    if " " in written or not is_cyrillic(written) or not written[:1].isupper() or written.isupper():
        return normal
    place = _place_nominative(written)
    if place is not None:
        return place
    if written.endswith("ии") and normal.endswith("ий"):
        return normal[:-2] + "ия"
    # not "-ке", "-щине": the Russian "Бессарабка", "Тамбовщина" are feminine
    if re.search(rf"[^{_VOWELS}ьйлжшчщцк]е$", written) and not written.endswith("щине") and normal != written and \
            not known_word(written):
        return written[:-1]
    return normal


@lru_cache(maxsize=8192)
def is_place_name(word: str) -> bool:
    """One word the dictionary knows as a place's name in the nominative ("Яринское", "Приморский"),
    whatever its first reading (an adjective there); no country adjective reads so ("Российская")."""
    return " " not in word and is_cyrillic(word) and known_word(word) and \
        any(_place_in_nominative(p) for p in morph().parse(word))


def _place_in_nominative(parse) -> bool:
    # one place ("Химки" is plural only); "петербургские" read as a plural place is no place
    return parse.tag.POS == "NOUN" and "Geox" in parse.tag and parse.tag.case == "nomn" and \
        (parse.tag.number == "sing" or "Pltm" in parse.tag)


@lru_cache(maxsize=8192)
def _place_nominative(written: str) -> str | None:
    """The nominative of a word's place reading in the dictionary (not a guess), or None."""
    if not known_word(written) or "-" in written:
        return None
    places = [p for p in morph().parse(written) if "Geox" in p.tag and p.tag.POS == "NOUN"]
    if not places or _place_in_nominative(places[0]):  # the likeliest place reading ("реки Чусовой")
        return written if places else None
    word = _inflect(places[0], {"nomn"})
    return _cased(word, written) if word else None


def _agrees_with_next(ps, following: str) -> bool:
    """The word has an adjective reading in the case of a noun or adjective reading of the
    next word (so it is that word's modifier)."""
    if not is_cyrillic(following) or following.isupper():
        return False
    cases = {p.tag.case for p in ps if p.tag.POS in ("ADJF", "PRTF")}
    return bool(cases) and any(p.tag.case in cases and p.tag.POS in ("NOUN", "ADJF", "PRTF")
                               for p in morph().parse(following))


def _agreeing_noun(nouns: list, adjective: str):
    """The noun reading an adjective before it agrees with in case, number and (singular) gender:
    "Красной Поляне" is a form of "поляна", not the plural "поляне" of "полянин"."""
    readings = [a for a in morph().parse(adjective) if a.tag.POS in ("ADJF", "PRTF")]
    return next((n for n in nouns for a in readings if n.tag.case == a.tag.case and n.tag.number == a.tag.number and
                 (n.tag.number != "sing" or n.tag.gender == a.tag.gender)), None)


def _feminine_guess(token: str, modifiers: list, head) -> str | None:
    """The nominative in -а of a noun read only as masculine (no feminine reading agrees) after
    adjectives that read only as feminine singular ("Старой Руссе" -> "Русса"), or None."""
    if not modifiers or head.tag.gender != "masc" or _agreeing_noun([head], modifiers[-1][1]):
        return None
    if not all(a.tag.gender == "femn" and a.tag.number == "sing" for _, t in modifiers
               for a in morph().parse(t) if a.tag.POS in ("ADJF", "PRTF")):
        return None
    m = re.match(r"(.*[^аеёиоуыэюяй])(?:е|ы|и|у|ой|ою)$", token)
    return m.group(1) + "а" if m else None


def _agreeing_adjective(token: str, head):
    """The reading of a capitalized adjective after its noun that agrees with it ("Республики
    Сербской": the adjective is the name's and takes the nominative with it), or None."""
    if not is_cyrillic(token) or not token[:1].isupper() or token.isupper():
        return None
    return next((p for p in morph().parse(token) if p.tag.POS == "ADJF" and p.tag.case == head.tag.case and
                 p.tag.number == head.tag.number and (p.tag.number != "sing" or p.tag.gender == head.tag.gender)), None)


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
