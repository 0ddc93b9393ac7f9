"""backup / restore: a consistent snapshot taken while the server answers searches and an
import writes; restore checks the manifest, refuses to overwrite, rebuilds the index and
ends with a passing verify."""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
import tarfile
import threading
import time
import urllib.error
import urllib.request

import pytest
from livesrv import live_server
from test_faults import cli, make_corpus

from eurasec_archive.archive import Archive
from eurasec_archive.backup import BackupError, create_backup, restore_backup
from eurasec_archive.index import ArchiveIndex
from eurasec_archive.models import Item
from eurasec_archive.search import SearchRequest, run_search


def restored_items(root) -> list[Item]:
    archive = Archive(root)
    return [Item.from_json(json.loads(archive.item_path(i).read_bytes())) for i in archive.item_ids()]


def manifest_of(path) -> dict:
    with tarfile.open(path, "r:gz") as tar:
        return json.loads(tar.extractfile("MANIFEST.json").read())


def test_backups_during_an_import_and_searches_restore_to_whole_items(seeded, tmp_path):
    corpus = tmp_path / "corpus"
    n = make_corpus(corpus, copies=35)
    errors: list[str] = []
    stop = threading.Event()

    def searcher(base):
        while not stop.is_set():
            try:
                with urllib.request.urlopen(f"{base}/api/search?q=Lavrov&per_page=20", timeout=30) as r:
                    json.loads(r.read())
            except (urllib.error.URLError, ValueError) as e:
                errors.append(repr(e))

    backups = []
    with live_server(seeded.root) as base:
        threads = [threading.Thread(target=searcher, args=(base,)) for _ in range(3)]
        for t in threads:
            t.start()
        proc = subprocess.Popen([sys.executable, "-m", "eurasec_archive", "--archive-dir",
                                 str(seeded.root), "import", str(corpus)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            during = k = 0
            # back up while the import runs, however fast the machine is (two to four backups)
            while k < 4 and (k < 2 or proc.poll() is None):
                time.sleep(0.3)
                running = proc.poll() is None
                out = cli(seeded.root, "backup", str(tmp_path / f"b{k}.tar.gz"))
                assert out.returncode == 0, out.stderr
                assert "Traceback" not in out.stderr
                during += running
                backups.append(tmp_path / f"b{k}.tar.gz")
                k += 1
            assert proc.wait(timeout=300) == 0
        finally:
            stop.set()
            for t in threads:
                t.join()
    assert not errors, errors[:3]
    assert during >= 2, "the import finished before the backups; make the corpus larger"

    counts = []
    for k, path in enumerate(backups):
        manifest = manifest_of(path)
        target = tmp_path / f"restored{k}"
        out = cli(target, "restore", str(path))
        assert out.returncode == 0, out.stdout + out.stderr
        assert "verify OK" in out.stdout
        assert cli(target, "verify").returncode == 0
        items = restored_items(target)
        assert len(items) == manifest["items"]
        assert 5 <= len(items) <= 5 + n
        archive = Archive(target)
        for item in items:  # every item whole: paragraphs, and its original byte for byte
            assert item.paragraphs and item.title
            assert archive.has_original(item.source.sha256)
        result = run_search(archive, ArchiveIndex(archive.index_dir), SearchRequest.from_params({"q": [""]}))
        assert result["total"] == len(items)
        counts.append(len(items))
    assert counts == sorted(counts)
    assert counts[0] < 5 + n, "every backup came after the import"

    final = tmp_path / "final.tar.gz"
    assert cli(seeded.root, "backup", str(final)).returncode == 0
    target = tmp_path / "restored-final"
    assert cli(target, "restore", str(final)).returncode == 0
    assert len(restored_items(target)) == 5 + n
    found = json.loads(cli(target, "search", "Lavrov", "--json").stdout)
    assert found["total"] > 0


def test_restore_refuses_a_non_empty_archive_unless_forced(seeded, tmp_path):
    path = create_backup(seeded.archive, tmp_path / "b.tar.gz").path
    refused = cli(seeded.root, "restore", str(path))
    assert refused.returncode == 1
    lines = [ln for ln in refused.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "--force" in lines[0]
    forced = cli(seeded.root, "restore", "--force", str(path))
    assert forced.returncode == 0, forced.stderr
    assert len(Archive(seeded.root).item_ids()) == 5


def test_restore_into_an_existing_empty_directory(seeded, tmp_path):
    path = create_backup(seeded.archive, tmp_path / "b.tar.gz").path
    empty = tmp_path / "empty"
    empty.mkdir()
    report = restore_backup(Archive(empty), path)
    assert report.items == 5 and report.verify.ok


def test_backup_into_a_folder_gets_a_dated_name_and_never_overwrites(seeded, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    first = cli(seeded.root, "backup", str(folder))
    assert first.returncode == 0
    made = list(folder.glob("eurasec-backup-*.tar.gz"))
    assert len(made) == 1
    again = cli(seeded.root, "backup", str(made[0]))
    assert again.returncode == 1 and "already exists" in again.stderr
    inside = cli(seeded.root, "backup", str(seeded.root / "b.tar.gz"))
    assert inside.returncode == 1 and "outside the archive" in inside.stderr


def _rewrite(src, dst, change):
    """Copy the tar ``src`` to ``dst``, passing each (name, data) through ``change``."""
    with tarfile.open(src, "r:gz") as tar_in, tarfile.open(dst, "w:gz") as tar_out:
        for member in tar_in:
            data = tar_in.extractfile(member).read()
            for name, new in change(member.name, data):
                info = tarfile.TarInfo(name)
                info.size = len(new)
                tar_out.addfile(info, io.BytesIO(new))


@pytest.mark.parametrize("damage", ["flip a byte", "drop a file", "add a file", "escape the dir",
                                    "no manifest"])
def test_damaged_backups_are_refused_and_change_nothing(seeded, tmp_path, damage):
    good = create_backup(seeded.archive, tmp_path / "good.tar.gz").path

    def change(name, data):
        if damage == "flip a byte" and name.startswith("items/"):
            return [(name, data.replace(b'"', b"'", 1))]
        if damage == "drop a file" and name.startswith("originals/"):
            return []
        if damage == "add a file" and name == "MANIFEST.json":
            return [("items/intruder.json", b"{}"), (name, data)]
        if damage == "escape the dir" and name == "MANIFEST.json":
            return [("../../escaped.json", b"{}"), (name, data)]
        if damage == "no manifest" and name == "MANIFEST.json":
            return []
        return [(name, data)]

    bad = tmp_path / "bad.tar.gz"
    _rewrite(good, bad, change)
    target = tmp_path / "target"
    out = cli(target, "restore", str(bad))
    assert out.returncode == 1
    lines = [ln for ln in out.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error:") and "Traceback" not in out.stderr
    assert not (target / "items").exists() or not any((target / "items").iterdir())
    assert not (tmp_path / "escaped.json").exists() and not (tmp_path.parent / "escaped.json").exists()
    assert not [p for p in tmp_path.iterdir() if ".restore-" in p.name]


def test_a_file_that_is_not_a_backup_is_refused(tmp_path):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(gzip.compress(b"not a tar at all") + b"trailing garbage")
    with pytest.raises(BackupError, match="not a readable backup|no MANIFEST"):
        restore_backup(Archive(tmp_path / "a"), junk)
    junk.write_bytes(b"\x00" * 100)
    with pytest.raises(BackupError):
        restore_backup(Archive(tmp_path / "a"), junk)


def test_backup_of_a_missing_archive_is_a_clear_error(tmp_path):
    out = cli(tmp_path / "nowhere", "backup", str(tmp_path / "b.tar.gz"))
    assert out.returncode == 1 and "no archive" in out.stderr
    assert not (tmp_path / "b.tar.gz").exists()
