"""Lines a site repeats in many of its pages are its chrome: learned from the archive's own
documents (per web domain, else per outlet), in one bulk import and across imports, through the
real CLI; the kept original keeps them."""

from __future__ import annotations

import json

from click.testing import CliRunner

from eurasec_archive.cli import main

# chrome kept by the extractor because it sits inside the article's container
FOOTER = "The Northern Courier is read by forty thousand families in the region every single week"
SECTIONS = "Politics and society in the region, the economy and the weekly business review"
TOPICS = [
    ("charter", "The foreign ministers met in Minsk to discuss the draft charter on security in Eurasia."),
    ("harvest", "Farmers in the northern districts brought in a record grain harvest this autumn."),
    ("bridge", "The new bridge over the river opened to traffic after three years of building work."),
    ("school", "Two new schools opened in the city this month, with places for twelve hundred pupils."),
    ("museum", "The regional museum reopened its medieval hall after a long and careful restoration."),
    ("rail", "The railway added a morning train between the two largest towns of the region."),
]
SHARED = "Officials did not answer requests for comment on the plans before this edition went to press."


def page(slug: str, lead: str, site: str = "northern-courier.example", extra: str = "") -> str:
    body = " ".join([lead] * 3)
    return (f'<html><head><title>{slug.title()} news</title>'
            f'<link rel="canonical" href="https://www.{site}/news/{slug}"></head><body><article>'
            f"<h1>{slug.title()} news of the week</h1><p>{body}</p><p>{SECTIONS}</p>"
            f"<p>{body.upper().lower().capitalize()} More details follow in the next edition.</p>"
            f"{extra}<p>{FOOTER}</p><p>© 2008 Northern Courier</p></article></body></html>")


def write(folder, pages: dict[str, str]):
    folder.mkdir(parents=True, exist_ok=True)
    for name, html in pages.items():
        (folder / name).write_text(html, "utf-8")
    return folder


def cli(root, *args):
    result = CliRunner().invoke(main, ["--archive-dir", str(root), *args])
    assert result.exit_code == 0, result.output
    return result


def items(root) -> dict[str, dict]:
    out = cli(root, "export", "--format", "jsonl").output
    return {it["source"]["filename"]: it for it in map(json.loads, filter(str.strip, out.splitlines()))}


def texts(item: dict) -> list[str]:
    return [p["text"] for p in item["paragraphs"]]


def test_lines_repeated_across_one_sites_pages_are_removed_in_one_bulk_import(tmp_path):
    pages = {f"{slug}.html": page(slug, lead, extra=f"<p>{SHARED}</p>" if k < 2 else "")
             for k, (slug, lead) in enumerate(TOPICS[:5])}
    root = tmp_path / "archive"
    cli(root, "import", str(write(tmp_path / "in", pages)))
    got = items(root)
    assert len(got) == 5
    for name, item in got.items():
        body = texts(item)
        assert FOOTER not in body and SECTIONS not in body and "© 2008 Northern Courier" not in body
        assert any(TOPICS[[s for s, _ in TOPICS].index(name[:-5])][1] in t for t in body)
        # paragraph ids stay consecutive after the removal
        assert [p["id"] for p in item["paragraphs"]] == [f"p{n}" for n in range(1, len(body) + 1)]
    # a sentence two of the five pages share is no chrome
    assert sum(SHARED in texts(it) for it in got.values()) == 2
    # the original keeps every byte
    sha = got["charter.html"]["source"]["sha256"]
    original = (root / "originals" / sha[:2] / sha).read_text("utf-8")
    assert FOOTER in original and SECTIONS in original


def test_counts_carry_across_imports_and_stay_per_site(tmp_path):
    root = tmp_path / "archive"
    first = {f"{s}.html": page(s, lead) for s, lead in TOPICS[:2]}
    cli(root, "import", str(write(tmp_path / "one", first)))
    assert all(FOOTER in texts(it) for it in items(root).values())  # two pages: too few to tell
    later = {f"{s}.html": page(s, lead) for s, lead in TOPICS[2:4]}
    other = {"elsewhere.html": page("rail", TOPICS[5][1], site="other-paper.example")}
    cli(root, "import", str(write(tmp_path / "two", {**later, **other})))
    got = items(root)
    for name in later:
        assert FOOTER not in texts(got[name]) and SECTIONS not in texts(got[name])
    assert FOOTER in texts(got["elsewhere.html"])  # another site's single page keeps its lines
    assert (root / "site_lines.sqlite").is_file()


def test_damaged_line_counts_never_fail_an_import(tmp_path):
    """The counts only help: a damaged site_lines.sqlite (or a full disk, see test_faults_storage)
    is logged and left alone; every file imports and nothing is removed."""
    root = tmp_path / "archive"
    root.mkdir()
    (root / "site_lines.sqlite").write_bytes(b"not a database at all" * 100)
    pages = {f"{s}.html": page(s, lead) for s, lead in TOPICS[:4]}
    cli(root, "import", str(write(tmp_path / "in", pages)))
    got = items(root)
    assert len(got) == 4 and all(FOOTER in texts(it) for it in got.values())
