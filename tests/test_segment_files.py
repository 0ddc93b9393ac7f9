"""Each segment's search arrays are kept on disk beside it (index/segment_files.py), so a
server's start reads them instead of walking every facet posting list (0.53 -> 0.05 s CPU at
10,000 documents). Answers must be the same as from arrays built afresh, a damaged file must
be rebuilt, and a merged-away segment's file must go with it."""

from __future__ import annotations

from eurasec_archive.index import ArchiveIndex

QUERIES = [("", {}), ("Minsk", {}), ("security", {"outlet": ["TASS"]}), ("Lavrov", {})]


def answers(index_dir):
    index = ArchiveIndex(index_dir)
    out = []
    for q, filters in QUERIES:
        r = index.search(index.parse(q), filters, None, None, "newest", 0, 20, 30)
        out.append(repr(r))
    return out


def arrays_files(index_dir):
    return sorted(p.name for p in index_dir.glob("*.arrays.npz"))


def test_searches_answer_the_same_from_the_files_as_from_arrays_built_afresh(seeded):
    index_dir = seeded.archive.index_dir
    for name in arrays_files(index_dir):  # the shared seeded archive may have been searched already
        (index_dir / name).unlink()
    built = answers(index_dir)  # builds the arrays and writes one file per segment
    segments = {p.name.split(".")[0] for p in index_dir.glob("*.seg")}
    assert {name.split(".")[0] for name in arrays_files(index_dir)} == segments
    assert answers(index_dir) == built  # a fresh index object reads them from the files


def test_a_damaged_arrays_file_is_rebuilt_and_answers_stay_right(seeded):
    index_dir = seeded.archive.index_dir
    built = answers(index_dir)
    for name in arrays_files(index_dir):
        (index_dir / name).write_bytes(b"PK\x03\x04 not an archive")
    assert answers(index_dir) == built
    for name in arrays_files(index_dir):
        assert (index_dir / name).read_bytes()[:4] == b"PK\x03\x04" and (index_dir / name).stat().st_size > 100


def test_a_merged_segment_takes_its_arrays_file_with_it(seeded):
    index_dir = seeded.archive.index_dir
    answers(index_dir)
    before = arrays_files(index_dir)
    index = ArchiveIndex(index_dir)
    index.rebuild(list(seeded.archive.items()))  # new segments: the old ones (and their files) go
    index = ArchiveIndex(index_dir)
    answers(index_dir)
    after = arrays_files(index_dir)
    segments = {p.name.split(".")[0] for p in index_dir.glob("*.seg")}
    assert {name.split(".")[0] for name in after} == segments
    assert not set(before) & set(after)


# ---------------------------------------------------------------- the item id of each doc number


def stored_ids(index_dir):
    """The ids as Whoosh's public API reads them: every live document's stored fields."""
    index = ArchiveIndex(index_dir)
    with index.ix.searcher() as s:
        ids = [None] * s.doc_count_all()
        for docnum, stored in s.reader().iter_docs():
            ids[docnum] = stored.get("id")
    return ids


def table_ids(index_dir):
    index = ArchiveIndex(index_dir)
    s = index.searcher()
    try:
        return index.facet_table(s).doc_ids()
    finally:
        index.release_searcher()


def ids_files(index_dir):
    return sorted(p.name for p in index_dir.glob("*.ids"))


def test_doc_ids_come_from_each_segments_ids_file_and_match_the_stored_fields(seeded, monkeypatch):
    """At 1,000,000 documents a server read every stored document for this list (6.6 s CPU,
    once per worker); now each segment's list is read once and kept beside it."""
    from whoosh.reading import SegmentReader

    index_dir = seeded.archive.index_dir
    items = sorted(seeded.archive.item_ids())
    index = ArchiveIndex(index_dir)
    index.delete(items[0])  # a deleted document: None in the list, though its segment keeps its id
    index.add_items([seeded.archive.get(items[1])])  # an update: the old copy deleted
    for name in ids_files(index_dir):
        (index_dir / name).unlink()
    expected = stored_ids(index_dir)
    assert expected.count(None) >= 2 and sorted(i for i in expected if i) == items[1:]
    assert table_ids(index_dir) == expected  # read from the stored fields, files written
    segments = {p.name.split(".")[0] for p in index_dir.glob("*.seg")}
    assert {name.split(".")[0] for name in ids_files(index_dir)} == segments

    def no_stored_fields(self, docnum):
        raise AssertionError("a stored-fields read")

    monkeypatch.setattr(SegmentReader, "stored_fields", no_stored_fields)
    assert table_ids(index_dir) == expected  # a fresh index object: from the files alone


def test_a_damaged_or_stale_ids_file_is_read_again_from_the_documents(seeded):
    index_dir = seeded.archive.index_dir
    expected = stored_ids(index_dir)
    table_ids(index_dir)
    names = ids_files(index_dir)
    assert names
    (index_dir / names[0]).write_bytes(b"\xff\xfe not utf-8")
    for name in names[1:]:  # one id short of the segment's documents
        lines = (index_dir / name).read_text().split("\n")
        (index_dir / name).write_text("\n".join(lines[:-1]))
    assert table_ids(index_dir) == expected
    for name in names:
        lines = (index_dir / name).read_text().split("\n")
        assert lines[0] == "eurasec-segment-ids 1" and len(lines) == int(lines[1]) + 2


# ---------------------------------------------------------------- written by the rebuild itself


def test_a_rebuild_writes_each_segments_arrays_and_ids_so_the_first_server_walks_nothing(seeded, monkeypatch):
    """At 1,000,000 items the first `serve` after a `reindex` built every segment's arrays and
    ids itself (~6 s CPU on its start path): the rebuild now writes them beside each segment,
    in the process that wrote it. Fails before: no file after the rebuild."""
    from whoosh.reading import SegmentReader

    from eurasec_archive.index import tables
    from eurasec_archive.index.writing import build_index

    index_dir = seeded.archive.index_dir
    items = [seeded.archive.get(i) for i in sorted(seeded.archive.item_ids())]
    build_index(index_dir, items)  # the rebuild `reindex` runs (one process below 2,000 items)
    segments = {p.name.split(".")[0] for p in index_dir.glob("*.seg")}
    assert segments
    assert {n.split(".")[0] for n in arrays_files(index_dir)} == segments
    assert {n.split(".")[0] for n in ids_files(index_dir)} == segments
    expected = stored_ids(index_dir)
    assert sorted(expected) == sorted(i.id for i in items)

    def walked(*args, **kwargs):
        raise AssertionError("a segment walked for what its files hold")

    monkeypatch.setattr(tables, "segment_arrays", walked)
    monkeypatch.setattr(SegmentReader, "stored_fields", walked)
    assert table_ids(index_dir) == expected  # a fresh index object: arrays and ids from the files
    monkeypatch.undo()
    assert answers(index_dir)  # and searches answer from them


def test_a_parallel_rebuild_writes_the_files_of_every_process_segments(seeded):
    """The same through two index processes (`reindex --jobs 2`; the threshold lowered so the
    test stays small): each process writes the files of the segments it wrote."""
    from eurasec_archive.index.writing import build_index
    from eurasec_archive.maintenance import readable_items

    index_dir = seeded.archive.index_dir
    build_index(index_dir, readable_items(seeded.archive), jobs=2, parallel_from=1)
    segments = {p.name.split(".")[0] for p in index_dir.glob("*.seg")}
    assert len(segments) >= 2
    assert {n.split(".")[0] for n in arrays_files(index_dir)} == segments
    assert {n.split(".")[0] for n in ids_files(index_dir)} == segments
    expected = stored_ids(index_dir)
    assert table_ids(index_dir) == expected and sorted(expected) == sorted(seeded.archive.item_ids())
