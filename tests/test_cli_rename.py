"""`eurasec-archive rename`: a new permanent id, the old one redirects; refusals are one line."""

from __future__ import annotations

import json

from click.testing import CliRunner

from eurasec_archive.app import create_app
from eurasec_archive.cli import main


def run(root, *args):
    return CliRunner().invoke(main, ["--archive-dir", str(root), *args])


def test_rename_moves_the_item_and_the_old_address_redirects(seeded):
    old = seeded.archive.item_ids()[0]
    result = run(seeded.root, "rename", old, "a-better-name")
    assert result.exit_code == 0, result.output
    assert "a-better-name" in result.output
    client = create_app({"ARCHIVE_DIR": str(seeded.root), "UPKEEP_INTERVAL": 0}).test_client()
    response = client.get(f"/items/{old}")
    assert response.status_code == 301
    assert response.headers["Location"].endswith("/items/a-better-name")
    assert client.get("/items/a-better-name").status_code == 200
    hits = json.loads(run(seeded.root, "search", "--json", "--limit", "100", "Eurasian").output)
    ids = {h["id"] for h in hits["hits"]}
    assert old not in ids and len(ids) == hits["total"]


def test_rename_refusals_are_one_line_and_change_nothing(seeded):
    ids = seeded.archive.item_ids()
    for args, reason in [(("no-such-item", "x"), "no item"),
                         ((ids[0], ids[1]), "ids are never reused"),
                         ((ids[0], "Not An Id"), "not a valid item id")]:
        result = run(seeded.root, "rename", *args)
        assert result.exit_code != 0
        assert reason in result.output and "Traceback" not in result.output
        assert len(result.output.strip().splitlines()) == 1
    assert seeded.archive.item_ids() == ids
