"""Fixtures that build real temporary archives: real files, real Whoosh index, real app."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from eurasec_archive.archive import Archive
from eurasec_archive.importer import Importer, collect_files
from eurasec_archive.index import ArchiveIndex

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"


class Store:
    """An archive directory with its index, as the CLI and the app open it."""

    def __init__(self, root: Path):
        self.root = root
        self.archive = Archive(root).ensure()
        self.index = ArchiveIndex(self.archive.index_dir).ensure()

    def import_paths(self, *paths, **kwargs):
        return Importer(self.archive, self.index, **kwargs).run(collect_files(paths))


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(tmp_path / "archive")


@pytest.fixture(scope="session")
def seeded_dir(tmp_path_factory) -> Path:
    """A session-wide archive with the five seeds imported (treat as read-only)."""
    root = tmp_path_factory.mktemp("seeded") / "archive"
    Store(root).import_paths(SEEDS)
    return root


@pytest.fixture
def seeded(seeded_dir, tmp_path) -> Store:
    """A private copy of the seeded archive, free to modify."""
    root = tmp_path / "archive"
    # a server of an earlier test may still be resyncing the shared archive's SQLite side files in a
    # background thread: their transient journals are not copied, and a copy that raced one is made again
    transient = shutil.ignore_patterns("*-journal", "*-wal", "*-shm")
    for attempt in range(3):
        try:
            shutil.copytree(seeded_dir, root, ignore=transient)
            break
        except (shutil.Error, FileNotFoundError):
            shutil.rmtree(root, ignore_errors=True)
            if attempt == 2:
                raise
            time.sleep(0.2)
    return Store(root)


@pytest.fixture(scope="module")
def server(seeded_dir):
    """The real app on a free 127.0.0.1 port serving the seeded archive (read-only); a module may override it."""
    from livesrv import live_server

    with live_server(seeded_dir) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium under Playwright, one per test module (browser test modules skip without it)."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    from browser_kit import CHROMIUM, CHROMIUM_ARGS

    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def opensearch_cluster(tmp_path_factory):
    """A real three-node OpenSearch cluster for the session (``opensearch_kit``); stopped at the end."""
    from opensearch_kit import start_cluster

    cluster = start_cluster(Path("/var/tmp") / f"eurasec-pytest-{os.getpid()}")
    yield cluster
    cluster.stop()
