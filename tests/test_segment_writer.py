"""The fast segment writer (index/segment_writer.py) writes the index Whoosh's own SegmentWriter
writes: every file of the segment byte for byte, on the seeds and on texts made to hit the
analysis' corners (stop words before and after the first kept word, compounds with stop-word
parts, Cyrillic, typographic dashes and apostrophes, facet values with spaces), and when a
commit merges older segments into the new one."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh import index as windex
from whoosh.writing import SegmentWriter

from eurasec_archive.index.schema import INDEX_NAME, make_schema
from eurasec_archive.index.segment_writer import FastSegmentWriter
from eurasec_archive.index.writing import item_document
from eurasec_archive.maintenance import readable_items

CORNERS = [
    "The the of a security architecture of the Eurasian security",
    "A state-of-the-art go-to shock-wave anti-war co-operation: the state of the art.",
    "Russia’s foreign minister said ‘no’ — the talks (2024‑06‑09) went on‐and‐on… U.S. and U.K.",
    "Министр иностранных дел России Сергей Лавров и в Минске, и в Москве — военно-политический союз",
    "and and and of of the",  # stop words only
    "Lavrov Lavrov LAVROV lavrov Lávrov Лавров",
    "x" * 300 + " " + " ".join(f"word{i}" for i in range(400)),
]


def _documents(seeded) -> list[dict]:
    docs = [item_document(item) for item in readable_items(seeded.archive)]
    base = dict(docs[0])
    for k, text in enumerate(CORNERS):
        doc = dict(base, id=f"corner-{k}", rev=f"r{k}", title=text[:60], body=text, body_ru=text,
                   spell=" ".join(dict.fromkeys(text.lower().split())), person=text[:80], org=text[:50])
        doc["f_person"] = "\t".join(["Sergey Lavrov", text[:30], "Ms. O'Neil-Smith"])
        docs.append(doc)
    return docs


def _segment_files(folder: Path, writer_class, batches: list[list[dict]]) -> dict[str, bytes]:
    """The files of the last segment written: one commit per batch (no merge), the last one
    merging every earlier segment into it (optimize)."""
    folder.mkdir()
    ix = windex.create_in(str(folder), make_schema(), indexname=INDEX_NAME)
    for k, batch in enumerate(batches):
        w = writer_class(ix, compound=False)
        for doc in batch:
            w.add_document(**doc)
        segid = w.newsegment.segid
        last = k == len(batches) - 1
        w.commit(optimize=last, merge=last)
    files = {p.name.replace(segid, "SEGMENT"): p.read_bytes() for p in folder.iterdir() if segid in p.name}
    assert len(files) > 5  # postings, terms, lengths, stored fields, columns
    return files


@pytest.mark.parametrize("split", [1, 3], ids=["one segment", "merged from three commits"])
def test_fast_writer_writes_the_files_whoosh_writes(seeded, tmp_path, split):
    docs = _documents(seeded)
    size = -(-len(docs) // split)
    batches = [docs[k:k + size] for k in range(0, len(docs), size)]
    ours = _segment_files(tmp_path / "fast", FastSegmentWriter, batches)
    whoosh = _segment_files(tmp_path / "whoosh", SegmentWriter, batches)
    assert sorted(ours) == sorted(whoosh)
    different = [name for name in whoosh if ours[name] != whoosh[name]]
    assert not different


def _postings(reader, field: str, term: bytes) -> list[tuple]:
    m, out = reader.postings(field, term), []
    while m.is_active():
        out.append((m.id(), m.weight(), m.value()))
        m.next()
    return out


def test_fast_writer_postings_read_back_as_whoosh_wrote_them(seeded, tmp_path):
    docs = _documents(seeded)
    read = {}
    for name, cls in (("fast", FastSegmentWriter), ("whoosh", SegmentWriter)):
        (tmp_path / name).mkdir()
        ix = windex.create_in(str(tmp_path / name), make_schema(), indexname=INDEX_NAME)
        w = cls(ix)
        for doc in docs:
            w.add_document(**doc)
        w.commit()
        with ix.reader() as r:
            read[name] = {(f, t): _postings(r, f, t) for f in ("body", "title", "body_ru", "person", "f_person")
                          for t in r.lexicon(f)}
    assert read["fast"] == read["whoosh"]
    assert read["fast"][("body", b"secur")]  # stemmed English, found in the seeds
    assert read["fast"][("f_person", b"Ms. O'Neil-Smith")]
