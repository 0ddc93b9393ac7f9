"""Rebuilding the story store from the item files (``reindex``, ``restore``) without renaming
the stories people cite: every item is filed again, earliest first, then each story found takes
the old id most of its members had, and the old ids of merged stories keep answering."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from eurasec_archive.errors import StorageError
from eurasec_archive.stories.store import StoryIndex, sort_key_of


def rebuild(store: StoryIndex, archive, previous: dict | None = None) -> int:
    """Empty ``store`` and file every item of ``archive`` again, keeping story ids.

    :param previous: ``{"items": {item: story}, "aliases": {old: new}}`` to keep (a restored
        backup's); default what ``store`` holds now (nothing if it is unreadable)
    :return: items filed
    """
    try:
        with store._errors("cannot read"):
            kept = previous if previous is not None else store.assignments()
    except StorageError:  # unreadable: start from an empty file
        store.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{store.path}{suffix}").unlink(missing_ok=True)
        kept = {}
    old = {str(k): str(v) for k, v in (kept.get("items") or {}).items()}
    old_aliases = {str(k): str(v) for k, v in (kept.get("aliases") or {}).items()}
    keys = [key for item_id in archive.item_ids() if (key := _filing_key(archive, item_id)) is not None]
    filed = 0
    with store._errors("cannot rebuild"):
        db = store._write()
        # one transaction over every item: a page cache that holds the prints' and bands' index
        # pages saves ~12 % of the rebuild's CPU (the default 2 MB reads them again and again)
        db.execute(f"PRAGMA cache_size = -{REBUILD_CACHE_KIB}")
        for table in ("docs", "prints", "bands", "stories", "aliases"):
            db.execute(f"DELETE FROM {table}")
        for _, item_id in sorted(keys):
            try:
                item = archive.get(item_id)
            except Exception:  # noqa: BLE001 - verify reports unreadable items; skip them here
                continue
            store.add(item)
            filed += 1
        _keep_ids(store, old)
        _keep_aliases(store, old, old_aliases)
        db.execute("PRAGMA cache_size = -2000")  # SQLite's default again
    store.commit()
    return filed


REBUILD_CACHE_KIB = 128 * 1024


def _filing_key(archive, item_id: str) -> tuple[str, str] | None:
    """(``sort_key``, item id), the key read from the file's JSON without making the Item (the
    order pass reads every file once more than the filing pass; ~half its CPU was the Item),
    or None for a file that cannot be read as an item (verify reports it)."""
    try:
        data = json.loads(archive.item_path(item_id).read_bytes())
        return sort_key_of(data.get("date"), data["source"].get("imported_at"), data["id"]), item_id
    except Exception:  # noqa: BLE001 - damaged or gone: left out, as the filing pass would
        return None


def _members_of(assignment: dict[str, str], stories: set[str]) -> dict[str, list[str]]:
    """story -> its items, for the given stories only (one pass over the assignment)."""
    out: dict[str, list[str]] = {}
    for item_id, story in assignment.items():
        if story in stories:
            out.setdefault(story, []).append(item_id)
    return out


def _keep_ids(store: StoryIndex, old: dict[str, str]) -> None:
    """Each story found takes the old id most of its members had (largest stories first); an
    old id no story took points where most of its members went."""
    db = store.db
    members: dict[str, list[str]] = {}
    for item_id, story in db.execute("SELECT id, story FROM docs"):
        members.setdefault(story, []).append(item_id)
    claimed: set[str] = set()
    renames: dict[str, str] = {}
    for story, ids in sorted(members.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        votes = Counter(old[i] for i in ids if i in old)
        for candidate, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])):
            if candidate not in claimed:
                renames[story] = candidate
                claimed.add(candidate)
                break
        else:
            claimed.add(story)
    taken = set(renames.values())
    temp = {s: f"\x00{s}" for s in renames}  # two steps: a new id may be another's old one
    for s, t in temp.items():
        db.execute("UPDATE docs SET story = ? WHERE story = ?", (t, s))
    for s, new in renames.items():
        db.execute("UPDATE docs SET story = ? WHERE story = ?", (new, temp[s]))
    db.execute("DELETE FROM stories")
    for (story,) in db.execute("SELECT DISTINCT story FROM docs").fetchall():
        store._refresh(story)
    final = dict(db.execute("SELECT id, story FROM docs").fetchall())
    gone = set(old.values()) - taken - set(final.values())
    for story, ids in _members_of(old, gone).items():
        votes = Counter(final[i] for i in ids if i in final)
        if votes:
            db.execute("INSERT OR REPLACE INTO aliases VALUES (?, ?)", (story, votes.most_common(1)[0][0]))


def _keep_aliases(store: StoryIndex, old: dict[str, str], aliases: dict[str, str]) -> None:
    """Old ids of merged stories answer again: each points where its story's members are now."""
    db = store.db
    live = {r[0] for r in db.execute("SELECT id FROM stories")}
    now = dict(db.execute("SELECT id, story FROM docs").fetchall())
    where = {}
    for story, ids in _members_of(old, set(aliases.values())).items():
        votes = Counter(now[i] for i in ids if i in now)
        if votes:
            where[story] = votes.most_common(1)[0][0]
    for gone, target in aliases.items():
        new = where.get(target) or (target if target in live else None)
        if new and gone not in live and gone != new:
            db.execute("INSERT OR IGNORE INTO aliases VALUES (?, ?)", (gone, new))
