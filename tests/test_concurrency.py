"""An import running while the server answers: no 5xx, no partial items, new items appear
without a restart."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.error
import urllib.request

from livesrv import live_server
from test_faults import make_corpus


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, None


def test_searches_keep_answering_during_an_import_and_see_new_items(seeded, tmp_path):
    corpus = tmp_path / "corpus"
    n = make_corpus(corpus, copies=6)
    with live_server(seeded.root) as base:
        status, before = get(f"{base}/api/search?q=")
        assert status == 200 and before["total"] == 5
        proc = subprocess.Popen([sys.executable, "-m", "eurasec_archive", "--archive-dir",
                                 str(seeded.root), "import", str(corpus)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        totals, statuses = [], []
        deadline = time.monotonic() + 300
        while proc.poll() is None and time.monotonic() < deadline:
            status, data = get(f"{base}/api/search?q=Lavrov&per_page=50")
            statuses.append(status)
            if data:
                totals.append(data["total"])
                for hit in data["hits"]:  # every hit is a whole, readable item
                    s, item = get(f"{base}{hit['url']}.json")
                    assert s == 200 and item["paragraphs"]
        assert proc.wait(timeout=300) == 0
        assert statuses and all(s == 200 for s in statuses), statuses
        assert totals == sorted(totals)  # never goes backwards
        status, after = get(f"{base}/api/search?q=")
        assert after["total"] == 5 + n
