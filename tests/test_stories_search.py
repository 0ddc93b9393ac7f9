"""Search folds reprints: one hit per story with its reprints counted (``collapse=story``),
every item without it; the same through the JSON API, the search page and the CLI."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from test_stories import ids_by_file, inbox  # noqa: F401 - inbox is a fixture

from eurasec_archive.app import create_app
from eurasec_archive.cli import main


@pytest.fixture
def web(tmp_path, inbox):  # noqa: F811
    ar = tmp_path / "archive"
    assert CliRunner().invoke(main, ["--archive-dir", str(ar), "import", str(inbox)]).exit_code == 0
    return create_app({"ARCHIVE_DIR": str(ar), "TESTING": True}).test_client(), ids_by_file(ar), ar


def test_api_collapses_reprints_into_one_hit_per_story(web):
    client, ids, _ = web
    every = client.get("/api/search?q=bloc").get_json()
    # the three wire versions and the Astana story (which reuses the quote)
    assert {h["id"] for h in every["hits"]} == set(ids.values())
    assert every["collapse"] is None and all("reprints" not in h for h in every["hits"])
    folded = client.get("/api/search?q=bloc&collapse=story").get_json()
    assert folded["total"] == 4 and folded["collapse"] == {"by": "story", "stories": 2, "exact": True}
    by_id = {h["id"]: h for h in folded["hits"]}
    assert len(by_id) == 2 and ids["astana.txt"] in by_id
    (leader,) = [h for h in folded["hits"] if h["id"] != ids["astana.txt"]]
    assert leader["id"] in {ids["belta.txt"], ids["tass.txt"], ids["sputnik.txt"]}
    assert leader["reprints"] == 2 and by_id[ids["astana.txt"]]["reprints"] == 0
    story = client.get(f"/items/{leader['id']}.json").get_json()["story"]["id"]
    assert leader["story"] == story


def test_collapse_counts_only_the_reprints_that_match(web):
    client, ids, _ = web
    # the Lavrov paragraph is in the original and the Sputnik version, not in the trimmed TASS one
    folded = client.get("/api/search?q=Lavrov&collapse=story").get_json()
    assert [h["reprints"] for h in folded["hits"]] == [1]


def test_bad_collapse_value_is_a_400(web):
    client, _, _ = web
    response = client.get("/api/search?q=charter&collapse=outlet")
    assert response.status_code == 400 and "collapse" in response.get_json()["error"]["message"]


def test_search_page_shows_reprints_and_the_switch(web):
    client, ids, _ = web
    page = BeautifulSoup(client.get("/?q=bloc").get_data(as_text=True), "html.parser")
    assert len(page.select("li.hit")) == 4
    switch = page.select_one("p.collapse-switch a")
    assert "collapse=story" in switch["href"]
    folded = BeautifulSoup(client.get(switch["href"]).get_data(as_text=True), "html.parser")
    hits = folded.select("li.hit")
    assert len(hits) == 2
    reprints = folded.select("li.hit a.reprints")
    assert len(reprints) == 1 and reprints[0].get_text() == "+ 2 reprints"
    assert reprints[0]["href"].startswith("/stories/")
    assert client.get(reprints[0]["href"]).status_code == 200
    back = folded.select_one("p.collapse-switch a")
    assert "collapse" not in back["href"]


def test_cli_search_collapses_stories(web):
    _, ids, ar = web
    out = CliRunner().invoke(main, ["--archive-dir", str(ar), "search", "bloc", "--collapse-stories", "--json"])
    data = json.loads(out.output)
    assert len(data["hits"]) == 2 and sorted(h["reprints"] for h in data["hits"]) == [0, 2]
