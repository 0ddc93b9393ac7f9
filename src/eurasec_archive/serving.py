"""`serve`'s production server: waitress with a bounded thread pool, in one process or in
several sharing one listening socket.

One Python process runs Python code on one core at a time (the GIL), however many threads it
has: a search, an item page or an entity page costs 5-60 ms of CPU, so one process serves at
most a few dozen requests a second and concurrent clients queue behind it. With ``workers``
processes the kernel hands each new connection to one of them, and the load uses every core.

Memory stays bounded: each worker has the same bounded thread pool, connection limit and
byte-bounded caches as a single process. What is costly and read-only is made once, in the
parent, before it forks — the search arrays of the index (and the doc-number -> id list), the
item catalog brought in step — so the workers share those pages (copy-on-write) instead of
each building its own. No open index or catalog file crosses the fork (forked processes would
share the files' read offsets and SQLite's locks): each worker opens its own. The parent then
only supervises: a worker that dies is started again (at most once per RESTART_INTERVAL), and
SIGTERM or SIGINT stops them all.
"""

from __future__ import annotations

import ctypes
import os
import signal
import socket
import sys
import threading
import time

RESTART_INTERVAL = 1.0  # seconds between restarts of dead workers (a crash loop must not spin)
PR_SET_PDEATHSIG = 1  # Linux prctl: a signal for this process when its parent dies


def default_workers() -> int:
    """One worker per core, at most 4 (each holds its own caches)."""
    return max(1, min(4, os.cpu_count() or 1))


def serve_app(app, host: str, port: int, workers: int, settings: dict) -> None:
    """Serve ``app`` with waitress (``settings``: ``cli.serve_settings``) on host:port, in
    ``workers`` processes (1: this process). Returns when the server stops."""
    import waitress

    archive = app.extensions["eurasec"]["archive"]
    upkeep = app.extensions["eurasec"]["upkeep"]
    if workers <= 1:
        warm(archive)
        upkeep.tick()  # the catch-up on unindexed items starts now, in the background
        # a missing or stale item catalog is built in the background, never inside a request
        archive.catalog.refresh_in_background()
        warm(archive, background=True)
        waitress.serve(app, host=host, port=port, **settings)
        return
    warm(archive)
    archive.catalog.refresh_now()  # filled once here, not once per worker
    archive.catalog.close()
    if hasattr(archive.index, "close_files"):
        archive.index.close_files()
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.create_server((host, port), family=family, backlog=settings.get("backlog", 1024))

    def work():
        warm(archive, background=True)
        upkeep.tick()  # each worker catches up in the background (one at a time: the lock)
        waitress.serve(app, sockets=[sock], **settings)

    Supervisor(work, workers).run()


def warm(archive, background: bool = False) -> None:
    """The search arrays built before the first request (the embedded engine only); with
    ``background``, the doc-number -> id list in a thread (hits take their ids from it once it
    is there, from the stored fields until then)."""
    index = archive.index
    if not hasattr(index, "warm") or not index.exists():
        return
    if background:
        threading.Thread(target=index.warm, kwargs={"ids": True}, name="warm-ids", daemon=True).start()
    else:
        index.warm()


class Supervisor:
    """Forks ``workers`` processes running ``work`` and keeps that many running until told
    to stop (SIGTERM, SIGINT)."""

    def __init__(self, work, workers: int):
        self.work, self.workers = work, workers
        self.children: set[int] = set()
        self.stopping = False
        self.parent = os.getpid()

    def start_one(self) -> None:
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid:
            self.children.add(pid)
            return
        status = 1
        try:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            _die_with_parent(self.parent)
            self.work()
            status = 0
        except BaseException:  # noqa: BLE001 - a worker never returns into the parent's code
            import traceback

            traceback.print_exc()
        finally:
            os._exit(status)

    def stop(self, signum, frame) -> None:
        self.stopping = True
        for pid in list(self.children):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    def run(self) -> None:
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        for _ in range(self.workers):
            self.start_one()
        last_restart = 0.0
        while self.children:
            try:
                pid, _ = os.wait()
            except ChildProcessError:
                break
            self.children.discard(pid)
            if not self.stopping:
                time.sleep(max(0.0, last_restart + RESTART_INTERVAL - time.monotonic()))
                last_restart = time.monotonic()
                print(f"serve: worker {pid} stopped; starting another", file=sys.stderr, flush=True)
                self.start_one()


def _die_with_parent(parent: int) -> None:
    """Ask Linux to SIGTERM this worker when the supervisor dies (even by SIGKILL), so no
    orphan keeps serving; elsewhere a no-op."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(0)
