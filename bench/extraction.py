"""Precision/recall of metadata extraction on the hand-labelled set in ``tests/eval/``.

Runs the same ``normalize_text`` + ``extract_metadata`` the importer runs over every document
listed in ``tests/eval/gold.json`` and compares with the gold, separately for the development
part (the seeds and documents the extractor was tuned on) and the held-out part (written after
tuning, never tuned on). Usage::

    python bench/extraction.py            # table for dev and held-out
    python bench/extraction.py --errors   # plus every missed and spurious value per document

Scoring: ``date`` and ``outlet`` are accuracy (exact match, ``null`` == ``null`` counts);
``speakers``, ``organizations``, ``people`` and ``places`` are micro-averaged precision and
recall over per-document sets of names (case-insensitive). A field with nothing predicted has
precision 1.0, with nothing in gold recall 1.0.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from eurasec_archive.extract import extract_metadata
from eurasec_archive.normalize import normalize_text

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "eval" / "gold.json"
SET_FIELDS = ("speakers", "organizations", "people", "places")
EXACT_FIELDS = ("date", "outlet")


def load_gold(path: Path = GOLD) -> list[dict]:
    """The gold documents: dicts with path (relative to the repo root), held_out and fields."""
    return json.loads(path.read_text("utf-8"))["docs"]


def predict(path: Path) -> dict:
    """Extracted values of the scored fields for one document, as plain strings."""
    meta = extract_metadata(normalize_text(path.read_text("utf-8")), path.name)
    return {
        "date": meta["date"],
        "outlet": meta["outlet"],
        "speakers": [s.name for s in meta["speakers"]],
        "organizations": [o.name for o in meta["organizations"]],
        "people": list(meta["people"]),
        "places": list(meta["places"]),
    }


def _key(values) -> set[str]:
    return {v.casefold() for v in values}


def score(docs: list[dict], root: Path = ROOT) -> dict:
    """Scores for a list of gold docs.

    :return: {"n": docs, "date"/"outlet": accuracy, "<set field>": {"precision", "recall",
        "tp", "fp", "fn"}, "errors": [{path, field, missed, spurious}]}
    """
    exact = {f: 0 for f in EXACT_FIELDS}
    counts = {f: {"tp": 0, "fp": 0, "fn": 0} for f in SET_FIELDS}
    errors = []
    for doc in docs:
        pred = predict(root / doc["path"])
        for f in EXACT_FIELDS:
            if pred[f] == doc[f]:
                exact[f] += 1
            else:
                errors.append({"path": doc["path"], "field": f, "missed": doc[f], "spurious": pred[f]})
        for f in SET_FIELDS:
            gold, got = _key(doc[f]), _key(pred[f])
            counts[f]["tp"] += len(gold & got)
            counts[f]["fp"] += len(got - gold)
            counts[f]["fn"] += len(gold - got)
            if gold != got:
                errors.append({"path": doc["path"], "field": f,
                               "missed": sorted(v for v in doc[f] if v.casefold() not in got),
                               "spurious": sorted(v for v in pred[f] if v.casefold() not in gold)})
    n = len(docs)
    result: dict = {"n": n, "errors": errors}
    for f in EXACT_FIELDS:
        result[f] = exact[f] / n if n else 1.0
    for f, c in counts.items():
        predicted, relevant = c["tp"] + c["fp"], c["tp"] + c["fn"]
        result[f] = {**c, "precision": c["tp"] / predicted if predicted else 1.0,
                     "recall": c["tp"] / relevant if relevant else 1.0}
    return result


def evaluate(gold_path: Path = GOLD) -> dict[str, dict]:
    """{"dev": scores, "held_out": scores} for the whole evaluation set."""
    docs = load_gold(gold_path)
    return {"dev": score([d for d in docs if not d.get("held_out")]),
            "held_out": score([d for d in docs if d.get("held_out")])}


def format_report(results: dict[str, dict]) -> str:
    lines = [f"{'part':<9} {'docs':>4} {'date':>5} {'outlet':>6}  "
             + "  ".join(f"{f[:8]:>8} P/R  " for f in SET_FIELDS)]
    for part, r in results.items():
        cells = "  ".join(f"{r[f]['precision']:.2f}/{r[f]['recall']:.2f}".rjust(14) for f in SET_FIELDS)
        lines.append(f"{part:<9} {r['n']:>4} {r['date']:>5.2f} {r['outlet']:>6.2f}  {cells}")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", action="store_true", help="list missed/spurious values")
    args = parser.parse_args(argv)
    results = evaluate()
    print(format_report(results))
    if args.errors:
        for part, r in results.items():
            for e in r["errors"]:
                print(f"[{part}] {e['path']} {e['field']}: missed={e['missed']} spurious={e['spurious']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
