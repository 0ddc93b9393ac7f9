"""Serving speed without changing what is served: `serve --workers N` runs N waitress
processes on one port (one Python process uses one core at a time) and leaves none behind;
the search page's facet values are written by one function instead of a Jinja loop (two thirds
of the page's CPU), byte for byte as the loop wrote them; citations rendered by citeproc-py
are kept by what they were made from, bounded."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from jinja2 import Environment

from eurasec_archive import cite_styles
from eurasec_archive.app import create_app
from eurasec_archive.cite import cite_panel
from eurasec_archive.views.filters import facet_values_html

# the loop templates/search.html had before facet_values_html, verbatim: the reference
OLD_LOOP = """          <ul>
          {% for v in g["values"] %}
            <li{% if not v.top %} class="extra"{% endif %} data-count="{{ v.count }}">
              <input type="checkbox" class="autosubmit" id="f-{{ f.name }}-{{ loop.index }}" name="{{ f.name }}" value="{{ v.value }}" {% if v.selected %}checked{% endif %}>
              <label for="f-{{ f.name }}-{{ loop.index }}"><span class="v{% if v.label != v.value %} unknown{% endif %}">{{ v.label }}</span> <span class="count">{{ v.count }}</span></label>
            </li>
          {% endfor %}
          </ul>"""
NEW_LOOP = """          <ul>
          {{ facet_values_html(f.name, g["values"]) }}
          </ul>"""


def test_facet_values_are_written_as_the_template_loop_wrote_them():
    env = Environment(autoescape=True)
    env.globals["facet_values_html"] = facet_values_html
    values = [
        {"value": "TASS", "label": "TASS", "count": 12, "selected": True, "top": True},
        {"value": 'A "quoted" <b>&amp; \'odd\'</b>', "label": 'A "quoted" <b>&amp; \'odd\'</b>',
         "count": 3, "selected": False, "top": True},
        {"value": "", "label": "unknown outlet", "count": 1, "selected": False, "top": False},
        {"value": "Лавров", "label": "Лавров", "count": 0, "selected": True, "top": False},
    ]
    for name in ("outlet", 'x"y<z>'):
        context = {"f": {"name": name}, "g": {"values": values}}
        assert env.from_string(NEW_LOOP).render(**context) == env.from_string(OLD_LOOP).render(**context)


def test_the_search_page_marks_selected_and_unknown_values(seeded):
    client = create_app({"ARCHIVE_DIR": str(seeded.root), "UPKEEP_INTERVAL": 3600}).test_client()
    outlets = client.get("/api/search?q=&per_page=1").get_json()["facets"]["outlet"]
    chosen = outlets[0]["value"]
    soup = BeautifulSoup(client.get("/", query_string={"outlet": chosen}).data, "html.parser")
    boxes = soup.select('fieldset[data-facet="outlet"] input[name="outlet"]')
    assert [b["value"] for b in boxes if b.has_attr("checked")] == [chosen]
    assert {b["value"] for b in boxes} == {v["value"] for v in outlets}
    counts = {li.input["value"]: int(li["data-count"]) for li in
              soup.select('fieldset[data-facet="outlet"] li')}
    assert counts[chosen] == outlets[0]["count"]


def test_rendered_citations_are_kept_by_what_they_were_made_from(seeded):
    item = seeded.archive.get(seeded.archive.item_ids()[0])
    first = cite_panel(item, "http://a.example", accessed=date(2026, 1, 2))
    # the same item, another site address and another day: every form says them, none is reused
    other = cite_panel(item, "http://b.example", accessed=date(2026, 1, 3))
    for a, b in zip(first["styles"], other["styles"], strict=True):
        assert "a.example" in a["text"] and "b.example" in b["text"]
        assert a["text"] != b["text"]
    again = cite_panel(item, "http://a.example", accessed=date(2026, 1, 2))
    assert [s["html"] for s in again["styles"]] == [s["html"] for s in first["styles"]]


def test_the_rendered_citations_cache_is_bounded():
    cache = cite_styles.RenderedCitations(max_chars=1000)
    for n in range(50):
        cache.get(("entry", "apa", True, f"record {n}"), lambda n=n: "x" * 100)
    assert cache.chars <= 1000
    made = []
    cache.get(("entry", "apa", True, "record 49"), lambda: made.append(1) or "y")
    assert not made  # the most recent one is kept


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(c) for c in f.read().split()]
    except OSError:
        return []


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def start_serve(root, workers: int):
    port = free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen([sys.executable, "-m", "eurasec_archive", "--archive-dir", str(root), "serve",
                             "--port", str(port), "--workers", str(workers), "--seeds", "/nonexistent"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(base + "/api/search?q=", timeout=10).read()
            return proc, base
        except OSError:
            assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read()
            time.sleep(0.3)


def listening_inode(port: int) -> str:
    with open("/proc/net/tcp") as f:
        for line in f.read().splitlines()[1:]:
            fields = line.split()
            if fields[1].endswith(f":{port:04X}") and fields[3] == "0A":  # 0A: LISTEN
                return fields[9]
    raise AssertionError(f"nothing listens on port {port}")


def socket_inodes(pid: int) -> set[str]:
    out = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            out.add(target[8:-1])
    return out


def wait_gone(pids, seconds=20) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(alive(p) for p in pids):
        time.sleep(0.2)
    return [p for p in pids if alive(p)]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_serve_with_two_workers_answers_from_both_and_stops_them_all(seeded):
    proc, base = start_serve(seeded.root, 2)
    try:
        workers = children(proc.pid)
        assert len(workers) == 2
        expected = json.loads(urllib.request.urlopen(base + "/api/search?q=Lavrov", timeout=30).read())["total"]

        def fetch(_):
            with urllib.request.urlopen(base + "/api/search?q=Lavrov", timeout=30) as r:
                return r.status, json.loads(r.read())["total"], r.headers["Server"]

        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(fetch, range(40)))
        assert answers == [(200, expected, "waitress")] * 40
        # both workers hold the one listening socket (the kernel gives each connection to one)
        port = int(base.rsplit(":", 1)[1])
        assert all(listening_inode(port) in socket_inodes(p) for p in workers)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert wait_gone(workers) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc and prctl")
def test_workers_do_not_outlive_a_killed_supervisor(seeded):
    proc, base = start_serve(seeded.root, 2)
    workers = children(proc.pid)
    assert len(workers) == 2
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert wait_gone(workers) == []


def test_searches_fill_the_servers_shared_item_cache_from_empty(seeded):
    """run_search took ``items or ItemCache(...)``: the server's shared cache, empty at start,
    has len 0, so every search made a private one and read its hits' files again, and the
    shared cache stayed empty until an item or entity page filled it."""
    app = create_app({"ARCHIVE_DIR": str(seeded.root), "UPKEEP_INTERVAL": 3600})
    shared = app.extensions["eurasec"]["items"]
    hits = app.test_client().get("/api/search?q=").get_json()["hits"]
    assert hits and len(shared) == len(hits)


def test_timeline_bar_links_are_the_url_with_of_each_month():
    from eurasec_archive.views.filters import month_urls, url_with

    months = ["2024-01", "2024-02", "2025-12"]
    for params in ({}, {"q": ["a&b c"]}, {"q": ["x"], "page": ["3"], "outlet": ["TASS", "Б"]},
                   {"q": ["x"], "from": ["2020"]}, {"to": ["2021-05"], "speaker": ["A"]}):
        assert month_urls(params, months) == {m: url_with(params, **{"from": m, "to": m}) for m in months}
