"""Writing: an Item -> the document the index holds, and the writes (add/replace, delete,
rebuild beside the old index then swap)."""

from __future__ import annotations

import hashlib
import shutil
import time
from datetime import datetime
from pathlib import Path

from whoosh import index as windex
from whoosh.index import LockError

from eurasec_archive.archive import dump_json, storage_errors
from eurasec_archive.errors import StorageError
from eurasec_archive.facets import FACETS, facet_values
from eurasec_archive.index.schema import INDEX_NAME, WORDS, has_cyrillic_body, make_schema
from eurasec_archive.models import Item

WRITER_LOCK_WAIT = 60  # seconds to wait for another writer's lock


def item_rev(item: Item) -> str:
    """A digest of an item's stored form: the index entry is current iff the revs agree."""
    return hashlib.sha256(dump_json(item.to_json())).hexdigest()[:16]


def date_number(date: str | None) -> int:
    """'2025-06-09' -> 20250609, '2025-06' -> 20250600, '2025' -> 20250000, None -> 0"""
    if not date:
        return 0
    parts = [int(x) for x in date.split("-")] + [0, 0]
    return parts[0] * 10000 + parts[1] * 100 + parts[2]


def item_document(item: Item) -> dict:
    """The fields the index holds for an item."""
    body_parts = [p.text for p in item.paragraphs]
    body = "\n".join(body_parts)
    doc = dict(
        id=item.id,
        rev=item_rev(item),
        title=item.title,
        body=body,
        speaker="\n".join(s.name for s in item.speakers),
        person="\n".join(item.people),
        org="\n".join(f"{o.name} {o.acronym or ''}" for o in item.organizations),
        place="\n".join(item.places),
        outlet=item.outlet or "",
        lang=item.language,
        date_num=date_number(item.date),
        # the spelling dictionary needs each word once, not every occurrence
        spell=" ".join(dict.fromkeys(WORDS.findall(f"{item.title}\n{body}".lower()))),
    )
    if has_cyrillic_body(item.language, body):
        doc["body_ru"] = f"{item.title}\n{body}"
    if item.date:
        parts = [int(x) for x in item.date.split("-")]
        doc["date"] = datetime(parts[0], *(parts[1:] + [1, 1])[:2])
    for f in FACETS:
        values = facet_values(f, item)
        if values:
            doc[f.field] = "\t".join(v.replace("\t", " ") for v in values)
    return doc


def open_writer(ix, path: Path):
    """A writer of ``ix``, waiting for another writer's lock up to ``WRITER_LOCK_WAIT``.

    :raise StorageError: the lock stayed taken
    """
    deadline = time.monotonic() + WRITER_LOCK_WAIT
    while True:
        try:
            return ix.writer()
        except LockError:
            if time.monotonic() > deadline:
                raise StorageError(f"index {path} is locked by another writer") from None
            time.sleep(0.2)


def write_items(ix, path: Path, items: list[Item], merge: bool = True) -> None:
    """Add or replace the entries of ``items`` in one commit."""
    if not items:
        return
    w = open_writer(ix, path)
    try:
        for item in items:
            w.update_document(**item_document(item))
    except BaseException:
        w.cancel()
        raise
    with storage_errors(f"cannot write the index {path}"):  # disk full: one line
        w.commit(merge=merge)


def delete_item(ix, path: Path, item_id: str) -> None:
    w = open_writer(ix, path)
    w.delete_by_term("id", item_id)
    with storage_errors(f"cannot write the index {path}"):
        w.commit()


def build_index(path: Path, items) -> int:
    """Build a fresh index of ``items`` beside the one at ``path``, then swap it in.

    :return: the number of items indexed
    """
    with storage_errors(f"cannot rebuild the index {path}"):  # disk full: one line
        tmp = path.with_name(path.name + ".new")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        ix = windex.create_in(str(tmp), make_schema(), indexname=INDEX_NAME)
        w = ix.writer()
        n = 0
        for item in items:
            w.add_document(**item_document(item))
            n += 1
        w.commit(optimize=True)
        old = path.with_name(path.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if path.exists():
            path.rename(old)
        tmp.rename(path)
        shutil.rmtree(old, ignore_errors=True)
    return n
