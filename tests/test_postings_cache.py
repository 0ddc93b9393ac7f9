"""The posting cache grows with the index: at 1M items a fixed 256 MB bound was just under
what the query mix's two-term queries needed (268 MB), so each pass evicted what the next
query read and the same query took 0.5 s or 5 s (timed out). An eighth of the segment files,
between 256 MB and 1 GB; ``EURASEC_POSTINGS_CACHE_MB`` overrides."""

from __future__ import annotations

from eurasec_archive.index import ArchiveIndex
from eurasec_archive.index.tables import postings_cache_bytes

MB = 2**20


def sparse_segment(folder, name, size):
    with open(folder / name, "wb") as f:
        f.truncate(size)  # a sparse file: its size without writing it


def test_the_bound_is_an_eighth_of_the_segments_within_limits(tmp_path, monkeypatch):
    monkeypatch.delenv("EURASEC_POSTINGS_CACHE_MB", raising=False)
    assert postings_cache_bytes(tmp_path) == 256 * MB  # no segments yet
    sparse_segment(tmp_path, "items_a.seg", 1800 * MB)
    sparse_segment(tmp_path, "items_b.seg", 1800 * MB)
    sparse_segment(tmp_path, "items_b.arrays.npz", 8000 * MB)  # not a segment: not counted
    assert postings_cache_bytes(tmp_path) == 450 * MB
    sparse_segment(tmp_path, "items_c.seg", 9000 * MB)
    assert postings_cache_bytes(tmp_path) == 1024 * MB


def test_the_setting_overrides_and_a_bad_one_is_the_default(tmp_path, monkeypatch):
    monkeypatch.setenv("EURASEC_POSTINGS_CACHE_MB", "64")
    assert postings_cache_bytes(tmp_path) == 64 * MB
    monkeypatch.setenv("EURASEC_POSTINGS_CACHE_MB", "lots")
    assert postings_cache_bytes(tmp_path) == 256 * MB


def test_an_index_opens_with_its_bound(seeded, monkeypatch):
    monkeypatch.setenv("EURASEC_POSTINGS_CACHE_MB", "300")
    index = ArchiveIndex(seeded.archive.index_dir)
    assert index._postings.max_bytes == 300 * MB
    assert index.search(index.parse("security"), {}, None, None, "newest", 0, 5, 5)
