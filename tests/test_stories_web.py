"""Stories on the web: /stories, /stories/<id> and their JSON, the item's "also published by"
panel and `story` field, and the side-by-side comparison. Real archive, real Flask app;
assertions on parsed HTML and JSON."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from test_stories import WIRE, ids_by_file, inbox  # noqa: F401 - inbox is a fixture

from eurasec_archive.app import create_app
from eurasec_archive.cli import main


@pytest.fixture
def web(tmp_path, inbox):  # noqa: F811
    ar = tmp_path / "archive"
    result = CliRunner().invoke(main, ["--archive-dir", str(ar), "import", str(inbox)])
    assert result.exit_code == 0, result.output
    app = create_app({"ARCHIVE_DIR": str(ar), "TESTING": True})
    return app.test_client(), ids_by_file(ar), ar


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def test_item_json_has_its_story(web):
    client, ids, _ = web
    data = client.get(f"/items/{ids['tass.txt']}.json").get_json()
    story = data["story"]
    assert story["size"] == 3 and story["earliest"]["id"] == ids["belta.txt"]
    assert story["url"] == f"/stories/{story['id']}"
    # the existing fields are untouched
    assert data["id"] == ids["tass.txt"] and data["paragraphs"]


def test_item_page_lists_who_else_published_it_with_dates_and_compare_links(web):
    client, ids, _ = web
    page = soup(client.get(f"/items/{ids['tass.txt']}"))
    panel = page.select_one("section.story-panel")
    assert panel is not None
    entries = {li["data-item"]: li for li in panel.select("ul.also li")}
    assert set(entries) == {ids["belta.txt"], ids["sputnik.txt"]}
    belta = entries[ids["belta.txt"]]
    assert belta.select_one("a").get_text() == "BelTA"
    assert belta.select_one(".d").get_text() == "4 March 2025"
    assert belta.select_one(".tag").get_text() == "first"
    assert belta.select_one("a.compare")["href"] == f"/items/{ids['tass.txt']}/compare/{ids['belta.txt']}"
    assert "First published by BelTA" in panel.select_one("p.first").get_text()


def test_an_item_alone_in_its_story_has_no_panel(web):
    client, ids, _ = web
    # the Astana story shares one quote with the wire story: it lists that passage, no reprints
    page = soup(client.get(f"/items/{ids['astana.txt']}"))
    panel = page.select_one("section.story-panel")
    assert panel is not None and not panel.select("ul.also li")
    links = [a["href"] for a in panel.select("ul.echoes a")]
    assert any(h.startswith(f"/items/{ids['belta.txt']}") for h in links)


def test_story_page_and_json_list_members_earliest_first(web):
    client, ids, _ = web
    story_id = client.get(f"/items/{ids['tass.txt']}.json").get_json()["story"]["id"]
    data = client.get(f"/stories/{story_id}.json").get_json()
    assert [m["id"] for m in data["members"]] == [ids["belta.txt"], ids["tass.txt"], ids["sputnik.txt"]]
    tass = data["members"][1]
    assert tass["differences"]["missing"] == 2 and tass["differences"]["added"] == 0
    page = soup(client.get(f"/stories/{story_id}"))
    rows = page.select("table.members tbody tr")
    assert [r["data-item"] for r in rows] == [m["id"] for m in data["members"]]
    assert rows[0].select_one("td.diff").get_text(strip=True) == "first"
    assert rows[1].select_one("td.outlet").get_text() == "TASS"
    listing = client.get("/stories.json").get_json()
    assert listing["total"] == 1 and listing["stories"][0]["id"] == story_id
    assert soup(client.get("/stories")).select_one("table.stories a")["href"] == f"/stories/{story_id}"


def test_unknown_or_hostile_story_ids_are_404_not_500(web):
    client, _, _ = web
    for path in ("/stories/no-such-story", "/stories/..%2F..%2Fetc", "/stories/" + "a" * 400,
                 "/stories/<script>.json"):
        response = client.get(path)
        assert response.status_code == 404, path
    assert client.get("/stories/nope.json").get_json()["error"]["status"] == 404
    assert client.get("/stories?page=zero").status_code == 400


def test_comparison_shows_added_removed_and_changed_paragraphs_side_by_side(web):
    client, ids, _ = web
    sputnik, belta = ids["sputnik.txt"], ids["belta.txt"]
    page = soup(client.get(f"/items/{sputnik}/compare/{belta}"))
    rows = page.select("table.side-by-side tbody tr")
    by_status = {}
    for r in rows:
        by_status.setdefault(r["data-status"], []).append(r)
    # the base (left) against this item (right): the intro sentence it added is only on the
    # right, the wire paragraph it dropped only on the left
    (intro,) = [r for r in by_status["added"] if "MINSK, March 6" in r.select_one("td.right").get_text()]
    assert intro.select_one("td.left").get_text(strip=True) == ""
    removed = [r.select_one("td.left").get_text() for r in by_status["removed"]]
    assert any(WIRE[5][:40] in t for t in removed)
    # the swapped paragraphs are flagged as moved
    assert page.select("tr.moved")
    # the headline was rewritten: a changed row, the base's words struck, this item's inserted
    headline = by_status["changed"][0]
    assert headline.select("td.left del") and headline.select("td.right ins")
    assert not headline.select("td.left ins") and not headline.select("td.right del")
    assert "Minsk ready to host" in headline.select_one("td.right").get_text()
    # the transliteration variant (Ryjenkov / Ryzhenkov) is not a change
    assert not any("Ryjenkov" in w.get_text() for w in page.select("del, ins"))
    assert "Ryjenkov" in page.select_one("table.side-by-side").get_text()


def test_comparison_json_and_missing_items(web):
    client, ids, _ = web
    data = client.get(f"/items/{ids['tass.txt']}/compare/{ids['belta.txt']}.json").get_json()
    assert data["same_story"] is True
    assert data["counts"]["removed"] == 2
    statuses = [r["status"] for r in data["rows"]]
    assert statuses.count("removed") == 2 and set(statuses) <= {"shared", "changed", "added", "removed"}
    assert client.get(f"/items/{ids['tass.txt']}/compare/no-such-item").status_code == 404
    other = client.get(f"/items/{ids['tass.txt']}/compare/{ids['astana.txt']}.json").get_json()
    assert other["same_story"] is False and other["story"] is None


def test_documents_are_escaped_in_the_comparison(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    hostile = '<script>alert(1)</script> ' + WIRE[0]
    (folder / "a.txt").write_text(f" date 2025-03-04 belta.by\n\nOne\n\n{WIRE[0]}\n\n{WIRE[1]}\n")
    (folder / "b.txt").write_text(f" date 2025-03-05 tass.com\n\nTwo\n\n{hostile}\n\n{WIRE[1]}\n")
    ar = tmp_path / "archive"
    CliRunner().invoke(main, ["--archive-dir", str(ar), "import", str(folder)])
    ids = ids_by_file(ar)
    client = create_app({"ARCHIVE_DIR": str(ar), "TESTING": True}).test_client()
    page = soup(client.get(f"/items/{ids['b.txt']}/compare/{ids['a.txt']}"))
    assert not page.select("article script")
    assert "<script>alert(1)</script>" in page.select_one("table.side-by-side").get_text()
