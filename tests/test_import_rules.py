"""What import and serve say about what they do not do: files of undocumented types are
skipped with a reason (never imported as documents), a truncated HTML page is imported with a
warning on the item, in the report and on its page, and `serve` where there is no archive
says where it looked and how to import, creating nothing."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from conftest import DATA, SEEDS

from eurasec_archive.app import create_app
from eurasec_archive.archive import Archive
from eurasec_archive.cli import main


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "statement.txt").write_bytes((SEEDS / "000_937aebef08243a90.txt").read_bytes())
    (d / "README.md").write_text("# How to use these captures\n\nSome notes for the team about this folder.\n")
    (d / "LICENSE").write_text("Permission is hereby granted, free of charge, to any person obtaining a copy.\n")
    (d / "capture.text").write_text("A plain capture saved with an unusual extension, of some length.\n")
    (d / "page.xhtml").write_bytes((DATA / "html" / "mfa_statement_en.html").read_bytes())
    (d / "cut.html").write_bytes((DATA / "bad" / "truncated_mid_article.html").read_bytes())
    return d


def run_import(tmp_path, folder):
    archive = tmp_path / "archive"
    result = CliRunner().invoke(main, ["--archive-dir", str(archive), "import", str(folder)])
    (report,) = (archive / "reports").glob("import-*.json")
    return archive, result, json.loads(report.read_text())


def test_only_documented_file_types_are_imported_the_rest_skipped_with_a_reason(tmp_path, folder):
    archive, result, report = run_import(tmp_path, folder)
    assert result.exit_code == 0, result.output
    status = {f["path"]: f["status"] for f in report["files"]}
    assert status == {"statement.txt": "imported", "cut.html": "imported", "README.md": "skipped",
                      "LICENSE": "skipped", "capture.text": "skipped", "page.xhtml": "skipped"}
    reasons = {f["path"]: f["reason"] for f in report["files"] if f["status"] == "skipped"}
    assert ".md files are not imported" in reasons["README.md"]
    assert "without an extension" in reasons["LICENSE"]
    assert all(".txt" in r and ".html" in r for r in reasons.values())
    lines = [ln for ln in result.output.splitlines() if ln.startswith("skipped: ")]
    assert len(lines) == 4 and all("(not a document type" in ln for ln in lines)
    assert len(Archive(archive).item_ids()) == 2


def test_a_truncated_page_is_imported_with_a_warning_on_the_item_the_report_and_its_page(tmp_path, folder):
    archive, result, report = run_import(tmp_path, folder)
    (cut,) = [f for f in report["files"] if f["path"] == "cut.html"]
    assert cut["status"] == "imported" and len(cut["warnings"]) == 1
    assert "truncated" in cut["warnings"][0] and "Integ" in cut["warnings"][0]
    assert f"warning: cut.html: {cut['warnings'][0]}" in result.output
    item = Archive(archive).get(cut["item_id"])
    assert item.warnings == cut["warnings"]
    (whole,) = [f for f in report["files"] if f["path"] == "statement.txt"]
    assert whole["warnings"] == []
    client = create_app({"ARCHIVE_DIR": str(archive)}).test_client()
    soup = BeautifulSoup(client.get(f"/items/{item.id}").get_data(as_text=True), "html.parser")
    assert "truncated" in soup.select_one(".import-warning").get_text()
    soup = BeautifulSoup(client.get(f"/items/{whole['item_id']}").get_data(as_text=True), "html.parser")
    assert soup.select_one(".import-warning") is None


@pytest.mark.parametrize("name", ["whole.html", "no_closing_tags.html"])
def test_complete_pages_get_no_warning(tmp_path, name):
    from eurasec_archive.importer import parse_document

    html = (DATA / "html" / "mfa_statement_en.html").read_text(encoding="utf-8")
    if name == "no_closing_tags.html":  # HTML5 lets a page omit them: ending a sentence is enough
        html = html.replace("</body>", "").replace("</html>", "")
    assert parse_document(html.encode(), name).warnings == []


def test_serve_outside_an_archive_says_where_it_looked_and_creates_nothing(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "eurasec_archive", "serve", "--port", "5999"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    (line,) = proc.stderr.strip().splitlines()
    assert str(tmp_path / "archive") in line and str(tmp_path / "seeds") in line
    assert "import" in line and "--archive-dir" in line
    assert list(tmp_path.iterdir()) == []
