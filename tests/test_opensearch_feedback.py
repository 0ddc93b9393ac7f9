"""Pseudo-relevance feedback (index/feedback.py) through both engines: the OpenSearch engine
picks the same feedback words from the same best results, a document on the query's subject
rises above one that merely holds a query word, the matches stay the query's, and feedback
words are never highlighted. Real archives, the real three-node cluster."""

from __future__ import annotations

import hashlib

import pytest
from bs4 import BeautifulSoup
from test_search_feedback import DOCS  # the same corpus through both engines

from eurasec_archive.archive import Archive
from eurasec_archive.models import Item, Paragraph, Source
from eurasec_archive.search import ItemCache, SearchRequest, item_text, run_search


def make_item(item_id: str, title: str, text: str) -> Item:
    return Item(id=item_id, title=title, language="en", date=None, outlet=None,
                paragraphs=[Paragraph(id="p1", kind="paragraph", text=text)],
                source=Source(filename=f"{item_id}.txt", sha256=hashlib.sha256(item_id.encode()).hexdigest(),
                              media_type="text/plain", imported_at="2026-01-01T00:00:00Z"))


def build(root, engine: str, url: str | None) -> Archive:
    archive = Archive(root, engine=engine, opensearch_url=url).ensure()
    items = [make_item(i, t, x) for i, (t, x) in DOCS.items()]
    for item in items:
        archive.keep_original(item.source.sha256, item.id.encode())
        archive.put(item)
    archive.create_index().add_items(items)
    return archive


@pytest.fixture(scope="module")
def archives(request, tmp_path_factory):
    """The same corpus in a Whoosh archive and in an OpenSearch one."""
    cluster = request.getfixturevalue("opensearch_cluster")
    root = tmp_path_factory.mktemp("feedback")
    both = {"whoosh": build(root / "whoosh", "whoosh", None),
            "opensearch": build(root / "opensearch", "opensearch", cluster.url)}
    yield both
    both["opensearch"].index.drop()


@pytest.fixture(params=["whoosh", "opensearch"])
def archive(request, archives):
    return archives[request.param]


def search(archive, q):
    return run_search(archive, archive.index, SearchRequest.from_params({"q": [q], "per_page": ["50"]}))


def titles(result) -> list[str]:
    return [h["title"] for h in result["hits"]]


def test_a_document_on_the_subject_rises_above_one_with_a_query_word_only(archive):
    result = search(archive, "glacier ice melt")
    ranked = titles(result)
    assert ranked[0] == "Glacier melt measured"
    assert ranked.index("Field notes from the moraine") < ranked.index("Street bakery opens")
    assert result["total"] == 3 and "Stones" not in ranked  # feedback words alone match nothing


def test_feedback_words_are_not_highlighted(archive):
    result = search(archive, "glacier ice melt")
    related = next(h for h in result["hits"] if h["title"] == "Field notes from the moraine")
    marked = {m.get_text().lower() for p in related["highlights"]
              for m in BeautifulSoup(p["html"], "html.parser").find_all("mark")}
    assert marked == {"glacier"}


def test_both_engines_choose_the_same_feedback_words(archives):
    chosen = {}
    for name, archive in archives.items():
        index = archive.index
        q = index.with_feedback(index.interpret("glacier ice melt").query, item_text(ItemCache(archive)))
        chosen[name] = {clause.subqueries[0].text: clause.boost for clause in q.b.subqueries}
    assert chosen["whoosh"] and set(chosen["opensearch"]) == set(chosen["whoosh"])
    for word, boost in chosen["whoosh"].items():
        assert chosen["opensearch"][word] == pytest.approx(boost, rel=0.02), word
