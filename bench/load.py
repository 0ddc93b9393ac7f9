"""Load test: concurrent searches against a live `eurasec-archive serve` on 127.0.0.1.

    python bench/load.py --archive-dir /tmp/bench-archive [--concurrency 16] [--seconds 60]
                         [--import-dir DIR]

Phase 0 sends searches from one thread for a short time (the service time of one request);
phase 1 sends searches from N threads for the given time; phase 2 (with --import-dir) does
the same while `eurasec-archive import DIR` runs, then checks that no item was lost: the
server's total afterwards equals the total before plus the items the import added.
Bounded in time and count; loopback only. Prints the machine, throughput, p50/p95/p99 latency
and errors per phase (target: 0 errors, p95 < 250 ms) and exits 1 on any error or lost item.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

QUERIES = ["Lavrov", "Eurasian Charter", '"indivisible security"', "secur*", "Minsk conference",
           "CSTO", "Лавров", "sanctions Europe", "speaker:lavrov", "charter -Geneva", ""]
FILTERS = ["", "&year=2025", "&sort=newest", "&from=2025-01&to=2025-12", "&language=en"]
MAX_REQUESTS = 200_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(base: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/api/search?q=", timeout=5).read()
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.5)
    raise SystemExit("server did not come up")


def machine() -> str:
    model = ""
    try:
        with open("/proc/cpuinfo") as f:
            model = next((ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name")), "")
    except OSError:
        pass
    return (f"{os.cpu_count()} cores{' (' + model + ')' if model else ''}, "
            f"Python {platform.python_version()}, {platform.system()} {platform.release()}")


def total(base: str) -> int:
    with urllib.request.urlopen(base + "/api/search?q=&per_page=1", timeout=60) as r:
        return json.loads(r.read())["total"]


def hammer(base: str, concurrency: int, seconds: float) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker(seed: int):
        rnd = random.Random(seed)
        while time.monotonic() < stop:
            with lock:
                if len(latencies) + len(errors) >= MAX_REQUESTS:
                    return
            url = (f"{base}/api/search?q={urllib.parse.quote(rnd.choice(QUERIES))}"
                   f"{rnd.choice(FILTERS)}")
            t0 = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=30) as r:
                    r.read()
                    ok = r.status == 200
                    err = None if ok else f"HTTP {r.status}"
            except urllib.error.HTTPError as e:
                err = f"HTTP {e.code}"
            except (urllib.error.URLError, ConnectionError, TimeoutError) as e:
                err = type(e).__name__
            dt = (time.perf_counter() - t0) * 1000
            with lock:
                (errors.append(err) if err else latencies.append(dt))

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - t0
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 2 else [0] * 99
    return {"requests": len(latencies) + len(errors), "rps": round(len(latencies) / elapsed, 1),
            "p50": round(q[49], 1), "p95": round(q[94], 1), "p99": round(q[98], 1),
            "errors": len(errors), "error_kinds": sorted(set(errors))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--archive-dir", required=True)
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--import-dir", help="import this folder during phase 2")
    args = ap.parse_args()

    port = free_port()
    before, lost = 0, 0
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "eurasec_archive", "--archive-dir", args.archive_dir,
                               "serve", "--port", str(port), "--seeds", "/nonexistent"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_up(base)
        before = total(base)
        rows = [("1 client", hammer(base, 1, min(15, args.seconds)))]
        rows.append((f"{args.concurrency} clients", hammer(base, args.concurrency, args.seconds)))
        if args.import_dir:
            imp = subprocess.Popen([sys.executable, "-m", "eurasec_archive", "--archive-dir",
                                    args.archive_dir, "import", args.import_dir],
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            rows.append((f"{args.concurrency} + import", hammer(base, args.concurrency, args.seconds)))
            summary = imp.communicate(timeout=3600)[0].strip()
            added = int(summary.split("imported ", 1)[1].split(",", 1)[0]) if "imported " in summary else 0
            after = total(base)
            lost = before + added - after
            print(f"import: {summary}\nitems: {before} before, {after} after, lost {lost}")
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"machine: {machine()}\narchive: {args.archive_dir} ({before} items at start)")
    print(f"{'phase':<16} {'requests':>8} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'errors':>6}")
    for name, r in rows:
        print(f"{name:<16} {r['requests']:>8} {r['rps']:>7} {r['p50']:>7} {r['p95']:>7} {r['p99']:>7} {r['errors']:>6}"
              + (f"  {r['error_kinds']}" if r["errors"] else ""))
    sys.exit(1 if any(r["errors"] for _, r in rows) or lost else 0)


if __name__ == "__main__":
    main()
