"""Load test: concurrent readers against a live `eurasec-archive serve` (its defaults: waitress,
8 threads in each of one process per core) on 127.0.0.1, with the server's memory sampled from
/proc (summed over its processes).

    python bench/load.py --archive-dir /var/tmp/bench/archive [--concurrency 16 64]
                         [--seconds 60] [--import-dir DIR] [--debug-server] [--workers N]

Each client sends, in a random mix (``MIX``), the search API, the HTML search page, item
pages and entity pages (speakers, organizations, people, places, outlets): the ids and names
are taken from the archive through the API before the clock starts. Phase 0 is one client
for 15 s (the service time of one request); then one phase per ``--concurrency`` value, each
``--seconds`` long; with ``--import-dir`` a last phase repeats the last concurrency while
`eurasec-archive import DIR` runs, then checks that no item was lost (the server's total
afterwards = before + what the import added).

Per phase: requests, throughput, p50/p95/p99 latency, errors, the server's peak RSS (VmRSS summed
over the supervisor and its workers, an upper bound: pages they share are counted in each;
sampled every 0.2 s from /proc/<pid>/status; VmHWM, the kernel's high-water mark, printed
at the end) and the 1-minute load average at the end of the phase (the machine is shared:
the load generator runs on the same cores as the server). ``--debug-server`` runs the same
against `serve --debug` (Werkzeug's development server), the baseline.

Targets (issue 16): 0 errors; p95 <= 250 ms at 16 clients; peak RSS <= 1 GB at 64 clients;
throughput at 64 clients >= throughput at 16. Exit status 1 on any error or lost item.
Bounded in time and count; loopback only.
"""

from __future__ import annotations

import argparse
import http.client
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

from slugify import slugify

from eurasec_archive.facets import FACETS

QUERIES = ["Lavrov", "Eurasian Charter", '"indivisible security"', "secur*", "Minsk conference",
           "CSTO", "Лавров", "sanctions Europe", "speaker:lavrov", "charter -Geneva", ""]
FILTERS = ["", "&year=2025", "&sort=newest", "&from=2025-01&to=2025-12", "&language=en"]
MIX = (("search API", 0.40), ("HTML search", 0.25), ("item page", 0.20), ("entity page", 0.15))
MAX_REQUESTS = 400_000
TIMEOUT = 30  # seconds; a slower answer counts as an error


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch_json(url: str):
    with urllib.request.urlopen(url, timeout=120) as r:
        return json.loads(r.read())


def wait_up(base: str, server: subprocess.Popen, timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"server exited with status {server.returncode}")
        try:
            urllib.request.urlopen(base + "/api/search?q=&per_page=1", timeout=10).read()
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
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


def proc_kb(pid: int, field: str, name: str = "status") -> int:
    """A ``kB`` field of /proc/<pid>/<name> (status: VmRSS, VmHWM; smaps_rollup: Pss), 0 if the
    process is gone."""
    try:
        with open(f"/proc/{pid}/{name}") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0



def process_tree(pid: int) -> list[int]:
    """``pid`` and its descendants (a multi-process `serve`: the supervisor and its workers)."""
    out, pending = [], [pid]
    while pending:
        p = pending.pop()
        out.append(p)
        try:
            with open(f"/proc/{p}/task/{p}/children") as f:
                pending += [int(c) for c in f.read().split()]
        except OSError:
            pass
    return out


def tree_kb(pid: int, field: str = "VmRSS") -> int:
    """A /proc status field summed over the process tree: for VmRSS, pages shared by forked
    workers are counted once per worker, so the sum is an upper bound of the memory used."""
    return sum(proc_kb(p, field) for p in process_tree(pid))


def proc_pss_kb(pid: int) -> int:
    """The process's proportional set size (kB; /proc/<pid>/smaps_rollup): each shared page
    counted once in all, split among the processes sharing it; 0 if the process is gone."""
    return proc_kb(pid, "Pss", "smaps_rollup")


def tree_pss_kb(pid: int) -> int:
    """PSS summed over the process tree: the memory the server really holds (pages shared by
    forked workers counted once), where summed VmRSS counts them once per worker."""
    return sum(proc_pss_kb(p) for p in process_tree(pid))


class RssSampler:
    """The peak VmRSS (summed: ``peak_kb``) and the peak PSS (summed: ``peak_pss_kb``) of a
    process tree, sampled every ``interval`` seconds."""

    def __init__(self, pid: int, interval: float = 0.2):
        self.pid, self.interval, self.peak_kb, self.peak_pss_kb = pid, interval, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, tree_kb(self.pid))
            self.peak_pss_kb = max(self.peak_pss_kb, tree_pss_kb(self.pid))
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def targets(base: str, rnd: random.Random) -> dict[str, list[str]]:
    """The URL paths each kind of request draws from: item ids (pages of the archive in three
    orders) and entity names (the facets of the whole archive), taken through the API."""
    items: list[str] = []
    for sort in ("newest", "oldest", "relevance"):
        for page in (1, 2, 3, 10, 25):
            data = fetch_json(f"{base}/api/search?q=&sort={sort}&per_page=100&page={page}")
            items += [h["url"] for h in data["hits"]]
    facets = fetch_json(f"{base}/api/search?q=&per_page=1")["facets"]
    entities = []
    for f in FACETS:
        if not f.entity_route:
            continue
        values = [v["value"] for v in facets.get(f.name, []) if v["value"] != f.missing]
        entities += [f"/{f.entity_route}/{slugify(v)}" for v in values if slugify(v)]
    searches = [f"/api/search?q={urllib.parse.quote(q)}{flt}" for q in QUERIES for flt in FILTERS]
    html = [f"/?q={urllib.parse.quote(q)}{flt}" for q in QUERIES for flt in FILTERS]
    rnd.shuffle(items)
    return {"search API": searches, "HTML search": html, "item page": sorted(set(items)),
            "entity page": entities}


def hammer(base: str, paths: dict[str, list[str]], concurrency: int, seconds: float) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    per_kind: dict[str, list[float]] = {k: [] for k, _ in MIX}
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    kinds, weights = [k for k, _ in MIX], [w for _, w in MIX]

    def worker(seed: int):
        rnd = random.Random(seed)
        while time.monotonic() < stop:
            with lock:
                if len(latencies) + len(errors) >= MAX_REQUESTS:
                    return
            kind = rnd.choices(kinds, weights)[0]
            url = base + rnd.choice(paths[kind])
            t0 = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=TIMEOUT) as r:
                    r.read()
                    err = None if r.status == 200 else f"{kind}: HTTP {r.status}"
            except urllib.error.HTTPError as e:
                err = f"{kind}: HTTP {e.code} {url[len(base):][:80]}"
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError,
                    http.client.HTTPException) as e:  # a cut-off answer (IncompleteRead) too
                err = f"{kind}: {type(e).__name__}"
            dt = (time.perf_counter() - t0) * 1000
            with lock:
                if err:
                    errors.append(err)
                else:
                    latencies.append(dt)
                    per_kind[kind].append(dt)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - t0
    return {"requests": len(latencies) + len(errors), "rps": round(len(latencies) / elapsed, 1),
            **percentiles(latencies), "errors": len(errors), "error_kinds": sorted(set(errors))[:5],
            "kinds": {k: {"n": len(v), **percentiles(v)} for k, v in per_kind.items()}}


def percentiles(values: list[float]) -> dict:
    q = statistics.quantiles(values, n=100) if len(values) > 2 else [0.0] * 99
    return {"p50": round(q[49], 1), "p95": round(q[94], 1), "p99": round(q[98], 1)}


def run_phase(name, base, paths, concurrency, seconds, pid) -> tuple[str, dict]:
    with RssSampler(pid) as rss:
        result = hammer(base, paths, concurrency, seconds)
    result["peak_rss_mb"] = round(rss.peak_kb / 1024)
    result["load"] = round(os.getloadavg()[0], 1)
    print(f"  done: {name}: {result['rps']} req/s, p95 {result['p95']} ms, "
          f"{result['errors']} errors, peak RSS {result['peak_rss_mb']} MB, load {result['load']}",
          file=sys.stderr, flush=True)
    return name, result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--archive-dir", required=True)
    ap.add_argument("--concurrency", type=int, nargs="+", default=[16, 64])
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--import-dir", help="import this folder during a last phase")
    ap.add_argument("--debug-server", action="store_true",
                    help="the baseline: `serve --debug` (Werkzeug's development server)")
    ap.add_argument("--workers", type=int, help="serve --workers N (default: serve's own, one per core)")
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()

    port = free_port()
    before, lost = 0, 0
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "eurasec_archive", "--archive-dir", args.archive_dir,
               "serve", "--port", str(port), "--seeds", "/nonexistent"]
    if args.debug_server:
        command.append("--debug")
    if args.workers:
        command += ["--workers", str(args.workers)]
    load_before = os.getloadavg()
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    rows = []
    try:
        wait_up(base, server)
        before = fetch_json(base + "/api/search?q=&per_page=1")["total"]
        paths = targets(base, random.Random(7))
        idle_rss = round(tree_kb(server.pid) / 1024)
        workers = len(process_tree(server.pid))
        rows.append(run_phase("1 client, 15 s", base, paths, 1, min(15, args.seconds), server.pid))
        for n in args.concurrency:
            rows.append(run_phase(f"{n} clients, {args.seconds:g} s", base, paths, n, args.seconds,
                                  server.pid))
        if args.import_dir:
            imp = subprocess.Popen([sys.executable, "-m", "eurasec_archive", "--archive-dir",
                                    args.archive_dir, "import", args.import_dir],
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            n = args.concurrency[-1]
            rows.append(run_phase(f"{n} + import", base, paths, n, args.seconds, server.pid))
            summary = imp.communicate(timeout=3600)[0].strip()
            added = int(summary.split("imported ", 1)[1].split(",", 1)[0]) if "imported " in summary else 0
            time.sleep(1)
            after = fetch_json(base + "/api/search?q=&per_page=1")["total"]
            lost = before + added - after
            print(f"import: {summary}\nitems: {before} before, {after} after, lost {lost}")
        hwm = round(tree_kb(server.pid, "VmHWM") / 1024)
    finally:
        server.terminate()
        server.wait(timeout=30)
    kind = "serve --debug (Werkzeug)" if args.debug_server else (
        f"serve --workers {args.workers} (waitress)" if args.workers else "serve (waitress, its defaults)")
    print(f"machine: {machine()}\nserver: {kind}; archive: {args.archive_dir} ({before} items)")
    print(f"load average before: {' '.join(f'{x:.1f}' for x in load_before)}; server processes "
          f"{workers}; server RSS (summed over them) idle {idle_rss} MB, VmHWM (lifetime peaks, "
          f"summed) {hwm} MB")
    print(f"paths: {', '.join(f'{k} {len(v)}' for k, v in paths.items())}; mix "
          + ", ".join(f"{k} {w:.0%}" for k, w in MIX))
    print("\n| phase | requests | req/s | p50 ms | p95 ms | p99 ms | errors | peak RSS MB | load |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, r in rows:
        print(f"| {name} | {r['requests']} | {r['rps']} | {r['p50']} | {r['p95']} | {r['p99']} | "
              f"{r['errors']} | {r['peak_rss_mb']} | {r['load']} |")
    print("\np95 ms by kind of request:")
    print("| phase | " + " | ".join(k for k, _ in MIX) + " |")
    print("|---|" + "---:|" * len(MIX))
    for name, r in rows:
        print(f"| {name} | " + " | ".join(f"{r['kinds'][k]['p95']} ({r['kinds'][k]['n']})" for k, _ in MIX) + " |")
    for name, r in rows:
        if r["errors"]:
            print(f"errors in {name}: {r['error_kinds']}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"rows": rows, "before": before, "lost": lost, "vm_hwm_mb": hwm,
                       "load_before": load_before}, f, indent=1)
    sys.exit(1 if any(r["errors"] for _, r in rows) or lost else 0)


if __name__ == "__main__":
    main()
