"""Relevance through both engines in one run: each public test collection of
``bench/relevance.py`` imported once (Whoosh, the importer), copied into OpenSearch by
``rebuild`` from the item files (the bulk indexing rate), then every judged query sent through
the same ``run_search`` the web and API call, on each engine (in process, per_page 100).

    python ops/opensearch/cluster.py start            # three local nodes, HTTP 9250-9252
    python bench/engines_relevance.py --workdir /var/tmp/rel --collections cacm cisi cran npl
    python ops/opensearch/cluster.py stop

Prints nDCG@10 and MAP@100 per engine and collection, OpenSearch's ratio to Whoosh (the target:
within 2 % on nDCG@10), failed and timed-out queries, the rebuild time and the load average.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from relevance import LOADERS, average_precision, build, ndcg

from eurasec_archive.archive import Archive
from eurasec_archive.index import ArchiveIndex
from eurasec_archive.index.opensearch import OpenSearchIndex
from eurasec_archive.search import ItemCache, SearchRequest, run_search

DEFAULT_URL = "http://127.0.0.1:9250,http://127.0.0.1:9251,http://127.0.0.1:9252"
TIME_LIMIT = 30.0  # seconds per search: the ranking is measured here, not the speed


def judged_queries(name: str):
    docs, queries, qrels = LOADERS[name]()
    judged = {q: t for q, t in queries.items() if qrels.get(q) and t.strip()}
    return docs, sorted(judged.items(), key=lambda kv: int(kv[0])), qrels


def score_engine(archive: Archive, index, names: dict[str, str], queries, qrels) -> dict:
    items = ItemCache(archive)
    rows, failed, timed_out, spent = [], 0, 0, 0.0
    for qid, text in queries:
        started = time.perf_counter()
        try:
            res = run_search(archive, index, SearchRequest.from_params({"q": [text], "per_page": ["100"]}),
                             items=items)
        except Exception as e:  # noqa: BLE001 - a failed query scores 0 and is counted
            print(f"  query {qid} failed: {type(e).__name__}: {e}", file=sys.stderr)
            failed += 1
            ranked = []
        else:
            ranked = [names[h["id"]] for h in res["hits"] if h["id"] in names]
            timed_out += bool(res["timed_out"])
        spent += time.perf_counter() - started
        rows.append((ndcg(ranked, qrels[qid]), average_precision(ranked, qrels[qid])))
    n = len(rows)
    return {"ndcg": sum(r[0] for r in rows) / n, "map": sum(r[1] for r in rows) / n,
            "failed": failed, "timed_out": timed_out, "seconds": spent}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--collections", nargs="*", default=list(LOADERS))
    ap.add_argument("--workdir", type=Path, required=True, help="archives are built (or reused) here")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--opensearch-url", default=os.environ.get("EURASEC_OPENSEARCH_URL", DEFAULT_URL))
    ap.add_argument("--keep-index", action="store_true", help="leave the OpenSearch indexes in the cluster")
    args = ap.parse_args(argv)
    print(f"load average at start {os.getloadavg()[0]:.1f}")
    print("| collection | docs | queries | Whoosh nDCG@10 | OpenSearch nDCG@10 | ratio | Whoosh MAP "
          "| OpenSearch MAP | ratio | failed W/OS | timed out W/OS | query s W/OS | OS rebuild s (docs/s) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name in args.collections:
        docs, queries, qrels = judged_queries(name)
        names = build(name, docs, args.workdir / name, args.jobs, reuse=True)
        archive = Archive(args.workdir / name / "archive")
        whoosh = ArchiveIndex(archive.index_dir, time_limit=TIME_LIMIT)
        if not whoosh.exists():  # an archive copied without its index: this code's Whoosh index
            whoosh.rebuild(archive.items())
        opensearch = OpenSearchIndex(args.opensearch_url, root=archive.root, time_limit=TIME_LIMIT)
        started = time.perf_counter()
        n = opensearch.rebuild(archive.items())
        rebuilt = time.perf_counter() - started
        w = score_engine(archive, whoosh, names, queries, qrels)
        o = score_engine(archive, opensearch, names, queries, qrels)
        if not args.keep_index:
            opensearch.drop()
        print(f"| {name} | {n} | {len(queries)} | {w['ndcg']:.4f} | {o['ndcg']:.4f} | {o['ndcg'] / w['ndcg']:.3f} "
              f"| {w['map']:.4f} | {o['map']:.4f} | {o['map'] / w['map']:.3f} | {w['failed']}/{o['failed']} "
              f"| {w['timed_out']}/{o['timed_out']} | {w['seconds']:.0f}/{o['seconds']:.0f} "
              f"| {rebuilt:.1f} ({n / rebuilt:.0f}) |", flush=True)
    print(f"load average at end {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
