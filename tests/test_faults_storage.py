"""Storage faults: a full disk and a read-only file system give one-line messages and leave
existing items intact; a corrupted index is detected when `serve` starts and rebuilt from the
items; `verify --repair` fixes what it can and names what it cannot."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from conftest import SEEDS, Store
from test_faults import cli, make_corpus

from eurasec_archive.archive import Archive


@pytest.fixture
def tmpfs(tmp_path):
    """A small tmpfs of its own (8 MB), or a skip where mounting is not permitted."""
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mnt)],
                          check=False, capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip() or 'not permitted'})")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False, capture_output=True)


def assert_clear_lines(stderr: str, *needles: str):
    assert "Traceback" not in stderr, stderr[-2000:]
    for line in stderr.splitlines():
        assert len(line) < 600, line[:200]
    if needles:
        assert any(n in stderr for n in needles), stderr[-2000:]


def fill(path):
    """Take every free byte of the file system ``path`` is on (unbuffered, so no late flush)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT)
    try:
        for size in (1 << 16, 1 << 12, 1 << 9, 1):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError:
                continue
    finally:
        os.close(fd)
    return path


def seeded_at(root) -> list[str]:
    Store(root).import_paths(SEEDS)
    return Archive(root).item_ids()


def test_disk_full_during_import_is_reported_per_file_and_items_stay_intact(tmpfs, tmp_path):
    archive = tmpfs / "archive"
    before = seeded_at(archive)
    snapshot = {i: Archive(archive).item_path(i).read_bytes() for i in before}
    corpus = tmp_path / "corpus"
    make_corpus(corpus, copies=4)
    filler = fill(tmpfs / "filler")
    out = cli(archive, "import", str(corpus))
    assert out.returncode == 1
    assert_clear_lines(out.stderr, "disk full")
    errors = [ln for ln in out.stderr.splitlines() if ln.startswith("Error:")]
    assert len(errors) <= 1
    for i, data in snapshot.items():
        assert Archive(archive).item_path(i).read_bytes() == data
    filler.unlink()
    check = cli(archive, "verify")
    assert check.returncode == 0, check.stdout
    done = cli(archive, "import", str(corpus))
    assert done.returncode == 0, done.stderr
    assert cli(archive, "verify").returncode == 0


def test_read_only_file_system_gives_one_line_and_reads_still_work(tmpfs):
    archive = tmpfs / "archive"
    before = seeded_at(archive)
    assert subprocess.run(["mount", "-o", "remount,ro", str(tmpfs)], check=False).returncode == 0
    out = cli(archive, "import", str(SEEDS / next(iter(sorted(p.name for p in SEEDS.iterdir())))))
    # the file is already there: unchanged, but the report cannot be written
    assert_clear_lines(out.stderr)
    lines = [ln for ln in out.stderr.splitlines() if ln.startswith("Error:")]
    assert out.returncode in (0, 1)
    if out.returncode == 1:
        assert len(lines) == 1 and "read-only" in lines[0], out.stderr
    delete = cli(archive, "delete", before[0], "--reason", "test")
    assert delete.returncode == 1
    assert_clear_lines(delete.stderr, "read-only")
    assert len([ln for ln in delete.stderr.splitlines() if ln.strip()]) == 1
    assert Archive(archive).item_ids() == before
    found = json.loads(cli(archive, "search", "Lavrov", "--json").stdout)
    assert found["total"] > 0


def test_backup_to_a_full_disk_is_one_line_and_leaves_no_partial_file(seeded, tmpfs):
    fill(tmpfs / "filler")
    out = cli(seeded.root, "backup", str(tmpfs / "b.tar.gz"))
    assert out.returncode == 1
    assert_clear_lines(out.stderr, "disk full")
    assert len([ln for ln in out.stderr.splitlines() if ln.strip()]) == 1
    assert sorted(p.name for p in tmpfs.iterdir()) == ["filler"]


# ---------------------------------------------------------------- corrupted index at serve


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_and_search(root, q="Lavrov"):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "eurasec_archive", "--archive-dir", str(root), "serve",
                             "--port", str(port), "--seeds", "/nonexistent"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/search?q={q}", timeout=10) as r:
                    return r.status, json.loads(r.read()), proc
            except urllib.error.HTTPError as e:
                return e.code, None, proc
            except (urllib.error.URLError, ConnectionError):
                assert proc.poll() is None, proc.communicate()[1]
                time.sleep(0.3)
        raise AssertionError("serve did not come up")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _segments(index_dir):
    return sorted(p for p in index_dir.iterdir() if p.suffix == ".seg")


@pytest.mark.parametrize("damage", ["truncate segment", "garble segment", "empty segment",
                                    "delete segment", "delete toc", "garble toc", "delete index"])
def test_a_corrupted_index_is_rebuilt_when_serve_starts(seeded, damage):
    index_dir = seeded.archive.index_dir
    seg = _segments(index_dir)[0]
    toc = max(index_dir.glob("_*.toc"))
    if damage == "truncate segment":
        seg.write_bytes(seg.read_bytes()[: seg.stat().st_size // 2])
    elif damage == "garble segment":
        data = bytearray(seg.read_bytes())
        for i in range(0, len(data), 97):
            data[i] ^= 0xA5
        seg.write_bytes(bytes(data))
    elif damage == "empty segment":
        seg.write_bytes(b"")
    elif damage == "delete segment":
        seg.unlink()
    elif damage == "delete toc":
        toc.unlink()
    elif damage == "garble toc":
        toc.write_bytes(b"\x00garbage" * 100)
    else:
        shutil.rmtree(index_dir)
    status, data, proc = serve_and_search(seeded.root)
    stderr = proc.stderr.read()
    assert status == 200, stderr
    assert data["total"] > 0
    assert "rebuilding" in stderr
    assert "Traceback" not in stderr
    assert cli(seeded.root, "verify").returncode == 0


def test_verify_repair_fixes_the_index_and_reports_what_it_cannot_fix(seeded):
    ids = seeded.archive.item_ids()
    broken = seeded.archive.item_path(ids[0])
    broken.write_text('{"id": "half an item", ')
    lost = Archive(seeded.root).get(ids[1])
    seeded.archive.original_path(lost.source.sha256).unlink()
    seg = _segments(seeded.archive.index_dir)[0]
    seg.write_bytes(seg.read_bytes()[:100])
    out = cli(seeded.root, "verify", "--repair")
    assert out.returncode == 1, out.stdout
    assert "Traceback" not in out.stderr
    problems = [ln for ln in out.stdout.splitlines() if ln.startswith("problem:")]
    repaired = [ln for ln in out.stdout.splitlines() if ln.startswith("repaired:")]
    assert any(broken.name in ln and "unreadable" in ln for ln in problems), out.stdout
    assert any(ids[1] in ln and "missing" in ln for ln in problems), out.stdout
    assert any("index" in ln for ln in repaired), out.stdout
    assert not any(broken.name in ln or ids[1] in ln for ln in repaired)
    assert broken.read_text() == '{"id": "half an item", '  # reported, never "fixed" by guessing
    found = json.loads(cli(seeded.root, "search", "", "--json").stdout)
    assert found["total"] == len(ids) - 1
