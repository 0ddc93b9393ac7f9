"""The item catalog's rows: the SQLite schema, the *card* (an item's JSON cut to what listings
show) and the Row read back. See catalog.py."""

from __future__ import annotations

import dataclasses
import functools
import json
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime

from slugify import slugify as _slugify

from eurasec_archive.models import Item

CARD_PARAGRAPH_CHARS = 1500  # the feed shows 600 characters of it, Dublin Core about 1000

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS items (
    id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, deleted INTEGER NOT NULL DEFAULT 0,
    datestamp TEXT NOT NULL, added_at TEXT, set_spec TEXT, set_name TEXT,
    mtime_ns INTEGER, size INTEGER, card BLOB);
CREATE INDEX IF NOT EXISTS items_set_seq ON items (set_spec, seq);
CREATE INDEX IF NOT EXISTS items_datestamp ON items (datestamp);
CREATE INDEX IF NOT EXISTS items_added ON items (deleted, added_at DESC, id);
CREATE TABLE IF NOT EXISTS sets (spec TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entities (facet TEXT, slug TEXT, value TEXT,
    PRIMARY KEY (facet, slug, value)) WITHOUT ROWID;
"""
COLUMNS = "id, seq, deleted, datestamp, added_at, set_spec, set_name, mtime_ns, size, card"


@functools.lru_cache(maxsize=65536)
def slugify(value: str) -> str:
    """python-slugify, remembered: entity names recur across items, and it costs ~30 µs."""
    return _slugify(value)


def datestamp(value: str | None) -> str:
    """Any ISO 8601 timestamp the archive wrote -> ``YYYY-MM-DDThh:mm:ssZ`` in UTC."""
    if not value:
        return "1970-01-01T00:00:00Z"
    try:
        moment = datetime.fromisoformat(value)  # Python 3.11 reads a trailing Z
    except (TypeError, ValueError):
        return "1970-01-01T00:00:00Z"
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def item_card(data: dict) -> dict:
    """An item's JSON with only what listings show: the first body paragraph, no quotes."""
    first = next((p for p in data.get("paragraphs") or () if p.get("kind") == "paragraph"), None)
    card = dict(data, quotes=[], comments=[], warnings=[],
                paragraphs=[{**first, "text": first["text"][:CARD_PARAGRAPH_CHARS]}] if first else [])
    return card


def item_card_of(item: Item) -> dict:
    """``item_card`` of an Item, without serializing all its paragraphs and quotes first."""
    first = next((p for p in item.paragraphs if p.kind == "paragraph"), None)
    cut = [dataclasses.replace(first, text=first.text[:CARD_PARAGRAPH_CHARS])] if first else []
    return dataclasses.replace(item, paragraphs=cut, quotes=[], comments=[], warnings=[]).to_json()


@dataclass
class Row:
    """One catalog row: an item (``card`` set) or a removed item (``deleted``)."""

    id: str
    seq: int
    deleted: bool
    datestamp: str
    added_at: str | None
    set_spec: str | None
    set_name: str | None
    mtime_ns: int | None
    size: int | None
    card: bytes | None  # zlib-compressed JSON

    def item(self) -> Item | None:
        return Item.from_json(json.loads(zlib.decompress(self.card))) if self.card else None


def row_of(values) -> Row:
    r = Row(*values)
    r.deleted = bool(r.deleted)
    return r

