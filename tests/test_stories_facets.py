"""Facet counts per story (``facet_count=story``): reprints of one text count once under their
outlet, language and so on, through the JSON API, the search page (parsed HTML) and the CLI."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from test_stories import WIRE, capture, inbox  # noqa: F401 - inbox is a fixture

from eurasec_archive.app import create_app
from eurasec_archive.cli import main


@pytest.fixture
def web(tmp_path, inbox):  # noqa: F811
    # TASS runs the wire story a second time (an updated copy): three TASS items, two TASS stories
    (inbox / "tass-update.txt").write_text(
        capture("2025-03-07", "tass.com", "Charter talks: Minsk and Moscow agree", WIRE[:5]), encoding="utf-8")
    ar = tmp_path / "archive"
    assert CliRunner().invoke(main, ["--archive-dir", str(ar), "import", str(inbox)]).exit_code == 0
    return create_app({"ARCHIVE_DIR": str(ar), "TESTING": True}).test_client(), ar


def counts(result: dict, facet: str) -> dict[str, int]:
    return {v["value"]: v["count"] for v in result["facets"][facet]}


def test_api_counts_items_by_default_and_stories_on_request(web):
    client, _ = web
    items = client.get("/api/search?q=bloc").get_json()
    assert items["total"] == 5 and items["facet_count"] == "item"
    assert counts(items, "outlet") == {"TASS": 3, "BelTA": 1, "Sputnik Belarus": 1}
    stories = client.get("/api/search?q=bloc&facet_count=story").get_json()
    assert stories["total"] == 5 and stories["facet_count"] == "story"  # the hits are not folded
    assert len(stories["hits"]) == 5
    # the wire story and the Astana story both ran in TASS; the wire story once per outlet
    assert counts(stories, "outlet") == {"TASS": 2, "BelTA": 1, "Sputnik Belarus": 1}
    assert counts(stories, "language") == {"en": 2}
    assert counts(items, "language") == {"en": 5}


def test_story_counts_respect_the_filters_and_combine_with_collapse(web):
    client, _ = web
    tass = client.get("/api/search?q=bloc&outlet=TASS&facet_count=story").get_json()
    assert tass["total"] == 3
    assert counts(tass, "language") == {"en": 2}  # TASS's three items are two stories
    assert counts(tass, "outlet")["TASS"] == 2  # a facet is counted without its own selection
    both = client.get("/api/search?q=bloc&facet_count=story&collapse=story").get_json()
    assert both["collapse"]["stories"] == 2 and len(both["hits"]) == 2
    assert counts(both, "outlet") == {"TASS": 2, "BelTA": 1, "Sputnik Belarus": 1}


def test_bad_facet_count_is_a_400(web):
    client, _ = web
    r = client.get("/api/search?q=bloc&facet_count=outlets")
    assert r.status_code == 400
    assert "facet_count" in r.get_json()["error"]["message"]


def test_search_page_has_the_switch_and_keeps_it_in_the_form(web):
    client, _ = web

    def outlet_counts(soup):
        box = soup.select_one('fieldset.facet[data-facet="outlet"]')
        return {li.select_one(".v").get_text(strip=True): int(li["data-count"]) for li in box.select("li")}

    page = BeautifulSoup(client.get("/?q=bloc").data, "html.parser")
    assert outlet_counts(page)["TASS"] == 3
    switch = page.select_one(".facet-count-switch a")
    assert switch.get_text(strip=True) == "Count stories"
    assert "facet_count=story" in switch["href"]
    per_story = BeautifulSoup(client.get(switch["href"]).data, "html.parser")
    assert outlet_counts(per_story)["TASS"] == 2
    back = per_story.select_one(".facet-count-switch a")
    assert back.get_text(strip=True) == "Count every item" and "facet_count" not in back["href"]
    # ticking a facet submits the form: the way of counting stays
    kept = per_story.select_one('#search-form input[type=hidden][name="facet_count"]')
    assert kept is not None and kept["value"] == "story"


def test_cli_search_counts_stories(web):
    _, ar = web
    result = CliRunner().invoke(main, ["--archive-dir", str(ar), "search", "bloc", "--json", "--facets-per-story"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["facet_count"] == "story" and counts(data, "outlet")["TASS"] == 2


def test_story_counts_follow_new_imports_into_a_running_app(web, tmp_path):
    client, ar = web
    assert counts(client.get("/api/search?q=bloc&facet_count=story").get_json(), "language") == {"en": 2}
    later = tmp_path / "later"
    later.mkdir()
    (later / "ria.txt").write_text(capture("2025-03-08", "ria.ru", "Minsk, Moscow and the charter", WIRE[1:]),
                                   encoding="utf-8")
    (later / "new.txt").write_text(capture("2025-03-08", "ria.ru", "Grain exports", [
        "Kazakhstan expects its grain exports to grow by a fifth this season, the agriculture ministry said "
        "on Friday, citing a record harvest in the northern regions.",
        "Most of the grain will go to Central Asian neighbours and to China by rail, officials added, while "
        "shipments across the Caspian Sea are expected to double."]), encoding="utf-8")
    assert CliRunner().invoke(main, ["--archive-dir", str(ar), "import", str(later)]).exit_code == 0
    after = client.get("/api/search?q=&facet_count=story").get_json()
    assert after["total"] == 7
    # the RIA reprint joins the wire story; the grain report is a third story
    assert counts(after, "language") == {"en": 3}
    assert counts(after, "outlet")["RIA Novosti"] == 2
