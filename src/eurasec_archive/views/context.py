"""What every view works on, set up once by ``create_app``: the app's one Archive object (the
only way a view reaches items and the index) and its item cache; and the one error shape (a
page or JSON) every view and error handler answers with.

Views import this module, never ``eurasec_archive.app``: the app imports the views, so the
dependency goes one way."""

from __future__ import annotations

from flask import current_app, jsonify, render_template, request

from eurasec_archive.archive import Archive

EXTENSION = "eurasec"  # the key of the app's services in ``app.extensions``


def services() -> dict:
    """``{"archive": Archive, "items": ItemCache, ...}`` of the current app."""
    return current_app.extensions[EXTENSION]


def current_archive() -> Archive:
    """The current app's Archive object."""
    return services()["archive"]


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.path.endswith(".json")


def error_response(status: int, message: str, code: str):
    """One function picks the error shape: JSON for the API, a friendly page otherwise."""
    if wants_json():
        return jsonify({"error": {"status": status, "code": code, "message": message}}), status
    title = {404: "Not found", 400: "Bad request", 410: "Removed"}.get(status, "Error")
    return render_template("error.html", status=status, title=title, message=message), status
