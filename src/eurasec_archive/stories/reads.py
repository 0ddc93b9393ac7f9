"""The story store's read side: which story an item is in, a story's members and summary, the
listing of stories, and echoes (sentences an item shares with other stories). A mixin of
``StoryIndex`` (``store.py``), which owns the connection (``db``) and its errors (``_errors``)."""

from __future__ import annotations

import json

import numpy as np


class StoryReads:
    def resolve(self, story_id: str) -> str | None:
        """The id a story lives under now (following merges), or None if there is none."""
        with self._errors("cannot read"):
            if self.db.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone():
                return story_id
            row = self.db.execute("SELECT new FROM aliases WHERE old = ?", (story_id,)).fetchone()
        return row[0] if row else None

    def story_of(self, item_id: str) -> str | None:
        with self._errors("cannot read"):
            row = self.db.execute("SELECT story FROM docs WHERE id = ?", (item_id,)).fetchone()
        return row[0] if row else None

    def stories_of(self, item_ids: list[str]) -> dict[str, str]:
        """item id -> story id for the given items (those the store knows)."""
        out: dict[str, str] = {}
        with self._errors("cannot read"):
            for chunk in _chunks(item_ids):
                out.update(self.db.execute(f"SELECT id, story FROM docs WHERE id IN ({_marks(chunk)})",
                                           chunk).fetchall())
        return out

    def sizes(self, story_ids) -> dict[str, int]:
        ids = sorted(set(story_ids))
        out: dict[str, int] = {}
        with self._errors("cannot read"):
            for chunk in _chunks(ids):
                out.update(self.db.execute(f"SELECT id, size FROM stories WHERE id IN ({_marks(chunk)})",
                                           chunk).fetchall())
        return out

    def summary(self, story_id: str) -> dict | None:
        """``{"id", "size", "earliest", "first_date", "last_date", "title"}`` or None."""
        with self._errors("cannot read"):
            row = self.db.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
        return dict(row) if row else None

    def members(self, story_id: str, limit: int = 1000) -> list[dict]:
        """The story's items, earliest first: ``{"id", "date", "outlet", "title"}``."""
        with self._errors("cannot read"):
            rows = self.db.execute("SELECT id, date, outlet, title FROM docs WHERE story = ? "
                                   "ORDER BY sortkey LIMIT ?", (story_id, limit)).fetchall()
        return [dict(r) for r in rows]

    def listing(self, min_size: int = 2, limit: int = 50, offset: int = 0) -> tuple[int, list[dict]]:
        """(number of stories with at least ``min_size`` items, one page of them, largest first)."""
        with self._errors("cannot read"):
            total = self.db.execute("SELECT COUNT(*) FROM stories WHERE size >= ?", (min_size,)).fetchone()[0]
            rows = self.db.execute("SELECT * FROM stories WHERE size >= ? ORDER BY size DESC, first_date, id "
                                   "LIMIT ? OFFSET ?", (min_size, limit, offset)).fetchall()
        return total, [dict(r) for r in rows]

    def echoes(self, item_id: str, limit: int = 50) -> list[dict]:
        """Paragraphs of this item whose sentences appear in items of *other* stories (a quote
        reused, a passage borrowed): ``{"paragraph", "item", "item_paragraph", "story"}``."""
        with self._errors("cannot read"):
            doc = self.db.execute("SELECT n, story, prints, paras FROM docs WHERE id = ?", (item_id,)).fetchone()
            if doc is None:
                return []
            hashes = sorted(set(_hashes(doc["prints"]).tolist()))
            mine: dict[int, int] = {}
            for chunk in _chunks(hashes):
                mine.update(self.db.execute(f"SELECT hash, para FROM prints WHERE doc = ? AND hash IN "
                                            f"({_marks(chunk)})", (doc["n"], *chunk)).fetchall())
            if not mine:
                return []
            rows = self.db.execute(
                f"SELECT p.hash, p.para, d.id, d.story, d.paras FROM prints p JOIN docs d ON d.n = p.doc "
                f"WHERE p.hash IN ({_marks(list(mine))}) AND d.story != ? ORDER BY d.sortkey LIMIT ?",
                (*mine, doc["story"], limit * 4)).fetchall()
        paras = json.loads(doc["paras"])
        out, seen = [], set()
        for r in rows:
            theirs = json.loads(r["paras"])
            key = (paras[mine[r["hash"]]], r["id"])
            if key in seen:
                continue
            seen.add(key)
            out.append({"paragraph": key[0], "item": r["id"],
                        "item_paragraph": theirs[r["para"]] if r["para"] < len(theirs) else None,
                        "story": r["story"]})
        return out[:limit]


def _hashes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.int64, count=len(blob) // 10)


def _marks(values) -> str:
    return ",".join("?" * len(values))


def _chunks(values: list, size: int = 500):
    for i in range(0, len(values), size):
        yield values[i:i + size]

