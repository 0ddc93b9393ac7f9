"""Faults: kill -9 in the middle of import and reindex leaves a consistent archive that the
next run completes without duplicates; unwritable archives give a clear one-line error."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from conftest import SEEDS

KILL_POINTS = [0.4, 0.8, 1.2, 1.6, 2.0, 2.6, 3.2, 4.0]


def cli(archive, *args, timeout=300):
    return subprocess.run([sys.executable, "-m", "eurasec_archive", "--archive-dir", str(archive), *args],
                          capture_output=True, text=True, timeout=timeout)


def make_corpus(folder, copies: int = 8):
    """Distinct documents in the seeds' format (each seed with a unique closing line)."""
    folder.mkdir()
    n = 0
    for k in range(copies):
        for seed in sorted(SEEDS.iterdir()):
            text = seed.read_text("utf-8")
            (folder / f"{k:02d}_{seed.name}").write_text(
                text + f"\n\nArchive copy {k} of this report, number {n}.\n", "utf-8")
            n += 1
    return n


def exported_ids(archive):
    out = cli(archive, "export", "--format", "jsonl").stdout
    return [json.loads(line)["id"] for line in out.splitlines() if line.strip()]


def kill_after(args, seconds):
    proc = subprocess.Popen([sys.executable, "-m", "eurasec_archive", *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(seconds)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    return proc.returncode


def test_kill_9_during_import_at_many_points_then_rerun_completes_without_duplicates(tmp_path):
    corpus = tmp_path / "corpus"
    n = make_corpus(corpus)
    archive = tmp_path / "archive"
    killed = 0
    for t in KILL_POINTS:
        rc = kill_after(["--archive-dir", str(archive), "import", str(corpus)], t)
        killed += rc == -signal.SIGKILL
        check = cli(archive, "verify")
        # a kill between storing items and committing them to the index leaves them
        # unfindable: verify must say so (exit 1), and that must be its only complaint
        problems = [ln for ln in check.stdout.splitlines() if ln.startswith("problem:")]
        assert check.returncode == (1 if problems else 0), f"after kill at {t}s:\n{check.stdout}{check.stderr}"
        assert all("stored but not indexed" in ln for ln in problems), check.stdout
        ids = exported_ids(archive)
        assert len(ids) == len(set(ids))
    assert killed >= 2, "the import finished before any kill; make the corpus larger"
    done = cli(archive, "import", str(corpus))
    assert done.returncode == 0, done.stderr
    ids = exported_ids(archive)
    assert len(ids) == n and len(set(ids)) == n
    final = cli(archive, "verify")
    assert final.returncode == 0 and "warning" not in final.stdout, final.stdout


def test_kill_9_during_reindex_leaves_a_searchable_archive(tmp_path):
    corpus = tmp_path / "corpus"
    n = make_corpus(corpus, copies=4)
    archive = tmp_path / "archive"
    assert cli(archive, "import", str(corpus)).returncode == 0
    for t in (0.3, 0.7, 1.2):
        kill_after(["--archive-dir", str(archive), "reindex"], t)
        check = cli(archive, "verify")
        assert check.returncode == 0, check.stdout
    result = json.loads(cli(archive, "search", "Lavrov", "--json").stdout)
    assert result["total"] > 0
    assert len(exported_ids(archive)) == n


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only directories")
def test_read_only_archive_gives_one_line_error(tmp_path):
    archive = tmp_path / "archive"
    archive.mkdir()
    archive.chmod(0o500)
    try:
        result = cli(archive, "import", str(SEEDS))
    finally:
        archive.chmod(0o700)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr


def test_unwritable_archive_location_gives_one_line_error(tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("not a directory")
    result = cli(blocker / "archive", "import", str(SEEDS))
    assert result.returncode == 1
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and str(blocker) in lines[0], result.stderr
    assert blocker.read_text() == "not a directory"


def test_missing_index_is_rebuilt_by_verify_repair(seeded):
    import shutil

    shutil.rmtree(seeded.archive.index_dir)
    bad = cli(seeded.root, "verify")
    assert bad.returncode == 1 and "index" in bad.stdout
    fixed = cli(seeded.root, "verify", "--repair")
    assert fixed.returncode == 0, fixed.stdout
    assert "rebuilt" in fixed.stdout
    assert cli(seeded.root, "verify").returncode == 0


def test_serve_indexes_items_an_interrupted_import_left_unindexed(seeded):
    """prepare_index at serve start: an item stored but never committed to the index (kill -9
    between the two) becomes searchable without a rebuild."""
    from eurasec_archive.index import ArchiveIndex
    from eurasec_archive.maintenance import prepare_index

    victim = next(i for i in seeded.archive.items() if "Choe" in i.body_text())
    ArchiveIndex(seeded.archive.index_dir).delete(victim.id)
    index = ArchiveIndex(seeded.archive.index_dir)
    assert "1 item(s) added" in prepare_index(seeded.archive, index)
    assert victim.id in index.entries()
    assert prepare_index(seeded.archive, index) is None  # nothing left to do


def test_ctrl_c_during_import_says_so_in_one_line_and_the_rerun_finishes(tmp_path):
    corpus = tmp_path / "corpus"
    n = make_corpus(corpus, copies=15)  # enough that a loaded machine cannot finish it before the poller wakes
    archive = tmp_path / "archive"
    proc = subprocess.Popen([sys.executable, "-m", "eurasec_archive", "--archive-dir", str(archive),
                             "import", str(corpus)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (archive / "items").is_dir() or not any((archive / "items").iterdir()):
        assert time.monotonic() < deadline and proc.poll() is None, "import ended before it could be interrupted"
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "Interrupted" in err and "Traceback" not in err
    assert cli(archive, "verify").returncode == 0
    assert cli(archive, "import", str(corpus)).returncode == 0
    assert sorted(exported_ids(archive)) == sorted(set(exported_ids(archive))) and len(exported_ids(archive)) == n
