"""The first requests on an archive whose item catalog is missing, then made stale: how long
they take while the catalog is built / resynced in the background, and how long that takes.

    PYTHONPATH=src python bench/catalog_upkeep.py SOURCE_ARCHIVE WORKDIR

WORKDIR gets symlinks to SOURCE_ARCHIVE's items/ and tombstones/ (nothing of the source is
written) and a catalog of its own; the writer lock is held while the catalog is built, so the
server's index upkeep leaves the (absent) index alone. Real app, Flask test client, no HTTP."""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import time
from pathlib import Path

from eurasec_archive.app import create_app
from eurasec_archive.archive import Archive

LIST = {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"}


def main(src: Path, root: Path) -> None:
    root.mkdir(parents=True, exist_ok=True)
    for name in ("items", "tombstones"):
        if not (root / name).exists():
            os.symlink(src / name, root / name)
    for suffix in ("", "-wal", "-shm"):
        (root / f"catalog.sqlite{suffix}").unlink(missing_ok=True)
    app = create_app({"ARCHIVE_DIR": str(root), "TESTING": True, "UPKEEP_INTERVAL": 3600})
    client = app.test_client()
    catalog = app.extensions["eurasec"]["archive"].catalog

    def timed(path, **query):
        started = time.monotonic()
        r = client.get(path, query_string=query)
        return r.status_code, (time.monotonic() - started) * 1000, r

    with Archive(root).lock("bench: hold off index upkeep"):
        start = time.monotonic()
        for path, query in (("/feed.atom", {}), ("/oai", LIST), ("/oai", {"verb": "Identify"}),
                            ("/about", {})):
            status, ms, r = timed(path, **query)
            print(f"missing catalog: {path} {query.get('verb', '')} -> {status} in {ms:.0f} ms, "
                  f"Retry-After {r.headers.get('Retry-After')}", flush=True)
        latencies = []
        while True:
            status, ms, _ = timed("/feed.atom")
            latencies.append(ms)
            if status == 200:
                break
            time.sleep(1)
        print(f"catalog built in background: {time.monotonic() - start:.1f} s; feed during build "
              f"p50 {statistics.median(latencies):.0f} max {max(latencies):.0f} ms "
              f"({len(latencies)} requests)", flush=True)
    # stale: as after a write that bypassed the catalog (its recorded stamp no longer matches);
    # the lock is released: a resync waits while a writer runs (a writer records its own writes)
    db = sqlite3.connect(root / "catalog.sqlite")
    db.execute("UPDATE meta SET value = 'x' WHERE key = 'stamp'")
    db.commit()
    db.close()
    time.sleep(1.2)
    start, latencies = time.monotonic(), []
    while True:
        for path, query in (("/feed.atom", {}), ("/oai", LIST)):
            status, ms, _ = timed(path, **query)
            assert status == 200, (path, status)
            latencies.append(ms)
        if catalog.is_fresh() and not catalog._syncing.locked():
            break
        time.sleep(0.2)
    print(f"stale catalog resynced in background: {time.monotonic() - start:.1f} s; feed + OAI "
          f"during resync p50 {statistics.median(latencies):.0f} max {max(latencies):.0f} ms "
          f"({len(latencies)} requests, all 200)", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
