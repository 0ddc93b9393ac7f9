"""People, organizations and places on real annotated Russian news, beside natasha alone.

Runs ``../shared/tools/score_ner.py`` on each split under ``../shared/data`` (factRuEval-2016 dev,
NEREL dev; ``--train`` adds NEREL train) twice in the same run:

- ``eurasec-archive``: the real CLI (``python -m eurasec_archive``: import, then export);
- ``natasha alone``: natasha 1.6 (slovnet NER + its own span normalization, no authority files,
  no merging) written as items JSONL and scored with ``--items``, the baseline to beat.

It also times ``extract_metadata`` per document (ms, in this process, after the models are loaded).
Skips with a message when ``../shared`` is absent. Usage::

    nice -n 10 python bench/entities.py [--train] [--splits factrueval-2016/dev nerel/dev]
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
TYPES = ("people", "organizations", "places")
NATASHA_TYPES = {"PER": "people", "ORG": "organizations", "LOC": "places"}


def natasha_items(txt_dir: Path) -> list[dict]:
    """One item per document with what natasha alone finds (normalized by natasha itself)."""
    from natasha import Doc, MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

    emb = NewsEmbedding()
    segmenter, ner, morph, vocab = Segmenter(), NewsNERTagger(emb), NewsMorphTagger(emb), MorphVocab()
    items = []
    for path in sorted(txt_dir.glob("*.txt")):
        doc = Doc(path.read_text("utf-8"))
        doc.segment(segmenter)
        doc.tag_morph(morph)
        doc.tag_ner(ner)
        found: dict[str, list[str]] = {t: [] for t in TYPES}
        for span in doc.spans:
            span.normalize(vocab)
            names = found[NATASHA_TYPES[span.type]]
            if span.normal and span.normal not in names:
                names.append(span.normal)
        items.append({"source": {"filename": path.name}, "people": found["people"],
                      "organizations": [{"name": n} for n in found["organizations"]], "places": found["places"]})
    return items


def score(split: Path, extra: list[str]) -> dict:
    """score_ner.py's summary figures for one run."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "res.json"
        cmd = [sys.executable, str(SHARED / "tools" / "score_ner.py"), str(split), "--json", str(out), *extra]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        return json.loads(out.read_text("utf-8"))


def ours(split: Path) -> dict:
    return score(split, ["--cli", f"{sys.executable} -m eurasec_archive", "--jobs", "2"])


def natasha(split: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        items = Path(tmp) / "items.jsonl"
        items.write_text("".join(json.dumps(it, ensure_ascii=False) + "\n" for it in natasha_items(split / "txt")),
                         "utf-8")
        return score(split, ["--items", str(items)])


def extraction_ms(txt_dir: Path, limit: int = 60) -> float:
    """Mean ms of normalize_text + extract_metadata per document (models loaded beforehand)."""
    from eurasec_archive.extract import extract_metadata
    from eurasec_archive.normalize import normalize_text

    paths = sorted(txt_dir.glob("*.txt"))[:limit]
    extract_metadata(normalize_text(paths[0].read_text("utf-8")), paths[0].name)  # load models once
    start = time.perf_counter()
    for p in paths:
        extract_metadata(normalize_text(p.read_text("utf-8")), p.name)
    return (time.perf_counter() - start) * 1000 / len(paths)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--splits", nargs="*", default=["factrueval-2016/dev", "nerel/dev"])
    ap.add_argument("--train", action="store_true", help="add nerel/train (745 documents, slow)")
    ap.add_argument("--no-baseline", action="store_true", help="skip the natasha-alone row")
    args = ap.parse_args()
    if not (SHARED / "tools" / "score_ner.py").is_file():
        print(f"skipped: no scorers in {SHARED / 'tools'}")
        return 0
    splits = args.splits + (["nerel/train"] if args.train else [])
    print(f"machine: {platform.machine()}, {platform.python_version()}, nice'd, 2 shared cores (contended)")
    print(f"{'split':22} {'system':16} " + " ".join(f"{t[:6] + ' P/R/F1':>21}" for t in TYPES) + "  ms/doc")
    for name in splits:
        split = SHARED / "data" / name
        rows = [("eurasec-archive", ours(split), f"{extraction_ms(split / 'txt'):7.1f}")]
        if not args.no_baseline:
            rows.append(("natasha alone", natasha(split), ""))
        for system, res, ms in rows:
            cells = " ".join(f"{res[t]['P']:.3f}/{res[t]['R']:.3f}/{res[t]['F1']:.3f}".rjust(21) for t in TYPES)
            print(f"{name:22} {system:16} {cells}  {ms}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
