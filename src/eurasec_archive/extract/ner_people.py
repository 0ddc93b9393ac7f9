"""Which names read in a Russian text are people: the tests a name passes beside the model's own.

A run of Latin words that opens with no given name is a body's name ("Agence France-Presse"); a
name another extractor found (a speaker) is a person beside the model's only when it is no role
noun, common word, known person with a neighbour glued on, or body of the document.
"""

from __future__ import annotations

from eurasec_archive.extract.ner import _glued_genitive, given_names, is_common_word, morph, not_person_words
from eurasec_archive.extract.ner_merge import contains_words, is_address
from eurasec_archive.extract.people import authority_person
from eurasec_archive.extract.russian import is_cyrillic
from eurasec_archive.models import Organization


def latin_without_given_name(name: str) -> bool:
    """"Agence France-Presse", "Fatto Quotidiano": Latin words in Russian text that start with no
    given name and that the people authority does not know are a body's name, not a person's."""
    tokens = name.split()
    return len(tokens) > 1 and not is_cyrillic(name) and tokens[0] not in given_names() and \
        not authority_person(name)


def is_person_name(name: str, known: list[str], bodies: list[Organization] = ()) -> bool:
    """Whether a name another extractor found (a speaker) is a person to list beside the
    model's ``known`` people: not a role noun in any case ("Худрук Большого", "Университета
    Рочестера"), not a common word alone ("Некоторые") or first ("Форвард Реала"), not a place in
    the genitive first ("Свазиленда Мсвати"), not a known person with a neighbour glued on ("Роман
    Коноплев Русской") nor a part of one's name ("Ли Куан" of "Ли Куан Ю"), not one of the
    document's ``bodies`` ("сообщает Франс Пресс": the agency the model found)."""
    tokens = name.split()
    if any(t.casefold() in not_person_words() or _lemma(t) in not_person_words() for t in tokens) or \
            latin_without_given_name(name) or \
            (len(tokens) == 1 and is_common_word(name) and not authority_person(name)):
        return False
    if len(tokens) > 1 and (is_common_word(tokens[0]) or _glued_genitive(tokens[0])) and not authority_person(name):
        return False
    if any(name.casefold() in (b.name.casefold(), (b.acronym or "").casefold()) for b in bodies):
        return False
    return not any(contains_words(tokens, p.split()) or contains_words(p.split(), tokens) for p in known) and \
        not is_address(name, known)


def _lemma(word: str) -> str:
    return morph().parse(word)[0].normal_form if is_cyrillic(word) else word.casefold()
