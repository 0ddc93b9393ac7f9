"""Both engines side by side in one run: the same synthetic corpus and archive, indexed by
Whoosh (the import), by OpenSearch (``rebuild`` from the item files: the bulk indexing rate
into the cluster) and by SQLite FTS5 (``run.py``'s baseline), then ``run.py``'s query mix
through ``run_search`` on each engine.

    python ops/opensearch/cluster.py start            # three local nodes, HTTP 9250-9252
    python bench/engines.py --docs 10000 --jobs 2 --workdir /tmp/engines
    python bench/engines.py --archive /var/tmp/archive-10k   # an archive of run.py's corpus, as it is
    python ops/opensearch/cluster.py stop

Prints one table (p50/p95 per query kind for Whoosh, OpenSearch and FTS5) with the build
times, the bulk rate and the load average; speed is measured here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate
from run import QUERY_MIX, build_fts, machine, percentiles, time_fts, time_ours

from eurasec_archive.archive import Archive
from eurasec_archive.importer import Importer, collect_files
from eurasec_archive.index import ArchiveIndex
from eurasec_archive.index.opensearch import OpenSearchIndex

DEFAULT_URL = "http://127.0.0.1:9250,http://127.0.0.1:9251,http://127.0.0.1:9252"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--opensearch-url", default=os.environ.get("EURASEC_OPENSEARCH_URL", DEFAULT_URL))
    ap.add_argument("--workdir", type=Path, help="keep corpus/archive here (reused if present)")
    ap.add_argument("--archive", type=Path, help="an archive of run.py's corpus instead (its items are only read; "
                                                 "a missing Whoosh index is built)")
    args = ap.parse_args(argv)

    work = args.workdir or Path(tempfile.mkdtemp(prefix="eurasec-engines-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus_dir, archive_dir = work / f"corpus-{args.docs}", work / f"archive-{args.docs}"
    opensearch = None
    try:
        if args.archive is None and not (corpus_dir / f"{args.docs - 1:06d}.txt").exists():
            generate(args.docs, corpus_dir, seed=args.seed)
        archive = Archive(args.archive or archive_dir).ensure()
        whoosh = ArchiveIndex(archive.index_dir).ensure()
        import_s = float("nan")
        if args.archive is None and len(archive.item_ids()) < args.docs:
            t = time.perf_counter()
            report = Importer(archive, whoosh, jobs=args.jobs).run(collect_files([corpus_dir]))
            import_s = time.perf_counter() - t
            print(f"import (Whoosh): {report.counts()} in {import_s:.1f}s", file=sys.stderr)
        t = time.perf_counter()
        whoosh_rebuild_s = (whoosh.rebuild(archive.items()), time.perf_counter() - t)[1]

        opensearch = OpenSearchIndex(args.opensearch_url, root=archive.root)
        t = time.perf_counter()
        n = opensearch.rebuild(archive.items())
        os_rebuild_s = time.perf_counter() - t
        assert opensearch.count() == n == len(archive.item_ids())

        fts_path = work / f"fts-{args.docs}.sqlite"
        fts_path.unlink(missing_ok=True)
        fts_build_s = build_fts(fts_path, archive)

        times = {"Whoosh": time_ours(archive, whoosh, args.rounds),
                 "OpenSearch": time_ours(archive, opensearch, args.rounds),
                 "FTS5": time_fts(fts_path, args.rounds)}
        print(f"\nmachine: {machine()}")
        print("load average (1/5/15 min) at the end: " + " ".join(f"{x:.1f}" for x in os.getloadavg()))
        print(f"docs: {n}   import with Whoosh (--jobs {args.jobs}): {import_s:.1f} s   "
              f"rebuild from the item files: Whoosh {whoosh_rebuild_s:.1f} s, OpenSearch "
              f"{os_rebuild_s:.1f} s ({n / os_rebuild_s:.0f} docs/s, bulk of 500, 1 shard + 1 replica, "
              f"3 nodes)   FTS5 build {fts_build_s:.1f} s")
        print(f"OpenSearch client: {vars(opensearch.client.stats)}\n")
        head = "| query kind | " + " | ".join(f"{e} p50 ms | {e} p95 ms" for e in times) + " | OS/Whoosh p50 |"
        print(head)
        print("|" + "---|" * (head.count("|") - 1))
        for kind in [*QUERY_MIX, "all"]:
            cells, p50 = [], {}
            for engine, t in times.items():
                ms = [x for k in QUERY_MIX for x in t[k]] if kind == "all" else t[kind]
                q = percentiles(ms)
                p50[engine] = q[0]
                cells.append(f"{q[0]:.1f} | {q[1]:.1f}")
            print(f"| {kind} | " + " | ".join(cells) + f" | {p50['OpenSearch'] / p50['Whoosh']:.2f} |")
    finally:
        if opensearch is not None:
            opensearch.drop()
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
