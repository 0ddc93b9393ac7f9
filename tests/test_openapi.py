"""The OpenAPI description at /api/openapi.json: valid OpenAPI 3 (openapi-spec-validator),
lists every read-only interface, and what it documents is what the server does."""

from __future__ import annotations

import pytest
from openapi_spec_validator import validate

from eurasec_archive.app import create_app
from eurasec_archive.archive import Archive
from eurasec_archive.cite import FORMATS
from eurasec_archive.export import EXPORT_FORMATS
from eurasec_archive.facets import FACETS

PATHS = {"/api/search", "/items/{id}.json", "/items/{id}/cite", "/feed.atom", "/oai"}


@pytest.fixture(scope="module")
def client(seeded_dir):
    return create_app({"ARCHIVE_DIR": str(seeded_dir), "TESTING": True}).test_client()


@pytest.fixture(scope="module")
def spec(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    return response.get_json()


def params_of(spec, path, method="get"):
    return {p["name"]: p for p in spec["paths"][path][method]["parameters"]}


def test_is_valid_openapi_3_listing_every_interface(spec):
    validate(spec)
    assert spec["openapi"].startswith("3.")
    assert PATHS <= set(spec["paths"])
    assert spec["servers"] == [{"url": "http://localhost"}]


def test_search_parameters_are_all_documented(spec):
    params = params_of(spec, "/api/search")
    expected = ({"q", "from", "to", "sort", "page", "per_page", "format", "collapse", "facet_count", "undated"}
                | {f.name for f in FACETS})
    assert set(params) == expected
    assert params["format"]["schema"]["enum"] == ["json", *EXPORT_FORMATS]


def test_citation_formats_are_the_served_ones(spec):
    params = params_of(spec, "/items/{id}/cite")
    assert params["format"]["schema"]["enum"] == list(FORMATS)
    assert {"id", "version", "paragraph", "download"} <= set(params)


def test_every_documented_search_parameter_is_accepted(client, spec, seeded_dir):
    item = next(i for i in Archive(seeded_dir).items() if i.outlet)
    samples = {"q": "Moscow", "from": "2020", "to": "2030-12", "undated": "include", "sort": "newest", "page": "1",
               "per_page": "5", "format": "json", "outlet": item.outlet,
               "speaker": item.speakers[0].name, "organization": item.organizations[0].name,
               "person": item.people[0] if item.people else item.speakers[0].name,
               "place": item.places[0], "language": item.language, "year": item.date[:4],
               "collapse": "story", "facet_count": "story"}
    for name in params_of(spec, "/api/search"):
        response = client.get("/api/search", query_string={name: samples[name]})
        assert response.status_code == 200, (name, response.get_data(as_text=True))


def test_every_documented_path_answers(client, spec, seeded_dir):
    item = next(Archive(seeded_dir).items())
    for path, operations in spec["paths"].items():
        url = path.replace("{id}", item.id).replace("{other}", item.id)
        if "get" in operations:
            query = {"verb": "Identify"} if path == "/oai" else {}
            response = client.get(url, query_string=query)
            assert response.status_code == 200, path
            documented = operations["get"]["responses"]["200"].get("content", {})
            assert response.mimetype in documented, (path, response.mimetype)
