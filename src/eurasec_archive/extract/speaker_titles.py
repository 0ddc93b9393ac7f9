"""The words that stand between a verb of saying and a name as its title: "said former Virginia
Gov. Ed Rendell", "said political scientist X" (moved out of attribution.py)."""

from __future__ import annotations

import re

from eurasec_archive.extract.russian import is_cyrillic
from eurasec_archive.extract.speaker_names import name_lists

_NOT_IN_TITLE = frozenset("to in on at with by after before during about that this these those when while who which "
                          "what is was are were has had have be been being it its his her their our not also".split())


def no_title_periods(text: str) -> str:
    """The periods of abbreviated titles taken out ("former Pennsylvania Gov. and …"): they end no sentence."""
    return re.sub(r"(?<![\w.])([A-Z][a-z]{1,4})\.(?=\s)",
                  lambda m: m.group(1) if m.group(0) in name_lists()["honorifics"] else m.group(0), text)


def role_noun_run(words: list[str]) -> bool:
    """Lower-case words that end in a role noun: "president", "political scientist", "campaign manager"."""
    last = words[-1].casefold()
    if last in ("of", "for", "and", "the", "a", "an", "or", "state"):
        return False  # pieces of "head of state", not its noun
    return (last.split("-")[-1] in name_lists()["role_nouns"] or bool(re.search(r"(?:ist|ian|ant|ent|er|or|ate)s?$", last))) and all(
        w not in _NOT_IN_TITLE for w in words)


def title_words(words: list[str]) -> bool:
    """Words between a verb and a name that read as its title: each role-ish ("former Virginia Gov."), or
    lower-case describing words ending in a role noun ("political scientist", "tech executive")."""
    if all(_role_ish(w) for w in words):
        return True
    return (len(words) >= 2 and role_noun_run(words[-1:])
            and all(_role_ish(w) or (w.replace("-", "").isalpha() and w.islower() and w not in _NOT_IN_TITLE) for w in words))


def _role_ish(word: str) -> bool:
    """A word that may stand between a verb and a name in a title: "former", "the", "Virginia",
    "researcher", "министр"."""
    w = word.strip(",")
    return (w[:1].isupper() or is_cyrillic(w) or w == "«»" or w in ("the", "a", "an", "of", "for", "and", "at", "former", "then",
                                                       "longtime", "top", "senior", "chief", "deputy", "vice",
                                                       "party", "campaign")
            or w.casefold() in name_lists()["role_nouns"] or bool(re.search(r"(?:er|or|ist|ant|ent|man|woman)s?$", w)))
