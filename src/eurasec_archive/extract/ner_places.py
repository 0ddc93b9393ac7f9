"""Which of the model's place mentions the authority does not know name no place.

The model tags as places words that open a sentence or a headline ("Теги:", "Стрельба из …",
"Резиденция суда", "Наиболее …"), and the people a street or square is named after ("ул.
Аккуратова", "площади Восстания"). An authority place is always a place; these rules judge only
the rest.
"""

from __future__ import annotations

from functools import cache

from eurasec_archive.authorities import load_json
from eurasec_archive.extract.ner import Mention, is_common_word, morph
from eurasec_archive.extract.russian import is_cyrillic


@cache
def _street_words() -> frozenset[str]:
    return frozenset(load_json("places.json").get("ru_street_words", []))


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


def is_no_place(m: Mention, named_inside: set[str] = frozenset()) -> bool:
    """Whether a place mention the authority does not know names no place: the name of a
    street's namesake, or a common word alone at the start of a sentence or a line, unless the
    document also names it as a place mid-sentence (``named_inside``: "… вернулись на Землю")."""
    words = m.text.split()
    return _after_street_word(m) or \
        len(words) == 1 and m.initial and m.normal not in named_inside and _common_word_first(words[0])
