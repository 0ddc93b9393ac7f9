"""A body named in lower case by its kind and its field ("думского комитета по обороне",
"комиссию по борьбе с коррупцией", "рабочей группы по гражданскому обществу").

Both annotated golds (factRuEval-2016 and NEREL) count such a description as an organization: a
committee, a commission, a group or a service with the field it serves after "по" is one body even
when the text writes it in lower case. The model tags none of them. The heads are
``organization_heads.json`` ``ru_topic_heads``; the field goes on as ``ner_bodies.with_topic``
reads it; fields that name no body's work ("службу по призыву", "группы по интересам") are
``ru_not_topics``.
"""

from __future__ import annotations

import re
from functools import cache

from eurasec_archive.authorities import load_json
from eurasec_archive.extract.ner_bodies import with_topic
from eurasec_archive.extract.nominative import capitalized, morph, nominative_phrase
from eurasec_archive.models import Organization

# the adjectives before the head, in lower case ("думского", "межведомственной", "российско-американской")
_ADJECTIVE = re.compile(r"(?<![\w-])([А-ЯЁа-яё][а-яё]+(?:-[а-яё]+)*)\s+$")


@cache
def _heads() -> frozenset[str]:
    return frozenset(load_json("organization_heads.json").get("ru_topic_heads", []))


@cache
def _not_topics() -> frozenset[str]:
    return frozenset(load_json("organization_heads.json").get("ru_not_topics", []))


@cache
def _stems() -> tuple[str, ...]:
    # how a head's forms start ("комит", "комис", "групп"): the lemma is checked after
    return tuple(sorted({h[:5] if len(h) > 5 else h[:-1] for h in _heads()}))


_WORD_BEFORE = re.compile(r"(?<![\w-])([а-яё]+)$")


def _heads_before_po(text: str):
    """(start, end, word) of each lower-case word starting like a head right before " по " and a
    lower-case word (found by the preposition, which is cheaper to look for than the heads)."""
    pos = text.find(" по ")
    while pos >= 0:
        after = text[pos + 4:pos + 5]
        m = _WORD_BEFORE.search(text, max(0, pos - 30), pos) if after.isalpha() and after.islower() else None
        if m and m.group(1).startswith(_stems()):
            yield m.start(1), pos, m.group(1)
        pos = text.find(" по ", pos + 4)


def _head_cases(word: str) -> frozenset[str]:
    """The cases ``word`` has as one of the heads in the singular ("комитета", "комиссию"; none
    for "советник", "советами", nor for "сборная", which names a team by its country)."""
    return frozenset(p.tag.case for p in morph().parse(word)
                     if p.tag.POS == "NOUN" and p.normal_form in _heads() - {"сборная"} and "sing" in p.tag)


def _adjectives_before(text: str, start: int, cases: frozenset[str]) -> int | None:
    """Where the lower-case adjectives agreeing with the head (``cases``) right before ``start``
    begin (up to three); None after a capitalized one: a name of capitals ("Общественный совет по
    …") is the model's to read."""
    for _ in range(3):
        m = _ADJECTIVE.search(text, max(0, start - 40), start)
        if not m or m.end() != start or not any(p.tag.POS == "ADJF" and p.tag.case in cases and "plur" not in p.tag
                                                for p in morph().parse(m.group(1).lower())):
            break
        if m.group(1)[0].isupper():
            return None
        start = m.start()
    return start


# the body whose part it is, right after the field: an acronym or capitalized words in the genitive
# ("по делам СНГ", "по надзору Палаты представителей", "по борьбе с терроризмом ФСБ России")
_OWNER = re.compile(r" ([А-ЯЁ][А-ЯЁ]{1,7}|[А-ЯЁ][а-яё-]+)((?: (?:[А-ЯЁ][\w-]+|[а-яё]+)){0,3})")


def _owner_end(text: str, end: int) -> int:
    """The end of the owner's name after ``end``, or ``end``: an acronym or a capitalized word in
    the genitive, no person's name, each; a lower-case genitive word only right after a
    capitalized one ("Палаты представителей")."""
    m = _OWNER.match(text, end)
    if not m:
        return end
    pos, after_capital = end, False
    for word in [m.group(1)] + m.group(2).split():
        start = text.index(word, pos)
        if word.isupper() and len(word) > 1:
            pos, after_capital = start + len(word), False
            continue
        parses = morph().parse(word)
        if (word[0].islower() and (not after_capital or len(word) < 3)) or \
                not any(p.tag.case == "gent" and p.tag.POS in ("NOUN", "ADJF") for p in parses) or \
                {"Name", "Surn", "Patr"} & set(parses[0].tag.grammemes):
            break
        pos, after_capital = start + len(word), word[0].isupper()
    return pos


def topic_bodies(text: str) -> list[tuple[int, Organization]]:
    """(start, organization) of each body written in lower case as its kind and its field after
    "по": the words as written, the kind and its adjectives in the nominative ("думского комитета
    по обороне" -> "Думский комитет по обороне"), and the body it belongs to after the field
    ("комитета по делам СНГ")."""
    out = []
    for head_start, head_end, head in _heads_before_po(text):
        cases = _head_cases(head)
        if not cases:
            continue
        field = re.match(r"[а-яё]+", text[head_end + 4:]).group(0)
        if any(p.normal_form in _not_topics() for p in morph().parse(field)[:1]):
            continue
        start = _adjectives_before(text, head_start, cases)
        if start is None:
            continue
        _, end, _ = with_topic(text, (head_start, head_end, Organization(nominative_phrase(head))), lists=True)
        if end > head_end:
            name = nominative_phrase(text[start:head_end]) + text[head_end:_owner_end(text, end)]
            out.append((start, Organization(capitalized(name))))
    return out
