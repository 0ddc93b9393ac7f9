"""The item catalog (catalog.py) follows every write and, when a write bypassed it or it is
missing or damaged, the item files: they stay the source of truth."""

from __future__ import annotations

import threading

from click.testing import CliRunner

from eurasec_archive.archive import Archive
from eurasec_archive.catalog import Catalog
from eurasec_archive.cli import main
from eurasec_archive.search import ItemCache
from eurasec_archive.store import ItemStore, atomic_write, dump_json


def fresh_catalog(root) -> Catalog:
    """The catalog as a new process (a server starting, a CLI command) opens it."""
    return Catalog(ItemStore(root)).fresh()


def test_every_write_is_recorded_with_a_new_sequence_number(seeded):
    archive = seeded.archive
    catalog = archive.catalog.fresh()
    ids = archive.item_ids()
    assert catalog.count() == len(ids) == 5
    before = {r.id: r.seq for r in catalog.records(0, 100)}
    item = archive.get(ids[0])
    item.version, item.title = item.version + 1, "A corrected title"
    archive.put(item)
    row = catalog.get(item.id)
    assert row.seq > max(before.values()) and row.item().title == "A corrected title"
    archive.delete(ids[1], "duplicate")
    gone = catalog.get(ids[1])
    assert gone.deleted and gone.card is None and gone.seq > row.seq
    renamed = archive.rename(ids[2], "a-new-name")
    old_row = catalog.get(ids[2])  # the old id is a deleted record now, the new one an item
    assert old_row.deleted and old_row.card is None and old_row.seq > gone.seq
    assert catalog.get("a-new-name").item().id == renamed.id
    assert catalog.count() == 4
    seqs = [r.seq for r in catalog.records(0, 100)]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)


def test_a_missing_catalog_is_rebuilt_from_the_item_files(seeded):
    seeded.archive.delete(seeded.archive.item_ids()[0], "duplicate")
    for p in seeded.root.glob("catalog.sqlite*"):
        p.unlink()
    catalog = fresh_catalog(seeded.root)
    assert catalog.count() == 4
    rows = catalog.records(0, 100)
    assert len(rows) == 5 and sum(r.deleted for r in rows) == 1
    assert [r.datestamp for r in rows] == sorted(r.datestamp for r in rows)  # first seqs by date


def test_a_damaged_catalog_is_rebuilt(seeded):
    seeded.archive.catalog.fresh()
    for p in seeded.root.glob("catalog.sqlite-*"):
        p.unlink()
    (seeded.root / "catalog.sqlite").write_bytes(b"this is not a database" * 100)
    assert fresh_catalog(seeded.root).count() == 5


def test_a_write_that_bypassed_the_catalog_is_found(seeded):
    catalog = seeded.archive.catalog.fresh()
    item = seeded.archive.get(seeded.archive.item_ids()[0])
    item.id, item.title = "written-behind-its-back", "Written behind its back"
    atomic_write(seeded.archive.item_path(item.id), dump_json(item.to_json()))
    assert not catalog.is_fresh()
    later = fresh_catalog(seeded.root)
    assert later.count() == 6 and later.get(item.id).item().title == "Written behind its back"


def test_a_page_shows_what_the_file_says_even_if_edited_in_place(seeded):
    catalog = seeded.archive.catalog.fresh()
    item_id = seeded.archive.item_ids()[0]
    path = seeded.archive.item_path(item_id)
    item = seeded.archive.get(item_id)
    item.title = "Edited in place, folder untouched"
    path.write_bytes(dump_json(item.to_json()))  # same file: the folder's stamp does not change
    (row,) = [r for r in catalog.newest(10) if r.id == item_id]
    assert catalog.current(row).title == "Edited in place, folder untouched"
    path.write_bytes(b"{garbage")
    assert catalog.current(row) is None  # damaged: left out of pages, not shown stale


def test_entities_are_found_by_slug(seeded):
    catalog = seeded.archive.catalog.fresh()
    speaker = next(s.name for i in seeded.archive.items() for s in i.speakers)
    from slugify import slugify

    assert speaker in catalog.entity_values("speaker", slugify(speaker))
    assert catalog.entity_values("speaker", "nobody-of-that-name") == []


def test_cli_import_and_delete_keep_the_catalog_in_step(tmp_path):
    from conftest import SEEDS

    root = tmp_path / "archive"
    assert CliRunner().invoke(main, ["--archive-dir", str(root), "import", str(SEEDS)]).exit_code == 0
    archive = Archive(root)
    catalog = archive.catalog
    assert catalog.is_fresh() and catalog.count() == 5
    victim = archive.item_ids()[0]
    result = CliRunner().invoke(main, ["--archive-dir", str(root), "delete", victim, "--reason", "x"])
    assert result.exit_code == 0, result.output
    assert catalog.is_fresh() and catalog.count() == 4 and catalog.get(victim).deleted


def test_the_item_cache_is_shared_by_threads_and_bounded_by_bytes(seeded):
    ids = seeded.archive.item_ids()
    sizes = {i: seeded.archive.item_path(i).stat().st_size for i in ids}
    smallest = sorted(sizes.values())
    limit = ItemCache.PARSED_BYTES_PER_FILE_BYTE * (smallest[0] + smallest[1])  # 2 fit, never 3
    cache = ItemCache(seeded.archive, max_bytes=limit)
    errors = []

    def hammer():
        try:
            for n in range(300):
                assert cache.get(ids[n % len(ids)]).id == ids[n % len(ids)]
                assert cache.bytes <= limit
        except Exception as e:  # noqa: BLE001 - collected for the main thread
            errors.append(e)

    threads = [threading.Thread(target=hammer) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(cache) <= 2 and cache.bytes <= limit


def test_a_catalog_of_an_older_format_is_started_again(seeded):
    import sqlite3

    catalog = seeded.archive.catalog.fresh()
    catalog.close()
    with sqlite3.connect(catalog.path) as db:  # what the first format stored: cards as text
        db.execute("UPDATE meta SET value = '1' WHERE key = 'format'")
        db.execute("UPDATE items SET card = '{\"id\": 1}'")
    again = fresh_catalog(seeded.root)
    assert again.count() == 5
    assert {r.item().id for r in again.newest(10)} == set(seeded.archive.item_ids())


def test_an_archive_holding_only_its_catalog_counts_as_empty_for_restore(seeded, tmp_path):
    from eurasec_archive.backup import create_backup, restore_backup

    backup = create_backup(seeded.archive, tmp_path / "b.tar.gz").path
    empty = Archive(tmp_path / "served-empty").ensure()
    assert empty.catalog.fresh().count() == 0  # a server answered a feed request: catalog made
    assert (empty.root / "catalog.sqlite").exists()
    report = restore_backup(empty, backup)
    assert report.items == 5
    assert Archive(empty.root).catalog.fresh().count() == 5
