"""OAI-PMH harvest and Atom feed over HTTP at several archive sizes: is the time per page
constant (O(page)) as the archive grows? Target: per-page time at the largest size ≤ 1.5× the
smallest.

    python bench/oai_harvest.py --source /tmp/bench/archive-10000 --sizes 10000 100000 \\
                                --workdir /tmp/oai-bench

``--source`` is an archive imported the ordinary way (``bench/run.py --docs N --keep``, or
``eurasec-archive import``). An archive of each size is made from its item files *by copying
them under new ids* (each copy gets its own id and import time; 1% are then removed, leaving
tombstones), which takes seconds where importing 100,000 documents takes a quarter of an hour
of both cores: OAI and the feed read only the item files and the catalog, so how the files
were made does not matter to them. The catalog is then built from the files (timed: the cost
of a rebuild), and the real app is served by waitress in a subprocess (``serve``'s settings).
The copies are not indexed (the index stays empty), so the bench holds the archive's writer
lock while it runs: the server's index upkeep then leaves the index alone (it would index the
copies), as it does while any writer works.

Measured per size: every page of a full ListRecords and ListIdentifiers harvest (100 records a
page, following the resumption tokens), /feed.atom repeated, GetRecord of random items; and,
as the baseline, one pass reading every item file — what the code before the catalog did for
every feed request and OAI page.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from eurasec_archive.archive import Archive  # noqa: E402
from eurasec_archive.catalog import Catalog  # noqa: E402
from eurasec_archive.store import ItemStore, dump_json  # noqa: E402

OAI = "{http://www.openarchives.org/OAI/2.0/}"
SERVER = """
import sys, waitress
from eurasec_archive.app import create_app
from eurasec_archive.cli import serve_settings
app = create_app({"ARCHIVE_DIR": sys.argv[1], "BASE_URL": "http://127.0.0.1:" + sys.argv[2],
                  "OAI_PAGE_SIZE": int(sys.argv[3])})
waitress.serve(app, host="127.0.0.1", port=int(sys.argv[2]), **serve_settings())
"""


def build(source: Path, root: Path, n: int, removed: float = 0.01) -> float:
    """An archive of ``n`` items copied from ``source``'s item files; seconds taken."""
    started = time.perf_counter()
    if root.exists():
        shutil.rmtree(root)
    archive = Archive(root).ensure()
    sources = sorted(source.glob("items/*.json"))
    if not sources:
        sys.exit(f"no item files in {source}/items")
    for k in range(n):
        data = json.loads(sources[k % len(sources)].read_bytes())
        copy = k // len(sources)
        if copy:
            data["id"] = f"{data['id']}-copy{copy}"
            data["url"] = f"/items/{data['id']}"
        # distinct import times, one second apart: the feed's order and OAI's datestamps
        data["source"]["imported_at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ",
                                                      time.gmtime(1_600_000_000 + k))
        (archive.items_dir / f"{data['id']}.json").write_bytes(dump_json(data))
    rng = random.Random(7)
    archive.tombstones_dir.mkdir(exist_ok=True)
    for item_id in rng.sample(archive.item_ids(), int(n * removed)):
        # what delete_item leaves (a tombstone, no item file), without its catalog hook
        data = json.loads(archive.item_path(item_id).read_bytes())
        tombstone = {k: data.get(k) for k in ("id", "title", "date", "outlet", "url", "version")}
        tombstone.update(removed_at=time.strftime("%Y-%m-%dT%H:%M:%SZ"), reason="benchmark")
        archive.tombstone_path(item_id).write_bytes(dump_json(tombstone))
        archive.item_path(item_id).unlink()
    return time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[float, bytes]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        body = response.read()
    return (time.perf_counter() - started) * 1000, body


def harvest(base: str, verb: str) -> tuple[list[float], int]:
    """Per-page milliseconds of a full harvest, and how many headers it returned."""
    times, headers = [], 0
    query = {"verb": verb, "metadataPrefix": "oai_dc"}
    while True:
        ms, body = fetch(f"{base}/oai?{urllib.parse.urlencode(query)}")
        times.append(ms)
        doc = etree.fromstring(body)
        if doc.find(f"{OAI}error") is not None:
            sys.exit(f"OAI error: {etree.tostring(doc.find(f'{OAI}error'))!r}")
        headers += len(doc.findall(f".//{OAI}header"))
        token = doc.find(f".//{OAI}resumptionToken")
        if token is None or not token.text:
            return times, headers
        query = {"verb": verb, "resumptionToken": token.text}


def stats(ms: list[float]) -> dict:
    ms = sorted(ms)
    return {"n": len(ms), "mean": statistics.fmean(ms), "p50": ms[len(ms) // 2],
            "p95": ms[min(len(ms) - 1, int(len(ms) * 0.95))], "max": ms[-1]}


def measure(root: Path, n: int, page_size: int, feed_rounds: int, baseline_limit: int) -> dict:
    out: dict = {"items": n}
    for p in root.glob("catalog.sqlite*"):
        p.unlink()
    started = time.perf_counter()
    catalog = Catalog(ItemStore(root)).fresh()
    out["catalog_build_s"] = time.perf_counter() - started
    with sqlite3.connect(catalog.path) as db:  # the write-ahead log folded in: the file's own size
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    out["catalog_mb"] = catalog.path.stat().st_size / 2**20
    # baseline: one pass over the item files (the old code's cost per feed request / OAI page)
    every = sorted(root.glob("items/*.json"))
    files = every[:baseline_limit]
    started = time.perf_counter()
    for f in files:
        json.loads(f.read_bytes())
    out["read_all_s"] = (time.perf_counter() - started) * len(every) / max(1, len(files))
    out["read_all_extrapolated"] = len(files) < len(every)
    archive = Archive(root)
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent / "src"))
    with archive.lock("bench: oai harvest (keeps the upkeep from indexing the copies)"):
        server = subprocess.Popen([sys.executable, "-c", SERVER, str(root), str(port),
                                   str(page_size)], env=env, stderr=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(100):
                try:
                    started = time.perf_counter()
                    fetch(f"{base}/oai?verb=Identify")
                    break
                except OSError:
                    time.sleep(0.2)
            for verb in ("ListRecords", "ListIdentifiers"):
                times, headers = harvest(base, verb)
                out[verb] = {**stats(times), "headers": headers, "total_s": sum(times) / 1000}
            out["feed"] = stats([fetch(f"{base}/feed.atom")[0] for _ in range(feed_rounds)])
            ids = random.Random(3).sample(archive.item_ids(), 50)
            out["GetRecord"] = stats([fetch(f"{base}/oai?verb=GetRecord&metadataPrefix=oai_dc&"
                                            f"identifier=oai:eurasec-archive:{i}")[0] for i in ids])
        finally:
            server.terminate()
            server.wait(timeout=30)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--source", type=Path, required=True, help="an imported archive to copy items from")
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/oai-bench"))
    ap.add_argument("--page-size", type=int, default=100)
    ap.add_argument("--feed-rounds", type=int, default=30)
    ap.add_argument("--baseline-limit", type=int, default=10_000,
                    help="item files read for the baseline pass (extrapolated beyond)")
    ap.add_argument("--reuse", action="store_true", help="keep archives already built in --workdir")
    args = ap.parse_args()
    results = []
    for n in args.sizes:
        root = args.workdir / f"archive-{n}"
        built = None
        if not (args.reuse and (root / "items").is_dir()):
            built = build(args.source.resolve(), root, n)
        r = measure(root, n, args.page_size, args.feed_rounds, args.baseline_limit)
        r["build_s"] = built
        results.append(r)
        print(json.dumps(r), file=sys.stderr)
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}; load average at the end: {load}")
    print(f"page size {args.page_size}; times in ms over HTTP (waitress, loopback)\n")
    print("| items | catalog build s | catalog MB | ListRecords page p50 / p95 / mean | "
          "full harvest s | ListIdentifiers page p50 / p95 | feed p50 / p95 | GetRecord p50 | "
          "baseline: read every item file, ms |")
    print("|---:|---:|---:|---|---:|---|---|---:|---:|")
    for r in results:
        lr, li, fd, gr = r["ListRecords"], r["ListIdentifiers"], r["feed"], r["GetRecord"]
        base = f"{r['read_all_s'] * 1000:.0f}" + (" (extrapolated)" if r["read_all_extrapolated"] else "")
        print(f"| {r['items']:,} | {r['catalog_build_s']:.1f} | {r['catalog_mb']:.0f} | "
              f"{lr['p50']:.1f} / {lr['p95']:.1f} / {lr['mean']:.1f} | {lr['total_s']:.1f} | "
              f"{li['p50']:.1f} / {li['p95']:.1f} | {fd['p50']:.1f} / {fd['p95']:.1f} | "
              f"{gr['p50']:.1f} | {base} |")
    if len(results) > 1:
        a, b = results[0], results[-1]
        print(f"\nratio {b['items']:,} / {a['items']:,} per page (mean): "
              f"ListRecords {b['ListRecords']['mean'] / a['ListRecords']['mean']:.2f}, "
              f"ListIdentifiers {b['ListIdentifiers']['mean'] / a['ListIdentifiers']['mean']:.2f}, "
              f"feed (p50) {b['feed']['p50'] / a['feed']['p50']:.2f}  (target ≤ 1.5)")


if __name__ == "__main__":
    main()
