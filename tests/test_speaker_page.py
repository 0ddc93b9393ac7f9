"""A speaker's page shows each quote with its cue verb and a link to its paragraph (Flask test
client on a real seeded archive; assertions parse the HTML and check against the stored items)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from eurasec_archive.app import create_app
from eurasec_archive.archive import Archive


@pytest.fixture
def client(seeded_dir):
    return create_app({"ARCHIVE_DIR": str(seeded_dir), "TESTING": True}).test_client()


def test_speaker_quotes_carry_cue_and_paragraph_link(client, seeded_dir):
    r = client.get("/speakers/sergey-lavrov")
    assert r.status_code == 200
    doc = BeautifulSoup(r.data, "html.parser")
    shown = doc.select(".quotes li")
    assert shown
    stored = {(f"{i.url}#{q.paragraph}", q.text): q for i in Archive(seeded_dir).items() for q in i.quotes
              if q.speaker == "Sergey Lavrov"}
    cues = set()
    for li in shown:
        link = li.select_one("a.para-link")
        q = stored[link["href"], li.blockquote.get_text(strip=True)]  # the link points at the quote's paragraph
        assert link.get_text(strip=True) == f"¶ {q.paragraph}"
        cue = li.select_one(".cue")
        assert (cue.get_text() if cue else None) == q.cue
        assert ("reported" in li["class"]) == (not q.direct)
        cues.add(q.cue)
    # "…," he stressed (seed 000) and "…, said Russian Foreign Minister Sergey Lavrov"
    assert {"stressed", "said"} <= cues


def test_an_epigraph_author_gets_no_speaker_page(client):
    assert client.get("/speakers/maxim-litvinov").status_code == 404
    doc = BeautifulSoup(client.get("/speakers").data, "html.parser")
    assert "Maxim Litvinov" not in doc.get_text()
