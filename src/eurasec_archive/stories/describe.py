"""Stories as the CLI, the JSON API and the pages show them: the ``story`` of an item (its
cluster, the earliest member, what this item shares with it) and a story with its members."""

from __future__ import annotations

from eurasec_archive.errors import ArchiveError, NotFound
from eurasec_archive.models import Item
from eurasec_archive.stories.compare import paragraph_status
from eurasec_archive.stories.store import StoryIndex

MAX_LISTED = 200  # members listed on an item ("also published by") and a story page


def _member(row: dict) -> dict:
    return {"id": row["id"], "date": row["date"], "outlet": row["outlet"], "title": row["title"],
            "url": f"/items/{row['id']}"}


def item_story(stories: StoryIndex, archive, item: Item, echoes: bool = True) -> dict | None:
    """The ``story`` field of an item's JSON, or None if the story store does not know it.

    ``{"id", "url", "size", "earliest", "is_earliest", "also_published_by": [members],
    "paragraphs": [{"id", "status", "earliest_paragraph"}], "missing": [ids], "echoes": [...]}``;
    statuses are against the earliest member: shared, changed or added.
    """
    if not stories.exists():
        return None
    story_id = stories.story_of(item.id)
    if story_id is None:
        return None
    members = stories.members(story_id, limit=MAX_LISTED + 1)
    summary = stories.summary(story_id) or {"size": len(members)}
    earliest = members[0] if members else {"id": item.id, "date": item.date, "outlet": item.outlet,
                                            "title": item.title}
    if earliest["id"] == item.id:
        status = {"paragraphs": [{"id": p.id, "status": "shared", "earliest_paragraph": p.id}
                                 for p in item.paragraphs], "missing": []}
    else:
        try:
            status = paragraph_status(item, archive.get(earliest["id"]))
        except ArchiveError:  # removed or unreadable meanwhile: say nothing rather than guess
            status = {"paragraphs": [], "missing": []}
    return {
        "id": story_id,
        "url": f"/stories/{story_id}",
        "size": summary["size"],
        "earliest": _member(earliest),
        "is_earliest": earliest["id"] == item.id,
        "also_published_by": [_member(m) for m in members if m["id"] != item.id][:MAX_LISTED],
        **status,
        "echoes": stories.echoes(item.id) if echoes else [],
    }


def story_detail(stories: StoryIndex, story_id: str) -> dict:
    """``{"id", "url", "size", "title", "first_date", "last_date", "earliest", "members"}``,
    members earliest first (up to MAX_LISTED).

    :raise NotFound: no such story (a merged story's old id is followed by the caller via
        ``stories.resolve``)
    """
    summary = stories.summary(story_id) if stories.exists() else None
    if summary is None:
        raise NotFound(f"no story {story_id[:80]!r}")
    members = [_member(m) for m in stories.members(story_id, limit=MAX_LISTED)]
    return {"id": story_id, "url": f"/stories/{story_id}", "size": summary["size"],
            "title": summary["title"], "first_date": summary["first_date"],
            "last_date": summary["last_date"], "earliest": members[0] if members else None,
            "members": members, "outlets": sorted({m["outlet"] for m in members if m["outlet"]})}
