"""CPU time per request for each page of bench/load.py's mix, through the Flask test client
(no HTTP, one thread), on an existing archive:

    python bench/page_cpu.py --archive-dir /var/tmp/i16load/archive [--n 60] [--profile KIND]

For each kind (search API, HTML search, item page, entity page) it draws ``--n`` paths the way
load.py does (same generator, same seed), requests each once to warm the caches, then times
them again with ``time.process_time`` (CPU of this process: contention on a shared machine
inflates it far less than wall time). ``--cold`` times the first pass instead. ``--profile
KIND`` prints the top of a cProfile of that kind's timed pass (cumulative time).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import MIX, targets  # noqa: E402  (the same paths as the load test)

from eurasec_archive.app import create_app  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--archive-dir", required=True)
    ap.add_argument("--n", type=int, default=60, help="paths timed per kind")
    ap.add_argument("--cold", action="store_true", help="time the first pass (caches cold)")
    ap.add_argument("--profile", choices=[k for k, _ in MIX], help="cProfile this kind")
    ap.add_argument("--top", type=int, default=35)
    args = ap.parse_args()

    app = create_app({"ARCHIVE_DIR": args.archive_dir, "UPKEEP_INTERVAL": 3600})
    client = app.test_client()
    archive = app.extensions["eurasec"]["archive"]
    archive.catalog.ready(wait=3600)  # a catalog build is not timed
    archive.index.warm(ids=True)  # as each serve worker does at start (serving.warm, in a thread)
    import load

    def fetch_json(url):
        r = client.get(url.removeprefix("http://test"))
        assert r.status_code == 200, (url, r.status_code)
        return r.get_json()

    load.fetch_json = fetch_json  # the targets come through the test client, not HTTP
    paths = targets("http://test", random.Random(7))
    rnd = random.Random(11)
    print(f"archive: {args.archive_dir}; load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print("| kind | n | CPU ms mean | CPU ms p50 | CPU ms max | wall ms mean | bytes mean |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    means = {}
    for kind, _ in MIX:
        chosen = [rnd.choice(paths[kind]) for _ in range(args.n)]
        if not args.cold:
            for p in chosen:
                client.get(p)
        prof = cProfile.Profile() if args.profile == kind else None
        cpu, wall, size = [], [], []
        for p in chosen:
            if prof:
                prof.enable()
            c0, w0 = time.process_time(), time.perf_counter()
            r = client.get(p)
            c1, w1 = time.process_time(), time.perf_counter()
            if prof:
                prof.disable()
            if r.status_code != 200:
                print(f"  {kind}: HTTP {r.status_code} {p}", file=sys.stderr)
            cpu.append((c1 - c0) * 1000)
            wall.append((w1 - w0) * 1000)
            size.append(len(r.data))
        means[kind] = statistics.mean(cpu)
        print(f"| {kind} | {len(cpu)} | {statistics.mean(cpu):.1f} | {statistics.median(cpu):.1f} | "
              f"{max(cpu):.1f} | {statistics.mean(wall):.1f} | {statistics.mean(size):.0f} |", flush=True)
        if prof:
            out = io.StringIO()
            pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(args.top)
            print(out.getvalue())
    print(f"mix average (load.py's weights): {sum(w * means[k] for k, w in MIX):.1f} ms CPU per request")


if __name__ == "__main__":
    main()
