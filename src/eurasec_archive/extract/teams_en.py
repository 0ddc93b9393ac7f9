"""Teams in a wire report's results tables: bodies named by the shape of the line.

Lines that are only two names and their scores ("Swindon 2 Norwich 1", "Pohang 3 Ulsan 2
(halftime 1-0)"; two such lines at least), a fixture ("Queens Park Rangers v Bolton") or a
league table's row (a name, then six or more whole numbers whose first is the sum of the next
three: played = won + drawn + lost, "Norwich 4 3 0 1 5 3 9") name teams, which are
organizations, not the places they are named after. Rows of statistics ("Russia 61.7 65.9 86.4",
"Kazakhstan 12 14 15 17 19 21") name places.
"""

from __future__ import annotations

import re

from eurasec_archive.models import Organization

_NAME = r"[A-Z][\w.'’-]*(?: (?:[A-Z][\w.'’-]*|of|de))*"
_RESULT = re.compile(rf"^({_NAME}) \d{{1,3}},? ({_NAME}) \d{{1,3}}(?: \([^()\n]*\))?\.?$", re.MULTILINE)
_FIXTURE = re.compile(rf"^({_NAME}) v ({_NAME})\.?$", re.MULTILINE)
_STANDING = re.compile(rf"^({_NAME})((?: \d{{1,3}}){{6,}})$", re.MULTILINE)


def _team(text: str, m: re.Match, group: int) -> tuple[int, int, Organization] | None:
    name = m.group(group)
    if name.isupper() or len(name.split()) > 4:
        return None  # a heading in capitals
    return m.start(group), m.end(group), Organization(name)


def _standing(m: re.Match) -> bool:
    """A league table's row: played, won, drawn, lost… with played = won + drawn + lost
    ("Norwich 4 3 0 1 5 3 9"); a row of statistics ("Russia 61 65 86 109 149") is none."""
    played, won, drawn, lost = (int(n) for n in m.group(2).split()[:4])
    return played == won + drawn + lost


def table_teams(text: str) -> list[tuple[int, int, Organization]]:
    """(start, end, organization) of each team the results lines of ``text`` name, in text order.
    A results line counts only beside another (a table of results, not a sentence's numbers)."""
    found = []
    results = list(_RESULT.finditer(text))
    if len(results) < 2:
        results = []
    for matches, groups in ((results, (1, 2)), (_FIXTURE.finditer(text), (1, 2)),
                            ((m for m in _STANDING.finditer(text) if _standing(m)), (1,))):
        for m in matches:
            found += [t for g in groups if (t := _team(text, m, g))]
    return sorted(found, key=lambda t: t[0])
