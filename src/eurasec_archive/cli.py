"""The ``eurasec-archive`` command: a thin shell over the domain modules.

Every command takes the archive directory from ``--archive-dir`` (or EURASEC_ARCHIVE_DIR,
default ./archive). Errors are printed in one line; exit status 1 for failures, 2 for usage.
"""

from __future__ import annotations

import html
import json
import sys
import time

import click

from eurasec_archive.cite import FORMATS as CITATION_FORMATS
from eurasec_archive.cli_base import ArchiveGroup, Context, engine_options, pass_ctx
from eurasec_archive.cli_ops import _catch_up_stories, backup, restore, serve, serve_settings  # noqa: F401 (public)
from eurasec_archive.errors import ArchiveError
from eurasec_archive.facets import FACETS
from eurasec_archive.importer import (
    DEFAULT_MAX_BYTES,
    FileResult,
    collect_files,
    failed_files_of_last_run,
)
from eurasec_archive.search import SORTS, SearchRequest
from eurasec_archive.stories import StoryIndex
from eurasec_archive.stories.cli import stories as stories_command
from eurasec_archive.stories.describe import item_story


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


for _command in (serve, backup, restore, stories_command):
    main.add_command(_command)
