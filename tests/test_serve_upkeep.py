"""A running server keeps its index in step without a restart: it never indexed items that
an interrupted import stored, a deleted index gave 500 on every page until restart, and a
truncated index segment killed it with SIGBUS and no log line."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from conftest import SEEDS
from livesrv import live_server


def get(url, timeout=30):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def wait_for(predicate, seconds=60.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.3)
    return None


def store_unindexed_copy(archive_root, word: str) -> str:
    """An item file written as an import killed before its index commit leaves it."""
    items = archive_root / "items"
    source = json.loads(next(items.glob("*.json")).read_text("utf-8"))
    source["id"] = new_id = f"unindexed-{word}"
    source["paragraphs"][0]["text"] += f" {word}"
    (items / f"{new_id}.json").write_text(json.dumps(source), "utf-8")
    return new_id


def total(base, q):
    status, body = get(f"{base}/api/search?q={q}")
    return json.loads(body)["total"] if status == 200 else None


def test_a_running_server_indexes_items_stored_without_an_index_commit(seeded):
    with live_server(seeded.root, UPKEEP_INTERVAL=0.2) as base:
        assert total(base, "zanzibarquokka") == 0
        new_id = store_unindexed_copy(seeded.root, "zanzibarquokka")
        assert wait_for(lambda: total(base, "zanzibarquokka") == 1), "never indexed"
        status, _ = get(f"{base}/items/{new_id}")
        assert status == 200


def test_a_deleted_index_gives_503_pages_then_is_rebuilt_without_a_restart(seeded):
    with live_server(seeded.root, UPKEEP_INTERVAL=0.2) as base:
        assert total(base, "Minsk") > 0
        shutil.rmtree(seeded.root / "index")
        statuses = set()

        def recovered():
            for path in ("/api/search?q=Minsk", "/?q=Minsk", "/outlets"):
                status, _ = get(base + path)
                statuses.add(status)
            return total(base, "Minsk")

        assert wait_for(recovered), statuses
        assert statuses <= {200, 503}, statuses


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_truncated_segment_under_serve_gives_error_pages_and_a_rebuild_not_a_crash(seeded):
    port = free_port()
    env = {**os.environ, "EURASEC_UPKEEP_INTERVAL": "0.2"}
    proc = subprocess.Popen([sys.executable, "-m", "eurasec_archive", "--archive-dir", str(seeded.root),
                             "serve", "--port", str(port), "--seeds", str(SEEDS)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_for(lambda: _alive_total(base, proc)), "serve did not start"
        segments = sorted((seeded.root / "index").glob("*.seg"), key=lambda p: p.stat().st_size)
        assert segments
        with open(segments[-1], "r+b") as f:
            f.truncate(segments[-1].stat().st_size // 3)
        statuses = []

        def recovered():
            for path in ("/api/search?q=Minsk", "/?q=Lavrov", "/api/search?q=security&sort=newest"):
                status, _ = get(base + path)
                statuses.append(status)
                assert proc.poll() is None, f"server died: {proc.stderr.read()[-2000:]}"
            return total(base, "Minsk")

        assert wait_for(recovered, 120), statuses
        assert set(statuses) <= {200, 503}, statuses
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert "rebuilding it from the item files" in err  # the log says what happened


def _alive_total(base, proc):
    assert proc.poll() is None, proc.stderr.read()
    try:
        return total(base, "Minsk")
    except OSError:
        return None
