"""The index package keeps what was public in the single ``index.py`` module."""

from __future__ import annotations

from conftest import SEEDS

from eurasec_archive.archive import Archive
from eurasec_archive.importer import Importer, collect_files
from eurasec_archive.index import ArchiveIndex, TransliterateFilter
from eurasec_archive.index import schema as index_schema
from eurasec_archive.search import SearchRequest, run_search


def test_an_index_written_before_the_package_split_still_opens(tmp_path):
    """Whoosh pickles the schema, analyzers included, into the index's TOC: indexes written
    by the single-module version name ``eurasec_archive.index.TransliterateFilter``. This
    builds such an index (the class's module set back to the old path while it is written)
    and opens it with the package."""
    archive = Archive(tmp_path / "archive").ensure()
    real_module = TransliterateFilter.__module__
    TransliterateFilter.__module__ = "eurasec_archive.index"
    try:
        old = ArchiveIndex(archive.index_dir).ensure()
        Importer(archive, old).run(collect_files([SEEDS]))
    finally:
        TransliterateFilter.__module__ = real_module
    toc = next(archive.index_dir.glob("_items_*.toc")).read_bytes()
    assert b"eurasec_archive.index\nTransliterateFilter" in toc
    assert b"eurasec_archive.index.schema\nTransliterateFilter" not in toc
    index = ArchiveIndex(archive.index_dir)
    assert index.check() is None
    res = run_search(archive, index, SearchRequest.from_params({"q": ["Lavrov"]}))
    assert res["total"] >= 1
    assert index_schema.TransliterateFilter is TransliterateFilter
