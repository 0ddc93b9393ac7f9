"""Bulk export: a search result (or the whole archive) as one file — CSV and JSON Lines for data
work, BibTeX and RIS for reference managers. Chunks are yielded so the web can stream them."""

from __future__ import annotations

import csv
import io
import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from eurasec_archive.cite import bibtex, csl_item, permalink, ris
from eurasec_archive.errors import BadQuery, Gone, NotFound, UnreadableItem
from eurasec_archive.models import Item

EXPORT_FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "jsonl": ("application/x-ndjson; charset=utf-8", "jsonl"),
    "bibtex": ("application/x-bibtex; charset=utf-8", "bib"),
    "ris": ("application/x-research-info-systems; charset=utf-8", "ris"),
}
CSV_COLUMNS = ("id", "title", "date", "date_precision", "outlet", "language", "authors",
               "speakers", "organizations", "people", "places", "version", "updated_at",
               "url", "permalink", "source_filename", "source_url", "sha256")
CSV_LIST_SEPARATOR = "; "


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # OWASP CSV injection: cells a spreadsheet evaluates


def csv_cell(value):
    """A CSV cell a spreadsheet shows as text: a leading ' before = + - @ tab or CR (OWASP)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_row(item: Item, base_url: str) -> dict:
    """One item as a flat CSV row (lists joined with "; "), every cell neutralized (``csv_cell``)."""
    return {k: csv_cell(v) for k, v in _csv_fields(item, base_url).items()}


def _csv_fields(item: Item, base_url: str) -> dict:
    join = CSV_LIST_SEPARATOR.join
    return {
        "id": item.id, "title": item.title, "date": item.date or "",
        "date_precision": item.date_precision or "", "outlet": item.outlet or "",
        "language": item.language, "authors": join(item.authors),
        "speakers": join(s.name for s in item.speakers),
        "organizations": join(o.name for o in item.organizations),
        "people": join(item.people), "places": join(item.places),
        "version": item.version, "updated_at": item.updated_at or "",
        "url": f"{base_url.rstrip('/')}{item.url}", "permalink": permalink(item, base_url),
        "source_filename": item.source.filename, "source_url": item.source.url or "",
        "sha256": item.source.sha256,
    }


EXPORT_LIMIT = 10_000  # items in one export; narrow the search for more


@dataclass
class ExportSelection:
    """The items of one search, in its order: ``total`` matched, ``ids`` the first
    ``EXPORT_LIMIT`` of them (``truncated`` when that is fewer)."""

    total: int
    ids: list[str]
    skipped: list[str] = field(default_factory=list)  # damaged item files left out

    @property
    def truncated(self) -> bool:
        return self.total > len(self.ids)

    def items(self, archive, skipped: list[str] | None = None):
        """The items, loaded one at a time (skipping any deleted since the search, and damaged
        ones with a logged warning, their ids appended to ``skipped``)."""
        for item_id in self.ids:
            item = _load(archive, item_id, skipped)
            if item is not None:
                yield item

    def readable(self, archive) -> ExportSelection:
        """The selection without the ids whose item file is damaged (so headers can count
        what is really sent); ``skipped`` lists those ids."""
        bad: list[str] = []
        ok = [i for i in self.ids if _load(archive, i, bad) is not None]
        return ExportSelection(self.total, ok, bad)


def _load(archive, item_id: str, damaged: list[str] | None) -> Item | None:
    """The item, or None if it went since the search or its file is damaged (logged, and its
    id appended to ``damaged``)."""
    try:
        return archive.get(item_id)
    except (NotFound, Gone):
        return None
    except UnreadableItem as e:
        logging.getLogger("eurasec_archive").warning("%s", e.message)
        if damaged is not None:
            damaged.append(item_id)
        return None


def select_for_export(index, req, limit: int = EXPORT_LIMIT) -> ExportSelection:
    """Every item matching the search request ``req`` (a ``search.SearchRequest``; its page
    and per_page are ignored), in its sort order, up to ``limit``.

    :raise BadQuery: the query or a filter is unusable
    """
    from eurasec_archive.search import date_bound  # search imports the index; cite stays light

    raw = index.search(index.parse(req.q), req.filters, date_bound(req.date_from, "from"),
                       date_bound(req.date_to, "to"), req.sort, 0, limit, 0)
    return ExportSelection(raw.total, [h.id for h in raw.hits])


def export_chunks(items, fmt: str, base_url: str, accessed: date | None = None):
    """Yield ``items`` (any iterable of Item) serialized in ``fmt`` (one of
    :data:`EXPORT_FORMATS`), one chunk per item (CSV: the header row first).

    ``jsonl`` is the item JSON of the archive's public contract, one object per line.

    :raise BadQuery: unknown format (raised before anything is yielded)
    """
    if fmt not in EXPORT_FORMATS:
        raise BadQuery(f"unknown export format {fmt[:40]!r}; use one of "
                       f"{', '.join(EXPORT_FORMATS)}")
    return _export_chunks(items, fmt, base_url, accessed or datetime.now(UTC).date())


def _export_chunks(items, fmt, base_url, accessed):
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
        writer.writeheader()
        for item in items:
            writer.writerow(csv_row(item, base_url))
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue()
        return
    for item in items:
        if fmt == "jsonl":
            yield json.dumps(item.to_json(), ensure_ascii=False) + "\n"
        elif fmt == "bibtex":
            yield bibtex(csl_item(item, base_url, accessed)) + "\n"
        else:
            yield ris(csl_item(item, base_url, accessed))
