"""Hostile or unlucky import input: file names that are not UTF-8 (the whole import aborted
with a UnicodeEncodeError, no report), special files (a FIFO hung forever, /dev/zero was read
until memory ran out despite --max-bytes), a full disk at the final index commit (traceback,
no summary, no report), control characters in a document (/feed.atom answered 500 for
everyone) and a newline in a file name (/original answered 500)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
from conftest import SEEDS
from lxml import etree
from test_faults_storage import fill

from eurasec_archive.app import create_app
from eurasec_archive.archive import Archive

SEED = sorted(SEEDS.iterdir())[0]


def cli(archive, *args, timeout=300):
    return subprocess.run([sys.executable, "-m", "eurasec_archive", "--archive-dir", str(archive), *args],
                          capture_output=True, text=True, timeout=timeout)


def document(tag: str) -> bytes:
    return SEED.read_bytes() + f"\n\nA closing line of its own: {tag}.\n".encode()


def assert_one_line_errors(stderr: str):
    assert "Traceback" not in stderr, stderr[-3000:]
    assert all(len(line) < 600 for line in stderr.splitlines())


def test_a_file_name_that_is_not_utf8_is_imported_and_shown_escaped(tmp_path):
    folder = tmp_path / "incoming"
    folder.mkdir()
    bad = os.fsencode(folder) + b"/caf\xe9-report.txt"
    with open(bad, "wb") as f:
        f.write(document("latin-1 name"))
    (folder / "zz-after.txt").write_bytes(document("after"))
    done = cli(tmp_path / "archive", "import", str(folder))
    assert_one_line_errors(done.stderr)
    assert done.returncode == 0, done.stderr
    assert "imported 2" in done.stdout
    archive = Archive(tmp_path / "archive")
    names = sorted(item.source.filename for item in archive.items())
    assert names == ["caf\\xe9-report.txt", "zz-after.txt"]
    report = archive.last_report()  # valid JSON, every file accounted for
    assert [f["status"] for f in report["files"]] == ["imported", "imported"]
    assert cli(tmp_path / "archive", "verify").returncode == 0


def test_retry_failed_finds_a_file_whose_name_is_not_utf8(tmp_path):
    folder = tmp_path / "incoming"
    folder.mkdir()
    bad = os.fsencode(folder) + b"/\xff\xfe-broken.txt"
    with open(bad, "wb") as f:
        f.write(b"")  # empty: fails
    first = cli(tmp_path / "archive", "import", str(folder))
    assert first.returncode == 1 and "empty file" in first.stderr
    assert "\\xff\\xfe-broken.txt" in first.stderr
    with open(bad, "wb") as f:
        f.write(document("fixed"))
    again = cli(tmp_path / "archive", "import", "--retry-failed")
    assert again.returncode == 0, again.stderr
    assert "imported 1" in again.stdout


def test_a_fifo_in_an_import_folder_is_refused_without_hanging(tmp_path):
    folder = tmp_path / "incoming"
    folder.mkdir()
    os.mkfifo(folder / "a-pipe.txt")
    (folder / "b-real.txt").write_bytes(document("real"))
    started = time.monotonic()
    done = cli(tmp_path / "archive", "import", str(folder), timeout=60)
    assert time.monotonic() - started < 60
    assert_one_line_errors(done.stderr)
    assert done.returncode == 1
    assert "imported 1" in done.stdout and "failed 1" in done.stdout
    line = next(ln for ln in done.stderr.splitlines() if "a-pipe.txt" in ln)
    assert "not a regular file" in line and "FIFO" in line


def test_dev_zero_does_not_bypass_max_bytes(tmp_path):
    done = cli(tmp_path / "archive", "import", "--max-bytes", "1000", "/dev/zero", timeout=60)
    assert_one_line_errors(done.stderr)
    assert done.returncode == 1 and "failed 1" in done.stdout
    assert "not a regular file" in done.stderr


def test_max_bytes_is_enforced_while_reading(tmp_path):
    from eurasec_archive.files import UnreadablePath, read_document

    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 5000)
    assert read_document(path, 5000) == b"x" * 5000
    with pytest.raises(UnreadablePath, match="too large"):
        read_document(path, 4999)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads unreadable folders")
def test_an_unreadable_subfolder_is_reported_not_skipped(tmp_path):
    folder = tmp_path / "incoming"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "a.txt").write_bytes(document("locked"))
    (folder / "b.txt").write_bytes(document("open"))
    (folder / "locked").chmod(0)
    try:
        done = cli(tmp_path / "archive", "import", str(folder))
    finally:
        (folder / "locked").chmod(0o755)
    assert done.returncode == 1 and "failed 1" in done.stdout
    assert "cannot read folder" in done.stderr


@pytest.fixture
def tiny_index_disk(tmp_path):
    """An archive whose index/ is a 4 MB tmpfs, filled up: item writes work, index commits fail."""
    root = tmp_path / "archive"
    Archive(root).ensure()
    mnt = root / "index"
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mnt)],
                          check=False, capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip() or 'not permitted'})")
    try:
        yield root, mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False, capture_output=True)


def test_a_full_disk_at_the_final_index_commit_gives_summary_report_and_one_line(tiny_index_disk):
    root, mnt = tiny_index_disk
    assert cli(root, "import", str(SEEDS / SEED.name)).returncode == 0  # the index exists
    fill(mnt / "filler")
    done = cli(root, "import", str(SEEDS))
    assert_one_line_errors(done.stderr)
    assert done.returncode == 1
    assert "imported 4, updated 0, unchanged 1, failed 0 (5 files)" in done.stdout
    errors = [ln for ln in done.stderr.splitlines() if ln.startswith("Error:")]
    assert len(errors) == 1 and "disk full" in errors[0], done.stderr
    report = Archive(root).last_report()
    assert report["counts"]["imported"] == 4 and "disk full" in report["error"]
    check = cli(root, "verify")  # stored but not indexed: said, not hidden
    assert check.returncode == 1 and check.stdout.count("stored but not indexed") == 4
    (mnt / "filler").unlink()
    assert cli(root, "verify", "--repair").returncode == 0
    assert cli(root, "verify").returncode == 0
    assert json.loads(cli(root, "search", "", "--json").stdout)["total"] == 5


def test_control_characters_are_stripped_from_items_and_kept_in_the_original(tmp_path):
    data = SEED.read_bytes().replace(b"\n\n", b"\n\n\x01\x02\x1b[31m", 2) + b"\n\nEnd\x07 of \x00report.\n"
    (tmp_path / "ctl.txt").write_bytes(data)
    done = cli(tmp_path / "archive", "import", str(tmp_path / "ctl.txt"))
    assert done.returncode == 0, done.stderr
    archive = Archive(tmp_path / "archive")
    item = next(archive.items())
    texts = [item.title, *(p.text for p in item.paragraphs), *(item.people or [])]
    for text in texts:
        assert not any(ord(c) < 32 and c not in "\t\n" for c in text), repr(text)
    assert archive.original_path(item.source.sha256).read_bytes() == data
    client = create_app({"ARCHIVE_DIR": str(archive.root)}).test_client()
    feed = client.get("/feed.atom")
    assert feed.status_code == 200
    etree.fromstring(feed.data)


def test_a_newline_in_a_file_name_does_not_break_the_original_download(tmp_path):
    name = tmp_path / "two\nlines.txt"
    name.write_bytes(document("newline"))
    done = cli(tmp_path / "archive", "import", str(name))
    assert done.returncode == 0, done.stderr
    archive = Archive(tmp_path / "archive")
    item = next(archive.items())
    assert "\n" not in item.source.filename
    client = create_app({"ARCHIVE_DIR": str(archive.root)}).test_client()
    response = client.get(f"/items/{item.id}/original")
    assert response.status_code == 200
    assert response.data == name.read_bytes()
    assert all("\n" not in v and "\r" not in v for v in response.headers.values())
