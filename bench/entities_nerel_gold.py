"""The NEREL gold with the region mentions the shared copy leaves out (a labelled second figure).

``../shared/data/nerel`` maps COUNTRY, CITY, STATE_OR_PROV, DISTRICT and LOCATION to places, but
NEREL v1.1 spells the region type ``STATE_OR_PROVINCE``: the shared gold has no state, province,
oblast or republic at all ("Калининградской области", "Флорида", "Татарстан"), so every region a
system finds counts as a false place there. Given a NEREL v1.1 folder (``NEREL-v1.1`` of
github.com/nerel-ds/NEREL, holding ``train/*.ann``, ``dev/*.ann``), this writes a copy of a split
whose gold also has those mentions, grouped as the shared gold groups places: by Wikidata id (its
label as the key, joined to the entity of that id when the gold has one), unlinked ones by their
text; a mention inside an ORGANIZATION or FACILITY span is left out, as the shared gold does.
"""

from __future__ import annotations

import json
from pathlib import Path

REGION = "STATE_OR_PROVINCE"
OUTER = ("ORGANIZATION", "FACILITY")


def read_ann(path: Path) -> tuple[dict[str, tuple[str, int, int, str]], dict[str, tuple[str, str]]]:
    """brat spans {id: (type, start, end, text)} (discontinuous ones skipped) and links {id: (wikidata, label)}."""
    spans, links = {}, {}
    for line in path.read_text("utf-8").splitlines():
        cells = line.split("\t")
        if line.startswith("T") and len(cells) >= 3 and ";" not in cells[1]:
            kind, start, end = cells[1].split(" ")
            spans[cells[0]] = (kind, int(start), int(end), cells[2])
        elif line.startswith("N") and len(cells) >= 2:
            _, target, wikidata = cells[1].split(" ")
            links[target] = (wikidata, cells[2] if len(cells) > 2 else "")
    return spans, links


def region_entities(ann: Path) -> dict[str, dict]:
    """{group key: place entity} of the region mentions not nested in a body or a facility."""
    spans, links = read_ann(ann)
    outer = [(s, e) for kind, s, e, _ in spans.values() if kind in OUTER]
    groups: dict[str, dict] = {}
    for tid, (kind, start, end, text) in spans.items():
        if kind != REGION or any(s <= start and end <= e and (s, e) != (start, end) for s, e in outer):
            continue
        wikidata, label = links.get(tid, ("Wikidata:NULL", ""))
        linked = wikidata != "Wikidata:NULL"
        key = wikidata if linked else "text:" + text.casefold()
        entity = groups.setdefault(key, {"type": "places", "keys": [], "mentions": [],
                                         "wikidata": wikidata if linked else None})
        if linked and label and label not in entity["keys"]:
            entity["keys"].append(label)
        if text not in entity["mentions"]:
            entity["mentions"].append(text)
    return groups


def with_regions(split: Path, ann_dir: Path, out: Path) -> int:
    """Write ``out`` (gold/ rewritten, txt/ linked) for ``split`` with the region entities added from
    ``ann_dir``; return how many entities were added (0 when no .ann file is found)."""
    (out / "gold").mkdir(parents=True)
    (out / "txt").symlink_to((split / "txt").resolve())
    added = 0
    for path in sorted((split / "gold").glob("*.json")):
        gold = json.loads(path.read_text("utf-8"))
        ann = ann_dir / (Path(gold["file"]).stem + ".ann")
        if ann.is_file():
            by_id = {e["wikidata"]: e for e in gold["entities"] if e.get("wikidata")}
            for key, entity in region_entities(ann).items():
                if key in by_id:  # the region is already an entity (named otherwise): one more way to name it
                    by_id[key]["mentions"] += [m for m in entity["mentions"] if m not in by_id[key]["mentions"]]
                else:
                    gold["entities"].append(entity)
                    added += 1
        (out / "gold" / path.name).write_text(json.dumps(gold, ensure_ascii=False), "utf-8")
    return added
