"""A server's start costs O(start), not O(archive): at 1,000,000 items the catch-up's listing of
every item file and every indexed id took ~7 s CPU, the story store's another ~4 s, and the
scan for temp files among the item files ~9 s of a cold disk, all before or beside the first
answer. Where the last catch-up found the archive at rest is kept beside the index; a server
started again on an archive nothing wrote to since skips the comparison, and any write since
(an item stored, an index commit) brings it back."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time

import pytest
from test_serve_start import found
from test_serve_upkeep import free_port, store_unindexed_copy, wait_for

from eurasec_archive.archive import Archive
from eurasec_archive.index import ArchiveIndex
from eurasec_archive.stories import StoryIndex
from eurasec_archive.upkeep import STAMP_FILE, IndexUpkeep


def unstamped(seeded) -> Archive:
    """The test's copy of the shared seeded archive, without the stamp an earlier test's
    server may have left in it (the copy would be as caught up as the original was)."""
    archive = Archive(seeded.root)
    (archive.index_dir / STAMP_FILE).unlink(missing_ok=True)
    return archive


def settle(archive: Archive, seconds: float = 10.0) -> None:
    """The items folder as if last written ``seconds`` ago."""
    past = time.time() - seconds
    os.utime(archive.items_dir, (past, past))


class Listings:
    """Counts the O(archive) listings of item files an upkeep round makes."""

    def __init__(self, archive: Archive, monkeypatch):
        self.calls = 0
        listing = archive.item_ids

        def counted():
            self.calls += 1
            return listing()

        monkeypatch.setattr(archive, "item_ids", counted)


def test_a_restart_on_an_archive_at_rest_skips_the_catch_up_and_a_write_brings_it_back(seeded, monkeypatch):
    archive = unstamped(seeded)
    settle(archive)
    listings = Listings(archive, monkeypatch)
    assert IndexUpkeep(archive).check() is None  # nothing to catch up, but it had to look
    assert listings.calls == 1
    assert (archive.index_dir / STAMP_FILE).is_file()

    assert IndexUpkeep(archive).check() is None  # a new server on the same archive: no look
    assert listings.calls == 1

    new_id = store_unindexed_copy(seeded.root, "wombatstamp")  # an import killed before its commit
    done = IndexUpkeep(archive).check()
    assert listings.calls == 2
    assert done and "1 item(s) added" in done
    assert new_id in ArchiveIndex(archive.index_dir).indexed_ids()


def test_an_index_commit_since_the_stamp_brings_the_catch_up_back(seeded, monkeypatch):
    archive = unstamped(seeded)
    settle(archive)
    listings = Listings(archive, monkeypatch)
    IndexUpkeep(archive).check()
    gone = sorted(archive.index.indexed_ids())[0]
    item = archive.get(gone)
    archive.index.delete(gone)  # an index commit that no item file explains
    assert gone not in ArchiveIndex(archive.index_dir).indexed_ids()
    done = IndexUpkeep(archive).check()
    assert listings.calls == 2
    assert done and "1 item(s) added" in done
    assert item.id in ArchiveIndex(archive.index_dir).indexed_ids()


def test_no_stamp_is_kept_while_the_items_folder_has_just_changed(seeded, monkeypatch):
    """A file stored in the same tick of the folder's clock as the look could hide behind it.
    (The settling time is made long here: a loaded machine may take seconds between two lines.)"""
    from eurasec_archive import upkeep

    archive = unstamped(seeded)
    settle(archive, 10.0)
    monkeypatch.setattr(upkeep, "SETTLED_NS", 3600 * 10**9)  # changed 10 s ago: within it
    listings = Listings(archive, monkeypatch)
    IndexUpkeep(archive).check()
    assert not (archive.index_dir / STAMP_FILE).exists()
    IndexUpkeep(archive).check()
    assert listings.calls == 2


@pytest.mark.parametrize("content", ["not json", '{"items": "x"}', '{"tocs": []}'])
def test_a_damaged_stamp_means_a_catch_up_not_an_error(seeded, monkeypatch, content):
    archive = unstamped(seeded)
    settle(archive)
    (archive.index_dir / STAMP_FILE).write_text(content)
    listings = Listings(archive, monkeypatch)
    assert IndexUpkeep(archive).check() is None
    assert listings.calls == 1


def test_the_upkeep_files_items_the_story_store_lacks(seeded):
    archive = unstamped(seeded)
    item_id = sorted(archive.item_ids())[0]
    db = sqlite3.connect(seeded.root / "stories.sqlite")
    db.execute("DELETE FROM docs WHERE id = ?", (item_id,))
    db.commit()
    db.close()
    assert StoryIndex.of(archive).story_of(item_id) is None
    done = IndexUpkeep(archive).check()
    assert done and "stories caught up: 1 item(s) filed" in done
    assert StoryIndex.of(archive).story_of(item_id) is not None


def test_serve_start_leaves_the_temp_file_scan_of_the_items_to_writers(seeded):
    archive = unstamped(seeded)
    leftover = archive.items_dir / ".an-item.json.4242.tmp"
    leftover.write_bytes(b"{}")
    half_built = seeded.root / "index.new"
    half_built.mkdir()
    archive.prepare_index(warm=False, catch_up_now=False)  # as `serve` calls it
    assert leftover.exists()  # O(archive) to find: the next writer's job
    assert not half_built.exists()  # found by name: removed at once
    with archive.lock("test"):
        archive.cleanup()
    assert not leftover.exists()


def test_serve_starts_while_a_writer_holds_the_lock_and_serves_the_index_as_it_is(seeded):
    """A second server, or one started while an import runs (or while another server's
    catch-up holds the lock: ~10 s at 1M items), used to exit with "is being changed"."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from eurasec_archive.lock import writer_lock\n"
         "with writer_lock(sys.argv[1], 'import (a test)'):\n    print('held', flush=True); time.sleep(120)",
         str(seeded.root)], stdout=subprocess.PIPE, text=True)
    port = free_port()
    serve = None
    try:
        assert holder.stdout.readline().strip() == "held"
        assert Archive(seeded.root).writer()["command"] == "import (a test)"
        serve = subprocess.Popen([sys.executable, "-m", "eurasec_archive", "--archive-dir", str(seeded.root), "serve",
                                  "--port", str(port), "--seeds", str(seeded.root / "no-seeds"), "--workers", "1"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        base = f"http://127.0.0.1:{port}"
        assert wait_for(lambda: serve.poll() is not None or found(base, "Lavrov"), 60)
        assert serve.poll() is None, serve.communicate(timeout=10)[1]
        assert found(base, "Lavrov") > 0
    finally:
        holder.kill()
        holder.wait(timeout=30)
        if serve is not None:
            serve.terminate()
            err = serve.communicate(timeout=30)[1]
    assert "being changed by pid" in err and "serving the index as it is meanwhile" in err
