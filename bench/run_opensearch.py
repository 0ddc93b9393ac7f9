"""OpenSearch beside Whoosh in ``bench/run.py`` (``--opensearch-url``): the archive's index in the
cluster, filled from the item files by ``rebuild`` (the bulk path of ``reindex``; the bulk rate is
measured here) unless ``--reuse`` finds one already complete, and the side-by-side table of the
same query mix through ``run_search`` on each engine. Only the cluster is written: the archive's
item files are read, nothing is written beside them.

    python ops/opensearch/cluster.py start --heap 1g
    python bench/run.py --docs 100000 --workdir /var/tmp/lead100k --reuse --rounds 2 \
        --opensearch-url http://127.0.0.1:9250,http://127.0.0.1:9251,http://127.0.0.1:9252
"""

from __future__ import annotations

import os
import time

from eurasec_archive.archive import Archive
from eurasec_archive.index.opensearch import OpenSearchIndex


def opensearch_index(archive: Archive, url: str, reuse: bool) -> tuple[OpenSearchIndex, str]:
    """The archive's OpenSearch index, complete, and one line saying how it was had."""
    index = OpenSearchIndex(url, root=archive.root)
    n_items = len(archive.item_ids())
    if reuse and index.exists() and index.count() == n_items:
        return index, f"OpenSearch: index {index.name} reused ({n_items} documents, no bulk time)"
    stats = index.client.stats
    requests, retries = stats.requests, stats.retries
    cpu, t = time.process_time(), time.perf_counter()
    n = index.rebuild(archive.items())
    wall, cpu = time.perf_counter() - t, time.process_time() - cpu
    assert index.count() == n == n_items, (index.count(), n, n_items)
    return index, (f"OpenSearch bulk indexing (rebuild from the item files, bulk of {index.bulk_docs}): "
                   f"{n} docs in {wall:.1f} s = {n / wall:.0f} docs/s, client CPU "
                   f"{1000 * cpu / max(n, 1):.2f} s per 1,000, {stats.requests - requests} requests, "
                   f"{stats.retries - retries} retries, load {os.getloadavg()[0]:.1f} at the end")


def print_engines(times: dict[str, dict[str, list[float]]], kinds, percentiles) -> None:
    """One row per query kind: p50/p95 ms of each engine, and OpenSearch ÷ Whoosh at p50."""
    head = "| query kind | " + " | ".join(f"{e} p50 / p95 ms" for e in times) + " | OS ÷ Whoosh p50 |"
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    for kind in [*kinds, "all"]:
        cells, p50 = [], {}
        for engine, t in times.items():
            q = percentiles([x for k in kinds for x in t[k]] if kind == "all" else t[kind])
            p50[engine] = q[0]
            cells.append(f"{q[0]:.1f} / {q[1]:.1f}")
        print(f"| {kind} | " + " | ".join(cells) + f" | {p50['OpenSearch'] / p50['Whoosh']:.1f} |")
    cpu = {e: percentiles([x for k in kinds for x in t[k + " (cpu)"]])[0] for e, t in times.items()
           if all(k + " (cpu)" in t for k in kinds)}
    print("this process's CPU ms per search (p50, all kinds; OpenSearch's own work is in the cluster): "
          + ", ".join(f"{e} {v:.1f}" for e, v in cpu.items()))
