"""`eurasec-archive reindex` speed: the real CLI over a copy of an archive's item files, with one
and with several index-building processes, wall clock and CPU time (user + sys of the whole
process tree), per phase (index, stories) measured in-process as well.

    PYTHONPATH=src python bench/reindex.py SOURCE_ARCHIVE --workdir /tmp/reindex --jobs 1 2

The work archive holds hard links to SOURCE's item files (nothing is copied, SOURCE is never
written: reindex only reads item files and writes index/ and stories.sqlite of the copy).
``--as-archive`` copies SOURCE's site-line counts and story store too, as a reindex of an existing
archive finds them; without it every item's site lines are learned and the story store starts empty.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def linked_copy(source: Path, work: Path, limit: int | None = None) -> Path:
    """``work``/archive with SOURCE's items (the first ``limit`` in name order) hard-linked (a
    symlink if links are refused)."""
    root = work / "archive"
    shutil.rmtree(root, ignore_errors=True)
    (root / "items").mkdir(parents=True)
    for p in sorted((source / "items").iterdir())[:limit]:
        try:
            os.link(p, root / "items" / p.name)
        except OSError:
            (root / "items" / p.name).symlink_to(p.resolve())
    if (source / "tombstones").is_dir():
        shutil.copytree(source / "tombstones", root / "tombstones")
    return root


def sqlite_copy(source: Path, target: Path) -> None:
    """A consistent copy of a SQLite file (its WAL included), by SQLite's backup API."""
    src, dst = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


def cli_reindex(root: Path, jobs: int) -> dict:
    """One `python -m eurasec_archive reindex` in a subprocess: wall and CPU seconds."""
    env = dict(os.environ, EURASEC_INDEX_JOBS=str(jobs),
               PYTHONPATH=os.environ.get("PYTHONPATH", str(ROOT / "src")))
    cpu, started = children_cpu(), time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "eurasec_archive", "--archive-dir", str(root), "reindex"],
                         env=env, capture_output=True, text=True, check=True).stdout.strip()
    return {"wall": time.perf_counter() - started, "cpu": children_cpu() - cpu, "out": out,
            "segments": len(list((root / "index").glob("*.seg")))}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("source", type=Path, help="an archive whose items/ to reindex (read only)")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/reindex-bench"))
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="index processes, one run each")
    ap.add_argument("--items", type=int, help="only the first N item files (by name)")
    ap.add_argument("--keep", action="store_true", help="keep the work archive")
    ap.add_argument("--as-archive", action="store_true",
                    help="also copy SOURCE's site_lines.sqlite and stories.sqlite, as a reindex of an existing "
                         "archive finds them (default: items only, so every item's site lines are learned and "
                         "the story store starts empty)")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    root = linked_copy(args.source.resolve(), args.workdir, args.items)
    n = sum(1 for _ in (root / "items").iterdir())
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; "
          f"{n} item files linked in {time.perf_counter() - started:.1f} s")
    print("\n| index jobs | items | wall s | CPU s (user+sys) | CPU ms/item | items/s (wall) | segments "
          "| load at end |")
    print("|---|---|---|---|---|---|---|---|")
    for jobs in args.jobs:
        for leftover in ("index", "stories.sqlite", "catalog.sqlite", "site_lines.sqlite"):
            for p in root.glob(leftover + "*"):  # a SQLite file's -wal and -shm too
                shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink(missing_ok=True)
        if args.as_archive:
            for name in ("site_lines.sqlite", "stories.sqlite"):
                if (args.source / name).is_file():  # copied, not linked: reindex writes them
                    sqlite_copy(args.source / name, root / name)
        r = cli_reindex(root, jobs)
        print(f"| {jobs} | {n} | {r['wall']:.1f} | {r['cpu']:.1f} | {r['cpu'] * 1000 / n:.2f} | "
              f"{n / r['wall']:.0f} | {r['segments']} | {os.getloadavg()[0]:.1f} |", flush=True)
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
