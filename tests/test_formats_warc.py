"""Web archives: every HTML (and PDF) response of a WARC or WACZ becomes an item with its
capture provenance; revisits and identical payloads are not imported twice; everything else
is skipped and counted; truncated records fail in one line without losing the rest. Through
the real CLI, importer and Flask app. The WARCs are wget captures of a local site
(tests/data/make_format_samples.py); expected values are read from them with warcio."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import shutil
import zipfile

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from conftest import DATA, SEEDS
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eurasec_archive.app import create_app
from eurasec_archive.archive import Archive
from eurasec_archive.cli import main

WARC = DATA / "warc"
PAGES = ("statements/minsk-conference.html", "briefings/briefing-2025-06-10.html", "docs/minsk_statement_en.pdf")


def run(archive_dir, *args):
    return CliRunner().invoke(main, ["--archive-dir", str(archive_dir), *map(str, args)])


def responses(path) -> dict[str, dict]:
    """URL -> WARC-Date, WARC-Record-ID and payload of every response record, read with warcio."""
    found = {}
    with open(path, "rb") as f:
        for r in ArchiveIterator(f):
            if r.rec_type == "response":
                found[r.rec_headers.get_header("WARC-Target-URI")] = {
                    "date": r.rec_headers.get_header("WARC-Date"), "id": r.rec_headers.get_header("WARC-Record-ID"),
                    "status": r.http_headers.get_statuscode(), "payload": r.content_stream().read()}
    return found


def by_url(archive_dir) -> dict[str, dict]:
    return {i.source.url: i.to_json() for i in Archive(archive_dir).items()}


def page(captured: dict, path: str) -> str:
    return next(u for u in captured if u.endswith("/" + path))


@pytest.fixture(scope="module")
def warc_archive(tmp_path_factory):
    root = tmp_path_factory.mktemp("warc") / "archive"
    result = run(root, "import", WARC / "mfa_site.warc.gz")
    return root, result


def test_each_captured_page_becomes_an_item_with_its_capture_provenance(warc_archive):
    root, result = warc_archive
    assert result.exit_code == 0, result.output
    captured = responses(WARC / "mfa_site.warc.gz")
    items = by_url(root)
    for path in PAGES:
        url = page(captured, path)
        src = items[url]["source"]
        assert src["filename"] == url
        assert src["captured_at"] == captured[url]["date"]
        assert src["warc_record_id"] == captured[url]["id"]
        assert src["archive_file"] == "mfa_site.warc.gz"
        assert src["sha256"] == hashlib.sha256(captured[url]["payload"]).hexdigest()
    statement = items[page(captured, PAGES[0])]
    # the publication date comes from the page; the capture time is kept apart from it
    assert statement["date"] == "2025-06-09" and statement["date_source"] == "html-meta"
    assert not statement["source"]["captured_at"].startswith("2025-06-09")
    assert statement["title"] == "Statement by the Ministry on the Minsk conference"
    assert [p["kind"] for p in statement["paragraphs"]] == ["paragraph", "heading", "paragraph", "paragraph"]


def test_a_pdf_record_goes_through_the_pdf_path(warc_archive):
    root, _ = warc_archive
    captured = responses(WARC / "mfa_site.warc.gz")
    pdf = by_url(root)[page(captured, PAGES[2])]
    assert pdf["source"]["media_type"] == "application/pdf" and pdf["source"]["pages"] == 4
    assert pdf["title"] == "Joint Statement on the Minsk Conference on Eurasian Security"
    assert {p["page"] for p in pdf["paragraphs"]} == {1, 2, 3, 4}


def test_every_record_is_counted_and_what_is_no_document_is_skipped_with_its_reason(warc_archive):
    root, result = warc_archive
    report = Archive(root).last_report()
    captured = responses(WARC / "mfa_site.warc.gz")
    records = [f for f in report["files"] if f["file"] == "mfa_site.warc.gz"]
    assert len(records) == len(report["files"])
    assert {f["path"].split("#", 1)[1] for f in records} >= set(captured)  # every response is in the report
    reasons = {f["path"].rsplit("/", 1)[-1]: f["reason"] for f in records if f["status"] == "skipped"}
    assert reasons["style.css"] == "not a document (text/css)"
    assert reasons["logo.png"] == "not a document (image/png)"
    assert reasons["robots.txt"] == "HTTP 404"
    assert reasons["index.html"] == "no article text found"  # a navigation page, not a failure
    assert report["counts"]["imported"] == len(Archive(root).ids_in_use()) == 4
    assert report["counts"]["failed"] == 0
    assert report["counts"]["skipped"] == len(records) - 4
    assert f"skipped {report['counts']['skipped']} (1 files; {len(records)} web-archive records)" in result.stdout


def test_the_web_archive_itself_is_kept_beside_the_captured_payloads(warc_archive):
    root, _ = warc_archive
    archive = Archive(root)
    data = (WARC / "mfa_site.warc.gz").read_bytes()
    assert archive.original_path(hashlib.sha256(data).hexdigest()).read_bytes() == data
    assert {i.source.archive_sha256 for i in archive.items()} == {hashlib.sha256(data).hexdigest()}
    assert run(root, "verify").exit_code == 0


def test_revisits_and_recaptures_with_identical_payloads_are_not_duplicated(tmp_path):
    root = tmp_path / "archive"
    result = run(root, "import", WARC / "mfa_site_recrawl.warc.gz")
    assert result.exit_code == 0, result.output
    report = Archive(root).last_report()
    revisits = [f for f in report["files"] if (f["reason"] or "").startswith("revisit of <urn:uuid:")]
    assert len(revisits) == 8  # wget --warc-dedup wrote one revisit per response of the second crawl
    documents = [f for f in revisits if f["status"] == "unchanged"]
    assert {f["path"].rsplit("/", 1)[-1] for f in documents} == {
        "", "minsk-conference.html", "briefing-2025-06-10.html", "minsk_statement_en.pdf"}
    first_crawl = {f["path"]: f["item_id"] for f in report["files"] if f["status"] == "imported"}
    assert {f["item_id"] for f in documents} == set(first_crawl.values())
    assert len(Archive(root).ids_in_use()) == 4
    # the same pages again in another web archive (the WACZ of the first crawl): nothing new
    again = run(root, "import", WARC / "mfa_site.wacz")
    assert "imported 0, updated 0, unchanged 4" in again.stdout
    assert len(Archive(root).ids_in_use()) == 4


def test_wacz_gives_the_same_items_as_its_warc(warc_archive, tmp_path):
    root, _ = warc_archive
    wacz = tmp_path / "archive"
    assert run(wacz, "import", WARC / "mfa_site.wacz").exit_code == 0
    strip = ("imported_at", "archive_file", "archive_sha256")

    def comparable(items):
        return {u: {**v, "source": {k: x for k, x in v["source"].items() if k not in strip}} for u, v in items.items()}

    assert comparable(by_url(wacz)) == comparable(by_url(root))
    assert {i["source"]["archive_file"] for i in by_url(wacz).values()} == {"mfa_site.wacz"}


def test_a_truncated_record_fails_in_one_line_and_the_records_before_it_are_kept(tmp_path):
    root = tmp_path / "archive"
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(DATA / "bad" / "truncated_record.warc", folder)
    result = run(root, "import", folder)
    assert result.exit_code == 1
    failed = [ln for ln in result.stderr.splitlines() if ln.startswith("failed: ")]
    assert len(failed) == 1 and failed[0].startswith(
        "failed: truncated_record.warc#http://127.0.0.1:") and failed[0].endswith(
        "/statements/minsk-conference.html: truncated WARC record (502 bytes missing)")
    assert [i.source.url.rsplit("/", 2)[-2:] for i in Archive(root).items()] == [["statements", ""]]
    # --retry-failed retries the web archive once, whole: what was imported comes back unchanged
    retry = run(root, "import", "--retry-failed")
    assert retry.exit_code == 1
    assert "imported 0, updated 0, unchanged 1, failed 1" in retry.stdout and "(1 files;" in retry.stdout


def test_a_web_archive_cut_inside_a_record_header_reports_the_unread_tail(tmp_path):
    raw = gzip.decompress((WARC / "mfa_site.warc.gz").read_bytes())
    cut = raw.find(b"WARC/1.", raw.find(b"briefing-2025-06-10.html") + 10) + 40
    (tmp_path / "cut.warc").write_bytes(raw[:cut])
    result = run(tmp_path / "archive", "import", tmp_path / "cut.warc")
    (line,) = [ln for ln in result.stderr.splitlines() if ln.startswith("failed: ")]
    assert line.startswith("failed: cut.warc#record 3: truncated or malformed WARC: the header of record 3 "
                           "cannot be read")
    # cut between records, at a clean line: the tail that is no record is reported
    tail = raw.find(b"WARC/1.", raw.find(b"briefing-2025-06-10.html") + 10)
    (tmp_path / "tail.warc").write_bytes(raw[:tail] + b"WARC/1.0\r\nWARC-Type: response\r\n")
    result = run(tmp_path / "archive", "import", tmp_path / "tail.warc")
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("failed: ")]
    assert len(lines) == 1 and lines[0].startswith("failed: tail.warc#record ") and "truncated" in lines[0]


@pytest.mark.parametrize("name, data, reason", [
    ("noise.warc.gz", b"\x1f\x8b" + bytes(range(256)) * 4, "not a readable WARC file"),
    ("text.warc", b"hello, this is not a web archive\n" * 10, "not a readable WARC file"),
    ("empty.wacz", b"PK\x05\x06" + b"\0" * 18, "not a valid WACZ: no WARC files under archive/"),
])
def test_files_that_are_no_web_archive_fail_in_one_line(tmp_path, name, data, reason):
    (tmp_path / name).write_bytes(data)
    result = run(tmp_path / "archive", "import", tmp_path / name)
    assert result.exit_code == 1 and "Traceback" not in result.output
    (line,) = [ln for ln in result.stderr.splitlines() if ln.startswith("failed: ")]
    assert line.startswith(f"failed: {name}: {reason}") and len(line) < 300


def test_zip_bomb_inside_a_wacz_is_refused(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        with z.open("archive/data.warc", "w") as f:
            for _ in range(64):
                f.write(b"\0" * (1 << 20))
    (tmp_path / "bomb.wacz").write_bytes(buf.getvalue())
    result = run(tmp_path / "archive", "import", tmp_path / "bomb.wacz", "--max-bytes", 5_000_000)
    assert "failed: bomb.wacz: archive/data.warc expands past 5000000 bytes" in result.stderr


def capture(writer, url: str, html: str, when: str):
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()), http_headers=http,
                                       warc_headers_dict={"WARC-Date": when})
    writer.write_record(record)
    return record.rec_headers.get_header("WARC-Record-ID")


ARTICLE = ("<html><head><title>{t}</title></head><body><article><h1>{t}</h1><p>{p} The ministers met in Minsk "
           "and discussed the draft of the Eurasian Charter at length with their deputies.</p></article></body></html>")


def test_a_page_captured_again_with_new_content_is_a_new_version_with_its_own_capture(tmp_path):
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    first = capture(writer, "https://mfa.example/statement", ARTICLE.format(t="Statement", p="First text."),
                    "2025-06-09T10:00:00Z")
    second = capture(writer, "https://mfa.example/statement", ARTICLE.format(t="Statement", p="Corrected text."),
                     "2025-06-10T08:30:00Z")
    (tmp_path / "two.warc.gz").write_bytes(buf.getvalue())
    root = tmp_path / "archive"
    result = run(root, "import", tmp_path / "two.warc.gz")
    assert "imported 1, updated 1, unchanged 0, failed 0" in result.stdout
    (item,) = Archive(root).items()
    assert item.version == 2 and item.source.warc_record_id == second
    assert item.source.captured_at == "2025-06-10T08:30:00Z"
    old = Archive(root).get_version(item.id, 1)
    assert old.source.warc_record_id == first and "First text." in old.body_text()


def test_item_page_shows_memento_style_provenance(warc_archive):
    root, _ = warc_archive
    captured = responses(WARC / "mfa_site.warc.gz")
    url = page(captured, PAGES[1])
    item_id = by_url(root)[url]["id"]
    client = create_app({"ARCHIVE_DIR": str(root), "TESTING": True}).test_client()
    soup = BeautifulSoup(client.get(f"/items/{item_id}").data, "html.parser")
    dd = soup.select_one("dd.provenance.capture")
    link = dd.select_one("a.original-url")
    assert link["href"] == url and link["rel"] == ["original"]
    assert dd.select_one("time.memento-datetime")["datetime"] == captured[url]["date"]
    assert dd.select_one("code.warc-record-id").get_text() == captured[url]["id"]
    assert dd.select_one(".archive-file").get_text() == "mfa_site.warc.gz"
    assert soup.select_one("dd.date").get_text(" ", strip=True).startswith("10 June 2025")
    original = client.get(f"/items/{item_id}/original")
    assert original.data == captured[url]["payload"]
    assert "sandbox" in original.headers["Content-Security-Policy"]  # captured HTML is never rendered
    # a page whose URL ends in "/" still downloads under a name
    listing = by_url(root)[page(captured, "statements/")]["id"]
    assert client.get(f"/items/{listing}/original").headers["Content-Disposition"] == "attachment; filename=statements"


def test_a_folder_mixing_every_format_imports_with_provenance_and_reports_the_bad_files(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    for path in [WARC / "mfa_site.warc.gz", WARC / "mfa_site.wacz", DATA / "pdf" / "consultations_ru.pdf",
                 DATA / "docx" / "minsk_statement_en.docx", DATA / "html" / "mfa_statement_en.html",
                 sorted(SEEDS.iterdir())[0], DATA / "bad" / "scanned_statement.pdf", DATA / "bad" / "zip_bomb.docx",
                 DATA / "bad" / "truncated_record.warc"]:
        shutil.copy(path, folder / path.name)
    for jobs in (1, 2):
        root = tmp_path / f"archive{jobs}"
        result = run(root, "import", folder, "--jobs", jobs, "--max-bytes", 5_000_000)
        assert result.exit_code == 1 and "Traceback" not in result.output
        failed = sorted(ln.split(": ")[1].split("#")[0] for ln in result.stderr.splitlines() if ln.startswith("failed: "))
        assert failed == ["scanned_statement.pdf", "truncated_record.warc", "zip_bomb.docx"]
        items = list(Archive(root).items())
        kinds = sorted(i.source.media_type for i in items)
        # 4 captures (the WACZ and the truncated WARC hold the same pages: unchanged), the PDF,
        # the DOCX (the same statement as the captured PDF, but other bytes: its own item), HTML, text
        assert len(items) == 8
        assert kinds.count("application/pdf") == 2 and kinds.count("text/html") == 4
        captures = [i for i in items if i.source.captured_at]
        assert len(captures) == 4 and all(i.source.warc_record_id.startswith("<urn:uuid:") for i in captures)
    one, two = (json.dumps(sorted(i.id for i in Archive(tmp_path / f"archive{j}").items())) for j in (1, 2))
    assert one == two


def test_the_terminal_progress_bar_counts_files_not_records(tmp_path):
    """A web archive gives many report entries; the bar (files/total) must not run past 100%."""
    import os
    import pty
    import re
    import subprocess
    import sys

    controller, terminal = pty.openpty()
    env = {**os.environ, "COLUMNS": "100"}
    proc = subprocess.run([sys.executable, "-m", "eurasec_archive", "--archive-dir", str(tmp_path / "a"), "import",
                           str(WARC / "mfa_site.warc.gz"), str(DATA / "bad" / "truncated_record.warc")],
                          stdout=subprocess.PIPE, stderr=terminal, env=env, timeout=300)
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    text = shown.decode("utf-8", "replace")
    positions = {tuple(map(int, m)) for m in re.findall(r"\b(\d+)/(\d+)\b", text)}
    assert positions and all(done <= total == 2 for done, total in positions)
    assert (2, 2) in positions
    assert "failed: truncated_record.warc#" in text  # a record's failure is still printed
    assert proc.returncode == 1
