"""Losing a node of the three-node cluster while readers search and an import runs: nothing is
lost, and no request fails beyond the client's bounded retry (``opensearch/client.py``).

The node killed (SIGKILL, as a crash) is the one holding the archive's primary shard, after a
third of the import is indexed; the import goes on against the two survivors (the replica is
promoted), readers keep searching throughout. Afterwards every imported item is in the index
(count and ids equal the item files) and each is found by its own word. The figures are printed
(``pytest -s``) for bench/README.md.
"""

from __future__ import annotations

import json
import threading
import time

from eurasec_archive.archive import Archive
from eurasec_archive.importer import Importer, collect_files
from eurasec_archive.search import SearchRequest

DOCS = 90
BATCH = 10  # items per bulk request of the import: the node dies between and during batches
QUERIES = ("security", "conference", "ministers trade", '"foreign ministry"', "secur*")


def write_documents(folder, n):
    folder.mkdir()
    for i in range(n):
        (folder / f"doc-{i:04d}.txt").write_text(
            f"Conference note number {i}\n\n"
            f"The foreign ministry discussed regional security at the conference, item tok{i:05d}.\n\n"
            f"Ministers also spoke about trade and transit in session {i}.\n", encoding="utf-8")


def primary_node(index) -> int:
    shards = index.client.json("GET", f"/_cat/shards/{index.name}?format=json")
    name = next(s["node"] for s in shards if s["prirep"] == "p" and s["state"] == "STARTED")
    return int(name.rsplit("-", 1)[1])


def test_losing_a_node_during_queries_and_an_import_loses_nothing(opensearch_cluster, tmp_path):
    url = opensearch_cluster.url
    archive = Archive(tmp_path / "archive", engine="opensearch", opensearch_url=url).ensure()
    index = archive.create_index()
    # A node lost before the replica has started leaves no in-sync copy (red until it returns): that
    # is OpenSearch's availability, not this test's claim. The claim needs the replica in place.
    health = index.client.json("GET", f"/_cluster/health/{index.name}?wait_for_status=green&timeout=90s")
    assert health["status"] == "green", health
    write_documents(tmp_path / "in", DOCS)
    reader = Archive(archive.root, engine="opensearch", opensearch_url=url)
    victim = primary_node(index)
    done = threading.Event()
    queries = {"sent": 0, "failed": [], "during_loss": 0, "slowest_s": 0.0}
    killed_at: list[float] = []

    def read():
        n = 0
        while not done.is_set():
            q = QUERIES[n % len(QUERIES)]
            n += 1
            started = time.monotonic()
            try:
                reader.search(SearchRequest.from_params({"q": [q]}))
            except Exception as e:  # noqa: BLE001 - any failure is what this test counts
                queries["failed"].append(f"{q}: {type(e).__name__}: {e}")
            took = time.monotonic() - started
            queries["sent"] += 1
            queries["slowest_s"] = max(queries["slowest_s"], round(took, 2))
            if killed_at and started - killed_at[0] < 30:
                queries["during_loss"] += 1
            time.sleep(0.05)

    def kill_when_a_third_is_in():
        while not done.is_set():
            try:
                if index.count() >= DOCS // 3:
                    break
            except Exception:  # noqa: BLE001 - counting is only a trigger
                pass
            time.sleep(0.2)
        opensearch_cluster.stop_node(victim)
        killed_at.append(time.monotonic())

    threads = [threading.Thread(target=read), threading.Thread(target=kill_when_a_third_is_in)]
    for t in threads:
        t.start()
    started = time.monotonic()
    try:
        report = Importer(archive, index, index_batch=BATCH).run(collect_files([tmp_path / "in"]))
    finally:
        done.set()
        for t in threads:
            t.join(timeout=120)
    import_s = time.monotonic() - started

    try:
        assert killed_at, "the node was never stopped: the import finished before a third was indexed"
        assert report.error is None, report.error  # an import stopped by a write the cluster never took
        counts = report.counts()
        assert counts["failed"] == 0 and counts["imported"] == DOCS, counts
        assert queries["failed"] == []
        assert queries["during_loss"] > 0
        # nothing lost: the index holds every item file, and each is found by its own word
        assert index.count() == DOCS == len(archive.item_ids())
        assert set(index.entries()) == set(archive.item_ids())
        missing = [i for i in range(DOCS)
                   if reader.search(SearchRequest.from_params({"q": [f"tok{i:05d}"]}))["total"] != 1]
        assert missing == []
        health = index.client.json("GET", "/_cluster/health")
        assert health["number_of_nodes"] == 2
        stats = {"reader": vars(reader.index.client.stats), "writer": vars(index.client.stats)}
        print("\nFAULT-TEST " + json.dumps({
            "docs": DOCS, "batch": BATCH, "killed_node": f"node-{victim}", "import_s": round(import_s, 1),
            "queries": queries["sent"], "queries_in_30s_after_loss": queries["during_loss"],
            "failed_queries": len(queries["failed"]), "slowest_query_s": queries["slowest_s"],
            "items_lost": DOCS - index.count(), "cluster_after": health["status"], **stats}))
    finally:
        opensearch_cluster.start_node(victim)  # the next tests get three nodes again
        opensearch_cluster.wait(3)
        index.drop()
