"""An item file holding a date no calendar has ('2025-02-30': hand-edited or damaged) made the
index refuse the whole batch: every later import stopped at its commit and indexed nothing,
and ``reindex`` and ``verify --repair`` ended in a ValueError traceback. The item is now
indexed as undated, and nothing else is held back."""

from __future__ import annotations

import json

from conftest import SEEDS
from lxml import html
from test_faults import cli, make_corpus

from eurasec_archive.app import create_app


def damage_date(archive) -> str:
    path = sorted((archive / "items").glob("*.json"))[0]
    data = json.loads(path.read_bytes())
    data["date"] = "2025-02-30"
    path.write_text(json.dumps(data), "utf-8")
    return data["id"]


def search_ids(archive, q=""):
    out = cli(archive, "search", "--json", "--limit", "100", q)
    assert out.returncode == 0, out.stderr
    return {h["id"] for h in json.loads(out.stdout)["hits"]}


def test_an_impossible_date_in_one_item_file_holds_back_no_other_item(tmp_path):
    archive = tmp_path / "archive"
    assert cli(archive, "import", str(SEEDS)).returncode == 0
    damaged = damage_date(archive)

    repair = cli(archive, "verify", "--repair")
    assert repair.returncode == 0 and "Traceback" not in repair.stderr, repair.stdout + repair.stderr
    assert cli(archive, "verify").returncode == 0

    corpus = tmp_path / "corpus"
    n = make_corpus(corpus, copies=1)
    run = cli(archive, "import", str(corpus))
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    assert cli(archive, "verify").returncode == 0
    assert damaged in search_ids(archive)
    assert len(search_ids(archive)) == 5 + n

    rebuilt = cli(archive, "reindex")
    assert rebuilt.returncode == 0 and "Traceback" not in rebuilt.stderr, rebuilt.stderr
    assert cli(archive, "verify").returncode == 0
    assert len(search_ids(archive)) == 5 + n

    # a date range leaves it out (it has no real date); its own page still answers
    dated = cli(archive, "search", "--json", "--limit", "100", "--from", "2000", "--to", "2030", "")
    assert damaged not in {h["id"] for h in json.loads(dated.stdout)["hits"]}
    client = create_app({"ARCHIVE_DIR": str(archive), "UPKEEP_INTERVAL": 3600}).test_client()
    page = client.get(f"/items/{damaged}")
    assert page.status_code == 200
    assert html.fromstring(page.data).xpath("//h1")
