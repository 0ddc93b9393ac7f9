"""Any bytes under a PDF, DOCX, WARC or WACZ name give items or one-line errors naming the
file, never a traceback; mutated real samples included (the malformed files a real
collection holds are damaged real files more often than random noise)."""

from __future__ import annotations

import pytest
from conftest import DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eurasec_archive.errors import ImportFailed
from eurasec_archive.importer import parse_document, parse_web_archive

SAMPLES = {
    "a.pdf": (DATA / "pdf" / "consultations_ru.pdf").read_bytes(),
    "b.docx": (DATA / "docx" / "consultations_ru.docx").read_bytes(),
    "c.warc.gz": (DATA / "warc" / "mfa_site.warc.gz").read_bytes(),
    "d.wacz": (DATA / "warc" / "mfa_site.wacz").read_bytes(),
    "e.warc": (DATA / "bad" / "truncated_record.warc").read_bytes(),
}


def parse_any(data: bytes, name: str) -> None:
    try:
        if name.endswith((".warc", ".warc.gz", ".wacz")):
            for entry in parse_web_archive(data, name, max_bytes=2_000_000):
                assert entry.name.startswith(f"{name}#")
                if entry.error:
                    assert entry.error.startswith(f"{name}#") and "\n" not in entry.error
                if entry.item:
                    assert entry.item.paragraphs
        else:
            item = parse_document(data, name, max_bytes=2_000_000)
            assert item.paragraphs and item.id
    except ImportFailed as e:
        assert e.message.startswith(f"{name}: ") and "\n" not in e.message


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(sorted(SAMPLES)), data=st.data())
def test_mutated_samples_give_items_or_one_line_errors(name, data):
    original = SAMPLES[name]
    cut = data.draw(st.integers(0, len(original)))
    flips = data.draw(st.lists(st.tuples(st.integers(0, len(original) - 1), st.integers(0, 255)), max_size=8))
    mutated = bytearray(original[:cut] if data.draw(st.booleans()) else original)
    for pos, byte in flips:
        if pos < len(mutated):
            mutated[pos] = byte
    parse_any(bytes(mutated), name)


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=2000), name=st.sampled_from(sorted(SAMPLES)))
def test_random_bytes_give_one_line_errors(data, name):
    parse_any(data, name)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_the_unmutated_samples_parse(name):
    parse_any(SAMPLES[name], name)
