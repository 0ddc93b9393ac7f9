"""``eurasec-archive stories``: list the stories (reprint clusters) or show one, a thin shell
over ``StoryIndex`` registered on the main command group."""

from __future__ import annotations

import json

import click

from eurasec_archive.errors import NotFound
from eurasec_archive.stories.describe import story_detail
from eurasec_archive.stories.store import StoryIndex


@click.command("stories")
@click.argument("story_id", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the same as /stories.json, /stories/ID.json).")
@click.option("--min-size", default=2, show_default=True, type=click.IntRange(1),
              help="List stories with at least this many items (1: every item's story).")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000))
@click.pass_obj
def stories(obj, story_id, as_json, min_size, limit):
    """List stories, largest first: one text and its reprints across outlets, with the earliest
    publication. With STORY_ID, the story's items, earliest first."""
    index = StoryIndex.of(obj.archive)
    if story_id:
        resolved = index.resolve(story_id) if index.exists() else None
        if resolved is None:
            raise NotFound(f"no story {story_id[:80]!r} (list them with `eurasec-archive stories`)")
        detail = story_detail(index, resolved)
        if as_json:
            click.echo(json.dumps(detail, ensure_ascii=False, indent=1))
            return
        click.echo(f"{detail['title']}\n{detail['size']} items · first {detail['first_date'] or 'undated'}")
        for m in detail["members"]:
            click.echo(f"  {m['date'] or 'undated':<10}  {(m['outlet'] or 'unknown outlet')[:28]:<28}  {m['id']}")
        return
    total, rows = index.listing(min_size=min_size, limit=limit) if index.exists() else (0, [])
    if as_json:
        click.echo(json.dumps({"total": total, "stories": [
            {**r, "url": f"/stories/{r['id']}"} for r in rows]}, ensure_ascii=False, indent=1))
        return
    click.echo(f"{total} stories with at least {min_size} items")
    for r in rows:
        click.echo(f"{r['size']:>5}  {r['first_date'] or 'undated':<10}  {r['id']}\n       {r['title']}")
