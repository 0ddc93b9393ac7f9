"""The last import in brief: written beside each import report, read by the about page, so no page
parses the report's per-file entries (280 MB of JSON after a million-file import)."""

from __future__ import annotations

import json

import lxml.html
from click.testing import CliRunner

from eurasec_archive.app import create_app
from eurasec_archive.cli import main
from eurasec_archive.store import LAST_IMPORT


def _import(archive_dir, folder) -> None:
    result = CliRunner().invoke(main, ["--archive-dir", str(archive_dir), "import", str(folder)])
    assert result.exit_code == 0, result.output


def _last_import_shown(archive_dir) -> str:
    client = create_app({"ARCHIVE_DIR": str(archive_dir)}).test_client()
    page = client.get("/about")
    assert page.status_code == 200
    doc = lxml.html.fromstring(page.data)
    shown = [dd.text_content() for dt in doc.xpath("//dt[normalize-space()='Last import']")
             for dd in dt.xpath("following-sibling::dd[1]")]
    return shown[0] if shown else ""


def _docs(tmp_path, n: int, name: str = "in"):
    folder = tmp_path / name
    folder.mkdir()
    for i in range(n):
        (folder / f"note{i}.txt").write_text(
            f"Harbour notes {name} {i}\n\nThe harbour board met on Monday to discuss pier number {i} "
            f"and the dredging of the {name} channel before the winter storms.\n", encoding="utf-8")
    return folder


def test_each_import_leaves_its_brief_without_the_file_entries(tmp_path):
    ar = tmp_path / "archive"
    _import(ar, _docs(tmp_path, 3))
    reports = sorted((ar / "reports").glob("import-*.json"))
    brief = json.loads((ar / "reports" / LAST_IMPORT).read_bytes())
    full = json.loads(reports[-1].read_bytes())
    assert len(full["files"]) == 3 and "files" not in brief
    assert brief["report"] == reports[-1].name
    assert brief["counts"]["imported"] == 3 and brief["finished_at"] == full["finished_at"]
    assert _last_import_shown(ar) == full["finished_at"]


def test_the_about_page_does_not_read_the_per_file_report(tmp_path):
    ar = tmp_path / "archive"
    _import(ar, _docs(tmp_path, 2))
    report = sorted((ar / "reports").glob("import-*.json"))[-1]
    finished = json.loads(report.read_bytes())["finished_at"]
    report.write_text("{ not json: the page must not need this file's entries", encoding="utf-8")
    assert _last_import_shown(ar) == finished


def test_a_brief_left_behind_by_an_older_import_is_not_taken_for_the_newest(tmp_path):
    # a guard (passes on the code before briefs too): the newest report came without its brief
    ar = tmp_path / "archive"
    _import(ar, _docs(tmp_path, 2, "first"))
    _import(ar, _docs(tmp_path, 1, "second"))
    reports = sorted((ar / "reports").glob("import-*.json"))
    assert len(reports) == 2
    first_brief = {k: v for k, v in json.loads(reports[0].read_bytes()).items() if k != "files"}
    (ar / "reports" / LAST_IMPORT).write_text(json.dumps(first_brief | {"report": reports[0].name}),
                                              encoding="utf-8")
    assert _last_import_shown(ar) == json.loads(reports[1].read_bytes())["finished_at"]
