"""Bulk import through the real CLI: good and bad files mixed, reports, retries, jobs,
re-import, changed and renamed sources."""

from __future__ import annotations

import gzip
import json
import shutil

import pytest
from click.testing import CliRunner
from conftest import DATA, SEEDS

from eurasec_archive.archive import Archive
from eurasec_archive.cli import main

GOOD_HTML = ["mfa_statement_en.html", "valdai_analysis_en.html.gz", "belta_ru_cp1251.html",
             "sb_ru_koi8r.html"]
BAD = ["empty.html", "garbage.html", "truncated.pdf", "truncated_in_head.html"]


def run(archive_dir, *args):
    return CliRunner().invoke(main, ["--archive-dir", str(archive_dir), *map(str, args)])


def items_of(archive_dir) -> dict[str, dict]:
    archive = Archive(archive_dir)
    return {i.id: i.to_json() for i in archive.items()}


@pytest.fixture
def mixed(tmp_path):
    """A folder (with a subfolder) mixing good captures, good pages and bad files."""
    folder = tmp_path / "inbox"
    (folder / "pages").mkdir(parents=True)
    for seed in sorted(SEEDS.iterdir())[:3]:
        shutil.copy(seed, folder / seed.name)
    for name in GOOD_HTML:
        shutil.copy(DATA / "html" / name, folder / "pages" / name)
    for name in BAD:
        shutil.copy(DATA / "bad" / name, folder / name)
    (folder / "huge.txt").write_bytes(b"Eurasian security. " * 60_000)  # ~1.1 MB
    bomb = gzip.compress(b"<html>" + b" " * (4 * 1024 * 1024), mtime=0)
    (folder / "bomb.html.gz").write_bytes(bomb)
    return folder


def test_mixed_folder_imports_good_files_and_reports_bad_ones(tmp_path, mixed):
    archive = tmp_path / "archive"
    result = run(archive, "import", mixed, "--max-bytes", 1_000_000)
    assert result.exit_code == 1
    failed = [ln for ln in result.stderr.splitlines() if ln.startswith("failed: ")]
    names = sorted(ln.split(": ")[1] for ln in failed)
    assert names == sorted([*BAD, "huge.txt", "bomb.html.gz"])
    assert all(len(ln) < 300 for ln in failed)
    assert "file too large" in next(ln for ln in failed if "huge.txt" in ln)
    assert "gzip expands to more than" in next(ln for ln in failed if "bomb.html.gz" in ln)
    assert "imported 7, updated 0, unchanged 0, failed 6 (13 files)" in result.stdout
    assert "Traceback" not in result.output
    assert len(items_of(archive)) == 7

    (report_path,) = (archive / "reports").glob("import-*.json")
    report = json.loads(report_path.read_text())
    assert report["counts"] == {"imported": 7, "updated": 0, "unchanged": 0, "failed": 6, "skipped": 0}
    by_path = {f["path"]: f for f in report["files"]}
    assert by_path["pages/belta_ru_cp1251.html"]["status"] == "imported"
    assert by_path["truncated.pdf"]["reason"].startswith("truncated.pdf: not a readable PDF")


def test_progress_is_plain_lines_when_not_a_tty(tmp_path):
    result = run(tmp_path / "archive", "import", SEEDS)
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert len([ln for ln in lines if ln.startswith("imported: ")]) == 5
    assert "\r" not in result.stderr


def test_retry_failed_retries_only_the_failed_files(tmp_path, mixed):
    archive = tmp_path / "archive"
    run(archive, "import", mixed, "--max-bytes", 1_000_000)
    # the user repairs one bad file and deletes another
    shutil.copy(DATA / "html" / "blog_nometa_en.html", mixed / "empty.html")
    (mixed / "garbage.html").unlink()
    result = run(archive, "import", "--retry-failed", "--max-bytes", 1_000_000)
    assert result.exit_code == 1
    report = Archive(archive).last_report()
    statuses = {f["path"]: f["status"] for f in report["files"]}
    assert set(statuses) == {*BAD, "huge.txt", "bomb.html.gz"}  # only the failed ones
    assert statuses["empty.html"] == "imported"
    assert statuses["garbage.html"] == "failed"
    assert "cannot read" in next(f["reason"] for f in report["files"] if f["path"] == "garbage.html")
    assert len(items_of(archive)) == 8


def test_retry_with_nothing_failed_is_a_no_op(tmp_path):
    archive = tmp_path / "archive"
    assert run(archive, "import", SEEDS).exit_code == 0
    result = run(archive, "import", "--retry-failed")
    assert result.exit_code == 0
    assert "Nothing to retry" in result.stderr


def test_usage_errors_exit_2(tmp_path):
    assert run(tmp_path / "a", "import").exit_code == 2
    assert run(tmp_path / "a", "import", tmp_path / "missing").exit_code == 2
    assert run(tmp_path / "a", "import", SEEDS, "--jobs", 0).exit_code == 2
    assert run(tmp_path / "a", "import", SEEDS, "--max-bytes", "lots").exit_code == 2


def test_jobs_2_gives_the_same_items_as_jobs_1(tmp_path, mixed):
    one, two = tmp_path / "one", tmp_path / "two"
    assert run(one, "import", mixed, "--jobs", 1).exit_code == 1
    assert run(two, "import", mixed, "--jobs", 2).exit_code == 1
    strip = ("imported_at",)

    def comparable(items):
        return {k: {**v, "source": {s: x for s, x in v["source"].items() if s not in strip}}
                for k, v in items.items()}

    assert comparable(items_of(one)) == comparable(items_of(two))


def test_reimport_is_idempotent(tmp_path, mixed):
    archive = tmp_path / "archive"
    run(archive, "import", mixed)
    before = items_of(archive)
    result = run(archive, "import", mixed)
    assert f"imported 0, updated 0, unchanged {len(before)}" in result.stdout
    assert items_of(archive) == before
    assert run(archive, "verify").exit_code == 0


def test_changed_source_updates_same_item_and_keeps_previous_original(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    page = src / "statement.html"
    shutil.copy(DATA / "html" / "mfa_statement_en.html", page)
    archive = tmp_path / "archive"
    run(archive, "import", src)
    (item_id,) = items_of(archive)
    old_sha = Archive(archive).get(item_id).source.sha256
    page.write_text(page.read_text("utf-8").replace(
        "Colleagues, ladies and gentlemen,", "Dear colleagues, ladies and gentlemen,"), "utf-8")

    result = run(archive, "import", src)
    assert "updated 1" in result.stdout
    store = Archive(archive)
    assert list(items_of(archive)) == [item_id]
    item = store.get(item_id)
    assert item.version == 2 and item.paragraphs[0].text.startswith("Dear colleagues")
    assert item.paragraphs[0].id == "p1"
    assert store.has_original(old_sha) and store.has_original(item.source.sha256)
    assert store.get_version(item_id, 1).source.sha256 == old_sha
    assert run(archive, "verify").exit_code == 0


def test_identical_bytes_under_another_name_is_the_same_document(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(DATA / "html" / "belta_ru_cp1251.html", src / "belta.html")
    archive = tmp_path / "archive"
    run(archive, "import", src)
    copy_dir = tmp_path / "downloads"
    copy_dir.mkdir()
    shutil.copy(src / "belta.html", copy_dir / "belta (1).html")
    result = run(archive, "import", copy_dir)
    assert result.exit_code == 0
    assert "imported 0, updated 0, unchanged 1" in result.stdout
    assert len(items_of(archive)) == 1


def test_seeds_import_with_their_structure(tmp_path):
    archive = tmp_path / "archive"
    assert run(archive, "import", SEEDS).exit_code == 0
    items = list(items_of(archive).values())
    seed_001 = next(i for i in items if i["source"]["filename"].startswith("001_"))
    kinds = [p["kind"] for p in seed_001["paragraphs"]]
    assert {"heading", "quote", "table", "footnote"} <= set(kinds)
    seed_004 = next(i for i in items if i["source"]["filename"].startswith("004_"))
    assert seed_004["comments"] and "Katchuka" not in json.dumps(seed_004["paragraphs"])


def test_progress_bar_with_rate_and_eta_on_a_terminal(tmp_path):
    """On a terminal the import shows a bar with files/s (run under a real pseudo-terminal)."""
    import os
    import pty
    import subprocess
    import sys

    from conftest import SEEDS

    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "eurasec_archive", "--archive-dir", str(tmp_path / "a"),
                             "import", str(SEEDS)], stdin=follower, stdout=follower, stderr=follower)
    os.close(follower)
    out = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    assert proc.wait(timeout=120) == 0
    os.close(leader)
    text = out.decode("utf-8", "replace")
    assert "Importing" in text and "files/s" in text and "5/5" in text
    assert "imported 5" in text
