"""A live server for tests: the real app on a free 127.0.0.1 port, in a thread."""

from __future__ import annotations

import os
import threading
import time
from contextlib import contextmanager

from werkzeug.serving import make_server

from eurasec_archive.app import create_app


def slow_documents(wsgi_app, seconds: float):
    """``wsgi_app`` sending every page a browser navigates to in two parts: up to its ``<body>`` tag at
    once (the browser commits the new page: its URL changes), the rest ``seconds`` later (sub-resources
    and API calls on time). A loaded machine made deterministic: a test that reads a page it opened
    before that page has loaded fails every time instead of now and then."""
    def app(environ, start_response):
        body = wsgi_app(environ, start_response)
        if environ.get("HTTP_SEC_FETCH_DEST") != "document":
            return body
        try:
            whole = b"".join(body)
        finally:
            getattr(body, "close", lambda: None)()
        cut = whole.find(b">", whole.find(b"<body")) + 1 if b"<body" in whole else len(whole)

        def parts():
            yield whole[:cut]
            time.sleep(seconds)
            yield whole[cut:]
        return parts()
    return app


@contextmanager
def live_server(archive_dir, **config):
    """Yield the base URL of the real app serving ``archive_dir`` (extra app settings in
    ``config``), stopped on leaving. EURASEC_TEST_PAGE_DELAY=<seconds> holds back the body of every
    page a browser opens (``slow_documents``), to expose the browser tests' navigation races."""
    app = create_app({"ARCHIVE_DIR": str(archive_dir), **config})
    if os.environ.get("EURASEC_TEST_PAGE_DELAY"):
        app.wsgi_app = slow_documents(app.wsgi_app, float(os.environ["EURASEC_TEST_PAGE_DELAY"]))
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
