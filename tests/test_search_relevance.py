"""The archive's ranking is at least as good as plain BM25 on the judged query set
(tests/relevance/judgments.json); bench/relevance.py prints the per-query table."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "relevance.py"


@pytest.fixture(scope="module")
def evaluation(tmp_path_factory):
    spec = importlib.util.spec_from_file_location("bench_relevance", BENCH)
    relevance = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(relevance)
    return relevance.evaluate(tmp_path_factory.mktemp("relevance") / "archive")


@pytest.mark.parametrize("metric", ["ndcg10", "map"])
def test_ranking_is_not_worse_than_plain_bm25(evaluation, metric):
    mean = evaluation["mean"]
    assert mean["ours"][metric] >= mean["bm25"][metric]


def test_transliterated_name_query_finds_both_scripts(evaluation):
    row = next(r for r in evaluation["queries"] if r["q"] == "Лавров")
    assert row["ours"]["map"] == 1.0


def test_every_judged_query_finds_something_relevant(evaluation):
    assert all(r["ours"]["ndcg10"] > 0 for r in evaluation["queries"])
