"""What the speaker tests share: a text read through the real normalizer and extractor, and
the speaker given to the one quote that opens with some words."""

from __future__ import annotations

from eurasec_archive.extract import extract_metadata
from eurasec_archive.normalize import normalize_text


def read(text: str) -> dict:
    return extract_metadata(normalize_text(text))


def speaker_of(meta: dict, start: str) -> str | None:
    (quote,) = [q for q in meta["quotes"] if q.text.startswith(start)]
    return quote.speaker
