"""`serve` starts without comparing every stored id with the archive (O(archive): ~2.5 s CPU at
100,000 items), yet still catches up on items it has not indexed: the comparison runs in the
server's upkeep, in the background, from the start; the index's ids come from its terms list
where a segment has no deletions."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.error

from test_serve_upkeep import free_port, store_unindexed_copy, total, wait_for

from eurasec_archive.index import ArchiveIndex
from eurasec_archive.store import ItemStore


def test_indexed_ids_are_the_live_documents_after_deletions_and_updates(seeded):
    index = ArchiveIndex(seeded.archive.index_dir)
    items = list(seeded.archive.items())
    everything = {i.id for i in items}
    assert index.indexed_ids() == set(index.entries()) == everything
    index.delete(items[0].id)  # a segment with a deletion: its id term stays in the terms list
    index.add_items([items[1]])  # an update: the old document deleted, a new one added
    fresh = ArchiveIndex(seeded.archive.index_dir)
    assert fresh.indexed_ids() == set(fresh.entries()) == everything - {items[0].id}


def test_is_empty_looks_for_an_item_file_not_for_anything(tmp_path):
    store = ItemStore(tmp_path / "archive")
    assert store.is_empty()  # no folder at all
    store.items_dir.mkdir(parents=True)
    (store.items_dir / ".half-written.tmp").write_text("{}")
    (store.items_dir / "notes.txt").write_text("x")
    assert store.is_empty()
    (store.items_dir / "2020-01-01-one.json").write_text("{}")
    assert not store.is_empty()


def test_serve_with_two_workers_catches_up_on_items_stored_and_entries_gone_before_it_started(seeded):
    """A guard: the catch-up left the start path; both workers must still answer with it."""
    root = seeded.root
    new_id = store_unindexed_copy(root, "quokkastart")
    gone = next(p for p in sorted((root / "items").glob("*.json")) if p.stem != new_id)
    before = ArchiveIndex(root / "index").indexed_ids()
    assert new_id not in before and gone.stem in before
    gone.unlink()  # an entry whose item file is gone
    port = free_port()
    env = {**os.environ, "EURASEC_UPKEEP_INTERVAL": "0.5"}
    proc = subprocess.Popen([sys.executable, "-m", "eurasec_archive", "--archive-dir", str(root), "serve",
                             "--port", str(port), "--seeds", str(root / "no-seeds"), "--workers", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        # several answers in a row (the kernel hands connections to either worker)
        assert wait_for(lambda: all(found(base, "quokkastart") == 1 for _ in range(6)), 90), "never indexed"
        assert wait_for(lambda: gone.stem not in ArchiveIndex(root / "index").indexed_ids(), 30)
        assert proc.poll() is None
    finally:
        proc.terminate()
        proc.communicate(timeout=30)
    assert new_id in ArchiveIndex(root / "index").indexed_ids()


def found(base, q):
    """The search's total, None while the server is not listening yet."""
    try:
        return total(base, q)
    except (urllib.error.URLError, ConnectionError):
        return None


def test_serving_imports_neither_datasketch_nor_scipy():
    """datasketch (stories' MinHash) imports scipy: ~0.4 s CPU of every server start, for
    signatures only an import computes."""
    code = ("import sys, eurasec_archive.app, eurasec_archive.cli, eurasec_archive.serving; "
            "print(sorted(m for m in ('datasketch', 'scipy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout
