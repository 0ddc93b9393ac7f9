"""Verbs of saying that are also verbs of doing: "continued", "went on", "shot back". They report
speech only where news uses them so: "continued to deliver paid speeches" goes on doing, and
"went on the record", "shot back with a statement" say nothing by themselves; "“…,” Trump went
on" and "“…,” Bennett shot back with a laugh" report the quotation just closed before them;
"As Amar put it, “…”" reports what follows, "put it on hold" nothing. And
a verb after a plain comma whose name is followed by a verb of its own opens a reported clause
("Garten, Trump's attorney, said Nunberg was …"): that name is what was said, not who said it."""

from __future__ import annotations

import re

_GOING_ON = frozenset({"continued", "continues", "went on", "goes on"})
_BESIDE_A_QUOTE = frozenset({"went on", "goes on", "shot back", "fired back",
                             "reacted", "exhorted", "pressed", "opined", "beamed"})  # ("pressed the button")
_PUT_IT = frozenset({"put it", "puts it"})  # "As Akhil Amar put it, “…”", not "put it on hold"
_CLOSED_BEFORE = re.compile(r"[,!?…][”\"’]\s*(?:[^“”\"]{0,60})$|,''\s*(?:[^“”\"']{0,60})$")
_OPENS_AFTER = re.compile(r"\s*(?:[,:]\s*)?[“\"]|:")


def says_here(sentence: str, vs: int, ve: int, verb: str) -> bool:
    """Whether ``verb`` at ``sentence[vs:ve]`` reports speech in this place."""
    if verb in _GOING_ON and re.match(r"\s+to\s", sentence[ve:]):
        return False
    if verb in _PUT_IT:
        return bool(re.match(r"\s*(?:[,:]|[“\"]|''|$)", sentence[ve:]))
    if verb in _BESIDE_A_QUOTE:
        return bool(_CLOSED_BEFORE.search(sentence[:vs]) or _OPENS_AFTER.match(sentence[ve:]))
    return True


_CLAUSE_VERB = re.compile(r"\s+(?:[A-Z][\w’'.-]*\s+){1,3}(?:was|is|are|were|had|has|have|would|will|could|can|did|does|"
                          r"should|must|might|may|wants|wanted|needs|needed)\b")


def reported_clause(before: str, after: str) -> bool:
    """Whether "…, said X was …" opens X's clause: the verb follows a plain comma (no quotation
    closed there) and the name after it is followed by a verb."""
    return bool(re.search(r"[^”\"»’'\s]\s*,\s*$", before)) and bool(_CLAUSE_VERB.match(after))
