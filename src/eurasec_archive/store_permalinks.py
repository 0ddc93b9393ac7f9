"""The item store's permalinks: ids that stay citable after an item is removed (tombstones) or
renamed (redirects), and the ids that can never be reused. A mixin of ``store.ItemStore``, which
provides ``root``, ``item_path``, ``get``, ``item_ids``, the folders and the catalog."""

from __future__ import annotations

import json
import re
from pathlib import Path

from eurasec_archive.disk import atomic_write, dump_json, now_iso, storage_errors
from eurasec_archive.errors import BadQuery, NotFound, StorageError
from eurasec_archive.models import Item

ITEM_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,199}$")


class Permalinks:
    @property
    def redirects_path(self) -> Path:
        return self.root / "redirects.json"

    def redirects(self) -> dict[str, str]:
        """old id -> new id for every renamed item."""
        try:
            return json.loads(self.redirects_path.read_bytes())
        except FileNotFoundError:
            return {}
        except (ValueError, OSError) as e:
            raise StorageError(f"{self.redirects_path}: unreadable redirects file ({e})") from e

    def redirect_target(self, item_id: str) -> str | None:
        """The id a renamed item lives at now (following chains), or None if not renamed."""
        redirects = self.redirects()
        target, seen = None, {item_id}
        while item_id in redirects:
            item_id = target = redirects[item_id]
            if item_id in seen:  # a cycle can only come from a hand-edited file
                raise StorageError(f"{self.redirects_path}: redirect loop at {item_id!r}")
            seen.add(item_id)
        return target

    def tombstone_path(self, item_id: str) -> Path:
        if not ITEM_ID.match(item_id or ""):
            raise NotFound(f"no item {item_id!r}")
        return self.tombstones_dir / f"{item_id}.json"

    def tombstone(self, item_id: str) -> dict | None:
        """What a removed item was and why it was removed, or None if it was not removed."""
        if not ITEM_ID.match(item_id or ""):
            return None
        try:
            return json.loads(self.tombstone_path(item_id).read_bytes())
        except FileNotFoundError:
            return None
        except (ValueError, OSError) as e:
            raise StorageError(f"{item_id}: unreadable tombstone ({e})") from e

    def delete_item(self, item_id: str, reason: str) -> dict:
        """Remove an item from the live archive, leaving a tombstone; return the tombstone.

        The original file and every earlier version are kept, and the removed version joins the
        history, so nothing cited is lost. Safe to run again after an interruption. The caller
        removes the item from the search index.

        :raise NotFound: no such item (and none removed under that id)
        :raise BadQuery: no reason given
        """
        reason = " ".join((reason or "").split())
        if not reason:
            raise BadQuery("say why the item is removed (--reason)")
        path = self.item_path(item_id)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            existing = self.tombstone(item_id)
            if existing is None:
                raise NotFound(f"no item {item_id!r}") from None
            self.catalog.removed(item_id, existing)
            return existing  # an earlier run got as far as the tombstone
        item = Item.from_json(json.loads(raw))
        tombstone = {
            "id": item.id, "title": item.title, "date": item.date, "outlet": item.outlet,
            "url": item.url, "version": item.version, "source": {
                "filename": item.source.filename, "sha256": item.source.sha256},
            "removed_at": now_iso(), "reason": reason,
        }
        # order matters: tombstone, then history copy, then the item file goes
        atomic_write(self.tombstone_path(item_id), dump_json(tombstone))
        atomic_write(self.history_dir / item_id / f"v{item.version}.json", raw)
        with storage_errors(f"cannot remove {path}"):
            path.unlink(missing_ok=True)
        self.catalog.removed(item_id, tombstone)
        return tombstone

    def rename_item(self, old_id: str, new_id: str) -> Item:
        """Give an item a new id; the old id redirects to it from now on.

        The item file and its history move; earlier redirects to the old id are pointed at the
        new one. The caller updates the search index (delete old id, add the returned item).

        :raise NotFound: no item ``old_id``
        :raise BadQuery: ``new_id`` is not a valid id or is (or was) in use
        """
        if not ITEM_ID.match(new_id or ""):
            raise BadQuery(f"{new_id!r} is not a valid item id (a-z, 0-9 and -)")
        if new_id in self.ids_in_use():
            raise BadQuery(f"the id {new_id!r} is or was in use; ids are never reused")
        item = self.get(old_id)
        old_history = self.history_dir / old_id
        with storage_errors(f"cannot move the history of {old_id}"):
            if old_history.is_dir():
                old_history.rename(self.history_dir / new_id)
        item.id = new_id
        atomic_write(self.item_path(new_id), dump_json(item.to_json()))
        redirects = {k: (new_id if v == old_id else v) for k, v in self.redirects().items()}
        redirects[old_id] = new_id
        atomic_write(self.redirects_path, dump_json(redirects))
        with storage_errors(f"cannot remove {self.item_path(old_id)}"):
            self.item_path(old_id).unlink(missing_ok=True)
        self.catalog.stored(item)
        self.catalog.removed(old_id, None)
        return item

    def ids_in_use(self) -> set[str]:
        ids = set(self.item_ids())
        if self.tombstones_dir.is_dir():
            ids.update(p.stem for p in self.tombstones_dir.glob("*.json"))
        ids.update(self.redirects())
        return ids


def removed_message(tombstone: dict) -> str:
    """One line for people: what the removed item was, when and why it was removed."""
    what = f"“{tombstone.get('title') or tombstone.get('id')}”"
    details = ", ".join(x for x in (tombstone.get("outlet"), tombstone.get("date")) if x)
    if details:
        what += f" ({details})"
    when = (tombstone.get("removed_at") or "")[:10]
    return f"{what} was removed from the archive{' on ' + when if when else ''}: " \
           f"{tombstone.get('reason') or 'no reason recorded'}"
