"""create_app(config) -> the Flask app: a read-only web interface over one archive."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask, make_response, request
from werkzeug.exceptions import HTTPException

from eurasec_archive.archive import Archive
from eurasec_archive.errors import ArchiveError, NotFound
from eurasec_archive.index.deadline import time_limit_setting
from eurasec_archive.search import ItemCache
from eurasec_archive.upkeep import IndexUpkeep, raised_in_index
from eurasec_archive.views.context import EXTENSION, error_response, services, wants_json

PACKAGE_DIR = Path(__file__).resolve().parent

# settings with their defaults; override through create_app({...}) or EURASEC_* env vars
SETTINGS = {
    "ARCHIVE_DIR": "./archive",
    "SITE_NAME": "Eurasian Security Archive",
    "SEARCH_TIME_LIMIT": 2.0,  # seconds per search; slower ones return partial results, timed_out
    # the public address in every link, citation and feed; never taken from the request's Host
    "BASE_URL": "http://localhost",
    "CACHE_MAX_AGE": 60,  # seconds browsers and proxies may keep a page or API answer
    "UPKEEP_INTERVAL": 2.0,  # seconds between checks that the index is in step (upkeep.py)
}
# EURASEC_<name> overrides the default
ENV_SETTINGS = ("ARCHIVE_DIR", "BASE_URL", "UPKEEP_INTERVAL", "SEARCH_TIME_LIMIT")

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def templates_dir() -> Path:
    """Templates ship inside the wheel; in a source checkout they are at the repo root."""
    packaged = PACKAGE_DIR / "templates"
    return packaged if packaged.is_dir() else PACKAGE_DIR.parent.parent / "templates"


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__, template_folder=str(templates_dir()),
                static_folder=str(PACKAGE_DIR / "static"))
    app.config.update(SETTINGS)
    for name in ENV_SETTINGS:
        app.config[name] = os.environ.get(f"EURASEC_{name}") or app.config[name]
    app.config.update(config or {})

    # the one Archive object: views reach items and the index only through it (as the CLI
    # does). Serving creates nothing: an archive never imported into searches as empty.
    archive = Archive(app.config["ARCHIVE_DIR"],
                      search_time_limit=time_limit_setting(app.config["SEARCH_TIME_LIMIT"],
                                                           "SEARCH_TIME_LIMIT (EURASEC_SEARCH_TIME_LIMIT)"),
                      # the search engine (index/engine.py); None: EURASEC_ENGINE, else Whoosh
                      engine=app.config.get("ENGINE"), opensearch_url=app.config.get("OPENSEARCH_URL"))
    upkeep = IndexUpkeep(archive, interval=float(app.config["UPKEEP_INTERVAL"]))
    app.extensions[EXTENSION] = {
        "archive": archive, "items": ItemCache(archive), "upkeep": upkeep,
    }

    from eurasec_archive.views import api, browse, cite, entities, feed, items, oai, search, stories

    # cite's before_app_request hook turns renamed ids into 301s and removed ones into 410s
    for view in (search, cite, items, api, browse, entities, feed, oai, stories):
        app.register_blueprint(view.bp)

    @app.before_request
    def keep_index_in_step():
        upkeep.tick()  # catches up on unindexed items, rebuilds a damaged index (background)

    @app.teardown_request
    def release_searcher(exc):
        # request threads come and go; the searcher (and its cached arrays) stays for the next
        archive.release_searcher()

    @app.after_request
    def security_headers(response):
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        if request.path.startswith("/api/") or request.path.endswith(".json"):
            response.headers["Access-Control-Allow-Origin"] = "*"
        if response.status_code >= 400:
            response.headers["Cache-Control"] = "no-store"  # an error must not be kept
        elif not request.path.startswith("/static/"):  # static files: Flask's own max-age
            response.headers["Cache-Control"] = f"public, max-age={int(app.config['CACHE_MAX_AGE'])}"
        return response

    @app.errorhandler(ArchiveError)
    def archive_error(e: ArchiveError):
        response = make_response(error_response(e.status, e.message, e.code))
        if getattr(e, "retry_after", None):  # e.g. the item catalog being built (catalog.py)
            response.headers["Retry-After"] = str(e.retry_after)
        return response

    @app.errorhandler(HTTPException)
    def http_error(e: HTTPException):
        return error_response(e.code or 500, e.description or e.name, e.name.lower().replace(" ", "_"))

    @app.errorhandler(Exception)
    def unexpected(e: Exception):  # never a stack trace to the user
        if raised_in_index(e):  # a damaged index: say so, and let upkeep repair it
            upkeep.index_failed(e)
            return error_response(503, "The search index is being repaired; please try again in a "
                                       "minute.", "index_unavailable")
        app.logger.exception("unhandled error")
        return error_response(500, "Something went wrong on our side. Please try again.", "internal")

    app.jinja_env.globals["site_name"] = app.config["SITE_NAME"]
    from eurasec_archive.views import filters

    filters.register(app)
    return app


# error_response, services and wants_json live in views/context.py (kept importable here)
__all__ = ["create_app", "NotFound", "error_response", "services", "wants_json"]
