"""Stories are stable and incremental: re-importing the same files (or a new version of one)
keeps every story id, the stories found do not depend on the order files arrive in or on how
many runs bring them, and a parallel import (fingerprints computed in the parse workers)
files the same stories as a serial one. Real archives, the real importer and CLI."""

from __future__ import annotations

import shutil

from test_stories import WIRE, capture, ids_by_file, inbox, item_json, run  # noqa: F401 - inbox is a fixture


def stories_by_file(archive_dir) -> dict[str, str]:
    return {name: item_json(archive_dir, item_id)["story"]["id"] for name, item_id in ids_by_file(archive_dir).items()}


def partition(by_file: dict[str, str]) -> set[frozenset[str]]:
    """The stories as sets of file names (what must not depend on arrival order)."""
    groups: dict[str, set[str]] = {}
    for name, story in by_file.items():
        groups.setdefault(story, set()).add(name)
    return {frozenset(g) for g in groups.values()}


def test_reimporting_the_same_files_keeps_every_story_id(tmp_path, inbox):  # noqa: F811
    ar = tmp_path / "archive"
    assert run(ar, "import", inbox).exit_code == 0
    before = stories_by_file(ar)
    assert len(set(before.values())) == 2
    again = run(ar, "import", inbox)
    assert again.exit_code == 0, again.output
    assert stories_by_file(ar) == before
    # a new version of the earliest member (its file edited): same item, same story
    belta = inbox / "belta.txt"
    belta.write_text(belta.read_text(encoding="utf-8").replace("told reporters", "told journalists"),
                     encoding="utf-8")
    assert run(ar, "import", inbox).exit_code == 0
    ids = ids_by_file(ar)
    assert item_json(ar, ids["belta.txt"])["version"] == 2
    assert stories_by_file(ar) == before
    assert item_json(ar, ids["tass.txt"])["story"]["earliest"]["id"] == ids["belta.txt"]


def test_stories_do_not_depend_on_the_order_or_the_runs_files_arrive_in(tmp_path, inbox):  # noqa: F811
    # halves of the wire text and the full text: one story, whichever arrives first
    (inbox / "top.txt").write_text(capture("2025-03-07", "ria.ru", "Top half", WIRE[:3]), encoding="utf-8")
    (inbox / "bottom.txt").write_text(capture("2025-03-07", "rt.com", "Bottom half", WIRE[3:]), encoding="utf-8")
    names = sorted(p.name for p in inbox.iterdir())
    orders = {"all at once": None, "sorted": names, "reversed": names[::-1],
              "halves first": ["top.txt", "bottom.txt", "astana.txt", "tass.txt", "sputnik.txt", "belta.txt"]}
    found = {}
    for label, order in orders.items():
        ar = tmp_path / f"archive-{len(found)}"
        if order is None:
            assert run(ar, "import", inbox).exit_code == 0
        for name in order or ():  # one file per run: documents arriving one by one
            one = tmp_path / "arriving" / name
            one.parent.mkdir(exist_ok=True)
            shutil.copy(inbox / name, one)
            result = run(ar, "import", one)
            assert result.exit_code == 0, result.output
            one.unlink()
        found[label] = partition(stories_by_file(ar))
    wire = frozenset({"belta.txt", "tass.txt", "sputnik.txt", "top.txt", "bottom.txt"})
    for label, stories in found.items():
        assert stories == {wire, frozenset({"astana.txt"})}, label


def test_a_parallel_import_files_the_same_stories_as_a_serial_one(tmp_path, inbox):  # noqa: F811
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    assert run(serial, "import", inbox).exit_code == 0
    result = run(parallel, "import", "--jobs", "2", inbox)
    assert result.exit_code == 0, result.output
    assert stories_by_file(parallel) == stories_by_file(serial)
    tass = item_json(parallel, ids_by_file(parallel)["tass.txt"])["story"]
    assert tass["size"] == 3 and tass["missing"]  # the paragraph comparison is there too
