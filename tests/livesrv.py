"""A live server for tests: the real app on a free 127.0.0.1 port, in a thread."""

from __future__ import annotations

import threading
from contextlib import contextmanager

from werkzeug.serving import make_server

from eurasec_archive.app import create_app


@contextmanager
def live_server(archive_dir, **config):
    """Yield the base URL of the real app serving ``archive_dir`` (extra app settings in
    ``config``), stopped on leaving."""
    app = create_app({"ARCHIVE_DIR": str(archive_dir), **config})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    # links name the site's configured address (never the request's Host): here, this server
    if "BASE_URL" not in config:
        app.config["BASE_URL"] = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
