"""What an archive learned of its sites' chrome (site_lines.sqlite) survives backup and restore,
and an archive imported before the counts existed learns them at ``reindex`` (and ``restore``),
once per document. Real archives, the real CLI."""

from __future__ import annotations

import io
import tarfile

from click.testing import CliRunner
from test_site_lines import FOOTER, SECTIONS, SHARED, TOPICS, cli, items, page, texts, write

from eurasec_archive.cli import main


def new_capture(tmp_path, root, slug: str, lead: str, extra: str = "") -> dict:
    """Import one new page of the site in its own run; return its item."""
    cli(root, "import", str(write(tmp_path / f"new-{slug}", {f"{slug}.html": page(slug, lead, extra=extra)})))
    return items(root)[f"{slug}.html"]


def test_restored_archive_cleans_a_new_capture_of_a_known_site_as_before(tmp_path):
    root = tmp_path / "archive"
    cli(root, "import", str(write(tmp_path / "in", {f"{s}.html": page(s, lead) for s, lead in TOPICS[:4]})))
    assert all(FOOTER not in texts(it) for it in items(root).values())  # learned and removed
    snap = tmp_path / "snap.tar.gz"
    cli(root, "backup", str(snap))
    with tarfile.open(snap) as tar:
        assert "site_lines.sqlite" in tar.getnames()
    restored = tmp_path / "restored"
    out = cli(restored, "restore", str(snap)).output
    assert "site_lines.sqlite" not in out  # no damage reported; the manifest lists the counts
    slug, lead = TOPICS[4]
    body = texts(new_capture(tmp_path, restored, slug, lead))
    # one new page alone is too few to tell: only the restored counts remove its chrome (the
    # restored items no longer hold it, so nothing could be relearned from them)
    assert FOOTER not in body and SECTIONS not in body and "© 2008 Northern Courier" not in body
    assert any(lead in t for t in body)
    assert body == texts(new_capture(tmp_path, root, slug, lead))  # as the original archive does


def test_a_damaged_counts_file_in_a_backup_is_refused_by_its_manifest(tmp_path):
    root = tmp_path / "archive"
    cli(root, "import", str(write(tmp_path / "in", {f"{s}.html": page(s, lead) for s, lead in TOPICS[:3]})))
    snap = tmp_path / "snap.tar.gz"
    cli(root, "backup", str(snap))
    bad = tmp_path / "bad.tar.gz"
    with tarfile.open(snap) as src, tarfile.open(bad, "w:gz") as dst:
        for member in src:
            data = src.extractfile(member).read()
            if member.name == "site_lines.sqlite":
                data = data[:-1] + bytes([data[-1] ^ 1])
            dst.addfile(member, io.BytesIO(data))
    result = CliRunner().invoke(main, ["--archive-dir", str(tmp_path / "r"), "restore", str(bad)])
    assert result.exit_code != 0
    assert "site_lines.sqlite does not match its sha256" in result.output
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output


def old_archive(tmp_path, pages: dict[str, str]):
    """An archive imported before the counts existed: every page whole, no counts file."""
    root = tmp_path / "archive"
    for name, html in pages.items():
        cli(root, "import", str(write(tmp_path / f"old-{name}", {name: html})))
        (root / "site_lines.sqlite").unlink(missing_ok=True)
    assert all(FOOTER in texts(it) for it in items(root).values())
    return root


def test_reindex_learns_the_sites_of_an_archive_imported_before_the_counts_once(tmp_path):
    # SHARED is in one old page: counted twice (a reindex that recounted documents) plus the
    # new page it would reach three documents and be taken for chrome
    pages = {f"{s}.html": page(s, lead, extra=f"<p>{SHARED}</p>" if k == 0 else "")
             for k, (s, lead) in enumerate(TOPICS[:4])}
    root = old_archive(tmp_path, pages)
    cli(root, "reindex")
    cli(root, "reindex")
    old = items(root)
    assert all(FOOTER in texts(it) for it in old.values())  # stored items keep their cited ids
    slug, lead = TOPICS[4]
    body = texts(new_capture(tmp_path, root, slug, lead, extra=f"<p>{SHARED}</p>"))
    assert FOOTER not in body and SECTIONS not in body
    assert SHARED in body


def test_restore_of_an_archive_imported_before_the_counts_learns_its_sites(tmp_path):
    root = old_archive(tmp_path, {f"{s}.html": page(s, lead) for s, lead in TOPICS[:4]})
    snap = tmp_path / "snap.tar.gz"
    cli(root, "backup", str(snap))
    with tarfile.open(snap) as tar:
        assert "site_lines.sqlite" not in tar.getnames()  # nothing learned to save
    restored = tmp_path / "restored"
    cli(restored, "restore", str(snap))
    slug, lead = TOPICS[4]
    body = texts(new_capture(tmp_path, restored, slug, lead))
    assert FOOTER not in body and SECTIONS not in body
