"""Bulk import speed: documents/s of `import --jobs N` on the bench corpus, with the story
hook and without it, wall clock and CPU time (user + sys of the whole process tree: the storing
process and its parse workers); optionally a reindex of another archive (bench/reindex.py).

    PYTHONPATH=src python bench/import_speed.py --corpus /var/tmp/i21_bench/corpus-3000 --jobs 2
    PYTHONPATH=src python bench/import_speed.py --corpus DIR --reindex /tmp/i21_oai/archive-100000

Each import runs in a fresh process into a fresh archive (models are loaded in it, as in a real
run). Without stories = the same Importer with its story store switched off (what the hook
costs). A missing corpus is written by bench/corpus.py (``--docs``, ``--seed``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import reindex as reindex_bench  # noqa: E402 - bench/reindex.py beside this file

ROOT = Path(__file__).resolve().parent.parent


def one_import(corpus: Path, root: Path, jobs: int, stories: bool) -> dict:
    """Run in the child: import ``corpus`` into a fresh archive at ``root``."""
    from eurasec_archive.archive import Archive
    from eurasec_archive.importer import Importer, collect_files

    shutil.rmtree(root, ignore_errors=True)
    archive = Archive(root).ensure()
    importer = Importer(archive, archive.create_index(), jobs=jobs)
    if not stories:
        importer.stories = None
    started = time.perf_counter()
    report = importer.run(collect_files([corpus]))
    return {"wall": time.perf_counter() - started, "counts": report.counts()}


def timed_import(corpus: Path, root: Path, jobs: int, stories: bool) -> dict:
    env = dict(os.environ, PYTHONPATH=os.environ.get("PYTHONPATH", str(ROOT / "src")))
    cpu, started = reindex_bench.children_cpu(), time.perf_counter()
    out = subprocess.run([sys.executable, __file__, "--child", str(corpus), str(root), str(jobs), str(int(stories))],
                         env=env, capture_output=True, text=True, check=True).stdout
    r = json.loads(out.strip().splitlines()[-1])
    r.update(total_wall=time.perf_counter() - started, cpu=reindex_bench.children_cpu() - cpu)
    return r


def main(argv=None) -> int:
    if argv is None and sys.argv[1:2] == ["--child"]:
        corpus, root, jobs, stories = sys.argv[2:6]
        print(json.dumps(one_import(Path(corpus), Path(root), int(jobs), stories == "1")))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, required=True, help="bench corpus folder (written if missing)")
    ap.add_argument("--docs", type=int, default=3000, help="documents to generate when the corpus is missing")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/import-speed"))
    ap.add_argument("--no-baseline", action="store_true", help="only the import with stories")
    ap.add_argument("--reindex", type=Path, help="also time `reindex` of this archive's items (bench/reindex.py)")
    ap.add_argument("--reindex-items", type=int, help="only the first N of them")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        import corpus as corpus_bench

        corpus_bench.generate(args.docs, args.corpus, seed=args.seed)
    n = sum(1 for p in args.corpus.iterdir() if p.is_file())
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; "
          f"corpus {args.corpus} ({n} files); load at start {os.getloadavg()[0]:.1f}")
    print(f"\n| import --jobs {args.jobs} | files | wall s (import) | documents/s | CPU s (user+sys, tree) "
          "| CPU ms/doc | load at end |")
    print("|---|---|---|---|---|---|---|")
    runs = {}
    for stories in ([True] if args.no_baseline else [True, False]):
        r = timed_import(args.corpus, args.workdir / "archive", args.jobs, stories)
        runs[stories] = r
        print(f"| {'with' if stories else 'without'} stories | {n} | {r['wall']:.1f} | {n / r['wall']:.1f} | "
              f"{r['cpu']:.1f} | {r['cpu'] * 1000 / n:.2f} | {os.getloadavg()[0]:.1f} |", flush=True)
    if False in runs:
        w, b = runs[True], runs[False]
        print(f"\nstories cost: wall {100 * (w['wall'] - b['wall']) / b['wall']:+.1f} %, "
              f"CPU {100 * (w['cpu'] - b['cpu']) / b['cpu']:+.1f} %  (target: at most +10 %)")
    print(f"target #12: >= 150 documents/s with --jobs 2 (measured {n / runs[True]['wall']:.1f}, with stories)")
    shutil.rmtree(args.workdir / "archive", ignore_errors=True)
    if args.reindex:
        print()
        limit = ["--items", str(args.reindex_items)] if args.reindex_items else []
        reindex_bench.main([str(args.reindex), "--workdir", str(args.workdir / "reindex"), "--jobs", str(args.jobs),
                            *limit])
    return 0


if __name__ == "__main__":
    sys.exit(main())
