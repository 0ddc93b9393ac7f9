"""A surname alone set between a closing quotation and its verb of saying: "“…!” Cruz said.",
"“…,” Obama stated." News writes a person there, so the surname needs no title or second
mention to be taken as one. A frequent English word ("“…,” Twitter said"), a plural noun
("Prosecutors said") and a word that "reported" (an outlet's verb: "“…,” Politico reported") stay unread."""

from __future__ import annotations

import re

from eurasec_archive.authorities import common_words, outlets
from eurasec_archive.extract.speaker_names import name_lists

_CLOSED = re.compile(r"(?:[,!?…][”\"’]|,'')\s*$")


def framed_surname(text: str, source: str, source_pos: int, verb_pos: int, verb: str = "",
                   lower: frozenset[str] | None = None) -> bool:
    """Whether the one-word ``source`` at ``source_pos`` stands right after a quotation closed by a
    comma, "!" or "?", with nothing but a space between it and the verb at ``verb_pos``. A frequent
    word counts as a surname when ``lower`` (the document's lower-case words) is given and lacks it
    ("Obama", "Trump" in a text that never writes "obama", "trump"), and it is no outlet."""
    if verb.startswith("report") or len(source.split()) != 1 or not source[:1].isupper():
        return False
    if source.casefold() in common_words() and (lower is None or source.casefold() in lower
                                                or source.casefold() in outlets()):
        return False
    if not text.startswith(source, source_pos) or text[source_pos + len(source):verb_pos].strip():
        return False
    return bool(_CLOSED.search(text[:source_pos])) and not _plural_noun(source)


def _plural_noun(word: str) -> bool:
    """"Prosecutors", "Officials", "Analysts": a plural of a frequent word or of a role noun."""
    low = word.casefold()
    if not low.endswith("s"):
        return False
    return (low[:-1] in common_words() or low[:-1] in name_lists()["role_nouns"]
            or bool(re.search(r"(?:or|ist|ian|ant|ent|ive|al)s$", low)))
