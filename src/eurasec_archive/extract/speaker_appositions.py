"""What stands beside a name as its role in a cue of saying: a noun phrase before an apposed name after an
inverted verb ("said his best friend at Lehigh, Bruce Turry,") and the appositive after a name (", a former
director of the Congressional Budget Office,"). Moved out of attribution.py."""

from __future__ import annotations

import re

from eurasec_archive.authorities import roles
from eurasec_archive.extract.people import given_names
from eurasec_archive.extract.speaker_names import NAME_RUN, UPPER, name_lists, person_part
from eurasec_archive.extract.speaker_titles import role_noun_run


def named_after_noun(sentence: str, ve: int) -> tuple[int, str, str] | None:
    """"said his best friend at Lehigh, Bruce Turry," / "said a former spokesman for the ministry,
    Oleg Voloshyn.": after an inverted verb, a lower-case noun phrase ending in a role or kinship
    noun (or its "of …"/"at …" tail) and a comma, the full name opening with a given name is the
    source and the phrase its role. (start, name, role)."""
    # ("said another Twitter user, Johanna Bayer", "said another advocate, Andrew J. Pincus of the firm Mayer Brown")
    m = re.match(r"\s+(?P<np>(?:an?|one|another|his|her|their|the)\s+(?:[A-Z][\w-]*\s+)?[a-z][^,.;:“”\"«»]{0,60}?),\s+"
                 rf"(?P<run>[{UPPER}][^,;:.“”\"«»()]{{2,40}}?(?:\s[{UPPER}]\.\s[{UPPER}][\w’'-]+)?)(?=,|\.|$|\s+(?:of|at|from)\s)",
                 sentence[ve:])
    if not m:
        return None
    words = re.split(r"\s+(?:at|of|for|from|in|with)\s+", m.group("np"))[0].split()
    noun = words[-1].casefold()
    if not (noun in name_lists()["role_nouns"] or noun in roles().get("en_kin_nouns", []) or role_noun_run(words[-1:])):
        return None
    run = NAME_RUN.fullmatch(m.group("run"))
    name, _, lead = person_part(m.group("run")) if run else ("", False, "")
    if len(name.split()) < 2 or lead or name.split()[0] not in given_names():
        return None
    start = ve + m.start("run") + m.group("run").find(name.split()[0])
    return start, name, m.group("np").split(None, 1)[1] if m.group("np").split()[0] in ("a", "an", "the") else m.group("np")


def appositive(sentence: str, name_end: int, vs: int) -> str | None:
    """", a former director of the Congressional Budget Office," after a name."""
    gap = sentence[name_end:vs]
    masked = re.sub(r"(?<![\w.])([A-Z][a-z]{1,4})\.(?=\s)", lambda m: m.group(1) + "\0"
                    if m.group(0) in name_lists()["honorifics"] else m.group(0), gap)  # "Mrs. Obama's chief of staff"
    m = re.match(r",\s*(?:the\s+|a\s+|an\s+)?([^,;.“”\"]{3,100})(?:,|[.;]|$)", masked)
    if m and not re.match(r"(?:who|which|that|speaking|saying|adding|when|as|in|at|on)\b", m.group(1)):
        return gap[m.start(1):m.end(1)].strip()
    return None
