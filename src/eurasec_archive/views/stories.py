"""Stories on the web: /stories (the largest clusters of reprints), /stories/<id> (one story,
who ran it first, how each member differs), their .json, and the side-by-side comparison of
two items at /items/<id>/compare/<other> (and .json)."""

from __future__ import annotations

import re

from flask import Blueprint, current_app, jsonify, redirect, render_template, request

from eurasec_archive.errors import ArchiveError, BadQuery, NotFound
from eurasec_archive.models import Item
from eurasec_archive.stories import StoryIndex
from eurasec_archive.stories.compare import align, paragraph_status
from eurasec_archive.stories.describe import item_story, story_detail
from eurasec_archive.views.context import services

bp = Blueprint("stories", __name__)

STORY_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,219}$")
PER_PAGE = 50
MAX_COMPARED_MEMBERS = 50  # members whose differences from the earliest a story page computes


def stories_store() -> StoryIndex:
    ext = current_app.extensions["eurasec"]
    if "stories" not in ext:
        ext["stories"] = StoryIndex.of(ext["archive"])
    return ext["stories"]


def story_field(item: Item) -> dict | None:
    """The ``story`` field of an item's JSON (None if unknown, or if the store is unreadable:
    the item itself must still be served)."""
    try:
        return item_story(stories_store(), services()["archive"], item)
    except ArchiveError:
        current_app.logger.warning("story store unreadable; run `eurasec-archive reindex`")
        return None


@bp.app_template_global("item_story")
def item_story_global(item: Item) -> dict | None:
    return story_field(item)


def _resolve(story_id: str, suffix: str = ""):
    """(story id, None) for a live story, (None, redirect) for a merged one; NotFound else."""
    store = stories_store()
    if not STORY_ID.match(story_id or "") or not store.exists():
        raise NotFound(f"no story {story_id[:80]!r}")
    live = store.resolve(story_id)
    if live is None:
        raise NotFound(f"no story {story_id[:80]!r}")
    if live != story_id:
        return None, redirect(f"/stories/{live}{suffix}", code=301)
    return live, None


def _page() -> int:
    raw = request.args.get("page", "1")
    if not raw.isdigit() or not 1 <= int(raw) <= 10**6:
        raise BadQuery("page must be a whole number from 1")
    return int(raw)


def _listing() -> dict:
    page = _page()
    store = stories_store()
    total, rows = store.listing(limit=PER_PAGE, offset=(page - 1) * PER_PAGE) if store.exists() else (0, [])
    return {"total": total, "page": page, "per_page": PER_PAGE,
            "stories": [{**r, "url": f"/stories/{r['id']}"} for r in rows]}


@bp.get("/stories")
def stories_page():
    """Stories with at least two items, largest first."""
    return render_template("stories.html", listing=_listing())


@bp.get("/stories.json")
def stories_json():
    return jsonify(_listing())


def _with_differences(detail: dict) -> dict:
    """Each member (up to MAX_COMPARED_MEMBERS) with its paragraphs counted against the earliest."""
    items = services()["items"]
    try:
        earliest = items.get(detail["earliest"]["id"]) if detail["earliest"] else None
    except ArchiveError:
        earliest = None
    for n, m in enumerate(detail["members"]):
        if earliest is None or n >= MAX_COMPARED_MEMBERS or m["id"] == earliest.id:
            continue
        try:
            status = paragraph_status(items.get(m["id"]), earliest)
        except ArchiveError:
            continue
        counts = {"shared": 0, "changed": 0, "added": 0}
        for p in status["paragraphs"]:
            counts[p["status"]] += 1
        m["differences"] = {**counts, "missing": len(status["missing"])}
    return detail


@bp.get("/stories/<story_id>.json")
def story_json(story_id: str):
    live, moved = _resolve(story_id, ".json")
    return moved or jsonify(_with_differences(story_detail(stories_store(), live)))


@bp.get("/stories/<story_id>")
def story_page(story_id: str):
    live, moved = _resolve(story_id)
    if moved:
        return moved
    return render_template("story.html", story=_with_differences(story_detail(stories_store(), live)))


def _comparison(item_id: str, other_id: str) -> dict:
    archive = services()["archive"]
    item, other = archive.get(item_id), archive.get(other_id)
    rows = align(item, other)
    counts = {"shared": 0, "changed": 0, "added": 0, "removed": 0, "moved": 0}
    for r in rows:
        counts[r.status] += 1
        counts["moved"] += r.moved
    store = stories_store()
    stories = store.stories_of([item.id, other.id]) if store.exists() else {}
    same = item.id in stories and stories.get(item.id) == stories.get(other.id)
    return {"item": item, "other": other, "rows": rows, "counts": counts,
            "story": stories.get(item.id) if same else None, "same_story": same}


@bp.get("/items/<item_id>/compare/<other_id>.json")
def compare_json(item_id: str, other_id: str):
    """Paragraph rows of the comparison; statuses are the item's view of the other."""
    c = _comparison(item_id, other_id)
    return jsonify({"item": _brief(c["item"]), "other": _brief(c["other"]), "same_story": c["same_story"],
                    "story": c["story"], "counts": c["counts"], "rows": [r.to_json() for r in c["rows"]]})


@bp.get("/items/<item_id>/compare/<other_id>")
def compare_page(item_id: str, other_id: str):
    c = _comparison(item_id, other_id)
    members = []
    if c["story"]:
        members = [m for m in story_detail(stories_store(), c["story"])["members"]
                   if m["id"] not in (item_id, other_id)]
    return render_template("compare.html", members=members, **c)


def _brief(item: Item) -> dict:
    return {"id": item.id, "title": item.title, "date": item.date, "outlet": item.outlet, "url": item.url}
