"""OAI-PMH 2.0 at /oai, harvested by a real OAI client (sickle) from a real server, with every
response validated against the OAI-PMH and oai_dc XML schemas (tests/data/oai/harvest.xsd,
local copies: validation never uses the network)."""

from __future__ import annotations

import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from livesrv import live_server
from lxml import etree
from sickle import Sickle, oaiexceptions
from sickle.iterator import OAIResponseIterator
from slugify import slugify

from eurasec_archive.cli import main

SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "data" / "oai" / "harvest.xsd")))
OAI = "{http://www.openarchives.org/OAI/2.0/}"
PAGE = 2  # records per response, so five seeds take three pages


def oai_server(archive_dir, **config):
    """The real app on a free port, with OAI settings."""
    return live_server(archive_dir, OAI_PAGE_SIZE=PAGE, **config)


@pytest.fixture(scope="module")
def site(seeded_dir):
    with oai_server(seeded_dir) as url:
        yield url


def valid(xml: bytes) -> etree._Element:
    doc = etree.fromstring(xml)
    assert SCHEMA.validate(doc), SCHEMA.error_log
    return doc


def get(site, **params) -> etree._Element:
    """One raw OAI request (any arguments, repeated ones too), validated."""
    query = urllib.parse.urlencode(params, doseq=True)
    with urllib.request.urlopen(f"{site}/oai?{query}") as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/xml")
        return valid(response.read())


def error_code(doc) -> str:
    (error,) = doc.findall(f"{OAI}error")
    assert error.text
    return error.get("code")


def pages(site, verb, **params):
    """Every response of a list request, as sickle follows the resumption tokens."""
    client = Sickle(f"{site}/oai", iterator=OAIResponseIterator)
    return [valid(r.raw.encode("utf-8")) for r in getattr(client, verb)(**params)]


def oai_id(item_id):
    return f"oai:eurasec-archive:{item_id}"


# ------------------------------------------------------------------ harvesting


def test_sickle_harvests_every_item_with_oai_dc(site, seeded_dir):
    from eurasec_archive.archive import Archive

    items = {oai_id(i.id): i for i in Archive(seeded_dir).items()}
    records = list(Sickle(f"{site}/oai").ListRecords(metadataPrefix="oai_dc"))
    assert sorted(r.header.identifier for r in records) == sorted(items)
    for record in records:
        item = items[record.header.identifier]
        assert not record.deleted
        dc = record.metadata
        assert dc["title"] == [item.title]
        assert dc["language"] == [item.language]
        assert f"{site}{item.url}" in dc["identifier"]
        assert dc.get("publisher") == ([item.outlet] if item.outlet else None)
        assert dc.get("date") == ([item.date] if item.date else None)
        assert set(dc.get("coverage", [])) == set(item.places)
        assert {s.name for s in item.speakers} <= set(dc.get("subject", []))
        assert record.header.datestamp.endswith("Z")
        assert record.header.setSpecs == ([slugify(item.outlet)] if item.outlet else [])


def test_list_records_pages_with_resumption_tokens_and_every_page_validates(site):
    responses = pages(site, "ListRecords", metadataPrefix="oai_dc")
    assert len(responses) == 3  # 2 + 2 + 1
    tokens = [r.find(f".//{OAI}resumptionToken") for r in responses]
    assert [t.get("cursor") for t in tokens] == ["0", "2", "4"]
    assert {t.get("completeListSize") for t in tokens} == {"5"}
    assert tokens[0].text and tokens[1].text and not tokens[2].text  # empty on the last page
    counts = [len(r.findall(f".//{OAI}record")) for r in responses]
    assert counts == [2, 2, 1]
    ids = [h.text for r in responses for h in r.iterfind(f".//{OAI}header/{OAI}identifier")]
    assert len(set(ids)) == 5


def test_list_identifiers_pages_the_same_headers(site):
    responses = pages(site, "ListIdentifiers", metadataPrefix="oai_dc")
    assert [len(r.findall(f".//{OAI}header")) for r in responses] == [2, 2, 1]
    assert not any(r.findall(f".//{OAI}metadata") for r in responses)
    headers = list(Sickle(f"{site}/oai").ListIdentifiers(metadataPrefix="oai_dc"))
    records = list(Sickle(f"{site}/oai").ListRecords(metadataPrefix="oai_dc"))
    assert [h.identifier for h in headers] == [r.header.identifier for r in records]


def test_harvest_by_post_gives_the_same_records(site):
    by_get = [r.header.identifier for r in Sickle(f"{site}/oai").ListRecords(metadataPrefix="oai_dc")]
    by_post = [r.header.identifier for r in
               Sickle(f"{site}/oai", http_method="POST").ListRecords(metadataPrefix="oai_dc")]
    assert by_post == by_get


def test_identify(site):
    doc = get(site, verb="Identify")
    identify = Sickle(f"{site}/oai").Identify()
    assert identify.repositoryName == "Eurasian Security Archive"
    assert identify.baseURL == f"{site}/oai"
    assert identify.protocolVersion == "2.0"
    assert identify.deletedRecord == "persistent"
    assert identify.granularity == "YYYY-MM-DDThh:mm:ssZ"
    datestamps = [h.datestamp for h in Sickle(f"{site}/oai").ListIdentifiers(metadataPrefix="oai_dc")]
    assert identify.earliestDatestamp == min(datestamps)
    assert doc.find(f"{OAI}request").get("verb") == "Identify"


def test_list_metadata_formats(site, seeded_dir):
    formats = list(Sickle(f"{site}/oai").ListMetadataFormats())
    assert [(f.metadataPrefix, f.metadataNamespace) for f in formats] == [
        ("oai_dc", "http://www.openarchives.org/OAI/2.0/oai_dc/")]
    from eurasec_archive.archive import Archive

    item_id = next(Archive(seeded_dir).items()).id
    get(site, verb="ListMetadataFormats", identifier=oai_id(item_id))
    assert error_code(get(site, verb="ListMetadataFormats",
                          identifier=oai_id("nope"))) == "idDoesNotExist"


def test_sets_are_outlets_and_select_records(site, seeded_dir):
    from eurasec_archive.archive import Archive

    items = list(Archive(seeded_dir).items())
    sets = list(Sickle(f"{site}/oai").ListSets())
    outlets = sorted({i.outlet for i in items if i.outlet})
    assert [s.setName for s in sets] == outlets
    assert all(s.setSpec.replace("-", "").isalnum() for s in sets)
    get(site, verb="ListSets")
    for s in sets:
        records = list(Sickle(f"{site}/oai").ListRecords(metadataPrefix="oai_dc", set=s.setSpec))
        expected = {oai_id(i.id) for i in items if i.outlet == s.setName}
        assert {r.header.identifier for r in records} == expected
        assert all(r.header.setSpecs == [s.setSpec] for r in records)
    with pytest.raises(oaiexceptions.NoRecordsMatch):
        list(Sickle(f"{site}/oai").ListRecords(metadataPrefix="oai_dc", set="no-such-outlet"))


def test_get_record(site, seeded_dir):
    from eurasec_archive.archive import Archive

    item = next(i for i in Archive(seeded_dir).items() if i.outlet)
    record = Sickle(f"{site}/oai").GetRecord(identifier=oai_id(item.id), metadataPrefix="oai_dc")
    assert record.header.identifier == oai_id(item.id)
    assert record.metadata["title"] == [item.title]
    assert record.metadata["publisher"] == [item.outlet]
    doc = get(site, verb="GetRecord", identifier=oai_id(item.id), metadataPrefix="oai_dc")
    assert doc.find(f"{OAI}request").get("identifier") == oai_id(item.id)


# ------------------------------------------------------------------ from / until


def test_from_and_until_select_by_datestamp(seeded):
    archive = seeded.archive
    later = next(archive.items())
    later.updated_at, later.version = "2031-03-04T05:06:07Z", 2
    archive.put(later)
    with oai_server(seeded.root) as site:
        client = Sickle(f"{site}/oai")
        newer = list(client.ListIdentifiers(metadataPrefix="oai_dc", **{"from": "2031-03-04"}))
        assert [h.identifier for h in newer] == [oai_id(later.id)]
        assert newer[0].datestamp == "2031-03-04T05:06:07Z"
        exact = list(client.ListIdentifiers(metadataPrefix="oai_dc",
                                            **{"from": "2031-03-04T05:06:07Z",
                                               "until": "2031-03-04T05:06:07Z"}))
        assert [h.identifier for h in exact] == [oai_id(later.id)]
        older = list(client.ListIdentifiers(metadataPrefix="oai_dc", until="2031-03-03"))
        assert len(older) == 4 and oai_id(later.id) not in {h.identifier for h in older}
        with pytest.raises(oaiexceptions.NoRecordsMatch):
            list(client.ListRecords(metadataPrefix="oai_dc", **{"from": "2040-01-01"}))
        with pytest.raises(oaiexceptions.NoRecordsMatch):
            list(client.ListRecords(metadataPrefix="oai_dc", until="1999-12-31"))
        for bad in ({"from": "2031-03-04", "until": "2031-03-04T00:00:00Z"},  # two granularities
                    {"from": "2031-03-05", "until": "2031-03-04"},  # from after until
                    {"from": "yesterday"}, {"until": "2031-02-30"}):
            assert error_code(get(site, verb="ListRecords", metadataPrefix="oai_dc", **bad)) \
                == "badArgument", bad


# ------------------------------------------------------------------ deleted records


def test_deleted_item_is_a_persistent_deleted_header(seeded):
    victim = next(i for i in seeded.archive.items() if i.outlet)
    result = CliRunner().invoke(main, ["--archive-dir", str(seeded.root), "delete", victim.id,
                                       "--reason", "Duplicate"])
    assert result.exit_code == 0, result.output
    with oai_server(seeded.root) as site:
        records = list(Sickle(f"{site}/oai").ListRecords(metadataPrefix="oai_dc"))
        assert len(records) == 5
        (gone,) = [r for r in records if r.deleted]
        assert gone.header.identifier == oai_id(victim.id) and gone.header.deleted
        assert gone.xml.find(f".//{OAI}metadata") is None
        assert len(list(Sickle(f"{site}/oai").ListRecords(metadataPrefix="oai_dc",
                                                          ignore_deleted=True))) == 4
        doc = get(site, verb="GetRecord", identifier=oai_id(victim.id), metadataPrefix="oai_dc")
        header = doc.find(f".//{OAI}header")
        assert header.get("status") == "deleted"
        assert doc.find(f".//{OAI}metadata") is None
        assert header.find(f"{OAI}setSpec").text == "news-by"  # still in its outlet's set
        for response in pages(site, "ListIdentifiers", metadataPrefix="oai_dc"):
            assert response is not None  # each page validated with the deleted header in it


def test_a_renamed_id_is_a_deleted_record_and_the_new_id_a_record(seeded):
    """A harvester that holds the old identifier learns it is gone, also after the catalog
    is rebuilt from the files (the old id is only in redirects.json then)."""
    victim = next(i for i in seeded.archive.items() if i.outlet)
    result = CliRunner().invoke(main, ["--archive-dir", str(seeded.root), "rename", victim.id,
                                       "a-renamed-item"])
    assert result.exit_code == 0, result.output

    def check(site):
        records = list(Sickle(f"{site}/oai").ListRecords(metadataPrefix="oai_dc"))
        by_id = {r.header.identifier: r for r in records}
        assert len(records) == 6  # five items, one of them under its new id, and the old id
        assert by_id[oai_id(victim.id)].deleted
        assert not by_id[oai_id("a-renamed-item")].deleted
        assert by_id[oai_id("a-renamed-item")].metadata["title"] == [victim.title]
        doc = get(site, verb="GetRecord", identifier=oai_id(victim.id), metadataPrefix="oai_dc")
        assert doc.find(f".//{OAI}header").get("status") == "deleted"
        assert doc.find(f".//{OAI}metadata") is None

    with oai_server(seeded.root) as site:
        check(site)
    for p in seeded.root.glob("catalog.sqlite*"):
        p.unlink()
    with oai_server(seeded.root) as site:
        for _ in range(100):  # the catalog is rebuilt in the background (503 meanwhile)
            try:
                urllib.request.urlopen(f"{site}/oai?verb=Identify")
                break
            except urllib.error.HTTPError as e:
                assert e.code == 503
                import time
                time.sleep(0.1)
        check(site)


# ------------------------------------------------------------------ errors


@pytest.mark.parametrize("params, code", [
    ({}, "badVerb"),
    ({"verb": "Harvest"}, "badVerb"),
    ({"verb": ["Identify", "Identify"]}, "badVerb"),
    ({"verb": "ListRecords"}, "badArgument"),  # no metadataPrefix
    ({"verb": "Identify", "extra": "1"}, "badArgument"),
    ({"verb": "GetRecord", "identifier": "oai:eurasec-archive:x"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": ["oai_dc", "oai_dc"]}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "resumptionToken": "x"}, "badArgument"),
    ({"verb": "GetRecord", "identifier": "oai:eurasec-archive:nope", "metadataPrefix": "oai_dc"},
     "idDoesNotExist"),
    ({"verb": "GetRecord", "identifier": "urn:other:1", "metadataPrefix": "oai_dc"},
     "idDoesNotExist"),
    ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
    ({"verb": "ListIdentifiers", "metadataPrefix": "mods"}, "cannotDisseminateFormat"),
    ({"verb": "ListRecords", "resumptionToken": "not-a-token"}, "badResumptionToken"),
    ({"verb": "ListSets", "resumptionToken": "e30"}, "badResumptionToken"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "nowhere"}, "noRecordsMatch"),
])
def test_errors_have_the_protocol_codes_and_validate(site, params, code):
    doc = get(site, **params)
    assert error_code(doc) == code
    request_el = doc.find(f"{OAI}request")
    assert request_el.text == f"{site}/oai"
    if code in ("badVerb", "badArgument"):  # the spec: no arguments echoed then
        assert dict(request_el.attrib) == {}


def test_a_token_of_one_verb_is_bad_for_another(site):
    first = pages(site, "ListIdentifiers", metadataPrefix="oai_dc")[0]
    token = first.find(f".//{OAI}resumptionToken").text
    assert error_code(get(site, verb="ListRecords", resumptionToken=token)) == "badResumptionToken"
    assert get(site, verb="ListIdentifiers", resumptionToken=token).find(f"{OAI}ListIdentifiers") \
        is not None


def test_sickle_raises_the_protocol_errors(site):
    client = Sickle(f"{site}/oai")
    with pytest.raises(oaiexceptions.IdDoesNotExist):
        client.GetRecord(identifier=oai_id("nope"), metadataPrefix="oai_dc")
    with pytest.raises(oaiexceptions.CannotDisseminateFormat):
        list(client.ListRecords(metadataPrefix="marc21"))
    with pytest.raises(oaiexceptions.BadResumptionToken):
        list(client.ListRecords(resumptionToken="garbage"))


def test_no_sets_in_an_archive_without_outlets(tmp_path):
    with oai_server(tmp_path / "empty") as site:
        assert error_code(get(site, verb="ListSets")) == "noSetHierarchy"
        assert error_code(get(site, verb="ListRecords", metadataPrefix="oai_dc")) == \
            "noRecordsMatch"
        identify = get(site, verb="Identify")
        assert identify.find(f".//{OAI}earliestDatestamp").text == "1970-01-01T00:00:00Z"


# ------------------------------------------------------------------ CORS


def test_oai_and_citations_allow_cross_origin_reads(site, seeded_dir):
    from eurasec_archive.archive import Archive

    item = next(Archive(seeded_dir).items())
    for path in ("/oai?verb=Identify", f"/items/{item.id}/cite?format=ris", "/feed.atom",
                 "/api/openapi.json", "/api/search?format=csv",
                 f"/items/{item.id}.json", "/api/search?q=Moscow"):
        with urllib.request.urlopen(site + path) as response:
            assert response.headers["Access-Control-Allow-Origin"] == "*", path
