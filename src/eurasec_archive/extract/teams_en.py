"""Teams in a wire report's results tables: bodies named by the shape of the line.

A line that is only two names and their scores ("Swindon 2 Norwich 1", "Pohang 3 Ulsan 2
(halftime 1-0)"), a fixture ("Queens Park Rangers v Bolton") or a standings row (a name and
five or more numbers: "Norwich 4 3 0 1 5 3 9") names teams, which are organizations, not the
places they are named after.
"""

from __future__ import annotations

import re

from eurasec_archive.models import Organization

_NAME = r"[A-Z][\w.'’-]*(?: (?:[A-Z][\w.'’-]*|of|de))*"
_RESULT = re.compile(rf"^({_NAME}) \d{{1,3}},? ({_NAME}) \d{{1,3}}(?: \([^()\n]*\))?\.?$", re.MULTILINE)
_FIXTURE = re.compile(rf"^({_NAME}) v ({_NAME})\.?$", re.MULTILINE)
_STANDING = re.compile(rf"^({_NAME})(?: \d+(?:\.\d+)?){{5,}}$", re.MULTILINE)


def _team(text: str, m: re.Match, group: int) -> tuple[int, int, Organization] | None:
    name = m.group(group)
    if name.isupper() or len(name.split()) > 4:
        return None  # a heading in capitals
    return m.start(group), m.end(group), Organization(name)


def table_teams(text: str) -> list[tuple[int, int, Organization]]:
    """(start, end, organization) of each team the results lines of ``text`` name, in text order."""
    found = []
    for pattern, groups in ((_RESULT, (1, 2)), (_FIXTURE, (1, 2)), (_STANDING, (1,))):
        for m in pattern.finditer(text):
            found += [t for g in groups if (t := _team(text, m, g))]
    return sorted(found, key=lambda t: t[0])
