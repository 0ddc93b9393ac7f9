"""Who a Russian sentence's cue of saying reports: the one person named before the verb in the
nominative position ("Лавров заявил", not "по словам Лаврова" or "встреча с Лавровым"), or a role
noun in any case after it ("— заявил премьер"). Used by attribution.find_cues."""

from __future__ import annotations

import re

from eurasec_archive.authorities import roles
from eurasec_archive.extract.people import nominative_given
from eurasec_archive.extract.russian import is_cyrillic
from eurasec_archive.extract.speaker_names import NAME_RUN, inside_quote_marks, person_part


def ru_role_noun_at(sentence: str, pos: int) -> tuple[str, int] | None:
    """A role noun in any case right at ``pos`` ("премьер", "спортсменки" -> "спортсменка"), with
    up to two adjectives before it, ending a short clause; (nominative, end of the clause)."""
    m = re.match(r"((?:[а-яё-]+\s+){0,2}?)([а-яё-]+)((?:\s+[а-яё-]+){0,4})\s*(?=[.,;:!?]|$)", sentence[pos:])
    if not m:
        return None
    from eurasec_archive.extract.ner import morph  # pymorphy3, loaded once per process

    nouns = set(roles().get("ru_role_nouns", []))
    word = m.group(2)
    base = word if word in nouns else next((p.normal_form for p in morph().parse(word)[:2] if p.normal_form in nouns), None)
    return (base, pos + m.end()) if base else None


def ru_subject(sentence: str, vs: int) -> tuple[int, str, bool, str] | None:
    """The one person a Russian sentence names before its verb, in the nominative position
    (not after a preposition, not inside quotation marks); None when it names more than one."""
    found = []
    for m in NAME_RUN.finditer(sentence[:vs]):
        if inside_quote_marks(sentence, m.start()):
            continue
        name, titled, lead = person_part(m.group(0))
        if not name or not is_cyrillic(name):
            continue
        if re.search(r"(?:^|\s)(?:в|во|с|со|к|ко|по|от|для|у|о|об|обо|при|на|за|из|до|перед|между|над|под|через|без)\s+$",
                     sentence[max(0, m.start() - 10):m.start()], re.IGNORECASE) and not lead:
            continue
        found.append((m.start() + m.group(0).find(name.split()[0]), name, titled, lead))
    if len(found) != 1:
        return None
    first = found[0][1].split()[0]
    nominative = nominative_given(first) == first if len(found[0][1].split()) >= 2 else _nominative_surname(first)
    return found[0] if nominative else None


def _nominative_surname(token: str) -> bool:
    """A lone surname that reads as nominative (Керри, Лавров), not an oblique case (Лаврова, Керри's)."""
    from eurasec_archive.extract.ner import morph  # pymorphy3, loaded once per process

    parses = morph().parse(token)
    return bool(parses) and ("nomn" in parses[0].tag or "Fixd" in parses[0].tag)
