"""One search hit per story: the best-ranked member stands for its story, the others are
counted as its reprints ("+ 12 reprints"). Post-processing of the ranked ids against the
story store, over a window of the top ``COLLAPSE_WINDOW`` hits, so its cost is bounded
however many items match; beyond the window, counts are estimates and say so."""

from __future__ import annotations

import dataclasses

from eurasec_archive.stories.store import StoryIndex

COLLAPSE_WINDOW = 2000  # ranked hits folded into stories; the rest are counted, not folded


@dataclasses.dataclass
class Collapsed:
    raw: object  # the index's RawResults, with one page of story leaders as its hits
    total: int  # stories among the hits (estimated beyond the window: see ``exact``)
    reprints: dict[str, int]  # leader id -> other matching members folded into it
    stories: dict[str, str]  # leader id -> story id
    exact: bool


def collapse(index, stories: StoryIndex, search, offset: int, limit: int) -> Collapsed:
    """Run ``search(offset, limit)`` (the index search with everything else bound) over the
    window, fold the hits by story and return the page ``offset:offset+limit`` of leaders."""
    window = search(0, COLLAPSE_WINDOW)
    ids = [h.id for h in window.hits]
    story_of = stories.stories_of(ids) if stories.exists() else {}
    leaders, counts, leader_story = [], {}, {}
    first: dict[str, str] = {}
    for h in window.hits:
        story = story_of.get(h.id, h.id)  # items the store does not know stand alone
        if story in first:
            counts[first[story]] += 1
            continue
        first[story] = h.id
        counts[h.id] = 0
        leader_story[h.id] = story
        leaders.append(h)
    page = leaders[offset:offset + limit]
    beyond = max(0, window.total - len(ids))  # not folded: each counts as its own story
    return Collapsed(raw=dataclasses.replace(window, hits=page), total=len(leaders) + beyond,
                     reprints={h.id: counts[h.id] for h in page},
                     stories={h.id: leader_story[h.id] for h in page}, exact=beyond == 0)
