"""Citations of every seed, in every format, through the web route and the CLI, parsed back by
the real client libraries: bibtexparser, rispy, the CSL-JSON schema, and read as text for the
formatted styles (citeproc-py with the official CSL files)."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware
from click.testing import CliRunner

from eurasec_archive.app import create_app
from eurasec_archive.archive import Archive
from eurasec_archive.cite import FORMATS, cite, csl_item
from eurasec_archive.cli import main

CSL_SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "csl" / "csl-data.json").read_text(encoding="utf-8"))
BASE = "http://localhost"  # what the Flask test client calls itself
STYLED = ("chicago", "apa", "mla")


@pytest.fixture(scope="module")
def client(seeded_dir):
    return create_app({"ARCHIVE_DIR": str(seeded_dir), "TESTING": True}).test_client()


@pytest.fixture(scope="module")
def items(seeded_dir):
    found = list(Archive(seeded_dir).items())
    assert len(found) == 5
    return found


def via_web(client, item, fmt, **params):
    response = client.get(f"/items/{item.id}/cite", query_string={"format": fmt, **params})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == FORMATS[fmt][0].split(";")[0]
    return response.get_data(as_text=True)


def via_cli(seeded_dir, item, fmt, *args):
    result = CliRunner().invoke(main, ["--archive-dir", str(seeded_dir), "cite", item.id,
                                       "--format", fmt, "--base-url", BASE, *args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(params=["web", "cli"])
def fetch(request, client, seeded_dir):
    """Get a citation the way a user would: the web route or the CLI."""
    if request.param == "web":
        return lambda item, fmt, *args: via_web(
            client, item, fmt, **dict(zip(args[::2], args[1::2], strict=True)))
    return lambda item, fmt, *args: via_cli(
        seeded_dir, item, fmt, *[a if i % 2 else f"--{a}" for i, a in enumerate(args)])


def test_csl_json_of_every_seed_validates_against_the_csl_schema(fetch, items):
    for item in items:
        records = json.loads(fetch(item, "csl-json"))
        jsonschema.validate(records, CSL_SCHEMA)
        (record,) = records
        assert record["id"] == item.id and record["title"] == item.title
        assert record["URL"] == f"{BASE}/items/{item.id}?version={item.version}"
        assert record["version"] == str(item.version)
        assert record["accessed"]["date-parts"][0][0] >= 2024
        if item.outlet:
            assert record["type"] == "article-newspaper"
            assert record["container-title"] == item.outlet
        else:
            assert record["type"] == "webpage" and "container-title" not in record
        if item.date:
            assert "-".join(f"{x:02d}" for x in record["issued"]["date-parts"][0]) == item.date
        else:
            assert "issued" not in record


def test_bibtex_of_every_seed_parses_with_bibtexparser(fetch, items):
    for item in items:
        library = bibtexparser.parse_string(fetch(item, "bibtex"),
                                            append_middleware=[LatexDecodingMiddleware()])
        assert not library.failed_blocks
        (entry,) = library.entries
        fields = {f.key: f.value for f in entry.fields}
        assert entry.key == item.id
        assert fields["title"] == item.title
        assert fields["url"].endswith(f"/items/{item.id}?version={item.version}")
        assert fields["urldate"][:2] == "20"
        if item.outlet:
            assert entry.entry_type == "article" and fields["journal"] == item.outlet
        else:
            assert entry.entry_type == "misc" and "journal" not in fields
        if item.date:
            assert fields["date"] == item.date and fields["year"] == item.date[:4]
        else:
            assert "year" not in fields and "date" not in fields


def test_ris_of_every_seed_parses_with_rispy(fetch, items):
    for item in items:
        (record,) = rispy.loads(fetch(item, "ris"))
        assert record["id"] == item.id and record["title"] == item.title
        assert record["urls"] == [f"{BASE}/items/{item.id}?version={item.version}"]
        assert record["access_date"].count("/") == 3
        assert record["type_of_reference"] == ("NEWS" if item.outlet else "ELEC")
        assert record.get("secondary_title") == item.outlet
        if item.date:
            assert record["year"] == item.date[:4]
            assert record["date"].rstrip("/").replace("/", "-") == item.date
        else:
            assert "year" not in record and "date" not in record


@pytest.mark.parametrize("style", STYLED)
def test_formatted_citation_of_every_seed(fetch, items, style):
    for item in items:
        text = fetch(item, style).strip()
        assert "\n" not in text
        assert f"/items/{item.id}?version={item.version}" in text
        if item.outlet:
            assert item.outlet.lower() in text.lower()
        if style == "apa":
            assert ("(n.d.)" in text) == (item.date is None)
        if item.date and style != "mla":
            assert item.date[:4] in text


def test_undated_items_say_nd(items):
    undated = [i for i in items if not i.date]
    assert undated
    for item in undated:
        assert "(n.d.)" in cite(item, "apa", BASE).text
        assert "n.d." in cite(item, "apa", BASE, paragraph="p1").text


@pytest.mark.parametrize("style, label", [("chicago", "para. 3"), ("apa", "para. 3"),
                                          ("mla", "par. 3")])
def test_paragraph_citation_names_the_paragraph(fetch, items, style, label):
    for item in items:
        assert label in fetch(item, style, "paragraph", "p3")


def test_paragraph_citation_links_to_the_paragraph(fetch, items):
    for item in items:
        (record,) = json.loads(fetch(item, "csl-json", "paragraph", "p3"))
        assert record["URL"].endswith(f"?version={item.version}#p3")


def test_unknown_paragraph_is_404(client, items):
    assert client.get(f"/items/{items[0].id}/cite?format=apa&paragraph=p9999").status_code == 404


def test_unknown_format_is_a_400_naming_the_formats(client, items):
    response = client.get(f"/items/{items[0].id}/cite?format=harvard")
    assert response.status_code == 400
    assert "bibtex" in response.get_data(as_text=True)


def test_cli_unknown_format_is_a_usage_error(seeded_dir, items):
    result = CliRunner().invoke(main, ["--archive-dir", str(seeded_dir), "cite", items[0].id,
                                       "--format", "harvard"])
    assert result.exit_code == 2


def test_cite_unknown_item_is_404(client):
    assert client.get("/items/no-such-item/cite").status_code == 404


def test_download_sends_a_named_file(client, items):
    item = items[0]
    response = client.get(f"/items/{item.id}/cite?format=bibtex&download=1")
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="{item.id}-v{item.version}.bib"')
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_citation_names_the_version_it_cites(seeded):
    archive = seeded.archive
    item = next(i for i in archive.items() if i.outlet)
    first_title = item.title
    item.title, item.version = "A corrected title", 2
    archive.put(item)
    client = create_app({"ARCHIVE_DIR": str(seeded.root), "TESTING": True}).test_client()
    (old,) = client.get(f"/items/{item.id}/cite?format=csl-json&version=1").get_json()
    (new,) = client.get(f"/items/{item.id}/cite?format=csl-json").get_json()
    assert (old["title"], old["version"]) == (first_title, "1")
    assert old["URL"].endswith("?version=1")
    assert (new["title"], new["version"]) == ("A corrected title", "2")
    assert client.get(f"/items/{item.id}/cite?version=7").status_code == 404
    assert client.get(f"/items/{item.id}/cite?version=two").status_code == 400


def test_access_date_is_in_every_export(items):
    item = items[0]
    day = date(2026, 2, 3)
    assert csl_item(item, BASE, accessed=day)["accessed"] == {"date-parts": [[2026, 2, 3]]}
    assert "urldate = {2026-02-03}" in cite(item, "bibtex", BASE, accessed=day).text
    assert rispy.loads(cite(item, "ris", BASE, accessed=day).text)[0]["access_date"] == "2026/02/03/"


def test_title_standing_in_for_the_author_is_printed_once(items):
    """citeproc-py 0.11 suppressed only bare variables after cs:substitute, so styles that put
    the title in the author slot through a macro printed it twice."""
    for item in items:
        if item.authors:
            continue
        for style in STYLED:
            text = cite(item, style, BASE).text
            assert text.lower().count(item.title[:40].lower()) == 1, (style, text)


def test_no_label_without_its_variable(items):
    """citeproc-py 0.11 printed a label ("Edition") for a variable the item does not have."""
    for item in items:
        assert "Edition" not in cite(item, "chicago", BASE).text


def test_bibtex_escapes_latex_specials(items):
    item = copy.deepcopy(items[0])
    item.title = "Costs & benefits: 50% of {all} #1_items"
    library = bibtexparser.parse_string(cite(item, "bibtex", BASE).text,
                                        append_middleware=[LatexDecodingMiddleware()])
    assert not library.failed_blocks
    assert library.entries[0].fields_dict["title"].value == item.title


def test_authors_become_csl_names(items):
    item = copy.deepcopy(items[0])
    item.authors = ["Anna Ivanova", "TASS"]
    record = csl_item(item, BASE)
    jsonschema.validate([record], CSL_SCHEMA)
    assert record["author"] == [{"family": "Ivanova", "given": "Anna"}, {"literal": "TASS"}]
    entry = bibtexparser.parse_string(cite(item, "bibtex", BASE).text).entries[0]
    assert entry.fields_dict["author"].value == "Ivanova, Anna and TASS"
    assert rispy.loads(cite(item, "ris", BASE).text)[0]["authors"] == ["Ivanova, Anna", "TASS"]


def test_cite_panel_partial_shows_every_style_and_export(client, items):
    """templates/_cite_panel.html renders the context cite_panel_context(item) gives it."""
    from bs4 import BeautifulSoup

    from eurasec_archive.views.cite import cite_panel_context

    app = client.application
    for item in items:
        with app.test_request_context(item.url):
            html = app.jinja_env.get_template("_cite_panel.html").render(
                cite=cite_panel_context(item), item=item)
        soup = BeautifulSoup(html, "html.parser")
        styles = {dd["data-format"]: dd.get_text() for dd in soup.select("dd.cite-text")}
        assert set(styles) == set(STYLED)
        assert styles["apa"] == cite(item, "apa", BASE).text.strip()
        links = {a["data-format"]: a["href"] for a in soup.select(".cite-exports a")}
        assert set(links) == {"bibtex", "ris", "csl-json"}
        for fmt, href in links.items():
            response = client.get(href)
            assert response.status_code == 200 and response.mimetype == FORMATS[fmt][0].split(";")[0]
        assert soup.select_one("a.cite-permalink")["href"] == (
            f"{BASE}/items/{item.id}?version={item.version}")
        assert client.get(soup.select_one(".cite-paragraph a")["href"]).status_code == 200


def test_formatted_html_escapes_markup_in_item_text(items):
    """citeproc-py's HTML formatter inserts item variables unescaped; the Cite panel would have
    rendered a title's "<script>" as markup. The HTML must read as the plain citation does."""
    from bs4 import BeautifulSoup

    from eurasec_archive.cite import formatted

    item = copy.deepcopy(items[0])
    item.title = 'Evil </script><script>alert("x")</script> & <!-- more'
    item.outlet, item.authors = "Out<b>let", ["Ann <i>O'Neil</i>"]
    record = csl_item(item, BASE + "/?a=1&b=2")
    for style in STYLED:
        html = formatted(record, style, html=True)
        soup = BeautifulSoup(html, "html.parser")
        assert {t.name for t in soup.find_all(True)} <= {"i", "b", "span", "sup", "sub"}
        assert soup.get_text() == formatted(record, style)
        assert "<script" not in html
