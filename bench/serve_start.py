"""Benchmark: what `serve` does before its first answer, stage by stage (in process: CPU and
wall of each), and the real `serve` from launch to its first 200 (the CPU of its processes).

    PYTHONPATH=src python bench/serve_start.py ARCHIVE_DIR [--launches 2] [--workers 1]

Issue #21's target: server start <= 3 s at 100,000 documents. Read-only on the archive apart
from what `serve` itself does (the writer lock's file, the upkeep's catch-up).
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request

FIRST = "/api/search?q=security"


def stages(root: str) -> None:
    t = [time.monotonic(), time.process_time()]

    def stage(name: str) -> None:
        w, c = time.monotonic(), time.process_time()
        print(f"| {name} | {c - t[1]:.2f} | {w - t[0]:.2f} |", flush=True)
        t[:] = [w, c]

    print("| stage (in process) | CPU s | wall s |\n|---|---:|---:|")
    from eurasec_archive import serving
    from eurasec_archive.app import create_app
    from eurasec_archive.archive import Archive
    stage("Python imports")
    archive = Archive(root)
    archive.prepare_index(warm=False, catch_up_now=False)  # as `serve` calls it
    stage("index check (prepare_index)")
    # the catch-ups of the index and of the story store are the upkeep's, in the background
    app = create_app({"ARCHIVE_DIR": root, "BASE_URL": "http://127.0.0.1"})
    stage("create_app")
    serving.warm(app.extensions["eurasec"]["archive"])
    stage("search arrays (warm)")
    response = app.test_client().get(FIRST)
    stage(f"first {FIRST} ({response.status_code})")


def cpu_seconds(pid: int) -> float:
    """utime + stime of ``pid`` and its children (the workers), in seconds."""
    pids = [pid] + [int(x) for x in open(f"/proc/{pid}/task/{pid}/children").read().split()]
    ticks = 0
    for p in pids:
        try:
            fields = open(f"/proc/{p}/stat").read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def launch(root: str, workers: str) -> tuple[float, float]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    t0 = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "eurasec_archive", "--archive-dir", root, "serve", "--port",
                             str(port), "--seeds", os.devnull, "--workers", workers],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{FIRST}", timeout=60) as r:
                    if r.status == 200:
                        break
            except OSError:
                if proc.poll() is not None:
                    raise SystemExit("serve exited before answering") from None
                time.sleep(0.05)
        return time.monotonic() - t0, cpu_seconds(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("archive_dir")
    ap.add_argument("--launches", type=int, default=2, help="real `serve` launches to time")
    ap.add_argument("--workers", default="1")
    args = ap.parse_args()
    stages(args.archive_dir)
    print(f"\n| serve --workers {args.workers}: launch to first 200 | wall s | CPU s (its processes) | load |")
    print("|---|---:|---:|---:|")
    for n in range(args.launches):
        wall, cpu = launch(args.archive_dir, args.workers)
        print(f"| launch {n + 1} | {wall:.2f} | {cpu:.2f} | {os.getloadavg()[0]:.1f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
