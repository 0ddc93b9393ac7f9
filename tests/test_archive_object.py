"""One Archive object owns an archive, and reading one creates nothing: the app used to create
the archive's folders and an empty index as soon as it was made (``create_app`` on a mistyped
``--archive-dir`` left a new empty archive behind), ``eurasec-archive search`` created an index
in an archive without one, and every view module imported ``app.py``, which imports the views."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

from click.testing import CliRunner
from conftest import ROOT, SEEDS

from eurasec_archive.app import create_app
from eurasec_archive.archive import Archive
from eurasec_archive.cli import main
from eurasec_archive.importer import collect_files

PAGES = ["/", "/?q=Lavrov", "/api/search?q=Lavrov", "/speakers", "/organizations", "/about",
         "/feed.atom", "/oai?verb=Identify"]


def test_serving_an_archive_never_imported_into_creates_nothing(tmp_path):
    root = tmp_path / "no-such-archive"
    app = create_app({"ARCHIVE_DIR": str(root), "UPKEEP_INTERVAL": 0})
    client = app.test_client()
    for url in PAGES:
        assert client.get(url).status_code == 200, url
    assert client.get("/api/search?q=").get_json()["total"] == 0
    assert app.extensions["eurasec"]["upkeep"].check() is None  # the server's index upkeep, run now
    assert not root.exists()


def test_an_empty_archive_being_served_finds_what_a_later_import_adds(tmp_path):
    root = tmp_path / "archive"
    app = create_app({"ARCHIVE_DIR": str(root), "UPKEEP_INTERVAL": 0})
    client = app.test_client()
    assert client.get("/api/search?q=").get_json()["total"] == 0
    assert not (root / "index").exists()
    report = Archive(root).import_files(collect_files([SEEDS]))  # another process, as `import`
    imported = report.counts()["imported"]
    assert imported == len(list(SEEDS.glob("*.txt")))
    assert client.get("/api/search?q=").get_json()["total"] == imported
    hits = client.get("/api/search?q=Lavrov").get_json()["hits"]
    assert hits and all(client.get(h["url"]).status_code == 200 for h in hits)


def test_cli_search_in_an_archive_without_an_index_creates_none(tmp_path):
    root = tmp_path / "archive"
    result = CliRunner().invoke(main, ["--archive-dir", str(root), "search", "--json", "Lavrov"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["total"] == 0
    assert not (root / "index").exists()


def test_view_modules_do_not_import_the_app_module():
    views = ["search", "items", "entities", "api", "cite", "browse", "stories", "result_nav", "context"]
    code = ("import sys\n" + "".join(f"import eurasec_archive.views.{v}\n" for v in views)
            + "print('eurasec_archive.app' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_readme_first_run_imports_the_seeds_and_serves_them(tmp_path):
    """`eurasec-archive serve` in a checkout with no archive yet: the seeds are imported, then
    served by waitress."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    port = free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    env.pop("EURASEC_ARCHIVE_DIR", None)
    proc = subprocess.Popen([sys.executable, "-m", "eurasec_archive", "serve", "--port", str(port)],
                            cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/search?q=", timeout=10) as r:
                    data, server = json.loads(r.read()), r.headers.get("Server")
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read()
                time.sleep(0.3)
        assert server == "waitress"
        assert data["total"] == len(list(SEEDS.glob("*.txt"))) > 0
        assert (tmp_path / "archive" / "index").is_dir()
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_the_readme_production_recipe_uses_the_settings_of_serve():
    """The README's waitress-serve command carries every setting `serve` changes from
    waitress's defaults (a listen backlog of 256 was missing)."""
    from waitress.adjustments import Adjustments

    from eurasec_archive.cli import serve_settings

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("## Production")
    section = readme[start:readme.index("\n## ", start + 1)]
    command = " ".join(section[section.index("waitress-serve "):].split("```")[0].replace("\\\n", " ").split())
    words = command.split()[1:]
    flags = {w: (words[i + 1] if i + 1 < len(words) and not words[i + 1].startswith("--") else True)
             for i, w in enumerate(words) if w.startswith("--")}  # a flag without a value: True
    changed = {k: v for k, v in serve_settings().items() if getattr(Adjustments, k) != v}
    assert changed  # serve does bound waitress more tightly than its defaults
    for name, value in changed.items():
        assert flags.get("--" + name.replace("_", "-")) == (True if value is True else str(value)), name
    assert flags["--call"] == "eurasec_archive.app:create_app"
