"""Stories: reprints of one wire text across outlets cluster into one story at import time,
different stories on the same topic do not, and the clustering survives re-imports, rebuilds,
deletions and interrupted runs. Real archives, the real importer and the real CLI."""

from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

from eurasec_archive.archive import Archive
from eurasec_archive.cli import main
from eurasec_archive.stories import StoryIndex

WIRE = [
    "Belarus and Russia will jointly promote the draft Eurasian Charter of Diversity and Multipolarity "
    "in the 21st century at the upcoming ministerial meeting in Minsk, Foreign Minister Maxim Ryzhenkov "
    "told reporters on Tuesday.",
    "According to the minister, the document should set out the principles of an indivisible and equal "
    "security architecture in Eurasia. He noted that the text had been discussed with partners from the "
    "Shanghai Cooperation Organisation and the Collective Security Treaty Organization.",
    "\"We are not building a bloc against anyone. Our task is to offer a platform where every state of "
    "the continent can have its interests heard,\" Ryzhenkov said.",
    "The minister recalled that the first two Minsk conferences on Eurasian security had brought together "
    "delegations from more than thirty countries. The third conference is expected to adopt a final "
    "declaration on the charter.",
    "Russian Foreign Minister Sergey Lavrov is expected to take part in the talks. Moscow has repeatedly "
    "said that the initiative responds to the crisis of the existing European security institutions.",
    "Experts interviewed by the agency said that the charter could become a reference document for the "
    "Union State and its partners. They added that much would depend on the reaction of China and India.",
]

OTHER_STORY = [
    "Kazakhstan hosted consultations of deputy foreign ministers on transport corridors across Central "
    "Asia on Wednesday, the ministry in Astana said in a statement.",
    "The delegations discussed the North-South route, the modernisation of border crossings and the "
    "harmonisation of customs procedures between the member states of the Eurasian Economic Union.",
    # a quote reused from the wire story: a paragraph link, not the same story
    "\"We are not building a bloc against anyone. Our task is to offer a platform where every state of "
    "the continent can have its interests heard,\" Ryzhenkov said.",
    "The participants agreed to hold the next round of consultations in Tashkent in the autumn and to "
    "prepare a joint report on the capacity of the railway network by then.",
]


def capture(date: str, domain: str, title: str, paragraphs: list[str]) -> str:
    """A plain-text capture in the seed format."""
    return f" date {date} {domain}\n\n{title}\n\n" + "\n\n".join(paragraphs) + "\n"


def typographic(text: str) -> str:
    return text.replace('"', "\u201c", 1).replace('"', "\u201d", 1).replace(" - ", " \u2014 ")


@pytest.fixture
def inbox(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    files = {
        # the wire original
        "belta.txt": capture("2025-03-04", "belta.by", "Belarus, Russia to promote Eurasian security charter", WIRE),
        # trimmed (last two paragraphs dropped), headline rewritten, typographic quotes
        "tass.txt": capture("2025-03-05", "tass.com", "Ryzhenkov: Minsk and Moscow to push charter at ministerial",
                            [typographic(p) for p in WIRE[:4]]),
        # an intro sentence added, two paragraphs swapped, names in another transliteration
        "sputnik.txt": capture("2025-03-06", "sputnik.by", "Minsk ready to host charter talks", [
            "MINSK, March 6 - The Belarusian capital is preparing for a new round of diplomatic talks.",
            WIRE[0].replace("Maxim Ryzhenkov", "Maksim Ryjenkov"), WIRE[2].replace("Ryzhenkov", "Ryjenkov"),
            WIRE[1], WIRE[3], WIRE[4].replace("Sergey", "Sergei")]),
        "astana.txt": capture("2025-03-05", "tass.com", "Central Asian corridors on the agenda in Astana", OTHER_STORY),
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def run(archive_dir, *args):
    result = CliRunner().invoke(main, ["--archive-dir", str(archive_dir), *map(str, args)])
    return result


def item_json(archive_dir, item_id) -> dict:
    result = run(archive_dir, "show", item_id, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def ids_by_file(archive_dir) -> dict[str, str]:
    return {i.source.filename: i.id for i in Archive(archive_dir).items()}


def test_reprints_share_a_story_and_a_different_story_does_not(tmp_path, inbox):
    ar = tmp_path / "archive"
    assert run(ar, "import", inbox).exit_code == 0
    ids = ids_by_file(ar)
    stories = {name: item_json(ar, item_id)["story"] for name, item_id in ids.items()}
    wire = {stories[n]["id"] for n in ("belta.txt", "tass.txt", "sputnik.txt")}
    assert len(wire) == 1
    assert stories["astana.txt"]["id"] not in wire
    assert stories["astana.txt"]["size"] == 1
    tass = stories["tass.txt"]
    assert tass["size"] == 3
    assert tass["earliest"]["id"] == ids["belta.txt"] and tass["earliest"]["date"] == "2025-03-04"
    assert not tass["is_earliest"] and stories["belta.txt"]["is_earliest"]
    assert {m["outlet"] for m in tass["also_published_by"]} == {"BelTA", "Sputnik Belarus"}


def test_paragraphs_are_shared_added_or_missing_against_the_earliest(tmp_path, inbox):
    ar = tmp_path / "archive"
    run(ar, "import", inbox)
    ids = ids_by_file(ar)
    tass = item_json(ar, ids["tass.txt"])
    belta = item_json(ar, ids["belta.txt"])
    wire_ids = [p["id"] for p in belta["paragraphs"] if p["text"] in WIRE]
    # the trimmed reprint lacks the last two wire paragraphs, and shares the other four
    assert tass["story"]["missing"][-2:] == wire_ids[-2:]
    status = {p["id"]: p["status"] for p in tass["story"]["paragraphs"]}
    shared = [p for p in tass["paragraphs"] if p["text"].startswith(("Belarus and Russia", "According"))]
    assert shared and all(status[p["id"]] in ("shared", "changed") for p in shared)
    sputnik = item_json(ar, ids["sputnik.txt"])
    intro = next(p for p in sputnik["paragraphs"] if p["text"].startswith("MINSK, March 6"))
    by_id = {p["id"]: p for p in sputnik["story"]["paragraphs"]}
    assert by_id[intro["id"]]["status"] == "added"
    assert sputnik["story"]["missing"] == [wire_ids[-1]]


def test_a_quote_reused_in_another_story_is_found(tmp_path, inbox):
    ar = tmp_path / "archive"
    run(ar, "import", inbox)
    ids = ids_by_file(ar)
    astana = item_json(ar, ids["astana.txt"])
    quote = next(p for p in astana["paragraphs"] if p["text"].startswith('"We are not building'))
    echoes = [e for e in astana["story"]["echoes"] if e["paragraph"] == quote["id"]]
    assert {e["item"] for e in echoes} >= {ids["belta.txt"], ids["tass.txt"]}
    assert all(e["story"] != astana["story"]["id"] for e in echoes)


def test_stories_are_incremental_and_stable_across_reimport_and_rebuild(tmp_path, inbox):
    ar = tmp_path / "archive"
    later = tmp_path / "later"
    later.mkdir()
    (inbox / "sputnik.txt").rename(later / "sputnik.txt")
    run(ar, "import", inbox)
    ids = ids_by_file(ar)
    story = item_json(ar, ids["tass.txt"])["story"]["id"]
    assert run(ar, "import", later).exit_code == 0  # arrives in a second run
    ids = ids_by_file(ar)
    assert item_json(ar, ids["sputnik.txt"])["story"]["id"] == story
    run(ar, "import", inbox, later)  # the same files again: unchanged
    assert run(ar, "reindex").exit_code == 0  # rebuilt from the item files
    after = {n: item_json(ar, i)["story"]["id"] for n, i in ids_by_file(ar).items()}
    assert after["belta.txt"] == after["tass.txt"] == after["sputnik.txt"] == story
    assert after["astana.txt"] != story


def test_an_item_bridging_two_stories_merges_them_and_the_old_id_still_answers(tmp_path):
    ar = tmp_path / "archive"
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    (first / "top.txt").write_text(capture("2025-03-05", "tass.com", "Top half", WIRE[:3]))
    (first / "bottom.txt").write_text(capture("2025-03-05", "ria.ru", "Bottom half", WIRE[3:]))
    run(ar, "import", first)
    ids = ids_by_file(ar)
    top, bottom = (item_json(ar, ids[n])["story"]["id"] for n in ("top.txt", "bottom.txt"))
    assert top != bottom
    (second / "full.txt").write_text(capture("2025-03-04", "belta.by", "Full text", WIRE))
    run(ar, "import", second)
    ids = ids_by_file(ar)
    merged = {item_json(ar, ids[n])["story"]["id"] for n in ("top.txt", "bottom.txt", "full.txt")}
    assert len(merged) == 1
    (survivor,) = merged
    gone = bottom if survivor == top else top
    result = run(ar, "stories", gone, "--json")
    assert result.exit_code == 0, result.output
    detail = json.loads(result.output)
    assert detail["id"] == survivor and detail["size"] == 3
    assert detail["earliest"]["id"] == ids["full.txt"]


def test_deleted_items_leave_their_story(tmp_path, inbox):
    ar = tmp_path / "archive"
    run(ar, "import", inbox)
    ids = ids_by_file(ar)
    assert run(ar, "delete", ids["belta.txt"], "--reason", "duplicate capture").exit_code == 0
    story = item_json(ar, ids["tass.txt"])["story"]
    assert story["size"] == 2
    assert story["earliest"]["id"] == ids["tass.txt"]


def test_an_interrupted_run_is_caught_up_by_the_next_import(tmp_path, inbox):
    ar = tmp_path / "archive"
    run(ar, "import", inbox)
    ids = ids_by_file(ar)
    # what a run killed before its commit leaves: items on disk the story store never saw
    db = sqlite3.connect(ar / "stories.sqlite")
    db.execute("DELETE FROM docs WHERE id = ?", (ids["tass.txt"],))
    db.commit()
    db.close()
    assert StoryIndex(ar / "stories.sqlite").story_of(ids["tass.txt"]) is None
    assert run(ar, "import", inbox).exit_code == 0  # every file unchanged
    assert item_json(ar, ids["tass.txt"])["story"]["id"] == item_json(ar, ids["belta.txt"])["story"]["id"]


def test_a_damaged_story_file_is_rebuilt_by_reindex(tmp_path, inbox):
    ar = tmp_path / "archive"
    run(ar, "import", inbox)
    for suffix in ("-wal", "-shm"):
        (ar / f"stories.sqlite{suffix}").unlink(missing_ok=True)
    (ar / "stories.sqlite").write_bytes(b"this is not a database" * 100)
    result = run(ar, "stories")
    assert result.exit_code == 1
    assert result.output.startswith("Error:") and "reindex" in result.output
    assert "Traceback" not in result.output
    assert run(ar, "reindex").exit_code == 0
    lines = run(ar, "stories").output.splitlines()
    assert lines[0] == "1 stories with at least 2 items"
    assert lines[1].split()[0] == "3"


def test_a_rebuild_files_every_readable_item_and_passes_over_damaged_files(tmp_path, inbox):
    """Guard (the rebuild's order pass reads the sort key from the JSON without making the
    Item): a file that is no JSON and one that is JSON but no item are left out, the others
    are filed in their stories, and the count says how many were filed."""
    ar = tmp_path / "archive"
    run(ar, "import", inbox)
    archive = Archive(ar)
    good = len(archive.item_ids())
    (ar / "items" / "zz-not-json.json").write_text("{not json", encoding="utf-8")
    (ar / "items" / "zz-no-item.json").write_text(json.dumps(
        {"id": "zz-no-item", "date": "2025-03-01", "source": {"imported_at": "2025-03-01T00:00:00"},
         "paragraphs": [{"no such field": 1}]}), encoding="utf-8")
    assert len(archive.item_ids()) == good + 2
    store = StoryIndex.of(archive)
    assert store.rebuild(archive) == good
    store.close()
    lines = run(ar, "stories").output.splitlines()
    assert lines[0] == "1 stories with at least 2 items"
    assert lines[1].split()[0] == "3"


def test_cli_lists_stories_and_shows_one(tmp_path, inbox):
    ar = tmp_path / "archive"
    run(ar, "import", inbox)
    listing = json.loads(run(ar, "stories", "--json").output)
    assert listing["total"] == 1
    (story,) = listing["stories"]
    assert story["size"] == 3 and story["first_date"] == "2025-03-04"
    assert json.loads(run(ar, "stories", "--json", "--min-size", "1").output)["total"] == 2
    detail = json.loads(run(ar, "stories", story["id"], "--json").output)
    assert [m["date"] for m in detail["members"]] == ["2025-03-04", "2025-03-05", "2025-03-06"]
    assert detail["outlets"] == ["BelTA", "Sputnik Belarus", "TASS"]
    missing = run(ar, "stories", "no-such-story")
    assert missing.exit_code == 1 and missing.output.startswith("Error: no story")


def test_a_restored_backup_has_its_stories(tmp_path, inbox):
    ar = tmp_path / "archive"
    run(ar, "import", inbox)
    story = item_json(ar, ids_by_file(ar)["tass.txt"])["story"]["id"]
    assert run(ar, "backup", tmp_path / "snap.tar.gz").exit_code == 0
    restored = tmp_path / "restored"
    result = run(restored, "restore", tmp_path / "snap.tar.gz")
    assert result.exit_code == 0, result.output
    ids = ids_by_file(restored)
    assert {item_json(restored, ids[n])["story"]["id"] for n in ("belta.txt", "tass.txt", "sputnik.txt")} == {story}


def test_a_lightly_reworded_reprint_joins_and_a_long_reused_paragraph_does_not(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    reworded = [p.replace(" said", " stated").replace(" noted", " stressed").replace("the ", "the new ", 1)
                .replace("Eurasia", "Eurasian space") for p in WIRE]
    # a different story that borrows one whole paragraph (of three) of a short version
    short = WIRE[1:4]
    borrowed = OTHER_STORY[:2] + [WIRE[1]] + OTHER_STORY[3:]
    files = {"wire.txt": capture("2025-03-04", "belta.by", "Charter", WIRE),
             "reworded.txt": capture("2025-03-05", "ria.ru", "Charter talks", reworded),
             "short.txt": capture("2025-03-04", "news.by", "Minister on the charter", short),
             "borrowed.txt": capture("2025-03-06", "tass.com", "Corridors", borrowed)}
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    ar = tmp_path / "archive"
    assert run(ar, "import", folder).exit_code == 0
    story = {n: item_json(ar, i)["story"]["id"] for n, i in ids_by_file(ar).items()}
    assert story["reworded.txt"] == story["wire.txt"] == story["short.txt"]
    assert story["borrowed.txt"] != story["wire.txt"]
