"""The item page as reference managers and search engines read it: the Cite panel, Highwire
``citation_*`` tags (what Zotero's connector reads), the canonical link, OpenGraph, schema.org
JSON-LD; and old versions shown with a notice and the history. Parsed with BeautifulSoup."""

from __future__ import annotations

import json
import shutil

import pytest
from bs4 import BeautifulSoup
from conftest import SEEDS, Store

from eurasec_archive.app import create_app
from eurasec_archive.archive import Archive
from eurasec_archive.cite import FORMATS, cite

BASE = "http://localhost"


@pytest.fixture(scope="module")
def client(seeded_dir):
    return create_app({"ARCHIVE_DIR": str(seeded_dir), "TESTING": True}).test_client()


@pytest.fixture(scope="module")
def items(seeded_dir):
    return list(Archive(seeded_dir).items())


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.data, "html.parser")


def meta(soup, name):
    return [m["content"] for m in soup.find_all("meta", attrs={"name": name})]


def og(soup, prop):
    return [m["content"] for m in soup.find_all("meta", attrs={"property": prop})]


def json_ld(soup):
    (script,) = soup.find_all("script", type="application/ld+json")
    return json.loads(script.string)


# ------------------------------------------------------------------ the Cite panel


def test_item_page_cite_panel_shows_styles_exports_and_paragraph_citation(client, items):
    for item in items:
        soup = page(client, item.url)
        panel = soup.select_one("section#cite")
        assert panel.select_one("#cite-title").get_text() == "Cite this item"
        styles = {dd["data-format"]: dd.get_text() for dd in panel.select("dd.cite-text")}
        assert set(styles) == {"chicago", "apa", "mla"}
        for style, text in styles.items():
            assert text == cite(item, style, BASE).text.strip()
        exports = {a["data-format"]: a["href"] for a in panel.select(".cite-exports a")}
        assert set(exports) == {"bibtex", "ris", "csl-json"}
        for fmt, href in exports.items():
            response = client.get(href)
            assert response.status_code == 200
            assert response.mimetype == FORMATS[fmt][0].split(";")[0]
        paragraph = client.get(panel.select_one(".cite-paragraph a")["href"])
        assert "para. 1" in paragraph.get_data(as_text=True)
        meta_line = panel.select_one(".cite-meta").get_text(" ", strip=True)
        assert f"Version {item.version}" in meta_line and "accessed 20" in meta_line


# ------------------------------------------------------------------ metadata in the head


def test_highwire_tags_zotero_reads(client, items):
    for item in items:
        soup = page(client, item.url)
        assert meta(soup, "citation_title") == [item.title]
        assert meta(soup, "citation_author") == item.authors
        assert meta(soup, "citation_language") == [item.language]
        assert meta(soup, "citation_public_url") == [f"{BASE}{item.url}?version={item.version}"]
        assert meta(soup, "citation_pdf_url") == []  # none of these was imported from a PDF
        if item.date:
            assert meta(soup, "citation_publication_date") == [item.date.replace("-", "/")]
        else:
            assert meta(soup, "citation_publication_date") == []
        if item.outlet:
            assert meta(soup, "citation_journal_title") == [item.outlet]
            assert meta(soup, "citation_publisher") == [item.outlet]
        else:
            assert meta(soup, "citation_journal_title") == meta(soup, "citation_publisher") == []


def test_canonical_link_and_opengraph(client, items):
    for item in items:
        soup = page(client, f"{item.url}?q=Russia")
        assert soup.find("link", rel="canonical")["href"] == f"{BASE}{item.url}"
        assert og(soup, "og:title") == [item.title]
        assert og(soup, "og:type") == ["article"]
        assert og(soup, "og:url") == [f"{BASE}{item.url}"]
        assert og(soup, "og:site_name") == ["Eurasian Security Archive"]
        assert len(og(soup, "og:description")) == 1


def test_json_ld_is_a_news_article_with_what_it_mentions(client, items):
    for item in items:
        data = json_ld(page(client, item.url))
        assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
        assert data["headline"] == item.title
        assert data["url"] == f"{BASE}{item.url}"
        assert data["isAccessibleForFree"] is True
        assert data["inLanguage"] == item.language
        assert data.get("datePublished") == item.date
        assert data.get("publisher") == (
            {"@type": "Organization", "name": item.outlet} if item.outlet else None)
        mentioned = {(m["@type"], m["name"]) for m in data["mentions"]}
        assert {("Person", s.name) for s in item.speakers} <= mentioned
        assert {("Person", p) for p in item.people} <= mentioned
        assert {("Organization", o.name) for o in item.organizations} <= mentioned
        assert {("Place", p) for p in item.places} <= mentioned
        assert data["mentions"], item.id


def test_json_ld_cannot_be_broken_out_of_by_a_title(seeded):
    """A title holding "</script>" stays inside the JSON-LD: it is JSON-escaped, not HTML."""
    item = next(seeded.archive.items())
    item.title = 'Evil </script><script>alert("x")</script> & <!-- title'
    seeded.archive.put(item)
    client = create_app({"ARCHIVE_DIR": str(seeded.root), "TESTING": True}).test_client()
    response = client.get(item.url)
    soup = BeautifulSoup(response.data, "html.parser")
    assert json_ld(soup)["headline"] == item.title
    scripts = soup.find_all("script")
    assert [s.get("type") or s.get("src") for s in scripts] == [
        "application/ld+json", "/static/app.js"]
    assert b"</script><script>alert" not in response.data
    for dd in soup.select("#cite dd.cite-text"):  # the formatted citations escape it too
        assert dd.get_text() == cite(item, dd["data-format"], BASE).text.strip()
    assert meta(soup, "citation_title") == [item.title]


# ------------------------------------------------------------------ versions


@pytest.fixture
def revised(tmp_path):
    """An archive where one seed was re-imported with corrected text: versions 1 and 2."""
    folder = tmp_path / "captures"
    folder.mkdir()
    source = next(p for p in sorted(SEEDS.iterdir()) if p.name.startswith("000"))
    shutil.copy(source, folder / source.name)

    store = Store(tmp_path / "archive")
    store.import_paths(folder)
    text = (folder / source.name).read_text(encoding="utf-8")
    (folder / source.name).write_text(text + "\n\nCorrection: a sentence added later.\n",
                                      encoding="utf-8")
    store.import_paths(folder)
    (item,) = store.archive.items()
    assert item.version == 2
    return store, item


def test_current_version_lists_the_history_without_a_notice(revised):
    store, item = revised
    client = create_app({"ARCHIVE_DIR": str(store.root), "TESTING": True}).test_client()
    soup = page(client, item.url)
    assert soup.select_one(".version-notice") is None
    history = soup.select("ol.version-history li")
    assert [li.get_text(" ", strip=True).split()[1] for li in history] == ["2", "1"]
    assert history[0]["aria-current"] == "page" and history[0].a is None
    assert history[1].a["href"] == f"{item.url}?version=1"
    assert "Correction: a sentence added later." in soup.select_one(".body").get_text()


def test_old_version_page_shows_that_version_with_a_notice_and_cites_it(revised):
    store, item = revised
    client = create_app({"ARCHIVE_DIR": str(store.root), "TESTING": True}).test_client()
    soup = page(client, soup_url := f"{item.url}?version=1")
    notice = soup.select_one(".version-notice").get_text(" ", strip=True)
    assert "You are viewing version 1 of 2" in notice
    assert soup.select_one(".version-notice a")["href"] == item.url
    assert "Correction: a sentence added later." not in soup.select_one(".body").get_text()
    history = soup.select("ol.version-history li")
    assert history[1]["aria-current"] == "page" and history[0].a["href"] == item.url
    # the citation names the version it cites and the access date
    panel = soup.select_one("section#cite")
    assert panel.select_one("a.cite-permalink")["href"] == f"{BASE}{soup_url}"
    assert "Version 1" in panel.select_one(".cite-meta").get_text()
    for a in panel.select(".cite-exports a"):
        assert "version=1" in a["href"]
    (record,) = client.get(panel.select_one('.cite-exports a[data-format="csl-json"]')["href"]
                           ).get_json()
    assert record["version"] == "1" and record["URL"].endswith("?version=1")
    assert record["accessed"]["date-parts"][0][0] >= 2025
    # one canonical address for every version; the old one is not indexed by search engines
    assert soup.find("link", rel="canonical")["href"] == f"{BASE}{item.url}"
    assert meta(soup, "robots") == ["noindex"]
    assert meta(soup, "citation_public_url") == [f"{BASE}{item.url}?version=1"]
    assert soup.select_one("a.permalink")["href"] == soup_url
    assert soup.select_one(".para a.anchor")["data-permalink"].startswith(f"{BASE}{soup_url}#")


def test_old_version_json_and_bad_versions(revised):
    store, item = revised
    client = create_app({"ARCHIVE_DIR": str(store.root), "TESTING": True}).test_client()
    assert client.get(f"{item.url}.json?version=1").get_json()["version"] == 1
    assert client.get(f"{item.url}.json").get_json()["version"] == 2
    assert client.get(f"{item.url}?version=2").status_code == 200
    assert client.get(f"{item.url}?version=3").status_code == 404
    assert client.get(f"{item.url}?version=two").status_code == 400
    assert client.get(f"{item.url}.json?version=0").get_json()["error"]["status"] == 400
