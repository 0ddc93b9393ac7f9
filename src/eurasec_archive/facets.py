"""The facet registry: one entry per facet. The web UI, the JSON API and the CLI all read
it; adding a facet is one entry here (the index gets an ``f_<name>`` field for it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from eurasec_archive.models import Item


@dataclass(frozen=True)
class Facet:
    name: str  # URL/API parameter name
    label: str  # shown in the UI
    values: Callable[[Item], list[str]]  # an item's values, as the parameter takes them
    entity_route: str | None = None  # /<route>/<slug> entity pages
    missing: str | None = None  # the value that selects and counts items with no value

    @property
    def field(self) -> str:
        return f"f_{self.name}"


FACETS: tuple[Facet, ...] = (
    Facet("outlet", "Outlet", lambda i: [i.outlet] if i.outlet else [], "outlets", missing="unknown"),
    Facet("speaker", "Speaker", lambda i: [s.name for s in i.speakers], "speakers"),
    Facet("organization", "Organization", lambda i: [o.name for o in i.organizations],
          "organizations"),
    Facet("person", "Person", lambda i: list(i.people), "people"),
    Facet("place", "Place", lambda i: list(i.places), "places"),
    Facet("language", "Language", lambda i: [i.language] if i.language else []),
    Facet("year", "Year", lambda i: [i.date[:4]] if i.date else ["undated"]),
)

FACETS_BY_NAME = {f.name: f for f in FACETS}


def facet_values(facet: Facet, item: Item) -> list[str]:
    seen: list[str] = []
    for v in facet.values(item):
        if v and v not in seen:
            seen.append(v)
    return seen
