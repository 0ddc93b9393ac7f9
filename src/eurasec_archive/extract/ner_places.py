"""Which of the model's place mentions the authority does not know name no place.

The model tags as places words that open a sentence or a headline ("Теги:", "Стрельба из …",
"Резиденция суда", "Наиболее …"), the people a street or square is named after ("ул.
Аккуратова", "площади Восстания"), and the names of sites in apposition to their noun
("аэропорту Шереметьево", "авиабазы «Инджирлик»"). An authority place is always a place; these
rules judge only the rest.
"""

from __future__ import annotations

import re
from functools import cache

from eurasec_archive.authorities import load_json
from eurasec_archive.extract.ner import Mention, is_common_word, morph
from eurasec_archive.extract.russian import is_cyrillic, stems


@cache
def _street_words() -> frozenset[str]:
    return frozenset(load_json("places.json").get("ru_street_words", []))


@cache
def _site_words() -> frozenset[str]:
    return frozenset(load_json("places.json").get("ru_site_words", []))


def _lemma_in(word: str, lemmas: frozenset[str]) -> bool:
    return word in lemmas or any(p.normal_form in lemmas for p in morph().parse(word)[:1])


def _quoted(m: Mention, text: str) -> bool:
    """The name stands in quotes ("«Инджирлик»"; the model's span may hold the opening one)."""
    start = m.start + 1 if text[m.start:m.start + 1] in _OPENING else m.start
    end = start + len(m.text)
    return text[start - 1:start] in _OPENING and text[end:end + 1] in _CLOSING and text[end:end + 1] != ""


_OPENING, _CLOSING = ("«", '"', "„", "“"), ("»", '"', "“", "”")


def _site_name(m: Mention, text: str) -> bool:
    """"аэропорту Шереметьево", "космодрома Байконур", "авиабазы «Инджирлик»", "посёлке «Горки-8»":
    a name in apposition to the lower-case noun right before it names the site (places.json
    ``ru_site_words``) or, in quotes, whatever the noun names; a name in the genitive is the
    place the site is in ("аэропорт Франкфурта", "тюрьме Сан-Квентина")."""
    if not text or not m.before or m.initial or not is_cyrillic(m.before):
        return False
    start = m.start + 1 if text[m.start:m.start + 1] in _OPENING else m.start
    before = text[max(0, start - len(m.before) - 2):start]
    if not re.search(rf"(?<![\w-]){re.escape(m.before)} [«\"„“]?$", before):
        return False  # the word right before, written in lower case ("тюрьмы", not "Тюрьма")
    if _quoted(m, text):
        return any(p.tag.POS == "NOUN" for p in morph().parse(m.before)[:1])
    return _lemma_in(m.before, _site_words()) and m.text == m.normal and not _genitive(m.text.split()[-1])


def _genitive(word: str) -> bool:
    """A word that reads as a genitive by its ending ("Сан-Квентина", "Митровицы"), not an
    indeclinable one ("Шереметьево", "Кроэ")."""
    last = word.split("-")[-1]
    return last[-1:] in "аяыи" and any(p.tag.case == "gent" and "Fixd" not in p.tag for p in morph().parse(last))


def _after_street_word(m: Mention) -> bool:
    """"ул. Аккуратова", "на площади Восстания": the name right after a street word, unless a
    reading of it is a place's ("улицах Торонто")."""
    if not m.before or not any(w == m.before or w == p.normal_form for w in _street_words()
                               for p in morph().parse(m.before)[:1]):
        return False
    return not any("Geox" in p.tag for w in m.text.split() if is_cyrillic(w) for p in morph().parse(w))


_FUNCTION_OR_NOUN = {"NOUN", "ADVB", "CONJ", "PRCL", "PREP", "INTJ", "NPRO", "PRED"}


def _common_word_first(word: str) -> bool:
    """A dictionary word with no name or place reading whose first reading is a noun or a
    function word ("Теги", "Стрельба", "Наиболее"); not "Вишнево", "Морено" (read as adjectives
    first, as many places in -о are)."""
    return is_common_word(word) and morph().parse(word)[0].tag.POS in _FUNCTION_OR_NOUN


def is_no_place(m: Mention, named_inside: set[str] = frozenset(), text: str = "") -> bool:
    """Whether a place mention the authority does not know names no place: the name of a
    street's namesake or of a site (in ``text``: "аэропорту Шереметьево"), or a common word alone
    at the start of a sentence or a line, unless the document also names it as a place
    mid-sentence (``named_inside``: "… вернулись на Землю")."""
    words = m.text.split()
    return _after_street_word(m) or _site_name(m, text) or \
        len(words) == 1 and m.initial and m.normal not in named_inside and _common_word_first(words[0])


def names_person(place: str, people: list[str]) -> bool:
    """A place name the authority does not know that is the surname of a person the document
    names ("победу Махамы" beside "Джон Махама", "процесс над Младичем" beside "Ратко Младич"):
    the model read the person as a place."""
    last = place.split()[-1].replace("ё", "е")
    return is_cyrillic(last) and any(
        len(p.split()) >= 2 and is_cyrillic(p) and stems(last) & stems(p.split()[-1].replace("ё", "е"))
        for p in people)
