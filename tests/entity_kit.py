"""What the Russian organization tests share: a body of text read as a document under a short
title by the real importer (model, dictionary and authority files), and the names of the
organizations found in it."""

from __future__ import annotations

from eurasec_archive.importer import parse_document


def organizations_of(body: str, title: str = "Новости") -> list[str]:
    item = parse_document(f"{title}\n\n{body}\n".encode(), "doc.txt").to_json()
    return [o["name"] for o in item["organizations"]]
