"""tantivy (the Rust engine's Python bindings) as a bench-only baseline for run.py: the same
items, the same query kinds, the same work as ``run_search`` — match set, facet counts of
each facet with the other facets' filters applied, top 20 by BM25 (title weighted 3×, as
ours) with a highlighted title and body snippet, the timeline by month — in process and
behind the same HTTP harness as `serve` (waitress with serve's settings, one process per
core). Not a dependency of the archive: ``pip install -r bench/requirements.txt``.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import tantivy

from eurasec_archive.facets import FACETS, facet_values
from eurasec_archive.index import date_number
from eurasec_archive.search import date_bound

TEXT_FIELDS = ["title", "body"]
FIELD_BOOSTS = {"title": 3.0}
FACET_LIMIT = 30
PER_PAGE = 20


def schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw")
    sb.add_text_field("title", stored=True, tokenizer_name="en_stem")
    sb.add_text_field("body", stored=True, tokenizer_name="en_stem")
    sb.add_integer_field("date_num", indexed=True, fast=True)
    sb.add_integer_field("month", indexed=False, fast=True)
    for f in FACETS:
        sb.add_text_field(f"f_{f.name}", fast=True, tokenizer_name="raw")
    return sb.build()


def build(path: Path, items) -> float:
    """Index ``items`` (the archive's, in its order) at ``path``; returns the seconds taken."""
    started = time.perf_counter()
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    index = tantivy.Index(schema(), path=str(path))
    writer = index.writer(heap_size=256_000_000, num_threads=2)
    for item in items:
        day = date_number(item.date) or 0
        fields = {"id": item.id, "title": item.title,
                  "body": "\n".join(p.text for p in item.paragraphs),
                  "date_num": day, "month": day // 100}
        for f in FACETS:
            values = list(facet_values(f, item))
            if values:
                fields[f"f_{f.name}"] = values
        writer.add_document(tantivy.Document(**fields))
    writer.commit()
    writer.wait_merging_threads()
    return time.perf_counter() - started


class TantivySearch:
    """One opened tantivy index answering run.py's queries (thread-safe: tantivy's searcher is)."""

    def __init__(self, path: Path):
        self.index = tantivy.Index.open(str(path))
        self.schema = self.index.schema
        self.searcher = self.index.searcher()

    def text_query(self, q: str):
        if q.endswith("*") and " " not in q and '"' not in q:  # a prefix: every term it starts
            stem = q[:-1].lower()
            return tantivy.Query.boolean_query([
                (tantivy.Occur.Should, tantivy.Query.regex_query(self.schema, f, f"{stem}.*"))
                for f in TEXT_FIELDS])
        return self.index.parse_query_lenient(q, TEXT_FIELDS, field_boosts=FIELD_BOOSTS)[0]

    def filter_query(self, name: str, values: list[str]):
        return tantivy.Query.boolean_query([
            (tantivy.Occur.Should, tantivy.Query.term_query(self.schema, f"f_{name}", v)) for v in values])

    def search(self, q: str, filters: dict, dates: tuple) -> dict:
        """The same work as ``run_search`` (see the module docstring)."""
        s = self.searcher
        base = [(tantivy.Occur.Must, self.text_query(q))] if q else []
        if dates:
            base.append((tantivy.Occur.Must, tantivy.Query.range_query(
                self.schema, "date_num", tantivy.FieldType.Integer,
                date_bound(dates[0], "from"), date_bound(dates[1], "to"))))
        masks = {name: self.filter_query(name, values) for name, values in filters.items() if values}

        def query(skip=None):
            parts = base + [(tantivy.Occur.Must, m) for n, m in masks.items() if n != skip]
            return tantivy.Query.boolean_query(parts) if parts else tantivy.Query.all_query()

        final = query()
        # facets: one aggregation per distinct set of other filters (all of them share one
        # when nothing is filtered), each facet's values counted without its own filter
        facets, timeline = {}, None
        groups: dict[str | None, list[str]] = {}
        for f in FACETS:
            groups.setdefault(f.name if f.name in masks else None, []).append(f.name)
        for skip, names in groups.items():
            aggs = {n: {"terms": {"field": f"f_{n}", "size": FACET_LIMIT}} for n in names}
            if skip is None:
                aggs["timeline"] = {"terms": {"field": "month", "size": 1000}}
            result = s.aggregate(query(skip), aggs)
            for n in names:
                facets[n] = [(b["key"], b["doc_count"]) for b in result[n]["buckets"]]
            if skip is None:
                timeline = sorted((b["key"], b["doc_count"]) for b in result["timeline"]["buckets"])
        if timeline is None:  # every facet filtered: no aggregation over the final set yet
            result = s.aggregate(final, {"timeline": {"terms": {"field": "month", "size": 1000}}})
            timeline = sorted((b["key"], b["doc_count"]) for b in result["timeline"]["buckets"])
        if q:
            found = s.search(final, PER_PAGE)
        else:
            found = s.search(final, PER_PAGE, order_by_field="date_num")
        hits = []
        if q:
            title_gen = tantivy.SnippetGenerator.create(s, final, self.schema, "title")
            body_gen = tantivy.SnippetGenerator.create(s, final, self.schema, "body")
            body_gen.set_max_num_chars(360)
        for _, address in found.hits:
            doc = s.doc(address)
            hit = {"id": doc["id"][0]}
            if q:
                hit["title_html"] = title_gen.snippet_from_doc(doc).to_html() or doc["title"][0]
                hit["highlight"] = body_gen.snippet_from_doc(doc).to_html()
            else:
                hit["title_html"], hit["highlight"] = doc["title"][0], doc["body"][0][:360]
            hits.append(hit)
        return {"total": found.count, "hits": hits, "facets": facets,
                "timeline": [{"month": m, "count": c} for m, c in timeline if m]}


def create_app(path: Path):
    """A Flask app answering ``/api/search?q=&from=&to=&<facet>=`` from the tantivy index."""
    from flask import Flask, Response, request

    app = Flask("tantivy-baseline")
    engine = TantivySearch(path)
    names = [f.name for f in FACETS]

    @app.get("/api/search")
    def api_search():
        filters = {n: request.args.getlist(n) for n in names if request.args.getlist(n)}
        lo, hi = request.args.get("from"), request.args.get("to")
        body = engine.search(request.args.get("q", ""), filters, (lo, hi) if lo and hi else ())
        return Response(json.dumps(body, ensure_ascii=False), content_type="application/json")

    return app


def serve(path: Path, port: int, workers: int) -> None:
    """``create_app`` under waitress with `serve`'s settings, ``workers`` processes on one
    socket (each opens the index itself, after the fork)."""
    import socket

    import waitress

    from eurasec_archive.cli import serve_settings
    from eurasec_archive.serving import Supervisor

    settings = serve_settings()
    if workers <= 1:
        waitress.serve(create_app(path), host="127.0.0.1", port=port, **settings)
        return
    sock = socket.create_server(("127.0.0.1", port), backlog=settings["backlog"])
    Supervisor(lambda: waitress.serve(create_app(path), sockets=[sock], **settings), workers).run()


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description="serve a tantivy baseline index over HTTP")
    ap.add_argument("path", type=Path)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--workers", type=int, default=1)
    a = ap.parse_args()
    serve(a.path, a.port, a.workers)
