"""Which of several people sharing a surname a mention means, by gender: "Mrs. Clinton" in a
document naming Bill Clinton and Hillary Clinton is Hillary, and so is the surname alone that a
later "she said" stands for; "Mr. Trump" beside Ivanka Trump is not her."""

from __future__ import annotations

from eurasec_archive.extract.speaker_names import NAME_RUN

_HONORIFICS = {"Mr.": "m", "Mr": "m", "Mrs.": "f", "Mrs": "f", "Ms.": "f", "Ms": "f", "Miss": "f"}


def honorific_gender(lead: str | None) -> str | None:
    """"m" or "f" when the words before a name hold a personal honorific ("Mrs.", "Mr."), else None."""
    return next((_HONORIFICS[w] for w in (lead or "").split() if w in _HONORIFICS), None)


def by_gender(names: list[str], gender: str | None, gender_of) -> list[str]:
    """The names whose person is of ``gender`` (those of unknown gender when none is), in order;
    all of them when no gender is asked or none fits."""
    if not gender:
        return names
    fit = [n for n in names if gender_of(n) == gender]
    unknown = [n for n in names if gender_of(n) is None]
    return fit or unknown or names


def namesake(text: str, pos: int, name: str, gender: str | None, full_names: list[str], gender_of) -> str:
    """For a pronoun of ``gender`` whose antecedent at ``pos`` was written as a surname alone and
    read as ``name`` of the other gender: the one other person named in full with that surname
    whose gender fits ("Clinton announced … ‘…,’ she said" after Bill and Hillary Clinton)."""
    run = NAME_RUN.match(text, pos)
    if not gender or gender_of(name) in (None, gender) or (run and name in run.group(0)):
        return name  # fits, or written in full ("President Bill Clinton"): the pronoun is someone else's
    if name in text[:pos]:
        return name  # the surname is the person just named in full ("Bill Clinton … Clinton")
    surname = name.split()[-1]
    others = [f for f in full_names if f != name and len(f.split()) >= 2 and f.split()[-1] == surname
              and gender_of(f) == gender]
    return others[0] if len(set(others)) == 1 else name
