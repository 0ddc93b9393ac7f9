"""An import into an OpenSearch cluster that cannot take writes for a while (every node gone:
the cluster restarted) waits until the cluster is back and then finishes with nothing lost,
instead of stopping after a few seconds of retries. A request used to be sent at most 7 times
(~3 s when no node answers, ~8 s of 503s): a cluster restart, or a loaded machine's election of
a new cluster manager, outlasts that. (On one CI run the node-loss test's import stopped after 70
of 90 items, its error not recorded; that test now asserts the report has none, and says which.)
The figures are printed (``pytest -s``) for bench/README.md.
"""

from __future__ import annotations

import json
import threading
import time

from test_opensearch_faults import write_documents

from eurasec_archive.archive import Archive
from eurasec_archive.importer import Importer, collect_files

DOCS = 30
BATCH = 10  # items per bulk request: the nodes go after the first
OUTAGE_S = 12  # the nodes stay down this long: past the 3-8 s a request used to be retried


def test_an_import_waits_out_a_restart_of_the_whole_cluster(opensearch_cluster, tmp_path):
    url = opensearch_cluster.url
    archive = Archive(tmp_path / "archive", engine="opensearch", opensearch_url=url).ensure()
    index = archive.create_index()
    write_documents(tmp_path / "in", DOCS)
    index.client.json("GET", f"/_cluster/health/{index.name}?wait_for_status=green&timeout=60s")
    victims = [0, 1, 2]  # once the first batch is indexed, the whole cluster goes down
    down = threading.Event()
    outcome: dict = {}

    def progress(result):
        if len(outcome.setdefault("stored", [])) == BATCH and not down.is_set():
            for n in victims:  # in the import's own thread: the next batch meets the outage
                opensearch_cluster.stop_node(n)
            outcome["down_at"] = time.monotonic()
            down.set()
        outcome["stored"].append(result.item_id)

    def run_import():
        try:
            outcome["report"] = Importer(archive, index, index_batch=BATCH).run(
                collect_files([tmp_path / "in"]), progress=progress)
        except Exception as e:  # noqa: BLE001 - the test reports what stopped it
            outcome["error"] = f"{type(e).__name__}: {e}"
        outcome["done_at"] = time.monotonic()

    worker = threading.Thread(target=run_import)
    worker.start()
    back: list[int] = []
    try:
        assert down.wait(timeout=300), f"the import never reached its second batch: {outcome}"
        time.sleep(OUTAGE_S)
        report = outcome.get("report")
        assert worker.is_alive(), ("the import ended while no write could be taken: "
                                   f"{report and (report.error, report.counts())} {outcome.get('error')}")
        for n in victims:
            opensearch_cluster.start_node(n)
            back.append(n)
        back_at = time.monotonic()
        worker.join(timeout=300)
        assert not worker.is_alive(), "the import did not finish within 5 minutes of the nodes' return"
        assert "error" not in outcome, outcome["error"]
        report = outcome["report"]
        assert report.error is None, report.error
        counts = report.counts()
        assert counts["failed"] == 0 and counts["imported"] == DOCS, counts
        # nothing lost: the index holds every item file
        assert index.count() == DOCS == len(archive.item_ids())
        assert set(index.entries()) == set(archive.item_ids())
        stats = vars(index.client.stats)
        print("\nOUTAGE-TEST " + json.dumps({
            "docs": DOCS, "batch": BATCH, "nodes_down": [f"node-{n}" for n in victims],
            "down_s": round(back_at - outcome["down_at"], 1),
            "import_done_s_after_restart": round(outcome["done_at"] - back_at, 1),
            "items_lost": DOCS - index.count(), **stats}))
    finally:
        for n in set(victims) - set(back):
            opensearch_cluster.start_node(n)
        opensearch_cluster.wait(3)
        worker.join(timeout=300)
        index.drop()
