"""Query features of ``run_search`` against a real temporary archive: the five seeds plus a
few small documents written here (one Russian), imported by the real importer."""

from __future__ import annotations

import pytest
from conftest import SEEDS

from eurasec_archive.archive import Archive
from eurasec_archive.errors import BadQuery
from eurasec_archive.importer import Importer, collect_files
from eurasec_archive.index import ArchiveIndex
from eurasec_archive.search import MAX_PER_PAGE, SearchRequest, run_search

DOCS = {
    "csto.txt": """ date 2025-02-10 belta.by

CSTO defence ministers meet in Minsk

Defence ministers of the Collective Security Treaty Organization gathered in Minsk on Monday to discuss joint exercises and air defence.

"The CSTO remains the backbone of collective security in the region," said Russian Foreign Minister Sergey Lavrov.
""",
    "nuclear.txt": """ date 2024-11-05 tass.com

Nuclear arms control talks stall

Talks on nuclear weapons and strategic stability stalled again, diplomats in Geneva said on Tuesday.

Experts warned that the absence of arms control treaties makes the world less safe.
""",
    "grain.txt": """ date 2023-05-01 reuters.com

Grain corridor reopens for wheat exports

Ships loaded with wheat left the ports after the grain corridor reopened, traders said.

Wheat prices fell on the news while grain exporters counted the costs of the delay.
""",
    "charter.txt": """ date 2025-08-20 news.by

Eurasian charter draft presented in Minsk

The draft Eurasian Charter of Diversity and Multipolarity was presented to experts in Minsk.

Belarusian Foreign Minister Maxim Ryzhenkov said the charter would be open to all states of the continent.
""",
    "russian.txt": """ date 2025-03-15 tass.ru

Лавров провел переговоры в Минске

Министр иностранных дел России Сергей Лавров провел переговоры с белорусскими коллегами о евразийской безопасности.

Стороны обсудили подготовку евразийской хартии и сотрудничество в рамках ОДКБ.
""",
}
CSTO = "2025-02-10-belta-csto-defence-ministers-meet-in-minsk"
NUCLEAR = "2024-11-05-tass-nuclear-arms-control-talks-stall"
GRAIN = "2023-05-01-reuters-grain-corridor-reopens-for-wheat-exports"
CHARTER = "2025-08-20-news-by-eurasian-charter-draft-presented-in-minsk"
RUSSIAN = "2025-03-15-tass-lavrov-provel-peregovory-v-minske"


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    docs = tmp_path_factory.mktemp("docs")
    for name, text in DOCS.items():
        (docs / name).write_text(text, encoding="utf-8")
    archive = Archive(tmp_path_factory.mktemp("arch") / "archive").ensure()
    index = ArchiveIndex(archive.index_dir).ensure()
    report = Importer(archive, index).run(collect_files([SEEDS, docs]))
    assert report.counts()["failed"] == 0
    return archive, index


def search(archive, **params) -> dict:
    arch, index = archive
    params = {k: v if isinstance(v, list) else [str(v)] for k, v in params.items()}
    return run_search(arch, index, SearchRequest.from_params(params))


def ids(res) -> list[str]:
    return [h["id"] for h in res["hits"]]


def facet(res, name) -> dict[str, dict]:
    return {f["value"]: f for f in res["facets"][name]}


# ---------------------------------------------------------------------------- free text safety


@pytest.mark.parametrize("q", [
    '"unbalanced quote', "(unbalanced paren", "paren)", "security AND (", "AND", "OR NOT",
    "*", "field:", "speaker:", ":", "lavrov~~~", "[2025 TO", "^", "security^", "🙂", "🙂 security",
    "безопасность", "(((((((((((", '""', "-", "title:(", "NOT", "a*", "?", "date:[x TO y]",
])
def test_any_typed_text_returns_results(archive, q):
    res = search(archive, q=q)
    assert isinstance(res["hits"], list) and res["total"] >= 0


def test_very_long_query_is_cut_with_a_notice(archive):
    res = search(archive, q="security " * 700)
    assert res["total"] >= 1 and any("cut" in n for n in res["notices"])


def test_emoji_alongside_words_still_finds_the_words(archive):
    assert CSTO in ids(search(archive, q="🙂 CSTO"))


# ---------------------------------------------------------------------------- syntax


def test_phrase_matches_words_in_order_only(archive):
    hits = ids(search(archive, q='"grain corridor"'))
    assert hits == [GRAIN]
    assert search(archive, q='"corridor grain"')["total"] == 0


def test_and_requires_both_terms(archive):
    assert ids(search(archive, q="wheat AND nuclear")) == []
    assert ids(search(archive, q="wheat AND corridor")) == [GRAIN]


def test_or_and_not(archive):
    got = set(ids(search(archive, q="wheat OR nuclear", per_page=100)))
    assert {GRAIN, NUCLEAR} <= got and CSTO not in got
    got = set(ids(search(archive, q="Minsk NOT charter", per_page=100)))
    assert CSTO in got and CHARTER not in got


def test_minus_excludes(archive):
    got = set(ids(search(archive, q="Minsk -CSTO", per_page=100)))
    assert CHARTER in got and CSTO not in got


def test_prefix(archive):
    assert GRAIN in ids(search(archive, q="whea*"))


def test_bare_wildcard_means_every_document(archive):
    assert search(archive, q="*")["total"] == search(archive)["total"] == 10


@pytest.mark.parametrize("q, expected", [
    ("speaker:lavrov", CSTO), ("org:CSTO", CSTO), ('outlet:"news.by"', CHARTER),
    ("speaker:ryzhenkov", CHARTER),
])
def test_field_queries(archive, q, expected):
    assert expected in ids(search(archive, q=q, per_page=100))


def test_field_query_excludes_documents_without_the_value(archive):
    assert GRAIN not in ids(search(archive, q="speaker:lavrov", per_page=100))


def test_date_range_syntax(archive):
    got = set(ids(search(archive, q="date:[2025-01 TO 2025-06]", per_page=100)))
    assert CSTO in got and RUSSIAN in got
    assert CHARTER not in got and GRAIN not in got


def test_fuzzy(archive):
    assert CSTO in ids(search(archive, q="lavrof~", per_page=100))


# ---------------------------------------------------------------------------- relevance


def test_several_words_match_documents_with_any_of_them(archive):
    res = search(archive, q="wheat nuclear", per_page=100)
    assert {GRAIN, NUCLEAR} <= set(ids(res))


def test_documents_with_more_of_the_terms_rank_first(archive):
    res = search(archive, q="wheat corridor nuclear", per_page=100)
    assert ids(res)[0] == GRAIN  # wheat + corridor beats nuclear alone


def test_title_match_ranks_above_body_match(archive):
    res = search(archive, q="exports")
    assert ids(res)[0] == GRAIN


def test_english_stemming(archive):
    assert NUCLEAR in ids(search(archive, q="stalling talk"))


def test_cyrillic_query_finds_latin_spelling(archive):
    got = ids(search(archive, q="Лавров", per_page=100))
    assert CSTO in got and RUSSIAN in got


def test_latin_query_finds_cyrillic_text(archive):
    assert RUSSIAN in ids(search(archive, q="Lavrov", per_page=100))


def test_russian_stemming_matches_other_word_forms(archive):
    # "безопасность" (nominative) against "безопасности" in the text
    assert RUSSIAN in ids(search(archive, q="безопасность"))


def test_sort_by_relevance_reports_scores(archive):
    res = search(archive, q="Minsk")
    scores = [h["score"] for h in res["hits"]]
    assert scores == sorted(scores, reverse=True) and all(s is not None for s in scores)


# ---------------------------------------------------------------------------- highlights


def test_highlights_mark_the_matched_words_and_link_paragraphs(archive):
    hit = search(archive, q="wheat")["hits"][0]
    assert hit["id"] == GRAIN
    assert "<mark>wheat</mark>" in hit["highlights"][0]["html"].lower()
    assert all(h["url"].endswith("#" + h["paragraph"]) for h in hit["highlights"])
    assert 1 <= len(hit["highlights"]) <= 3
    assert hit["title_html"] == "Grain corridor reopens for <mark>wheat</mark> exports"


def test_highlight_marks_a_transliterated_match(archive):
    res = search(archive, q="Лавров", per_page=100)
    hit = next(h for h in res["hits"] if h["id"] == CSTO)
    assert any("<mark>Lavrov</mark>" in p["html"] for p in hit["highlights"])


def test_highlight_escapes_html(archive):
    res = search(archive, q="CSTO")
    for h in res["hits"]:
        for p in h["highlights"]:
            assert "<script" not in p["html"]
            assert p["html"].replace("<mark>", "").replace("</mark>", "").count("<") == 0


# ---------------------------------------------------------------------------- facets


def test_facet_counts_reflect_the_query(archive):
    res = search(archive, q="wheat")
    assert facet(res, "outlet") == {"Reuters": {"value": "Reuters", "count": 1, "selected": False}}


def test_one_facet_value_filters(archive):
    res = search(archive, outlet="TASS", per_page=100)
    assert set(ids(res)) == {NUCLEAR, RUSSIAN}


def test_values_of_one_facet_combine_with_or(archive):
    res = search(archive, outlet=["TASS", "Reuters"], per_page=100)
    assert set(ids(res)) == {NUCLEAR, RUSSIAN, GRAIN}


def test_different_facets_combine_with_and(archive):
    res = search(archive, outlet=["TASS"], language=["ru"], per_page=100)
    assert ids(res) == [RUSSIAN]


def test_selected_facet_keeps_counts_of_its_other_values(archive):
    res = search(archive, outlet=["TASS"], per_page=100)
    outlets = facet(res, "outlet")
    assert outlets["TASS"]["selected"] and outlets["TASS"]["count"] == 2
    assert outlets["Reuters"]["count"] == 1 and not outlets["Reuters"]["selected"]
    # other facets are counted over the filtered set
    assert set(facet(res, "language")) == {"en", "ru"}


def test_selected_value_with_no_hits_stays_visible(archive):
    res = search(archive, q="wheat", outlet=["TASS"])
    assert res["total"] == 0
    assert facet(res, "outlet")["TASS"] == {"value": "TASS", "count": 0, "selected": True}


def test_year_facet_has_undated(archive):
    years = facet(search(archive, per_page=100), "year")
    assert years["undated"]["count"] == 3 and years["2025"]["count"] >= 4


# ---------------------------------------------------------------------------- dates and sorting


def test_date_range_with_month_precision(archive):
    got = set(ids(search(archive, **{"from": "2025-02", "to": "2025-03"}, per_page=100)))
    assert got == {CSTO, RUSSIAN}


def test_date_range_excludes_undated(archive):
    res = search(archive, **{"from": "2000"}, per_page=100)
    assert res["total"] == 7


@pytest.mark.parametrize("value", ["2025-13", "yesterday", "2025-1", "20250101"])
def test_bad_date_is_a_bad_query(archive, value):
    with pytest.raises(BadQuery):
        search(archive, **{"from": value})


def test_from_after_to_is_a_bad_query(archive):
    with pytest.raises(BadQuery):
        search(archive, **{"from": "2025-06", "to": "2025-01"})


def test_sort_newest_and_oldest(archive):
    newest = [h["date"] for h in search(archive, q="Minsk", sort="newest", per_page=100)["hits"]]
    dated = [d for d in newest if d]
    assert dated == sorted(dated, reverse=True) and newest[:len(dated)] == dated
    oldest = [h["date"] for h in search(archive, q="Minsk", sort="oldest", per_page=100)["hits"]]
    dated = [d for d in oldest if d]
    assert dated == sorted(dated) and oldest[:len(dated)] == dated


def test_unknown_sort_is_a_bad_query(archive):
    with pytest.raises(BadQuery):
        search(archive, sort="random")


# ---------------------------------------------------------------------------- did you mean, pages


def test_did_you_mean_from_the_archive_vocabulary(archive):
    res = search(archive, q="wheet")
    assert res["total"] == 0 and "wheat" in res["suggestions"]


def test_no_suggestions_when_there_are_results(archive):
    assert search(archive, q="wheat")["suggestions"] == []


def test_pagination(archive):
    first = search(archive, per_page=3, page=1)
    second = search(archive, per_page=3, page=2)
    assert first["total"] == 10 and first["pages"] == 4
    assert len(first["hits"]) == 3 and not set(ids(first)) & set(ids(second))


def test_per_page_is_capped(archive):
    with pytest.raises(BadQuery, match="per_page"):
        search(archive, per_page=MAX_PER_PAGE + 1)


@pytest.mark.parametrize("page", ["100000000", "0", "-1", "two", "1e9"])
def test_bad_or_huge_page_is_a_clean_bad_query(archive, page):
    with pytest.raises(BadQuery):
        search(archive, page=page)


def test_page_past_the_end_is_empty(archive):
    res = search(archive, q="wheat", page=5)
    assert res["hits"] == [] and res["total"] == 1


def test_response_reports_took_ms_and_keys(archive):
    res = search(archive, q="Minsk")
    assert {"query", "total", "page", "per_page", "pages", "sort", "filters", "from", "to",
            "hits", "facets", "timeline", "suggestions", "timed_out", "took_ms"} <= set(res)
    assert res["took_ms"] >= 0 and res["timed_out"] is False
