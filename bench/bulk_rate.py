"""Bulk indexing rate into the OpenSearch cluster: the items of an archive (read-only) sent by
``OpenSearchIndex.rebuild`` (what ``reindex`` and the import's bulk requests do) at a few bulk
sizes, each into a fresh index that is dropped afterwards. Bounded: at most ``--limit`` items
per run and ``--seconds`` per run (the rest of a run is cut off and its partial rate reported).

    python ops/opensearch/cluster.py start            # three local nodes, HTTP 9250-9252
    python bench/bulk_rate.py --items /var/tmp/archive/items --limit 10000 --bulk 250 500 1000
    python ops/opensearch/cluster.py stop

Prints, per bulk size: items indexed, wall seconds, items/s, MB/s of JSON sent, the client's CPU
seconds per 1,000 items (this process: building documents and JSON), bulk requests and
retries, and the load average (the cluster's three JVMs share the machine).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from itertools import islice
from pathlib import Path

from eurasec_archive.index.opensearch import OpenSearchIndex
from eurasec_archive.index.opensearch.mapping import item_source
from eurasec_archive.models import Item

DEFAULT_URL = "http://127.0.0.1:9250,http://127.0.0.1:9251,http://127.0.0.1:9252"


def read_items(folder: Path, limit: int) -> list[Item]:
    files = sorted(folder.rglob("*.json"))[:limit]
    return [Item.from_json(json.loads(f.read_bytes())) for f in files]


def timed(items: list[Item], seconds: float):
    """The items, until ``seconds`` have passed since the first was taken (then it stops)."""
    ends = time.monotonic() + seconds
    for item in items:
        if time.monotonic() > ends:
            return
        yield item


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--items", type=Path, required=True, help="an archive's items/ folder (only read)")
    ap.add_argument("--limit", type=int, default=10_000)
    ap.add_argument("--seconds", type=float, default=300.0, help="bound on each run")
    ap.add_argument("--bulk", type=int, nargs="*", default=[500])
    ap.add_argument("--opensearch-url", default=os.environ.get("EURASEC_OPENSEARCH_URL", DEFAULT_URL))
    args = ap.parse_args(argv)
    items = read_items(args.items, args.limit)
    mb = sum(len(json.dumps(item_source(i), ensure_ascii=False).encode()) for i in islice(items, 2000))
    mb = mb / min(len(items), 2000) * len(items) / 1e6
    print(f"{len(items)} items read from {args.items} ({mb:.1f} MB of documents); "
          f"load average at start {os.getloadavg()[0]:.1f}")
    print("| bulk size | items | wall s | items/s | MB/s | client CPU s per 1k | requests | retries | load |")
    print("|---|---|---|---|---|---|---|---|---|")
    for size in args.bulk:
        index = OpenSearchIndex(args.opensearch_url, root=f"/bulk-rate-{size}")
        index.bulk_docs = size
        before = index.client.stats.requests
        cpu, started = time.process_time(), time.perf_counter()
        try:
            n = index.rebuild(timed(items, args.seconds))
            wall, cpu = time.perf_counter() - started, time.process_time() - cpu
            assert index.count() == n
        finally:
            index.drop()
        bulks = index.client.stats.requests - before
        print(f"| {size} | {n} | {wall:.1f} | {n / wall:.0f} | {mb * n / len(items) / wall:.2f} "
              f"| {1000 * cpu / max(n, 1):.2f} | {bulks} | {index.client.stats.retries} "
              f"| {os.getloadavg()[0]:.1f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
