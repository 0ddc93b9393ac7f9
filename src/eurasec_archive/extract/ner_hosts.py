"""A body attached to another body or to an office, named with it ("Совет при Президенте РФ",
"Следственный комитет при прокуратуре РФ", "Общественный совет при ГУ МВД России по Москве"):
one organization, as both annotated golds count it. The model stops its name before "при". The
bodies that are attached so are ``organization_heads.json`` ``ru_attached_heads``."""

from __future__ import annotations

import re
from functools import cache

from eurasec_archive.authorities import load_json
from eurasec_archive.extract.nominative import morph
from eurasec_archive.models import Organization

_WORD = re.compile(r"[ \u00a0]+([«\"]?[\w-]+[»\"]?)")
_ACRONYM = re.compile(r"^[A-ZА-ЯЁ][A-ZА-ЯЁ0-9-]{1,9}$")
_DECLINED = ("NOUN", "ADJF", "PRTF", "NUMR")


@cache
def _attached_heads() -> frozenset[str]:
    return frozenset(load_json("organization_heads.json")["ru_attached_heads"])


def _head(name: str) -> str | None:
    """The dictionary form of the first noun of ``name`` ("Общественный совет" -> "совет")."""
    for word in name.split()[:3]:
        parse = next((p for p in morph().parse(word.lower()) if p.tag.POS == "NOUN"), None)
        if parse is not None:
            return parse.normal_form
    return None


def _cases(word: str) -> set[str]:
    """The cases a noun, an adjective or a numeral may stand in ("в" and "и" are none)."""
    parses = [p for p in morph().parse(word.strip("«»\"").lower()) if "Abbr" not in p.tag]
    if not parses or parses[0].tag.POS not in _DECLINED:
        return set()
    return {p.tag.case for p in parses if p.tag.case and p.tag.POS in _DECLINED}


def _host_end(text: str, pos: int, first: bool = True) -> int | None:
    """The end of the body or office after "при" at ``pos``: a first word in the prepositional
    case (or an acronym), then capitalized words, lower-case words in the genitive or the
    prepositional case, "по" and a region or a field in the dative; None when no host stands there."""
    end, after_po = None, False
    while True:
        m = _WORD.match(text, pos)
        if not m:
            break
        word = m.group(1)
        if len(word) < 2:
            break  # "… РФ А. Бастрыкин": an initial
        acronym = bool(_ACRONYM.match(word))
        cases = set() if acronym else _cases(word)
        if first:
            if not acronym and "loct" not in cases:
                return None
        elif word == "по" and not after_po:
            after_po, pos = True, m.end()
            continue
        elif after_po and not acronym and not cases & {"datv", "gent"}:
            break
        elif not after_po and not acronym and not word[0].isupper() and not cases & {"gent", "loct"}:
            break
        elif word[0].isupper() and not acronym and cases & {"nomn"} and not cases & {"gent", "loct", "datv"}:
            break  # "при прокуратуре РФ Иван Петров": the sentence's subject
        first, after_po, pos = False, False, m.end()
        end = pos
    return end


def with_host(text: str, span: tuple[int, int, Organization]) -> tuple[int, int, Organization]:
    """The body's name goes on with "при" and the body or office it is attached to, when its head
    noun is one of ``ru_attached_heads`` ("Совет" + "при Президенте РФ по развитию …")."""
    start, end, org = span
    inside = " при " in text[start:end]  # the model's "Совет при Президенте" + "РФ по …"
    if not (inside or text.startswith(" при ", end)) or org.acronym or _head(org.name) not in _attached_heads():
        return span
    stop = _host_end(text, end, first=False) if inside else _host_end(text, end + len(" при"))
    if stop is None:
        return span
    return start, stop, Organization(f"{org.name}{text[end:stop]}")
