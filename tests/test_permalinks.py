"""Permalinks never break: removed items leave a 410 tombstone, renamed ids redirect (301),
old versions stay reachable. Tested through the web, on a real archive changed by the real CLI."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from eurasec_archive.app import create_app
from eurasec_archive.cli import main
from eurasec_archive.errors import BadQuery, Gone, NotFound


def run(store, *args):
    return CliRunner().invoke(main, ["--archive-dir", str(store.root), *args])


def client_for(store):
    return create_app({"ARCHIVE_DIR": str(store.root), "TESTING": True}).test_client()


@pytest.fixture
def victim(seeded):
    return next(i for i in seeded.archive.items() if i.outlet)


# ------------------------------------------------------------------ removal


def test_deleted_item_page_is_a_410_tombstone_saying_what_and_why(seeded, victim):
    result = run(seeded, "delete", victim.id, "--reason", "Duplicate of a better capture")
    assert result.exit_code == 0, result.output
    response = client_for(seeded).get(f"/items/{victim.id}")
    assert response.status_code == 410
    soup = BeautifulSoup(response.data, "html.parser")
    assert "Removed" in soup.h1.get_text()
    message = soup.select_one(".message").get_text()
    assert victim.title in message and victim.outlet in message
    assert "Duplicate of a better capture" in message


def test_deleted_item_json_is_a_410_with_the_tombstone(seeded, victim):
    run(seeded, "delete", victim.id, "--reason", "Copyright request")
    response = client_for(seeded).get(f"/items/{victim.id}.json")
    assert response.status_code == 410
    error = response.get_json()["error"]
    assert (error["status"], error["code"]) == (410, "gone")
    tombstone = error["tombstone"]
    assert (tombstone["id"], tombstone["title"], tombstone["reason"]) == (
        victim.id, victim.title, "Copyright request")
    assert tombstone["removed_at"].endswith("Z")


def test_deleted_item_cite_and_original_are_410(seeded, victim):
    run(seeded, "delete", victim.id, "--reason", "Wrong document")
    client = client_for(seeded)
    assert client.get(f"/items/{victim.id}/cite?format=ris").status_code == 410
    assert client.get(f"/items/{victim.id}/original").status_code == 410


def test_deleted_item_keeps_original_and_history(seeded, victim):
    run(seeded, "delete", victim.id, "--reason", "Wrong document")
    archive = seeded.archive
    assert archive.has_original(victim.source.sha256)
    assert victim.version in archive.history(victim.id)
    kept = json.loads((archive.history_dir / victim.id / f"v{victim.version}.json").read_text())
    assert kept["title"] == victim.title and kept["paragraphs"]
    with pytest.raises(Gone) as e:
        archive.get(victim.id)
    assert e.value.tombstone["reason"] == "Wrong document"


def test_deleted_item_leaves_search(seeded, victim):
    client = client_for(seeded)
    words = victim.title.split()[:4]
    before = client.get("/api/search", query_string={"q": " ".join(words)}).get_json()
    assert victim.id in [h["id"] for h in before["hits"]]
    run(seeded, "delete", victim.id, "--reason", "Wrong document")
    after = client.get("/api/search", query_string={"q": " ".join(words)}).get_json()
    assert victim.id not in [h["id"] for h in after["hits"]]
    assert victim.id not in seeded.index.entries()


def test_deleted_id_is_never_reused(seeded, victim):
    run(seeded, "delete", victim.id, "--reason", "Wrong document")
    assert victim.id in seeded.archive.ids_in_use()


def test_delete_again_is_harmless(seeded, victim):
    run(seeded, "delete", victim.id, "--reason", "First reason")
    again = run(seeded, "delete", victim.id, "--reason", "Second reason")
    assert again.exit_code == 0
    assert seeded.archive.tombstone(victim.id)["reason"] == "First reason"


def test_delete_needs_a_reason(seeded, victim):
    assert run(seeded, "delete", victim.id).exit_code == 2
    blank = run(seeded, "delete", victim.id, "--reason", "   ")
    assert blank.exit_code == 1 and "why" in blank.output
    assert seeded.archive.has_item(victim.id)


def test_delete_unknown_item_is_a_one_line_error(seeded):
    result = run(seeded, "delete", "no-such-item", "--reason", "x")
    assert result.exit_code == 1
    assert result.output.strip() == "Error: no item 'no-such-item'"


def test_unknown_item_is_still_404(seeded):
    assert client_for(seeded).get("/items/never-existed").status_code == 404


# ------------------------------------------------------------------ renames


def test_renamed_item_redirects_permanently(seeded, victim):
    seeded.archive.rename_item(victim.id, "renamed-item")
    client = client_for(seeded)
    response = client.get(f"/items/{victim.id}")
    assert response.status_code == 301
    assert response.headers["Location"].endswith("/items/renamed-item")
    assert client.get("/items/renamed-item.json").get_json()["title"] == victim.title


def test_redirect_keeps_the_sub_page_and_query(seeded, victim):
    seeded.archive.rename_item(victim.id, "renamed-item")
    client = client_for(seeded)
    assert client.get(f"/items/{victim.id}.json").headers["Location"].endswith(
        "/items/renamed-item.json")
    response = client.get(f"/items/{victim.id}/cite?format=ris&paragraph=p2")
    assert response.status_code == 301
    assert response.headers["Location"].endswith(
        "/items/renamed-item/cite?format=ris&paragraph=p2")
    followed = client.get(f"/items/{victim.id}/cite?format=ris", follow_redirects=True)
    assert followed.status_code == 200


def test_renamed_twice_redirects_straight_to_the_current_id(seeded, victim):
    seeded.archive.rename_item(victim.id, "second-name")
    seeded.archive.rename_item("second-name", "third-name")
    client = client_for(seeded)
    for old in (victim.id, "second-name"):
        response = client.get(f"/items/{old}")
        assert response.status_code == 301
        assert response.headers["Location"].endswith("/items/third-name")


def test_rename_keeps_history_and_refuses_used_ids(seeded, victim):
    archive = seeded.archive
    victim.title, victim.version = "Corrected", victim.version + 1
    archive.put(victim)
    archive.rename_item(victim.id, "renamed-item")
    assert archive.get_at("renamed-item", 1).title != "Corrected"
    others = [i for i in archive.item_ids() if i != "renamed-item"]
    with pytest.raises(BadQuery):
        archive.rename_item("renamed-item", others[0])
    with pytest.raises(BadQuery):
        archive.rename_item(others[0], victim.id)  # the old id now redirects
    with pytest.raises(BadQuery):
        archive.rename_item(others[0], "Not An Id")


# ------------------------------------------------------------------ versions


def test_old_versions_stay_reachable(seeded, victim):
    archive = seeded.archive
    first_title = victim.title
    victim.title, victim.version, victim.updated_at = "Corrected", 2, "2026-01-05T10:00:00Z"
    archive.put(victim)
    assert archive.get_at(victim.id).title == "Corrected"
    assert archive.get_at(victim.id, "1").title == first_title
    assert archive.get_at(victim.id, 2).title == "Corrected"
    assert [v["version"] for v in archive.versions(victim.id)] == [1, 2]
    assert archive.versions(victim.id)[0]["url"] == f"/items/{victim.id}?version=1"
    with pytest.raises(NotFound):
        archive.get_at(victim.id, 3)
    for bad in ("x", "0", "-1", "1.5"):
        with pytest.raises(BadQuery):
            archive.get_at(victim.id, bad)
