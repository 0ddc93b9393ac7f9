"""One time budget per search request (issue #15): a search with a date range and
``collapse=story`` evaluates its query, counts the undated items the range leaves out, counts
facets, highlights and suggests, all within ONE deadline made when the request starts, so the
request ends within a small margin of the time limit; past it the rest is skipped or partial
and flagged, never wrong (a NOT is never dropped). With the normal limit the same request is
complete, and checked against a brute-force reading of the item files.

Real archive (real importer, real index, real app); the slow pattern is made slow by a pause
in every clause the real evaluator evaluates (the archive is too small to be slow by itself).
"""

from __future__ import annotations

import re
import time

import pytest
from click.testing import CliRunner
from test_stories import OTHER_STORY, WIRE, capture

from eurasec_archive.app import create_app
from eurasec_archive.archive import Archive
from eurasec_archive.cli import main
from eurasec_archive.index import evaluator as evaluator_module
from eurasec_archive.stories import StoryIndex

PREFIXES = ["charter", "minist", "corridor", "railway", "secur", "delegat", "conferen", "platform",
            "document", "partner", "customs", "border", "consult", "declarat", "principl", "architect",
            "integrat", "diplomat", "capital", "agenda"]
QUERY = " ".join(f"{p}*" for p in PREFIXES) + " -lavrov"
PARAMS = {"q": QUERY, "from": "2025-03", "to": "2025-03", "collapse": "story", "per_page": "50"}
LIMIT = 0.8  # seconds: the tiny limit of the slow case
PAUSE = 0.05  # seconds each clause of the slow pattern takes
MARGIN = 0.3  # seconds past the limit a request may run (one clause, the page, a loaded machine)


@pytest.fixture(scope="module")
def archive_dir(tmp_path_factory):
    base = tmp_path_factory.mktemp("deadline")
    inbox = base / "inbox"
    inbox.mkdir()
    files = {
        # the wire story three times (belta and sputnik keep the Lavrov paragraph, tass does not)
        "belta.txt": capture("2025-03-04", "belta.by", "Belarus, Russia to promote Eurasian security charter", WIRE),
        "tass.txt": capture("2025-03-05", "tass.com", "Ryzhenkov: Minsk and Moscow to push charter at ministerial",
                            WIRE[:4]),
        "sputnik.txt": capture("2025-03-06", "sputnik.by", "Minsk ready to host charter talks",
                               ["MINSK, March 6 - The Belarusian capital is preparing for a new round of talks.",
                                *WIRE[:5]]),
        "astana.txt": capture("2025-03-05", "tass.com", "Central Asian corridors on the agenda in Astana",
                              OTHER_STORY),
        # out of the range
        "older.txt": capture("2024-05-02", "belta.by", "Railway border crossings to be modernised",
                             ["The customs services of the two states agreed on new railway border procedures.",
                              "The agreement follows consultations between the transport ministries."]),
        # undated: one left out by the range, one excluded by the NOT anyway
        "undated_a.txt": "\n\nNotes on a draft security architecture\n\n"
                         "A working paper circulated among delegations outlines principles of an "
                         "indivisible security architecture and a platform for consultations.\n",
        "undated_b.txt": "\n\nLavrov on the charter\n\n"
                         "Sergey Lavrov said the charter would be a reference document for partners.\n",
    }
    for name, text in files.items():
        (inbox / name).write_text(text, encoding="utf-8")
    ar = base / "archive"
    result = CliRunner().invoke(main, ["--archive-dir", str(ar), "import", str(inbox)])
    assert result.exit_code == 0, result.output
    return ar


def words(item) -> list[str]:
    text = " ".join([item.title, *(p.text for p in item.paragraphs)])
    return re.findall(r"\w+", text.lower())


def brute_force(ar) -> dict:
    """The expected answer, from the item files: items with a word starting with one of the
    prefixes and without the word 'lavrov', split by date."""
    matching = {}
    for item in Archive(ar).items():
        ws = words(item)
        if "lavrov" not in ws and any(w.startswith(p) for w in ws for p in PREFIXES):
            matching[item.id] = item.date or ""
    in_range = {i for i, d in matching.items() if d.startswith("2025-03")}
    undated = {i for i, d in matching.items() if not d}
    story_of = StoryIndex.of(Archive(ar)).stories_of(sorted(in_range))
    return {"in_range": in_range, "undated": undated,
            "stories": len({story_of.get(i, i) for i in in_range})}


@pytest.fixture
def slow_pattern(monkeypatch):
    """Every clause the real evaluator evaluates before its deadline takes PAUSE seconds;
    records each evaluator's deadline."""
    deadlines = []
    real_node, real_init = evaluator_module.Evaluator.node, evaluator_module.Evaluator.__init__

    def node(self, q, upper=False):
        if time.monotonic() <= self.deadline:  # the work is slow, not the check of the deadline
            time.sleep(PAUSE)
        return real_node(self, q, upper)

    def init(self, searcher, table, deadline, *args, **kwargs):
        deadlines.append(deadline)
        real_init(self, searcher, table, deadline, *args, **kwargs)

    monkeypatch.setattr(evaluator_module.Evaluator, "node", node)
    monkeypatch.setattr(evaluator_module.Evaluator, "__init__", init)
    return deadlines


def test_the_brute_force_expectation_covers_every_case(archive_dir):
    expected = brute_force(archive_dir)
    by_file = {i.source.filename: i.id for i in Archive(archive_dir).items()}
    assert expected["in_range"] == {by_file["tass.txt"], by_file["astana.txt"]}
    assert expected["undated"] == {by_file["undated_a.txt"]}
    assert expected["stories"] == 2


def test_with_the_normal_limit_the_request_is_complete_and_correct(archive_dir):
    client = create_app({"ARCHIVE_DIR": str(archive_dir), "TESTING": True}).test_client()
    data = client.get("/api/search", query_string=PARAMS).get_json()
    expected = brute_force(archive_dir)
    assert data["timed_out"] is False
    assert data["total"] == len(expected["in_range"])
    assert {h["id"] for h in data["hits"]} == expected["in_range"]
    assert data["undated_excluded"] == len(expected["undated"])
    assert data["collapse"] == {"by": "story", "stories": expected["stories"], "exact": True}
    years = {v["value"]: v["count"] for v in data["facets"]["year"]}
    assert years == {"2025": len(expected["in_range"])}
    # the undated items it offers back are the ones the brute force finds
    back = client.get("/api/search", query_string={**PARAMS, "undated": "include"}).get_json()
    assert {h["id"] for h in back["hits"]} == expected["in_range"] | expected["undated"]


def test_with_a_tiny_limit_the_request_ends_near_it_flagged_and_never_wrong(archive_dir, slow_pattern):
    client = create_app({"ARCHIVE_DIR": str(archive_dir), "TESTING": True,
                         "SEARCH_TIME_LIMIT": LIMIT}).test_client()
    client.get("/api/search", query_string={"q": "warm"})  # opens the searcher and tables
    slow_pattern.clear()
    started = time.monotonic()
    response = client.get("/api/search", query_string=PARAMS)
    took = time.monotonic() - started
    assert response.status_code == 200
    data = response.get_json()
    # without a shared deadline: the collapse window and the undated count each got 0.75 of
    # the limit (1.2 s here), and the whole query takes len(PREFIXES) * PAUSE = 1 s or more
    assert took < LIMIT + MARGIN, took
    assert data["timed_out"] is True
    # every evaluation of the request stopped at one deadline, within the limit of its start
    assert slow_pattern and len(set(slow_pattern)) == 1
    assert slow_pattern[0] <= started + LIMIT
    # partial, never wrong: only true matches, none with the negated word; counts are lower
    # bounds, and the story count is exact only if it says so
    expected = brute_force(archive_dir)
    assert {h["id"] for h in data["hits"]} <= expected["in_range"]
    assert data["total"] <= len(expected["in_range"])
    assert data["undated_excluded"] <= len(expected["undated"])
    assert data["collapse"]["stories"] <= expected["stories"] or not data["collapse"]["exact"]
    assert all("lavrov" not in words(Archive(archive_dir).get(h["id"])) for h in data["hits"])


def test_a_request_that_finds_nothing_suggests_within_the_same_budget(archive_dir, slow_pattern):
    client = create_app({"ARCHIVE_DIR": str(archive_dir), "TESTING": True,
                         "SEARCH_TIME_LIMIT": LIMIT}).test_client()
    client.get("/api/search", query_string={"q": "warm"})
    # eight unknown words (each a slow clause), then suggestions: all in the one budget
    q = "chartrx minstryx corridrx railwyx securtyx delegtionx conferancex platfromx"
    slow_pattern.clear()
    started = time.monotonic()
    data = client.get("/api/search", query_string={"q": q, "from": "2025-03"}).get_json()
    assert time.monotonic() - started < LIMIT + MARGIN
    assert data["total"] == 0 and data["undated_excluded"] == 0
    assert len(set(slow_pattern)) == 1
