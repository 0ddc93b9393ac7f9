"""A backup keeps which story each item is in, so a restored archive (whose story store is
rebuilt from the items, like its index) answers the same story ids and the old ids of merged
stories; ``reindex`` keeps them too. Real archives, the real CLI backup/restore."""

from __future__ import annotations

import json
import tarfile

from test_stories import WIRE, capture, ids_by_file, item_json, run


def arrive(tmp_path, ar, *files: tuple[str, str]) -> None:
    """Import the given (name, text) files in one run."""
    folder = tmp_path / f"run-{len(list(tmp_path.glob('run-*')))}"
    folder.mkdir()
    for name, text in files:
        (folder / name).write_text(text, encoding="utf-8")
    result = run(ar, "import", folder)
    assert result.exit_code == 0, result.output


def test_restore_keeps_story_ids_and_merged_ids(tmp_path):
    ar = tmp_path / "archive"
    # a reprint arrives before the original: the story is named after the reprint, which a
    # rebuild from the items alone (earliest first) would not do
    arrive(tmp_path, ar, ("tass.txt", capture("2025-03-05", "tass.com", "Charter at ministerial", WIRE[:4])))
    arrive(tmp_path, ar, ("belta.txt", capture("2025-03-04", "belta.by", "Charter", WIRE)))
    # two halves, two stories, until the full text bridges them
    arrive(tmp_path, ar, ("top.txt", capture("2025-05-02", "ria.ru", "Top", WIRE[:3])),
           ("bottom.txt", capture("2025-05-02", "rt.com", "Bottom", WIRE[3:])))
    ids = ids_by_file(ar)
    story = item_json(ar, ids["tass.txt"])["story"]["id"]
    assert story == ids["tass.txt"]  # the founder's id
    listing = json.loads(run(ar, "stories", "--json", "--min-size", "1").output)
    assert listing["total"] == 1 and listing["stories"][0]["id"] == story
    merged = {"top.txt", "bottom.txt"} - {n for n in ids if item_json(ar, ids[n])["story"]["id"] == story}
    assert not merged  # the halves joined the wire story (top shares three paragraphs)
    before = {n: item_json(ar, i)["story"]["id"] for n, i in ids.items()}

    snap = tmp_path / "snap.tar.gz"
    assert run(ar, "backup", snap).exit_code == 0
    with tarfile.open(snap) as tar:
        saved = json.loads(tar.extractfile("stories.json").read())
    assert saved["items"] == {i: before[n] for n, i in ids.items()}
    restored = tmp_path / "restored"
    result = run(restored, "restore", snap)
    assert result.exit_code == 0, result.output
    assert not (restored / "stories.json").exists()  # used, not left beside the store
    after = {n: item_json(restored, i)["story"]["id"] for n, i in ids_by_file(restored).items()}
    assert after == before
    assert item_json(restored, ids["tass.txt"])["story"]["earliest"]["id"] == ids["belta.txt"]


def test_merged_story_ids_still_answer_after_restore_and_reindex(tmp_path):
    ar = tmp_path / "archive"
    arrive(tmp_path, ar, ("top.txt", capture("2025-03-05", "tass.com", "Top half", WIRE[:3])),
           ("bottom.txt", capture("2025-03-05", "ria.ru", "Bottom half", WIRE[3:])))
    ids = ids_by_file(ar)
    halves = {item_json(ar, ids[n])["story"]["id"] for n in ("top.txt", "bottom.txt")}
    assert len(halves) == 2
    arrive(tmp_path, ar, ("full.txt", capture("2025-03-04", "belta.by", "Full text", WIRE)))
    (survivor,) = {item_json(ar, i)["story"]["id"] for i in ids_by_file(ar).values()}
    (gone,) = halves - {survivor}

    def answers(archive_dir):
        result = run(archive_dir, "stories", gone, "--json")
        assert result.exit_code == 0, result.output
        return json.loads(result.output)["id"]

    assert answers(ar) == survivor
    assert run(ar, "reindex").exit_code == 0
    assert answers(ar) == survivor  # a rebuild keeps the merged id's redirect
    snap = tmp_path / "snap.tar.gz"
    assert run(ar, "backup", snap).exit_code == 0
    restored = tmp_path / "restored"
    assert run(restored, "restore", snap).exit_code == 0
    assert answers(restored) == survivor
    assert {item_json(restored, i)["story"]["id"] for i in ids_by_file(restored).values()} == {survivor}
