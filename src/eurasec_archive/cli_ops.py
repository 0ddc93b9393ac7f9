"""The operating commands of ``eurasec-archive``: ``serve`` (waitress in worker processes,
the seeds imported into an empty archive first), ``backup`` and ``restore``. Registered on the
command group in ``cli.py``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from eurasec_archive.archive import Archive
from eurasec_archive.cli_base import Context, engine_options, pass_ctx
from eurasec_archive.errors import ArchiveError
from eurasec_archive.files import collect_files
from eurasec_archive.serving import default_workers, serve_app

SERVE_THREADS = 8  # waitress request threads of `serve`


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind.")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--seeds", "seed_dir", default="seeds", show_default=True,
              type=click.Path(file_okay=False),
              help="Imported first when the archive is empty (if the folder exists).")
@click.option("--base-url", envvar="EURASEC_BASE_URL",
              help="The site's public address, used in every link, citation and feed "
                   "(env EURASEC_BASE_URL; default http://HOST:PORT). Never taken from requests.")
@click.option("--threads", default=SERVE_THREADS, show_default=True, type=click.IntRange(1, 64),
              help="Request threads (bounded: memory stays bounded under load).")
@click.option("--workers", default=default_workers(), show_default=True, type=click.IntRange(1, 16),
              help="Server processes sharing the port (one per core: a Python process uses "
                   "one core at a time), each with --threads threads.")
@click.option("--debug", is_flag=True, help="Werkzeug's development server with the debugger (never in production).")
@pass_ctx
@engine_options
def serve(obj: Context, host, port, seed_dir, base_url, threads, workers, debug):
    """Serve the web interface (read-only) with waitress, a production WSGI server with a
    bounded thread pool, in --workers processes. Imports the seeds into an empty archive first."""
    from eurasec_archive.app import create_app

    if obj.archive.is_empty() and not Path(seed_dir).is_dir():
        where = f"no archive at {obj.archive.root.resolve()} and no seeds folder at {Path(seed_dir).resolve()}"
        how = (f"import documents first (eurasec-archive --archive-dir {obj.archive.root} import FOLDER), "
               "or run serve where the archive is, or pass --archive-dir / EURASEC_ARCHIVE_DIR")
        if not obj.archive.root.exists():  # nothing to serve: say so, and create nothing
            raise click.ClickException(f"{where}: {how}.")
        click.echo(f"Warning: the archive at {obj.archive.root.resolve()} is empty and there is "
                   f"no seeds folder at {Path(seed_dir).resolve()}; {how}.", err=True)
    if obj.archive.is_empty() and Path(seed_dir).is_dir():
        click.echo(f"The archive is empty: importing {seed_dir}/ first", err=True)
        report = obj.archive.import_files(collect_files([seed_dir]))
        click.echo(f"imported {report.counts()['imported']} items", err=True)
    # the app's own archive object warms its arrays (serving.py), not this one; the catch-up
    # on unindexed items and on the story store (O(archive) id comparisons) is the server's
    # upkeep, from its start
    done = obj.archive.prepare_index(say=lambda m: click.echo(m, err=True), warm=debug, catch_up_now=debug)
    if done:
        click.echo(done, err=True)
    if debug:  # else the upkeep files what the story store lacks, in the background
        _catch_up_stories(obj.archive)
    site = (base_url or f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}").rstrip("/")
    if not base_url and host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: links will say {site}; give the public address with --base-url", err=True)
    app = create_app({"ARCHIVE_DIR": str(obj.archive.root), "BASE_URL": site,
                      "ENGINE": obj.archive.engine, "OPENSEARCH_URL": obj.archive.opensearch_url})
    if debug:
        click.echo(f"Serving {obj.archive.root} on http://{host}:{port}/ as {site}", err=True)
        app.extensions["eurasec"]["archive"].catalog.refresh_in_background()
        app.run(host=host, port=port, threaded=True, use_reloader=False, debug=True)
        return
    import faulthandler

    faulthandler.enable()  # a fatal signal leaves a line in the log, not silence
    processes = f"{workers} processes × {threads} threads" if workers > 1 else f"{threads} threads"
    click.echo(f"Serving {obj.archive.root} on http://{host}:{port}/ as {site} ({processes})", err=True)
    serve_app(app, host, port, workers, serve_settings(threads))



def serve_settings(threads: int = SERVE_THREADS) -> dict:
    """waitress settings of `serve` (and of the README's production recipe): a bounded thread
    pool and bounded queues, so memory stays bounded however many clients connect."""
    # poll(), not select(): select() cannot watch a socket numbered past 1024, and a worker
    # holding many index files (a segment each per searcher) crashed on every new connection
    return {"threads": threads, "connection_limit": 200, "channel_timeout": 60,
            "backlog": 256, "ident": "waitress", "asyncore_use_poll": True}


def _catch_up_stories(archive: Archive) -> None:
    """File items the story store lacks (``maintenance.catch_up_stories``); a damaged store is
    reported, not fatal: pages then show no story until `reindex`."""
    from eurasec_archive.maintenance import catch_up_stories

    try:
        done = catch_up_stories(archive)
    except ArchiveError as e:
        click.echo(f"warning: {e.message}", err=True)
        return
    if done:
        click.echo(done, err=True)


@click.command()
@click.argument("path", type=click.Path(dir_okay=True))
@pass_ctx
def backup(obj: Context, path):
    """Write a consistent snapshot of the archive to PATH (a new .tar.gz, or a dated file in
    the folder PATH), with a manifest of sha256s. Safe while `serve` runs and an import writes;
    the index is not copied (restore rebuilds it from the items)."""
    report = obj.archive.backup(path)
    for line in report.warnings:
        click.echo(f"warning: {line}", err=True)
    click.echo(f"backed up {report.items} items ({report.files} files, {report.bytes} bytes) "
               f"to {report.path}")


@click.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--force", is_flag=True, help="Replace an archive that already has content.")
@pass_ctx
def restore(obj: Context, path, force):
    """Restore a backup into the archive directory: every file is checked against the
    manifest, the index is rebuilt, and `verify` runs at the end (exit 1 if it fails).
    A non-empty archive is refused unless --force."""
    report = obj.archive.restore(path, force=force)
    for line in report.verify.warnings:
        click.echo(f"warning: {line}", err=True)
    for line in report.verify.problems:
        click.echo(f"problem: {line}", err=True)
    click.echo(f"restored {report.items} items ({report.files} files) into {obj.archive.root}; "
               + ("verify OK" if report.verify.ok else f"verify found {len(report.verify.problems)} problem(s)"))
    if not report.verify.ok:
        sys.exit(1)
