"""The NEREL gold with its people grouped as the annotators name them (a labelled second figure).

The shared gold (``../shared/data/nerel``) groups a person's unlinked mentions by their last word,
so one person can be several gold entities: the Latin spelling in brackets ("Бенджамин Херман
(Benjamin Herman)") is an entity of its own, and so is a given name used alone after the full name
("Людмилу Касьян … Людмила вернулась"). A system that lists one person once misses the others.
Given a NEREL v1.1 folder (``train/*.ann``, ``dev/*.ann``), this writes a copy of a split whose
people entities are joined where

- the annotators relate two PERSON spans by ``ALTERNATIVE_NAME`` (their own statement that the
  two name one person), or
- an unlinked entity's mentions are all one word that is the first word of a mention of exactly
  one other person of the document ("Людмила", "Веру" of "Вера Щесных"; the scorer's
  case-tolerant word equality).

Other types are untouched. The joined entity keeps every key and mention, so a name that matched
any of its parts still matches it.
"""

from __future__ import annotations

import json
from pathlib import Path

from entities_nerel_gold import read_ann


def same_word(a: str, b: str) -> bool:
    """The scorer's case-ending-tolerant word equality (``../shared/tools/names.py``: equal, or a
    shared start of at least max(3, shorter - 2) letters with both at least 4 long), casefolded."""
    a, b = a.casefold().replace("ё", "е"), b.casefold().replace("ё", "е")
    if a == b:
        return True
    if len(a) < 4 or len(b) < 4:
        return False
    k = 0
    while k < min(len(a), len(b)) and a[k] == b[k]:
        k += 1
    return k >= max(3, min(len(a), len(b)) - 2)


def _alternative_names(ann: Path) -> list[tuple[str, str]]:
    """(text, text) of the PERSON spans the annotators relate by ALTERNATIVE_NAME."""
    spans, _ = read_ann(ann)
    pairs = []
    for line in ann.read_text("utf-8").splitlines():
        cells = line.split("\t")
        if line.startswith("R") and len(cells) >= 2 and cells[1].startswith("ALTERNATIVE_NAME "):
            args = dict(a.split(":", 1) for a in cells[1].split()[1:])
            a, b = spans.get(args.get("Arg1")), spans.get(args.get("Arg2"))
            if a and b and a[0] == b[0] == "PERSON":
                pairs.append((a[3], b[3]))
    return pairs


def joined_people(entities: list[dict], pairs: list[tuple[str, str]]) -> tuple[list[dict], int]:
    """The people entities joined by ``pairs`` of alternative names and by given names used
    alone; the other entities as they were. Returns (entities, joins made)."""
    people = [e for e in entities if e["type"] == "people"]
    parent = list(range(len(people)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    def holding(text: str) -> list[int]:
        return [i for i, e in enumerate(people) if text in e["mentions"]]

    joins = 0
    for a, b in pairs:
        for i in holding(a)[:1]:
            for j in holding(b)[:1]:
                if find(i) != find(j):
                    parent[find(j)] = find(i)
                    joins += 1
    for i, e in enumerate(people):
        if e.get("wikidata") or not e["mentions"] or any(len(m.split()) != 1 for m in e["mentions"]):
            continue
        word = e["mentions"][0]
        owners = {find(j) for j, other in enumerate(people) if j != i for m in other["mentions"]
                  if len(m.split()) > 1 and same_word(m.split()[0], word)}
        if len(owners) == 1 and find(i) not in owners:
            parent[find(i)] = owners.pop()
            joins += 1
    groups: dict[int, dict] = {}
    for i, e in enumerate(people):
        g = groups.setdefault(find(i), {"type": "people", "keys": [], "mentions": [], "wikidata": None})
        g["keys"] += [k for k in e["keys"] if k not in g["keys"]]
        g["mentions"] += [m for m in e["mentions"] if m not in g["mentions"]]
        g["wikidata"] = g["wikidata"] or e.get("wikidata")
    return [e for e in entities if e["type"] != "people"] + list(groups.values()), joins


def with_person_names(split: Path, ann_dir: Path, out: Path) -> int:
    """Write ``out`` (gold/ rewritten, txt/ linked) for ``split`` with its people joined as above;
    return how many joins were made (0 when no .ann file is found)."""
    (out / "gold").mkdir(parents=True)
    (out / "txt").symlink_to((split / "txt").resolve())
    total = 0
    for path in sorted((split / "gold").glob("*.json")):
        gold = json.loads(path.read_text("utf-8"))
        ann = ann_dir / (Path(gold["file"]).stem + ".ann")
        if ann.is_file():
            gold["entities"], joins = joined_people(gold["entities"], _alternative_names(ann))
            total += joins
        (out / "gold" / path.name).write_text(json.dumps(gold, ensure_ascii=False), "utf-8")
    return total
