"""The ``eurasec-archive`` command: a thin shell over the domain modules.

Every command takes the archive directory from ``--archive-dir`` (or EURASEC_ARCHIVE_DIR,
default ./archive). Errors are printed in one line; exit status 1 for failures, 2 for usage.
"""

from __future__ import annotations

import functools
import html
import json
import os
import sys
import time
from pathlib import Path

import click

from eurasec_archive.archive import Archive
from eurasec_archive.cite import FORMATS as CITATION_FORMATS
from eurasec_archive.errors import ArchiveError
from eurasec_archive.facets import FACETS
from eurasec_archive.importer import (
    DEFAULT_MAX_BYTES,
    FileResult,
    collect_files,
    failed_files_of_last_run,
)
from eurasec_archive.search import SORTS, SearchRequest
from eurasec_archive.serving import default_workers, serve_app
from eurasec_archive.stories import StoryIndex
from eurasec_archive.stories.cli import stories as stories_command
from eurasec_archive.stories.describe import item_story


class Context:
    """What every command works on: the one Archive object of ``--archive-dir``."""

    def __init__(self, archive_dir: str):
        self.archive = Archive(archive_dir)


class ArchiveGroup(click.Group):
    """Turns domain errors into one-line messages instead of tracebacks."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ArchiveError as e:
            click.echo(f"Error: {e.message}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("Interrupted; the archive is consistent. Run the same command again to finish.",
                       err=True)
            sys.exit(130)


pass_ctx = click.make_pass_decorator(Context)
SERVE_THREADS = 8  # waitress request threads of `serve`


def engine_options(command):
    """--engine and --opensearch-url (env EURASEC_ENGINE, EURASEC_OPENSEARCH_URL): the search
    engine the command uses (index/engine.py); --opensearch-user and --opensearch-ca for a
    secured cluster (the client reads them from the environment: index/opensearch/client.py).
    Put below ``@pass_ctx``."""

    @functools.wraps(command)
    def run(obj: Context, *args, engine=None, opensearch_url=None, opensearch_user=None,
            opensearch_ca=None, **kwargs):
        for name, value in (("EURASEC_OPENSEARCH_USER", opensearch_user), ("EURASEC_OPENSEARCH_CA", opensearch_ca)):
            if value:
                os.environ[name] = value
        obj.archive.use_engine(engine, opensearch_url)
        return command(obj, *args, **kwargs)

    run = click.option("--opensearch-ca", envvar="EURASEC_OPENSEARCH_CA", metavar="PEM",
                       type=click.Path(exists=True, dir_okay=False),
                       help="Certificate authorities (PEM) to check an https cluster against "
                            "(env EURASEC_OPENSEARCH_CA; default: the system's).")(run)
    run = click.option("--opensearch-user", envvar="EURASEC_OPENSEARCH_USER", metavar="NAME",
                       help="Basic-auth user for the cluster; the password from EURASEC_OPENSEARCH_PASSWORD "
                            "(env EURASEC_OPENSEARCH_USER).")(run)
    run = click.option("--opensearch-url", envvar="EURASEC_OPENSEARCH_URL", metavar="URL",
                       help="The OpenSearch cluster: http(s)://HOST:PORT[,http(s)://HOST2:PORT...][/INDEX] "
                            "(env EURASEC_OPENSEARCH_URL).")(run)
    return click.option("--engine", type=click.Choice(["whoosh", "opensearch"]), envvar="EURASEC_ENGINE",
                        help="Search engine: whoosh (embedded, default) or opensearch (env EURASEC_ENGINE).")(run)


@click.group(cls=ArchiveGroup)
@click.option("--archive-dir", envvar="EURASEC_ARCHIVE_DIR", default="./archive",
              show_default=True, type=click.Path(file_okay=False),
              help="The archive directory (env EURASEC_ARCHIVE_DIR).")
@click.version_option(package_name="eurasec-archive")
@click.pass_context
def main(ctx, archive_dir):
    """A searchable archive of news and diplomatic documents about Eurasian security.

    Typical use: `eurasec-archive import seeds/` then `eurasec-archive serve`.
    """
    ctx.obj = Context(archive_dir)


def _progress_printer(total: int):
    """A progress display: a bar with files/s and ETA on a terminal, plain lines otherwise."""
    if sys.stderr.isatty():
        started = time.monotonic()
        done = 0

        def rate(_item):
            elapsed = time.monotonic() - started
            return f"{done / elapsed:.1f} files/s" if elapsed > 0 and done else ""

        bar = click.progressbar(length=total, label="Importing", file=sys.stderr,
                                show_pos=True, show_eta=True, item_show_func=rate)
        bar.__enter__()

        last_path = None

        def on_result(r: FileResult):
            nonlocal done, last_path
            if r.status == "failed":
                click.echo(f"\nfailed: {r.reason}", err=True)
            for w in r.warnings:
                click.echo(f"\nwarning: {r.path}: {w}", err=True)
            if r.file and r.source_path == last_path:
                return  # another record of the same web archive: the bar counts files
            done += 1
            last_path = r.source_path
            bar.update(1, current_item=r)

        return on_result, lambda: bar.__exit__(None, None, None)

    def on_line(r: FileResult):
        if r.status == "failed":
            click.echo(f"failed: {r.reason}", err=True)
        elif r.status == "skipped":
            click.echo(f"skipped: {r.path} ({r.reason})", err=True)
        else:
            click.echo(f"{r.status}: {r.path} -> {r.item_id}", err=True)
        for w in r.warnings:
            click.echo(f"warning: {r.path}: {w}", err=True)

    return on_line, lambda: None


@main.command("import")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Parse files in this many processes.")
@click.option("--max-bytes", default=DEFAULT_MAX_BYTES, show_default=True, type=click.IntRange(1),
              help="Files larger than this are refused (reported as failed).")
@click.option("--retry-failed", is_flag=True, help="Import again only the files that failed last time.")
@pass_ctx
@engine_options
def import_(obj: Context, paths, jobs, max_bytes, retry_failed):
    """Import files or folders (recursively): .txt captures, .html/.htm pages, .html.gz,
    .pdf, .docx, and web archives (.warc, .warc.gz, .wacz: one item per captured page).

    A file that fails is reported with the reason and does not stop the run. The summary
    (imported / updated / unchanged / failed) is printed and saved under the archive's
    reports/. Exit status 0 when nothing failed, 1 otherwise.
    """
    if retry_failed:
        files = failed_files_of_last_run(obj.archive)
        if not files:
            click.echo("Nothing to retry: the last import had no failures.", err=True)
            return
    elif not paths:
        raise click.UsageError("give at least one file or folder to import (or --retry-failed)")
    else:
        files = collect_files(paths)
    on_result, done = _progress_printer(len(files))
    try:
        report = obj.archive.import_files(files, max_bytes=max_bytes, jobs=jobs, progress=on_result)
    finally:
        done()
    c = report.counts()
    records = sum(1 for r in report.results if r.file)
    click.echo(f"imported {c['imported']}, updated {c['updated']}, unchanged {c['unchanged']}, "
               f"failed {c['failed']}" + (f", skipped {c['skipped']}" if c["skipped"] else "")
               + f" ({len(files)} files" + (f"; {records} web-archive records" if records else "") + ")")
    if report.error:
        click.echo(f"Error: {report.error}; the stored items are kept and are indexed by the next "
                   "import or `verify --repair`", err=True)
        sys.exit(1)
    if c["failed"]:
        click.echo("Retry the failed files with: eurasec-archive import --retry-failed", err=True)
        sys.exit(1)


@main.command()
@pass_ctx
@engine_options
def reindex(obj: Context):
    """Rebuild the search index from the item files (the source of truth)."""
    n = obj.archive.reindex()
    click.echo(f"reindexed {n} items")


@main.command()
@pass_ctx
@engine_options
def optimize(obj: Context):
    """Merge the search index's segments into one per core (an import merges only down to a
    few): searches look words up in fewer places and a server starts with less to read."""
    report = obj.archive.optimize()
    if report is None:
        click.echo("nothing to merge: this engine manages its own segments")
        return
    click.echo(f"merged {report.before} segments into {report.after} "
               f"({report.documents} documents rewritten, {report.seconds:.1f} s)")


@main.command()
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
    # on unindexed items (an O(archive) id comparison) is the server's upkeep, from its start
    done = obj.archive.prepare_index(say=lambda m: click.echo(m, err=True), warm=debug, catch_up_now=debug)
    if done:
        click.echo(done, err=True)
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
    """File items the story store lacks (an archive older than stories); a damaged store is
    reported, not fatal: pages then show no story until `reindex`."""
    stories = StoryIndex.of(archive)
    try:
        added, removed = stories.catch_up(archive)
    except ArchiveError as e:
        click.echo(f"warning: {e.message}", err=True)
        return
    finally:
        stories.close()
    if added or removed:
        click.echo(f"stories caught up: {added} item(s) filed, {removed} removed", err=True)


def search_filters(command):
    """--sort, --from, --to and one repeatable option per facet of the registry (the same
    names as the web and API parameters)."""
    for facet in reversed(FACETS):
        command = click.option(f"--{facet.name}", multiple=True,
                               help=f"Only items with this {facet.label.lower()} (repeatable: any of them).")(command)
    command = click.option("--to", "date_to", help="Published up to YYYY[-MM[-DD]].")(command)
    command = click.option("--from", "date_from", help="Published from YYYY[-MM[-DD]].")(command)
    return click.option("--sort", type=click.Choice(list(SORTS)), default="relevance",
                        show_default=True)(command)


@main.command()
@click.argument("query", default="")
@click.option("--json", "as_json", is_flag=True, help="Print the same JSON as /api/search.")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 100))
@click.option("--page", default=1, show_default=True, type=click.IntRange(1))
@click.option("--collapse-stories", is_flag=True, help="One hit per story; its reprints are counted.")
@click.option("--facets-per-story", is_flag=True, help="Facet counts (--json) count stories, not items.")
@search_filters
@pass_ctx
@engine_options
def search(obj: Context, query, as_json, limit, page, collapse_stories, facets_per_story, sort, date_from, date_to,
           **facets):
    """Search the archive (same syntax and filters as the web search)."""
    params = {"q": [query], "per_page": [str(limit)], "page": [str(page)], "sort": [sort],
              "from": [date_from] if date_from else [], "to": [date_to] if date_to else [],
              "collapse": ["story"] if collapse_stories else [],
              "facet_count": ["story"] if facets_per_story else []}
    params.update({k: list(v) for k, v in facets.items()})
    result = obj.archive.search(SearchRequest.from_params(params))
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=1))
        return
    click.echo(f"{result['total']} results ({result['took_ms']} ms)")
    for s in result["suggestions"]:
        click.echo(f"Did you mean: {s}")
    for h in result["hits"]:
        reprints = f" · + {h['reprints']} reprints (story {h['story']})" if h.get("reprints") else ""
        click.echo(f"\n{h['id']}\n  {h['title']}\n  {h['date'] or 'undated'} · {h['outlet'] or 'unknown outlet'}"
                   + reprints)
        for hl in h["highlights"]:
            text = hl["html"].replace("<mark>", "[").replace("</mark>", "]")
            click.echo(f"  #{hl['paragraph']}: {html.unescape(text)}")


@main.command()
@click.argument("item_id")
@click.option("--json", "as_json", is_flag=True, help="Print the item JSON.")
@pass_ctx
def show(obj: Context, item_id, as_json):
    """Show one item."""
    item = obj.archive.get(item_id)
    if as_json:
        data = item.to_json()
        try:
            data["story"] = item_story(StoryIndex.of(obj.archive), obj.archive, item)
        except ArchiveError as e:  # the item is readable even if its story is not
            click.echo(f"warning: {e.message}", err=True)
            data["story"] = None
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    click.echo(item.title)
    click.echo(f"{item.date or 'undated'} · {item.outlet or 'unknown outlet'} · {item.language}")
    if item.speakers:
        click.echo("Speakers: " + "; ".join(
            f"{s.name} ({s.role})" if s.role else s.name for s in item.speakers))
    click.echo("")
    for p in item.paragraphs:
        click.echo(f"[{p.id}] {p.text}\n")


@main.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "bibtex", "ris"]),
              default="jsonl", show_default=True,
              help="jsonl: the item JSON, one per line; csv: one row per item; bibtex/ris: citations.")
@click.option("--query", "-q", default="", help="Export only the items this search matches.")
@search_filters
@click.option("--base-url", envvar="EURASEC_BASE_URL", default="http://127.0.0.1:5000",
              show_default=True, help="The public address of the web archive, for links.")
@pass_ctx
def export(obj: Context, fmt, query, sort, date_from, date_to, base_url, **facets):
    """Export items to standard output: every item (in id order), or with --query and the
    search filters every item that search matches (in its order, up to 10,000)."""
    from eurasec_archive.export import export_chunks

    params = {"q": [query], "sort": [sort], "from": [date_from] if date_from else [],
              "to": [date_to] if date_to else []}
    params.update({k: list(v) for k, v in facets.items()})
    skipped: list[str] = []
    if query.strip() or date_from or date_to or any(facets.values()):
        selection = obj.archive.select_for_export(SearchRequest.from_params(params))
        if selection.truncated:
            click.echo(f"{selection.total} items match; exporting the first "
                       f"{len(selection.ids)} (narrow the search for the rest)", err=True)
        items = selection.items(obj.archive, skipped)
    else:
        items = obj.archive.items(skipped)
    out = click.get_text_stream("stdout")
    for chunk in export_chunks(items, fmt, base_url):
        out.write(chunk)
    if skipped:  # the export is incomplete: say so, and exit 1
        shown = ", ".join(skipped[:5]) + (" …" if len(skipped) > 5 else "")
        click.echo(f"warning: skipped {len(skipped)} unreadable item(s) ({shown}); "
                   "run `eurasec-archive verify`", err=True)
        sys.exit(1)


@main.command()
@click.option("--repair", is_flag=True, help="Rebuild or complete the index where it disagrees.")
@pass_ctx
def verify(obj: Context, repair):
    """Check that every item, its original and its index entry agree (exit 1 if not)."""
    report = obj.archive.verify(repair=repair)
    for line in report.repaired:
        click.echo(f"repaired: {line}")
    for line in report.warnings:
        click.echo(f"warning: {line}")
    for line in report.problems:
        click.echo(f"problem: {line}")
    click.echo(f"{report.items} items checked: "
               + ("OK" if report.ok else f"{len(report.problems)} problem(s)"))
    if not report.ok:
        sys.exit(1)


@main.command("cite")
@click.argument("item_id")
@click.option("--format", "fmt", type=click.Choice(list(CITATION_FORMATS)), default="chicago",
              show_default=True, help="Citation format.")
@click.option("--paragraph", help="Cite one paragraph by its id (e.g. p7): \"…, para. 7\".")
@click.option("--version", "version", type=click.IntRange(1), help="Cite this version (default: current).")
@click.option("--base-url", envvar="EURASEC_BASE_URL", default="http://127.0.0.1:5000",
              show_default=True, help="The public address of the web archive (env EURASEC_BASE_URL).")
@pass_ctx
def cite_(obj: Context, item_id, fmt, paragraph, version, base_url):
    """Print a citation of one item: csl-json, bibtex, ris, or chicago / apa / mla."""
    from eurasec_archive.cite import cite

    item = obj.archive.get_at(item_id, version)
    click.echo(cite(item, fmt, base_url, paragraph=paragraph).text, nl=False)


@main.command()
@click.argument("item_id")
@click.option("--reason", required=True, help="Why it is removed (shown on its 410 page).")
@pass_ctx
def delete(obj: Context, item_id, reason):
    """Remove an item: its address answers 410 with a tombstone saying what it was and why.

    The original file and the item's history are kept; the item leaves the search index.
    """
    tombstone = obj.archive.delete(item_id, reason)
    click.echo(f"removed {tombstone['id']} (version {tombstone['version']}): {tombstone['reason']}")


@main.command()
@click.argument("old_id")
@click.argument("new_id")
@pass_ctx
def rename(obj: Context, old_id, new_id):
    """Give an item a new permanent id: the old address answers 301 to the new one (pages,
    citations, the API), OAI-PMH reports the old identifier as deleted, and the history moves
    with the item. Ids are never reused."""
    item = obj.archive.rename(old_id, new_id)
    click.echo(f"renamed {old_id} -> {item.id}")


@main.command()
@click.option("--unknown", is_flag=True, required=True,
              help="List names and acronyms found in items but missing from the authority files.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--min-count", default=1, show_default=True, type=click.IntRange(1),
              help="Only entities found in at least this many items.")
@pass_ctx
def entities(obj: Context, unknown, as_json, min_count):
    """Entities the extractor found but the authority files do not know, with counts,
    so an archivist can grow src/eurasec_archive/authority/*.json."""
    from eurasec_archive.extract.unknown import unknown_entities

    rows = [r for r in unknown_entities(obj.archive.items()) if r["count"] >= min_count]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    for r in rows:
        variant = f"  (likely {r['variant_of']})" if r.get("variant_of") else ""
        click.echo(f"{r['count']:>5}  {r['kind']:<12}  {r['name']}{variant}")


@main.command()
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


@main.command()
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


main.add_command(stories_command)
