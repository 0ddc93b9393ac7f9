"""Item.to_json builds its records without dataclasses.asdict (for speed): the JSON form must stay
what asdict gives, for every kind of part an item holds."""

from __future__ import annotations

import json
from dataclasses import asdict

from eurasec_archive.models import Comment, Item, Organization, Paragraph, Quote, Source, Speaker


def _asdict_form(item: Item) -> dict:
    """The item's JSON form spelled with dataclasses.asdict, as models.py wrote it before."""
    return {
        "id": item.id, "title": item.title, "date": item.date, "date_precision": item.date_precision,
        "date_source": item.date_source, "outlet": item.outlet, "language": item.language,
        "speakers": [asdict(s) for s in item.speakers], "people": list(item.people),
        "organizations": [asdict(o) for o in item.organizations], "places": list(item.places),
        "quotes": [asdict(q) for q in item.quotes], "cited_outlets": list(item.cited_outlets),
        "authors": list(item.authors),
        "paragraphs": [{k: v for k, v in asdict(p).items() if v is not None} for p in item.paragraphs],
        "comments": [asdict(c) for c in item.comments], "source": asdict(item.source), "url": item.url,
        "version": item.version, "updated_at": item.updated_at, "title_source": item.title_source,
        "warnings": list(item.warnings),
    }


def _item() -> Item:
    return Item(
        id="talks-in-minsk", title="Talks in Minsk", date="2026-03-04", outlet="Example Wire", language="en",
        paragraphs=[
            Paragraph("p1", "heading", "Talks in Minsk"),
            Paragraph("p2", "paragraph", "The minister said the talks would go on.", page=2),
            Paragraph("p3", "table", "Delegation | Seats", rows=[["Delegation", "Seats"], ["Belarus", "4"]]),
            Paragraph("p4", "list", "Agenda", items=["Transit", "Energy"]),
            Paragraph("p5", "quote", "“We will meet again.”", attribution="— A. Minister"),
            Paragraph("p6", "footnote", "Figures as of March.", note="1"),
        ],
        source=Source(filename="talks.html", sha256="0" * 64, media_type="text/html",
                      imported_at="2026-03-05T10:00:00Z", size=1234, encoding="utf-8", pages=None),
        date_precision="day", date_source="meta",
        speakers=[Speaker("Anna Minister", "Foreign Minister"), Speaker("Oleg Deputy")],
        people=["Anna Minister", "Oleg Deputy"],
        organizations=[Organization("Eurasian Economic Union", "EAEU"), Organization("Example Council")],
        places=["Minsk"],
        quotes=[Quote("the talks would go on", "Anna Minister", "p2", "said", direct=False),
                Quote("We will meet again.", None, "p5", epigraph=True)],
        comments=[Comment(None, "A reader's note.")],
        version=2, updated_at="2026-03-06T00:00:00Z", warnings=["truncated page"],
    )


def test_item_json_form_is_what_asdict_gives_for_every_part():
    item = _item()
    got = item.to_json()
    assert json.dumps(got, ensure_ascii=False, indent=1) == json.dumps(_asdict_form(item), ensure_ascii=False, indent=1)
    # and it round-trips
    assert Item.from_json(json.loads(json.dumps(got))).to_json() == got


def test_item_json_form_copies_the_lists_of_tables_and_lists():
    item = _item()
    got = item.to_json()
    got["paragraphs"][2]["rows"][1][0] = "changed"
    got["paragraphs"][3]["items"].append("changed")
    assert item.paragraphs[2].rows[1][0] == "Belarus"
    assert item.paragraphs[3].items == ["Transit", "Energy"]
