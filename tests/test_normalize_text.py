"""Plain-text captures (the seeds' shape) -> paragraphs with their structure."""

from __future__ import annotations

from conftest import SEEDS

from eurasec_archive.normalize import normalize_text, split_header


def seed(n: int):
    path = next(SEEDS.glob(f"{n:03d}_*.txt"))
    return normalize_text(path.read_text("utf-8"))


def test_seed_000_image_urls_are_not_body():
    d = seed(0)
    assert d.header_date == "2025-06-09" and d.header_outlet == "news.by"
    assert not any("http" in p.text or ".webp" in p.text for p in d.paragraphs)
    assert d.paragraphs[0].text.startswith("The concept of Eurasian security")


def test_seed_002_header_followed_by_body_sentence():
    d = seed(2)
    assert d.header_date == "2025-11-24"
    assert d.paragraphs[0].text == (
        "A meeting of the boards of the Belarusian and Russian Foreign Ministries "
        "is taking place in Moscow.")


def test_seed_004_widget_and_comments_never_in_paragraphs():
    d = seed(4)
    text = "\n".join(p.text for p in d.paragraphs)
    for junk in ("Read-to-Earn", "Twei", "Katchuka", "KittyKat", "Avatar of", "Add your comment",
                 "Bella Ciao", "Comandante"):
        assert junk not in text
    authors = [c.author for c in d.comments]
    assert {"Katchuka", "KittyKat", "Bella Ciao", "Comandante"} <= set(authors)
    assert all(c.text for c in d.comments)
    assert d.title == ("Russian Foreign Minister Lavrov Addresses 3rd Minsk International "
                       "Conference on Eurasian Security")


def test_seed_001_structure():
    d = seed(1)
    by_kind = {}
    for p in d.paragraphs:
        by_kind.setdefault(p.kind, []).append(p)
    headings = [p.text for p in by_kind["heading"]]
    assert headings[:3] == ["History Brief", "Collapse of the Euro-Atlantic Concept",
                            "Growing Tension in Eurasia"]
    assert "Conclusion" in headings
    epigraph = by_kind["epigraph"][0]  # the document opens with it: an epigraph, not a pull quote
    assert d.paragraphs[0] is epigraph
    assert epigraph.text.startswith("Peace is indivisible.")
    assert epigraph.attribution.startswith("From the speech of the People’s Commissar")
    pull = [q for q in by_kind["quote"] if q.text.startswith("…It is evident")]
    assert pull and pull[0].attribution.startswith("Vladimir Putin")
    (table,) = by_kind["table"]
    assert len(table.rows) > 10 and all(len(r) == len(table.rows[0]) for r in table.rows)
    assert "Collective Security Treaty Organization" in table.text  # searchable
    assert [f.note for f in by_kind["footnote"]] == [str(n) for n in range(1, 9)]
    assert all(f.text.startswith(f"[{f.note}] ") for f in by_kind["footnote"])


def test_paragraph_ids_are_stable_across_reimport():
    for n in range(5):
        first, second = seed(n), seed(n)
        assert [(p.id, p.text) for p in first.paragraphs] == [
            (p.id, p.text) for p in second.paragraphs]
        assert [p.id for p in first.paragraphs] == [
            f"p{k}" for k in range(1, len(first.paragraphs) + 1)]


def test_quoted_paragraph_after_body_is_not_an_epigraph():
    """Regression: a quote that follows body text, then a heading, was taken for an
    epigraph with the heading as its source."""
    d = normalize_text("Belarus and Russia will hold a new round of consultations in spring.\n\n"
                       "“The draft is open to everyone,” the minister said.\n\n"
                       "Consultations\n\nThe experts will discuss the section on security.\n")
    assert [p.kind for p in d.paragraphs] == ["paragraph", "paragraph", "heading", "paragraph"]


def test_whitespace_is_folded_and_invisible_characters_removed():
    d = normalize_text("Lavrov\u00a0and   Ryzhenkov\u200b met\tin Minsk on Tuesday to discuss it.\n")
    assert d.paragraphs[0].text == "Lavrov and Ryzhenkov met in Minsk on Tuesday to discuss it."


def test_split_header_variants():
    assert split_header(" date 2025-06-09 news.by https://x/a.webp 480w, https://x/b.webp 768w") \
        == ("2025-06-09", "news.by", "")
    assert split_header(" date 2025-11-24 A meeting is taking place.") == (
        "2025-11-24", None, "A meeting is taking place.")
    assert split_header("No header here.") == (None, None, "No header here.")
