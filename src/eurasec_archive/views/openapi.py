"""The OpenAPI 3 description of the read-only interfaces, served at /api/openapi.json.

Facet parameters come from the facet registry, so a new facet is documented without edits
here; citation and export formats come from cite.py.
"""

from __future__ import annotations

from eurasec_archive.cite import FORMATS
from eurasec_archive.export import EXPORT_FORMATS
from eurasec_archive.facets import FACETS
from eurasec_archive.search import DEFAULT_PER_PAGE, MAX_PER_PAGE, MAX_QUERY_CHARS, SORTS


def _param(name, description, schema, where="query", required=False, **extra):
    return {"name": name, "in": where, "required": required, "description": description,
            "schema": schema, **extra}


def _text(media_type, description):
    return {"description": description,
            "content": {media_type.split(";")[0]: {"schema": {"type": "string"}}}}


ERROR = {"description": "The error, in one shape for every JSON endpoint",
         "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
ITEM_ID = _param("id", "The item's permanent id (renamed ids redirect with 301)",
                 {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,199}$"}, where="path",
                 required=True)
VERSION = _param("version", "A version of the item (default: the current one)",
                 {"type": "integer", "minimum": 1})


def search_parameters() -> list[dict]:
    """The /api/search (and /feed.atom) query parameters."""
    params = [
        _param("q", "Search text: words, \"phrases\", AND/OR/NOT, -word, field:value "
                    "(see /help)", {"type": "string", "maxLength": MAX_QUERY_CHARS}),
        _param("from", "Earliest date, YYYY[-MM[-DD]]",
               {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}),
        _param("to", "Latest date, YYYY[-MM[-DD]] (undated items are left out)",
               {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}),
        _param("undated", "include: a date range keeps the undated items too",
               {"type": "string", "enum": ["include", "exclude"], "default": "exclude"}),
        _param("sort", "Result order", {"type": "string", "enum": list(SORTS),
                                        "default": "relevance"}),
        _param("page", "Page number (JSON only)", {"type": "integer", "minimum": 1, "default": 1}),
        _param("per_page", "Hits per page (JSON only)",
               {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE,
                "default": DEFAULT_PER_PAGE}),
        _param("collapse", "story: one hit per story (its reprints counted in each hit's "
                           "'reprints'; JSON only)", {"type": "string", "enum": ["story"]}),
        _param("facet_count", "story: facet values count stories, not items (reprints of one "
                              "text count once)", {"type": "string", "enum": ["item", "story"],
                                                   "default": "item"}),
    ]
    for facet in FACETS:
        params.append(_param(facet.name, f"Filter by {facet.label.lower()} (repeat for any of "
                                         "several values; facets combine with AND)",
                             {"type": "array", "items": {"type": "string"}},
                             style="form", explode=True))
    return params


def openapi_description(site: str, title: str) -> dict:
    """The OpenAPI 3.0 document for the archive at ``site`` (its base URL)."""
    export = {fmt: {"schema": {"type": "string"}} for fmt in
              (media.split(";")[0] for media, _ in EXPORT_FORMATS.values())}
    return {
        "openapi": "3.0.3",
        "info": {
            "title": f"{title} API",
            "version": "1.0.0",
            "description": "Read-only interfaces of the archive: search, items, citations, "
                           "the Atom feed and OAI-PMH. Ids are permanent; every response "
                           "allows cross-origin reads (Access-Control-Allow-Origin: *).",
        },
        "servers": [{"url": site.rstrip("/") or "/"}],
        "paths": {
            "/api/search": {"get": {
                "summary": "Search the archive",
                "description": "format=json (default): one page of hits with facet counts and "
                               "a timeline. format=csv|jsonl|bibtex|ris: every matching item "
                               "(up to 10,000; page and per_page are ignored) as a file.",
                "operationId": "search",
                "parameters": search_parameters() + [
                    _param("format", "Response format",
                           {"type": "string", "enum": ["json", *EXPORT_FORMATS],
                            "default": "json"})],
                "responses": {
                    "200": {"description": "Search results, or the export file",
                            "headers": {
                                "X-Total-Count": {"description": "Items matched (exports)",
                                                  "schema": {"type": "integer"}},
                                "X-Export-Count": {"description": "Items in the export",
                                                   "schema": {"type": "integer"}}},
                            "content": {"application/json": {"schema": {
                                "$ref": "#/components/schemas/SearchResults"}}, **export}},
                    "400": ERROR},
            }},
            "/items/{id}.json": {"get": {
                "summary": "One item (its public JSON form)",
                "operationId": "getItem",
                "parameters": [ITEM_ID, VERSION],
                "responses": {
                    "200": {"description": "The item",
                            "content": {"application/json": {"schema": {
                                "$ref": "#/components/schemas/Item"}}}},
                    "301": {"description": "The item was renamed; Location has its new address"},
                    "400": ERROR, "404": ERROR,
                    "410": {"description": "The item was removed; the error carries its "
                                           "tombstone (what it was, when and why removed)",
                            "content": {"application/json": {"schema": {
                                "$ref": "#/components/schemas/Error"}}}}},
            }},
            "/stories/{id}.json": {"get": {
                "summary": "One story: an item and its reprints across outlets, earliest first",
                "operationId": "getStory",
                "parameters": [_param("id", "The story's id (a merged story's old id redirects)",
                                      {"type": "string"}, where="path", required=True)],
                "responses": {
                    "200": {"description": "The story: id, size, title, first_date, last_date, "
                                           "earliest, members (each with its differences from "
                                           "the earliest), outlets",
                            "content": {"application/json": {"schema": {"type": "object"}}}},
                    "301": {"description": "The story was merged into another; Location has it"},
                    "404": ERROR},
            }},
            "/items/{id}/compare/{other}.json": {"get": {
                "summary": "Paragraph-by-paragraph comparison of two items",
                "operationId": "compareItems",
                "parameters": [ITEM_ID, _param("other", "The item compared against",
                                               {"type": "string"}, where="path", required=True)],
                "responses": {
                    "200": {"description": "Rows: status shared|changed|added|removed (the item's view "
                                           "of the other), moved, word-level differences",
                            "content": {"application/json": {"schema": {"type": "object"}}}},
                    "404": ERROR},
            }},
            "/items/{id}/cite": {"get": {
                "summary": "A citation of one item version",
                "operationId": "citeItem",
                "parameters": [
                    ITEM_ID, VERSION,
                    _param("format", "Citation format",
                           {"type": "string", "enum": list(FORMATS), "default": "csl-json"}),
                    _param("paragraph", "Cite one paragraph by its id (p7 -> \"para. 7\")",
                           {"type": "string", "pattern": "^p[0-9]+$"}),
                    _param("download", "Send as a file (Content-Disposition: attachment)",
                           {"type": "string", "enum": ["1"]})],
                "responses": {
                    "200": {"description": "The citation",
                            "content": {media.split(";")[0]: {"schema": {"type": "string"}}
                                        for media, _, _ in FORMATS.values()}},
                    "400": ERROR, "404": ERROR, "410": ERROR},
            }},
            "/feed.atom": {"get": {
                "summary": "Atom feed of newly added items (optionally of a search)",
                "operationId": "feed",
                "parameters": [p for p in search_parameters()
                               if p["name"] not in ("page", "per_page")],
                "responses": {"200": _text("application/atom+xml", "An Atom 1.0 feed"),
                              "400": ERROR},
            }},
            "/oai": {
                "get": {
                    "summary": "OAI-PMH 2.0 (oai_dc; sets are outlets)",
                    "description": "Protocol errors are answered with status 200 and an "
                                   "<error code=…> element, as OAI-PMH requires.",
                    "operationId": "oaiPmh",
                    "parameters": [
                        _param("verb", "The OAI-PMH verb", {"type": "string", "enum": [
                            "Identify", "ListMetadataFormats", "ListSets", "GetRecord",
                            "ListIdentifiers", "ListRecords"]}, required=True),
                        _param("identifier", "oai:eurasec-archive:<item id>", {"type": "string"}),
                        _param("metadataPrefix", "Metadata format",
                               {"type": "string", "enum": ["oai_dc"]}),
                        _param("from", "Datestamp lower bound (YYYY-MM-DD or "
                                       "YYYY-MM-DDThh:mm:ssZ)", {"type": "string"}),
                        _param("until", "Datestamp upper bound", {"type": "string"}),
                        _param("set", "setSpec (an outlet's slug)", {"type": "string"}),
                        _param("resumptionToken", "Continue a list", {"type": "string"})],
                    "responses": {"200": _text("text/xml", "An OAI-PMH response document")},
                },
                "post": {
                    "summary": "OAI-PMH 2.0 by POST (the same arguments, form-encoded)",
                    "operationId": "oaiPmhPost",
                    "requestBody": {"required": True, "content": {
                        "application/x-www-form-urlencoded": {"schema": {
                            "type": "object", "properties": {
                                k: {"type": "string"} for k in (
                                    "verb", "identifier", "metadataPrefix", "from", "until",
                                    "set", "resumptionToken")},
                            "required": ["verb"]}}}},
                    "responses": {"200": _text("text/xml", "An OAI-PMH response document")},
                },
            },
            "/api/openapi.json": {"get": {
                "summary": "This description",
                "operationId": "openapi",
                "responses": {"200": {"description": "OpenAPI 3 document", "content": {
                    "application/json": {"schema": {"type": "object"}}}}},
            }},
        },
        "components": {"schemas": SCHEMAS},
    }


_STRINGS = {"type": "array", "items": {"type": "string"}}
_NULLABLE_STRING = {"type": "string", "nullable": True}
SCHEMAS = {
    "Error": {"type": "object", "required": ["error"], "properties": {"error": {
        "type": "object", "required": ["status", "code", "message"], "properties": {
            "status": {"type": "integer"}, "code": {"type": "string"},
            "message": {"type": "string"},
            "tombstone": {"type": "object", "description": "Removed items (410) only"}}}}},
    "Item": {"type": "object", "required": ["id", "title", "language", "paragraphs", "source",
                                            "url", "version"],
             "description": "The item's public JSON form: fields are added, never renamed.",
             "properties": {
                 "id": {"type": "string"}, "title": {"type": "string"},
                 "date": _NULLABLE_STRING, "date_precision": _NULLABLE_STRING,
                 "date_source": {"type": "string"}, "outlet": _NULLABLE_STRING,
                 "language": {"type": "string"},
                 "speakers": {"type": "array", "items": {"type": "object", "properties": {
                     "name": {"type": "string"}, "role": _NULLABLE_STRING}}},
                 "people": _STRINGS, "places": _STRINGS, "authors": _STRINGS,
                 "cited_outlets": _STRINGS,
                 "organizations": {"type": "array", "items": {"type": "object", "properties": {
                     "name": {"type": "string"}, "acronym": _NULLABLE_STRING}}},
                 "quotes": {"type": "array", "items": {"type": "object"}},
                 "paragraphs": {"type": "array", "items": {"type": "object", "required": [
                     "id", "kind", "text"], "properties": {
                     "id": {"type": "string"}, "kind": {"type": "string"},
                     "text": {"type": "string"}}}},
                 "comments": {"type": "array", "items": {"type": "object"}},
                 "source": {"type": "object"}, "url": {"type": "string"},
                 "version": {"type": "integer"}, "updated_at": _NULLABLE_STRING}},
    "SearchResults": {"type": "object", "required": ["total", "hits", "facets"], "properties": {
        "query": {"type": "string"}, "total": {"type": "integer"}, "page": {"type": "integer"},
        "per_page": {"type": "integer"}, "pages": {"type": "integer"},
        "sort": {"type": "string"}, "filters": {"type": "object"},
        "from": _NULLABLE_STRING, "to": _NULLABLE_STRING,
        "include_undated": {"type": "boolean"},
        "undated_excluded": {"type": "integer", "description": "undated items the date range leaves out"},
        "hits": {"type": "array", "items": {"type": "object", "properties": {
            "id": {"type": "string"}, "title": {"type": "string"},
            "title_html": {"type": "string"}, "date": _NULLABLE_STRING,
            "outlet": _NULLABLE_STRING, "language": {"type": "string"},
            "url": {"type": "string"}, "score": {"type": "number", "nullable": True},
            "highlights": {"type": "array", "items": {"type": "object"}}}}},
        "facets": {"type": "object", "additionalProperties": {"type": "array", "items": {
            "type": "object", "properties": {"value": {"type": "string"},
                                             "count": {"type": "integer"},
                                             "selected": {"type": "boolean"}}}}},
        "facet_count": {"type": "string", "enum": ["item", "story"],
                        "description": "what facet counts count: matching items, or their stories"},
        "timeline": {"type": "array", "items": {"type": "object"}},
        "suggestions": _STRINGS, "timed_out": {"type": "boolean"},
        "took_ms": {"type": "number"}}},
}
