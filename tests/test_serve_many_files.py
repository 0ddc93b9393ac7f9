"""`serve`'s waitress answers while its process holds more than 1,024 open files.

waitress watches its sockets with select() by default, which cannot take a descriptor numbered
past FD_SETSIZE (1,024). At 100,000 documents in 200 segments a worker held ~1,800 index files
(a segment's file per searcher), so every socket it accepted was numbered past 1,024 and the
worker died with 'ValueError: filedescriptor out of range in select()' (14 times in 30 s of 16
clients: connections reset, the bench's 192 errors). serve_settings asks for poll().
"""

from __future__ import annotations

import json
import os
import resource
import threading
import urllib.request

import pytest
from waitress.server import create_server

from eurasec_archive.app import create_app
from eurasec_archive.cli import serve_settings

HELD = 1100  # open files before the server starts: its sockets are numbered past 1,024


def test_serve_settings_answer_with_more_than_1024_files_open(seeded):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    need = HELD + 200
    if soft < need:
        if hard != resource.RLIM_INFINITY and hard < need:
            pytest.skip(f"this machine allows {hard} open files")
        resource.setrlimit(resource.RLIMIT_NOFILE, (need, hard))
    held = [os.open(os.devnull, os.O_RDONLY) for _ in range(HELD)]
    server = None
    try:
        app = create_app({"ARCHIVE_DIR": str(seeded.root), "BASE_URL": "http://127.0.0.1"})
        server = create_server(app, host="127.0.0.1", port=0, **serve_settings())
        assert server.socket.fileno() > 1024
        threading.Thread(target=server.run, daemon=True).start()
        url = f"http://127.0.0.1:{server.effective_port}/api/search?q=security"
        for _ in range(3):  # a new connection each time
            with urllib.request.urlopen(url, timeout=15) as r:
                assert r.status == 200
                assert json.loads(r.read())["hits"]
    finally:
        if server is not None:
            server.close()
        for fd in held:
            os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
