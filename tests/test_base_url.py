"""The site's address comes from configuration, never from the request: any `Host:` header
was written into canonical links, og/citation meta, JSON-LD, permalinks, citations, Atom, OAI
and OpenAPI (23 times on one item page), and nothing said how long a page may be cached."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from bs4 import BeautifulSoup
from conftest import SEEDS

from eurasec_archive.app import create_app
from eurasec_archive.archive import Archive

EVIL = "evil.example"
SITE = "https://archive.example.org"


@pytest.fixture(scope="module")
def item_id(seeded_dir):
    return Archive(seeded_dir).item_ids()[0]


def pages(item_id):
    return [f"/items/{item_id}", f"/items/{item_id}.json", f"/items/{item_id}/cite?format=chicago",
            f"/items/{item_id}/cite?format=bibtex", "/feed.atom", "/oai?verb=Identify",
            f"/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:eurasec-archive:{item_id}",
            "/api/openapi.json", "/api/search?q=Minsk", "/api/search?format=csv&q=Minsk", "/?q=Minsk"]


@pytest.mark.parametrize("config", [{}, {"BASE_URL": SITE}])
def test_a_forged_host_header_never_reaches_a_page(seeded_dir, item_id, config):
    client = create_app({"ARCHIVE_DIR": str(seeded_dir), **config}).test_client()
    for path in pages(item_id):
        response = client.get(path, headers={"Host": EVIL, "X-Forwarded-Host": EVIL})
        assert response.status_code == 200, path
        assert EVIL not in response.get_data(as_text=True), path


def test_the_configured_base_url_is_used_everywhere_on_an_item_page(seeded_dir, item_id):
    client = create_app({"ARCHIVE_DIR": str(seeded_dir), "BASE_URL": SITE + "/"}).test_client()
    soup = BeautifulSoup(client.get(f"/items/{item_id}", headers={"Host": EVIL}).data, "html.parser")
    assert soup.find("link", rel="canonical")["href"] == f"{SITE}/items/{item_id}"
    og = soup.find("meta", property="og:url")
    assert og and og["content"].startswith(f"{SITE}/items/{item_id}")
    ld = json.loads(soup.find("script", type="application/ld+json").string)
    assert json.dumps(ld).count(SITE) >= 1
    spec = client.get("/api/openapi.json").get_json()
    assert spec["servers"] == [{"url": SITE}]


def test_eurasec_base_url_from_the_environment(seeded_dir, item_id, monkeypatch):
    monkeypatch.setenv("EURASEC_BASE_URL", SITE)
    client = create_app({"ARCHIVE_DIR": str(seeded_dir)}).test_client()
    soup = BeautifulSoup(client.get(f"/items/{item_id}").data, "html.parser")
    assert soup.find("link", rel="canonical")["href"] == f"{SITE}/items/{item_id}"


def test_pages_and_api_say_how_long_they_may_be_cached(seeded_dir, item_id):
    client = create_app({"ARCHIVE_DIR": str(seeded_dir)}).test_client()
    for path in pages(item_id):
        cache = client.get(path).headers.get("Cache-Control", "")
        assert "max-age=" in cache and "public" in cache, (path, cache)
    for path in ("/items/no-such-item", "/api/search?page=0"):
        response = client.get(path)
        assert response.status_code >= 400
        assert response.headers.get("Cache-Control") == "no-store", path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_takes_base_url_and_runs_a_production_server(seeded, item_id):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "eurasec_archive", "--archive-dir", str(seeded.root),
                             "serve", "--port", str(port), "--base-url", SITE, "--seeds", str(SEEDS)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                request = urllib.request.Request(f"http://127.0.0.1:{port}/items/{item_id}",
                                                 headers={"Host": EVIL})
                with urllib.request.urlopen(request, timeout=10) as r:
                    body, server = r.read().decode(), r.headers.get("Server", "")
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read()
                time.sleep(0.2)
        assert server == "waitress"
        soup = BeautifulSoup(body, "html.parser")
        assert soup.find("link", rel="canonical")["href"] == f"{SITE}/items/{item_id}"
        assert EVIL not in body
    finally:
        proc.terminate()
        proc.wait(timeout=30)
