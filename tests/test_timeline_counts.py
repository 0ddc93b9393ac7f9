"""The search timeline counts months by number (issue 21: no sort of every match's date).
A guard: the sort it replaced gave the same answers."""

from __future__ import annotations

import numpy as np

from eurasec_archive.index.searching import timeline


def test_months_years_and_undated_are_counted_in_order():
    dates = np.array([20250312, 0, 20250301, 19991231, 20250000, 20240115, 20250399, 0, 20250000],
                     dtype=np.int64)
    assert timeline(dates) == [("1999-12", 1), ("2024-01", 1), ("2025", 2), ("2025-03", 3)]


def test_no_dated_documents_give_an_empty_timeline():
    assert timeline(np.zeros(4, dtype=np.int64)) == []
    assert timeline(np.zeros(0, dtype=np.int64)) == []
