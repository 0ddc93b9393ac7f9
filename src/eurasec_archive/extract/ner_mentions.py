"""What a model's organization mention names when it names no body of its own: a web service
where something is posted, a building or a site, a legal form, a title or a number alone; and the
people of a body named before it ("Исследователи Брукхейвенской национальной лаборатории").
Moved out of ``ner_bodies`` (which re-exports them) to keep that module under 400 lines.
"""

from __future__ import annotations

from functools import cache

from eurasec_archive.authorities import load_json
from eurasec_archive.extract.russian import is_cyrillic

_POSTED_IN = frozenset({"в", "во", "на", "своем", "своём", "своей", "своих", "официальном", "официальной"})


@cache
def _heads_of(key: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in load_json("organization_heads.json").get(key, []))


def not_a_body(name: str, before: str) -> bool:
    """An organization mention of the model that names no body: a web service where something is
    posted ("в Twitter", "в своём Инстаграме"; ``ru_web_platforms``), a building or a site
    ("Исаакиевский собор", "Донецкий аэропорт"; ``ru_facility_heads``, less ``ru_institution_sites``:
    "Русская православная церковь" is a body; a channel by its number is one too: "Первый канал")."""
    from eurasec_archive.extract.ner import morph

    if before in _POSTED_IN and name.casefold() in _heads_of("ru_web_platforms"):
        return True
    words = [w for w in name.split() if is_cyrillic(w)]
    head = next((p for w in words for p in morph().parse(w)[:1] if p.tag.POS == "NOUN"), None)
    if head is not None and head.normal_form in _heads_of("ru_media_nouns") and \
            any("Anum" in p.tag for p in morph().parse(words[0].lower())[:1]):
        return False  # "Первый канал", "Пятого канала": a channel by its number, no canal
    # the head noun, not a word of its complement ("Движение в защиту Химкинского леса")
    return head is not None and head.normal_form in _heads_of("ru_facility_heads") - _heads_of("ru_institution_sites")


def without_members(name: str) -> str:
    """"Исследователи Брукхейвенской национальной лаборатории" -> "Брукхейвенская национальная
    лаборатория": people of a body named before it are not its name."""
    from eurasec_archive.extract.ner import morph, nominative_phrase

    words = name.split(maxsplit=1)
    if len(words) < 2 or not is_cyrillic(words[0]):
        return name
    first = morph().parse(words[0])[0]
    if first.tag.POS == "NOUN" and {"anim", "plur", "nomn"} <= set(first.tag.grammemes) and "Orgn" not in first.tag:
        return nominative_phrase(words[1])
    return name


@cache
def _legal_forms() -> frozenset[str]:
    return frozenset(f.casefold() for f in load_json("organization_heads.json").get("ru_legal_forms", []))


def no_organization(name: str) -> bool:
    """A legal form, a title or a number alone ("ПАО", "Замглавы", "5") names no organization."""
    from eurasec_archive.authorities import roles

    lower = name.casefold()
    return not any(c.isalpha() for c in name) or lower in _legal_forms() or lower in roles()["ru_titles"]
