"""Ranking rules beyond plain words: a hyphenated compound is indexed whole and as its parts
(so "shock-wave" and "shock wave" meet), and query words that stand together in a document
rank it above one where they are scattered. Real archives, the real importer and search."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from conftest import Store

from eurasec_archive.search import SearchRequest, run_search

DOCS = {
    "joined.txt": """ date 2024-03-02 physics.example.org

Measurements in rarefied gases

The shock-wave structure was measured in argon at low density, and the results compared with
the theory of the boundary layer in a rarefied gas over a flat plate.
""",
    "apart.txt": """ date 2024-03-03 physics.example.org

Notes on a nitrogen experiment

A shock wave crossed the tube; later a wave of heat, unrelated to any shock, was seen in the
nitrogen layer near the boundary of the chamber.
""",
    "scattered.txt": """ date 2024-03-04 physics.example.org

Harbour report

The wave broke on the pier. Boats stayed in the harbour; the crew said the storm was a shock to
everyone in the town, and the layer of sand on the boundary road was cleared by noon.
""",
    "other.txt": """ date 2024-03-05 physics.example.org

Electric shock therapy

Electric shock was used in early treatments; this note is about medicine, not gases.
""",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("compounds")
    docs = root / "docs"
    docs.mkdir()
    for name, text in DOCS.items():
        (docs / name).write_text(text, encoding="utf-8")
    store = Store(root / "archive")
    store.import_paths(docs)
    return store


def search(store, q, **params):
    params = {"q": [q], "per_page": ["20"], **{k: [str(v)] for k, v in params.items()}}
    return run_search(store.archive, store.index, SearchRequest.from_params(params))


def files(res):
    return [h["source"]["filename"] for h in res["hits"]]


def test_a_compound_is_found_by_its_parts_and_its_parts_find_the_compound(corpus):
    assert {"joined.txt", "apart.txt"} <= set(files(search(corpus, "shock wave")))
    assert {"joined.txt", "apart.txt"} <= set(files(search(corpus, "shock-wave")))
    assert "joined.txt" in files(search(corpus, "wave"))


def test_a_phrase_of_the_parts_matches_the_compound_and_the_words_in_a_row(corpus):
    assert set(files(search(corpus, '"shock wave"'))) == {"joined.txt", "apart.txt"}
    assert set(files(search(corpus, '"shock-wave structure"'))) == {"joined.txt"}


def test_excluding_a_compound_excludes_it_not_every_document_with_one_of_its_parts(corpus):
    found = set(files(search(corpus, "shock -shock-wave")))
    assert found == {"scattered.txt", "other.txt"}
    assert "joined.txt" not in set(files(search(corpus, "gases NOT shock-wave")))


def test_a_part_of_a_compound_is_highlighted_inside_it(corpus):
    res = search(corpus, "structure shock")
    hit = next(h for h in res["hits"] if h["source"]["filename"] == "joined.txt")
    marked = [m.get_text() for p in hit["highlights"]
              for m in BeautifulSoup(p["html"], "html.parser").find_all("mark")]
    assert "shock" in marked and "structure" in marked


def test_query_words_standing_together_rank_above_the_same_words_scattered(corpus):
    # "scattered" holds wave, shock, boundary and layer too, but never side by side
    ranked = files(search(corpus, "shock wave boundary layer"))
    assert ranked.index("joined.txt") < ranked.index("scattered.txt")
    assert ranked.index("apart.txt") < ranked.index("scattered.txt")


def test_a_prefix_ending_in_a_hyphen_finds_the_whole_compound(corpus):
    assert files(search(corpus, "shock-w*")) == ["joined.txt"]
