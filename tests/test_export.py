"""Bulk export of a search result (or the whole archive) as CSV, JSON Lines, BibTeX and RIS,
through /api/search?format=… and `eurasec-archive export`, parsed back with the csv module,
json, bibtexparser and rispy."""

from __future__ import annotations

import csv
import io
import json

import bibtexparser
import pytest
import rispy
from click.testing import CliRunner

from eurasec_archive.app import create_app
from eurasec_archive.archive import Archive
from eurasec_archive.cli import main
from eurasec_archive.export import CSV_COLUMNS, EXPORT_FORMATS


@pytest.fixture(scope="module")
def client(seeded_dir):
    return create_app({"ARCHIVE_DIR": str(seeded_dir), "TESTING": True}).test_client()


@pytest.fixture(scope="module")
def items(seeded_dir):
    return {i.id: i for i in Archive(seeded_dir).items()}


def ids_in(fmt: str, text: str) -> list[str]:
    """The item ids of an export, read back by the client library of its format."""
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        return [r["id"] for r in rows]
    if fmt == "jsonl":
        return [json.loads(line)["id"] for line in text.splitlines()]
    if fmt == "bibtex":
        library = bibtexparser.parse_string(text)
        assert not library.failed_blocks
        return [e.key for e in library.entries]
    return [r["id"] for r in rispy.loads(text)]


def api_export(client, fmt, **params):
    response = client.get("/api/search", query_string={"format": fmt, **params})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == EXPORT_FORMATS[fmt][0].split(";")[0]
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    return response


def cli_export(seeded_dir, *args):
    result = CliRunner().invoke(main, ["--archive-dir", str(seeded_dir), "export", *args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("fmt", list(EXPORT_FORMATS))
def test_api_export_without_a_query_has_every_item(client, items, fmt):
    response = api_export(client, fmt)
    assert response.is_streamed
    assert sorted(ids_in(fmt, response.get_data(as_text=True))) == sorted(items)
    assert response.headers["X-Total-Count"] == response.headers["X-Export-Count"] == "5"


@pytest.mark.parametrize("fmt", list(EXPORT_FORMATS))
def test_api_export_of_a_search_has_exactly_its_hits_not_one_page(client, fmt):
    search = client.get("/api/search", query_string={"q": "Moscow", "per_page": 1}).get_json()
    assert search["total"] > 1  # more hits than the page shows
    everything = client.get("/api/search", query_string={"q": "Moscow", "per_page": 100})
    expected = [h["id"] for h in everything.get_json()["hits"]]
    response = api_export(client, fmt, q="Moscow", per_page=1)
    assert ids_in(fmt, response.get_data(as_text=True)) == expected  # same order too


def test_api_export_takes_the_search_filters(client, items):
    outlet = next(i.outlet for i in items.values() if i.outlet)
    text = api_export(client, "jsonl", outlet=outlet).get_data(as_text=True)
    exported = [json.loads(line) for line in text.splitlines()]
    assert exported and all(e["outlet"] == outlet for e in exported)
    assert len(exported) == sum(1 for i in items.values() if i.outlet == outlet)


def test_api_export_csv_columns_hold_the_metadata(client, items):
    text = api_export(client, "csv").get_data(as_text=True)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert tuple(reader.fieldnames) == CSV_COLUMNS
    for row in reader:
        item = items[row["id"]]
        assert row["title"] == item.title
        assert row["date"] == (item.date or "")
        assert row["outlet"] == (item.outlet or "")
        assert row["speakers"].split("; ") == ([s.name for s in item.speakers] or [""])
        assert row["permalink"] == f"http://localhost/items/{item.id}?version={item.version}"


def test_api_export_jsonl_lines_are_the_item_json(client, items):
    text = api_export(client, "jsonl").get_data(as_text=True)
    for line in text.splitlines():
        data = json.loads(line)
        assert data == items[data["id"]].to_json()


def test_api_export_bibtex_and_ris_are_citations_with_links(client, items):
    library = bibtexparser.parse_string(api_export(client, "bibtex").get_data(as_text=True))
    for entry in library.entries:
        assert entry.fields_dict["url"].value.endswith(f"/items/{entry.key}?version=1")
    for record in rispy.loads(api_export(client, "ris").get_data(as_text=True)):
        assert record["title"] == items[record["id"]].title
        assert record["urls"] == [f"http://localhost/items/{record['id']}?version=1"]


def test_api_export_with_no_hits_is_an_empty_file(client):
    text = api_export(client, "csv", q="zzzqqqxxyy").get_data(as_text=True)
    assert list(csv.DictReader(io.StringIO(text, newline=""))) == []
    assert api_export(client, "ris", q="zzzqqqxxyy").get_data(as_text=True) == ""


def test_api_export_unknown_format_or_bad_query_is_a_json_400(client):
    for params in ({"format": "xml"}, {"format": "csv", "to": "20x5"},
                   {"format": "csv", "from": "2025-13"}):
        response = client.get("/api/search", query_string=params)
        assert response.status_code == 400, params
        assert response.get_json()["error"]["message"]


@pytest.mark.parametrize("fmt", list(EXPORT_FORMATS))
def test_cli_export_every_item_in_every_format(seeded_dir, items, fmt):
    assert sorted(ids_in(fmt, cli_export(seeded_dir, "--format", fmt))) == sorted(items)


def test_cli_export_jsonl_without_a_query_is_every_item_json_in_id_order(seeded_dir, items):
    lines = cli_export(seeded_dir, "--format", "jsonl").splitlines()
    assert [json.loads(line) for line in lines] == [items[i].to_json() for i in sorted(items)]
    assert cli_export(seeded_dir) == cli_export(seeded_dir, "--format", "jsonl")


@pytest.mark.parametrize("fmt", list(EXPORT_FORMATS))
def test_cli_export_of_a_query_matches_the_api(client, seeded_dir, fmt):
    api = ids_in(fmt, api_export(client, fmt, q="Moscow").get_data(as_text=True))
    assert ids_in(fmt, cli_export(seeded_dir, "--format", fmt, "--query", "Moscow")) == api


def test_cli_export_takes_facet_options(seeded_dir, items):
    outlet = next(i.outlet for i in items.values() if i.outlet)
    rows = list(csv.DictReader(io.StringIO(
        cli_export(seeded_dir, "--format", "csv", "--outlet", outlet), newline="")))
    assert rows and {r["outlet"] for r in rows} == {outlet}


def test_cli_export_base_url_goes_into_the_links(seeded_dir):
    text = cli_export(seeded_dir, "--format", "ris", "--base-url", "https://archive.example.org")
    assert all(r["urls"][0].startswith("https://archive.example.org/items/")
               for r in rispy.loads(text))


def test_cli_export_bad_parameter_is_a_one_line_error(seeded_dir):
    result = CliRunner().invoke(main, ["--archive-dir", str(seeded_dir), "export",
                                       "--format", "csv", "--query", "(((", "--from", "2025-13"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and len(result.output.splitlines()) == 1
