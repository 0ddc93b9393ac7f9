"""The writer lock and atomic id reservation: two imports into one archive at once lost items
whose slugs collided (both runs exited 0, `verify` said OK, the losers sat invisible in
history/); a second writer now waits for the first or names it in one line, and an id is
claimed by creating its file exclusively, so no run can overwrite another document."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

import pytest
from conftest import SEEDS

from eurasec_archive.archive import Archive
from eurasec_archive.models import Item


def cli(archive, *args, env=None, timeout=600):
    return subprocess.run([sys.executable, "-m", "eurasec_archive", "--archive-dir", str(archive), *args],
                          capture_output=True, text=True, timeout=timeout, env={**os.environ, **(env or {})})


def colliding_corpus(folder, tag: str, n: int):
    """``n`` distinct documents that all get the same slug (same date, outlet and title)."""
    folder.mkdir()
    seed = (SEEDS / sorted(os.listdir(SEEDS))[0]).read_text("utf-8")
    for k in range(n):
        (folder / f"{tag}-{k:03d}.txt").write_text(seed + f"\n\nCopy {tag} {k}: a closing line of its own.\n",
                                                   "utf-8")
    return {hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def stored_shas(root) -> list[str]:
    out = cli(root, "export", "--format", "jsonl").stdout
    return [json.loads(line)["source"]["sha256"] for line in out.splitlines() if line.strip()]


def test_two_concurrent_imports_with_colliding_slugs_lose_nothing(tmp_path):
    a = colliding_corpus(tmp_path / "a", "a", 40)
    b = colliding_corpus(tmp_path / "b", "b", 40)
    root = tmp_path / "archive"
    env = {"EURASEC_LOCK_WAIT": "300"}
    procs = [subprocess.Popen([sys.executable, "-m", "eurasec_archive", "--archive-dir", str(root),
                               "import", str(tmp_path / tag)], env={**os.environ, **env},
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for tag in ("a", "b")]
    for p in procs:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, err[-2000:]
        assert "imported 40" in out
    shas = stored_shas(root)
    assert len(shas) == 80 and set(shas) == a | b
    assert len(Archive(root).item_ids()) == 80
    assert cli(root, "verify").returncode == 0


def test_a_second_writer_names_the_holder_in_one_line_and_changes_nothing(seeded):
    before = sorted(os.listdir(seeded.archive.items_dir))
    victim = seeded.archive.item_ids()[0]
    with Archive(seeded.root).lock("import /data/incoming"):
        holder = Archive(seeded.root).writer()
        assert holder["pid"] == os.getpid() and holder["command"] == "import /data/incoming"
        for args in (["import", str(SEEDS)], ["delete", victim, "--reason", "test"], ["reindex"],
                     ["verify", "--repair"]):
            done = cli(seeded.root, *args, env={"EURASEC_LOCK_WAIT": "0.3"})
            lines = done.stderr.strip().splitlines()
            assert done.returncode == 1, (args, done.stderr)
            assert len(lines) == 1 and f"pid {os.getpid()}" in lines[0], (args, done.stderr)
            assert "import /data/incoming" in lines[0] and "Traceback" not in done.stderr
    assert sorted(os.listdir(seeded.archive.items_dir)) == before
    assert Archive(seeded.root).writer() is None


def test_a_lock_left_by_a_killed_writer_is_taken_over_at_once(seeded):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    (seeded.root / ".lock").write_text(json.dumps({"pid": int(dead), "command": "import", "since": "x"}))
    assert Archive(seeded.root).writer() is None  # the kernel dropped the dead holder's lock
    done = cli(seeded.root, "reindex", env={"EURASEC_LOCK_WAIT": "0"})
    assert done.returncode == 0, done.stderr
    assert "reindexed 5 items" in done.stdout


def test_verify_while_a_writer_runs_calls_unindexed_items_pending_not_problems(seeded):
    from eurasec_archive.index import ArchiveIndex

    victim = seeded.archive.item_ids()[0]
    ArchiveIndex(seeded.archive.index_dir).delete(victim)
    with Archive(seeded.root).lock("import big-folder"):
        during = cli(seeded.root, "verify")
    assert during.returncode == 0, during.stdout
    assert f"warning: {victim}: stored but not indexed (pending: import big-folder" in during.stdout
    after = cli(seeded.root, "verify")
    assert after.returncode == 1 and f"problem: {victim}: stored but not indexed" in after.stdout


def test_put_new_never_takes_an_id_whose_file_exists(tmp_path):
    """Two stores that both believe an id is free (no lock between them) get two ids."""
    root = tmp_path / "archive"
    first, second = Archive(root).ensure(), Archive(root).ensure()
    base = {"id": "2025-01-01-title", "title": "Title", "date": None, "outlet": None, "language": "en", "paragraphs": [{"id": "p1", "kind": "paragraph", "text": "x"}],
            "source": {"filename": "a.txt", "sha256": "0" * 64, "media_type": "text/plain",
                       "imported_at": "2025-01-01T00:00:00Z"}}
    one, two = Item.from_json(dict(base)), Item.from_json({**base, "title": "Other"})
    assert first.put_new(one) == "2025-01-01-title"
    assert second.put_new(two, taken=set()) == "2025-01-01-title-2"
    assert first.get("2025-01-01-title").title == "Title"
    assert first.get("2025-01-01-title-2").title == "Other"
    assert not [p for p in os.listdir(first.items_dir) if p.endswith(".tmp")]


@pytest.mark.parametrize("umask", [0o022, 0o002])
def test_item_and_original_files_follow_the_umask(tmp_path, umask):
    code = (f"import os, sys; os.umask({umask}); from eurasec_archive.cli import main; "
            "sys.exit(main(['--archive-dir', sys.argv[1], 'import', sys.argv[2]]))")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "a"), str(SEEDS)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    archive = Archive(tmp_path / "a")
    files = [archive.item_path(i) for i in archive.item_ids()]
    files += [p for p in archive.originals_dir.rglob("*") if p.is_file()]
    assert files
    for path in files:
        assert path.stat().st_mode & 0o777 == 0o666 & ~umask, path
