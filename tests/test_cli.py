"""The real CLI (click's CliRunner and a subprocess) on real temporary archives."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner
from conftest import SEEDS

from eurasec_archive.cli import main

CONTRACT_FIELDS = {"id", "title", "date", "outlet", "language", "speakers", "people",
                   "organizations", "places", "paragraphs", "source", "url"}


def run(archive_dir, *args):
    return CliRunner().invoke(main, ["--archive-dir", str(archive_dir), *args])


def export_items(archive_dir) -> list[dict]:
    result = run(archive_dir, "export", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines() if line.strip()]


def test_import_seeds_then_export_yields_five_items_with_contract_fields(tmp_path):
    archive = tmp_path / "a"
    result = run(archive, "import", str(SEEDS))
    assert result.exit_code == 0, result.output
    items = export_items(archive)
    assert len(items) == 5
    for item in items:
        assert CONTRACT_FIELDS <= set(item)
        assert item["url"] == f"/items/{item['id']}"
        assert set(item["source"]) >= {"filename", "sha256", "media_type", "imported_at"}
        assert all(set(s) >= {"name", "role"} for s in item["speakers"])
        assert all(set(o) >= {"name", "acronym"} for o in item["organizations"])
        kinds = {p["kind"] for p in item["paragraphs"]}
        assert kinds <= {"paragraph", "heading", "quote", "epigraph", "list", "table", "footnote"}
        assert [p["id"] for p in item["paragraphs"]] == [f"p{i}" for i in range(1, len(item["paragraphs"]) + 1)]
        assert item["date"] is None or len(item["date"]) in (4, 7, 10)


def test_reimport_is_idempotent_same_ids_no_duplicates(tmp_path):
    archive = tmp_path / "a"
    run(archive, "import", str(SEEDS))
    first = {i["id"]: i["paragraphs"] for i in export_items(archive)}
    result = run(archive, "import", str(SEEDS))
    assert result.exit_code == 0
    assert "unchanged 5" in result.output
    second = {i["id"]: i["paragraphs"] for i in export_items(archive)}
    assert first == second


def test_ids_are_readable_unique_slugs(tmp_path):
    archive = tmp_path / "a"
    run(archive, "import", str(SEEDS))
    ids = [i["id"] for i in export_items(archive)]
    assert len(set(ids)) == 5
    for item_id in ids:
        assert item_id == item_id.lower() and " " not in item_id and len(item_id) <= 80
    dated = [i for i in export_items(archive) if i["date"]]
    assert all(i["id"].startswith(i["date"]) for i in dated)


def test_verify_passes_after_import_and_fails_on_a_corrupted_original(tmp_path):
    archive = tmp_path / "a"
    run(archive, "import", str(SEEDS))
    ok = run(archive, "verify")
    assert ok.exit_code == 0, ok.output
    item = export_items(archive)[0]
    sha = item["source"]["sha256"]
    (archive / "originals" / sha[:2] / sha).write_bytes(b"tampered")
    bad = run(archive, "verify")
    assert bad.exit_code == 1
    assert item["id"] in bad.output and "sha256" in bad.output


def test_verify_fails_on_items_stored_but_not_indexed_and_repair_indexes_them(seeded):
    """No writer is running, so an unindexed item is lost to search: a problem, exit 1."""
    from eurasec_archive.index import ArchiveIndex

    victim = seeded.archive.item_ids()[0]
    ArchiveIndex(seeded.archive.index_dir).delete(victim)
    result = run(seeded.root, "verify")
    assert result.exit_code == 1
    assert f"problem: {victim}: stored but not indexed" in result.output
    repaired = run(seeded.root, "verify", "--repair")
    assert "1 pending item(s) indexed" in repaired.output
    again = run(seeded.root, "verify")
    assert again.exit_code == 0 and "not indexed" not in again.output


def test_search_json_has_api_shape_and_marks_terms(seeded):
    result = run(seeded.root, "search", "Lavrov", "--json", "--limit", "3")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["total"] == 4
    assert len(data["hits"]) == 3
    for hit in data["hits"]:
        assert {"id", "title", "date", "outlet", "url", "score", "source", "highlights"} <= set(hit)
        assert any("<mark>Lavrov</mark>" in h["html"] for h in hit["highlights"])
    assert {"outlet", "speaker", "organization", "year"} <= set(data["facets"])


def test_show_prints_item_and_unknown_id_is_a_one_line_error(seeded):
    item_id = seeded.archive.item_ids()[0]
    ok = run(seeded.root, "show", item_id, "--json")
    assert json.loads(ok.output)["id"] == item_id
    bad = run(seeded.root, "show", "no-such-item")
    assert bad.exit_code == 1
    assert bad.output.strip().count("\n") == 0 and "no-such-item" in bad.output
    assert "Traceback" not in bad.output


def test_bad_search_parameter_is_a_one_line_error(seeded):
    result = run(seeded.root, "search", "x" * 5000, "--from", "2025-13")
    assert result.exit_code == 1
    assert "not a real date" in result.output and "Traceback" not in result.output


def test_very_long_query_text_is_searched_not_refused(seeded):
    result = run(seeded.root, "search", "Lavrov " + "x" * 5000)
    assert result.exit_code == 0 and "Traceback" not in result.output


def test_reindex_rebuilds_the_index_from_items(seeded):
    import shutil

    shutil.rmtree(seeded.archive.index_dir)
    result = run(seeded.root, "reindex")
    assert result.exit_code == 0 and "reindexed 5 items" in result.output
    assert json.loads(run(seeded.root, "search", "Ryzhenkov", "--json").output)["total"] >= 3


def test_archive_dir_from_environment_and_help_for_every_command(tmp_path):
    env = {"EURASEC_ARCHIVE_DIR": str(tmp_path / "env-archive")}
    result = CliRunner().invoke(main, ["import", str(SEEDS)], env=env)
    assert result.exit_code == 0
    assert (tmp_path / "env-archive" / "items").is_dir()
    for cmd in ["import", "reindex", "serve", "search", "show", "export", "verify"]:
        h = CliRunner().invoke(main, [cmd, "--help"])
        assert h.exit_code == 0 and len(h.output) > 100, cmd


def test_installed_entry_point_runs_as_a_program(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "eurasec_archive", "--archive-dir", str(tmp_path / "a"),
                           "import", str(SEEDS)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "imported 5" in proc.stdout


def test_entities_unknown_lists_names_missing_from_the_authority_files(store, tmp_path):
    doc = tmp_path / "new.txt"
    doc.write_text(
        " date 2025-03-04 news.by\n\n"
        "\"We will deepen cooperation,\" said Foreign Minister Zorbek Quillanov of the "
        "Trans-Steppe Cooperation Council (TSCC) after talks in Minsk.\n")
    store.import_paths(doc)
    result = run(store.root, "entities", "--unknown", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    names = {(r["kind"], r["name"]) for r in rows}
    assert ("person", "Zorbek Quillanov") in names
    assert any(r["name"] in ("TSCC", "Trans-Steppe Cooperation Council") for r in rows)
    assert all(r["name"] != "Minsk" for r in rows)
    table = run(store.root, "entities", "--unknown")
    assert "Zorbek Quillanov" in table.output
