"""Speakers and quote attribution on real news, English and Russian.

    python bench/speakers.py [--split dev|train] [--held-out] [--skip-polnear] [--errors FILE]

1. PolNeAR (English political news, hand-annotated attributions): runs the shared scorer
   ``../shared/tools/score_speakers.py ../shared/data/polnear/<split>`` over the real CLI
   (import, then export), which prints the project's row and two baselines from the same run.
2. Russian: our own annotations (bench/data/ru_speakers/annotations.json: document ids, speaker
   names, short quote anchors; no texts) of 78 real news documents under
   ``../shared/data/factrueval-2016`` and ``../shared/data/nerel``. Each document goes through the
   importer's parse_document. Speakers are scored by P/R/F1 with the shared name matcher
   (surname, case endings, transliteration); a gold quote is *found* when an item quote holds its
   anchor, and *right* when that quote's speaker is the annotated one. Baseline rows from the
   same run: every person in ``people`` as a speaker, and a cue regex (a capitalized name right
   beside заявил/сказал/отметил…).
   ``--held-out`` scores the 17 round-3 documents, annotated before the system was run on them
   (run it once, at the end); the dev part is the other 61 (rounds 1 and 2, whose held-out parts
   were each scored once and then joined development).

Skips with a message when ../shared/data is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("EURASEC_SHARED", ROOT.parent / "shared"))
ANNOTATIONS = ROOT / "bench" / "data" / "ru_speakers" / "annotations.json"
_RU_VERB = r"(?:(?:заявил|сказал|отметил|подчеркнул|сообщил|добавил)а?)"
_RU_NAME = r"([А-ЯЁ][а-яё]+(?:\s+[А-ЯЁ][а-яё]+)?)"
_REGEX = [re.compile(_RU_NAME + r"\s+" + _RU_VERB + r"\b"),
          re.compile(r"\b" + _RU_VERB + r"\s+(?:[а-яё]+\s+){0,5}?" + _RU_NAME)]


def regex_speakers(text: str) -> list[str]:
    return list(dict.fromkeys(m.group(1) for rx in _REGEX for m in rx.finditer(text)))


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("ё", "е").replace("Ё", "Е").replace("«", "").replace("»", "")).casefold()


def score_names(pred: list[str], gold: list, match) -> tuple[int, int, int]:
    """(pred clusters right, gold found, pred clusters) for one document."""
    golds = [g if isinstance(g, list) else [g] for g in gold]
    clusters: list[str] = []
    for p in pred:
        if not any(match(p, [c]) for c in clusters):
            clusters.append(p)
    right = sum(1 for p in clusters if any(match(p, g) for g in golds))
    found = sum(1 for g in golds if any(match(p, g) for p in clusters))
    return right, found, len(clusters)


def russian(held_out: bool, errors: list | None = None) -> dict:
    sys.path.insert(0, str(SHARED / "tools"))
    from names import person_match  # the shared scorer's matcher: surname, case endings, transliteration

    from eurasec_archive.importer import parse_document

    # earlier rounds' held-out parts were scored once (spent) and are development now
    docs = [d for d in json.loads(ANNOTATIONS.read_text("utf-8"))["docs"] if d["held_out"] == held_out]
    totals = {k: [0, 0, 0, 0] for k in ("project", "people-as-speakers", "regex")}  # right, found, pred, gold
    quotes = {"gold": 0, "found": 0, "right": 0}
    for d in docs:
        path = SHARED / "data" / d["file"]
        item = parse_document(path.read_bytes(), path.name)
        text = path.read_text("utf-8")
        rows = {"project": [s.name for s in item.speakers], "people-as-speakers": list(item.people),
                "regex": regex_speakers(text)}
        for key, names in rows.items():
            r, f, p = score_names(names, d["speakers"], person_match)
            t = totals[key]
            for k, v in enumerate((r, f, p, len(d["speakers"]))):
                t[k] += v
        for q in d["quotes"]:
            quotes["gold"] += 1
            hits = [x for x in item.quotes if _norm(q["anchor"]) in _norm(x.text)]
            ok = any(x.speaker and person_match(x.speaker, [q["speaker"]]) for x in hits)
            quotes["found"] += bool(hits)
            quotes["right"] += ok
            if errors is not None and not ok:
                errors.append({"doc": d["id"], "kind": "quote", "anchor": q["anchor"], "gold": q["speaker"],
                               "pred": [x.speaker for x in hits] or None})
        if errors is not None:
            pred = [s.name for s in item.speakers]
            for g in d["speakers"]:
                if not any(person_match(p, g if isinstance(g, list) else [g]) for p in pred):
                    errors.append({"doc": d["id"], "kind": "FN", "gold": g})
            for p in pred:
                if not any(person_match(p, g if isinstance(g, list) else [g]) for g in d["speakers"]):
                    errors.append({"doc": d["id"], "kind": "FP", "pred": p})
    out = {"docs": len(docs), "quotes": quotes}
    for key, (right, found, pred, gold) in totals.items():
        p = right / pred if pred else 1.0
        r = found / gold if gold else 1.0
        out[key] = {"P": p, "R": r, "F1": 2 * p * r / (p + r) if p + r else 0.0, "pred": pred, "gold": gold}
    return out


def print_russian(res: dict, label: str) -> None:
    print(f"\nspeakers ru-news {label} ({res['docs']} docs)   P      R      F1    gold  pred")
    for key in ("project", "people-as-speakers", "regex"):
        r = res[key]
        print(f"{key:<34} {r['P']:.3f}  {r['R']:.3f}  {r['F1']:.3f}  {r['gold']:>4}  {r['pred']:>4}")
    q = res["quotes"]
    print(f"quotes: {q['gold']} annotated, {q['found']} found, {q['right']} with the right speaker "
          f"(quote->speaker {q['right'] / max(q['gold'], 1):.3f} of all, "
          f"{q['right'] / max(q['found'], 1):.3f} of found)")
    p = res["project"]
    print(f"speakers ru-news {label}: P {p['P']:.3f} R {p['R']:.3f} F1 {p['F1']:.3f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", default="dev", choices=["dev", "train"], help="PolNeAR split")
    ap.add_argument("--held-out", action="store_true", help="score the Russian held-out part (once, at the end)")
    ap.add_argument("--skip-polnear", action="store_true")
    ap.add_argument("--errors", help="write the Russian misses as JSONL here")
    a = ap.parse_args()
    if not (SHARED / "data").is_dir():
        print(f"skipped: no shared data at {SHARED / 'data'}")
        return 0
    print(f"machine: {os.cpu_count()} cores (shared with other jobs: speeds are not measured here)")
    if not a.skip_polnear:
        cmd = [sys.executable, str(SHARED / "tools" / "score_speakers.py"), str(SHARED / "data" / "polnear" / a.split),
               "--cli", f"{sys.executable} -m eurasec_archive", "--jobs", "1"]
        env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
        done = subprocess.run(cmd, env=env)
        if done.returncode:
            return done.returncode
    errors: list | None = [] if a.errors else None
    res = russian(a.held_out, errors)
    print_russian(res, "held-out" if a.held_out else "dev")
    if a.errors:
        Path(a.errors).write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errors), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
