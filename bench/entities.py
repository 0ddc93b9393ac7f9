"""People, organizations and places on real annotated Russian news, beside natasha alone.

Runs ``../shared/tools/score_ner.py`` on each split under ``../shared/data`` (factRuEval-2016 dev,
NEREL dev; ``--train`` adds NEREL train) twice in the same run:

- ``eurasec-archive``: the real CLI (``python -m eurasec_archive``: import, then export);
- ``natasha alone``: natasha 1.6 (slovnet NER + its own span normalization, no authority files,
  no merging) written as items JSONL and scored with ``--items``, the baseline to beat.

It also times ``extract_metadata`` per document (CPU ms, in this process, after the models are
loaded), and scores the same items again on a copy of the gold without the place entities it
knows only by adjectives ("американских"; adjectives are no entities here), a second figure
marked ``*``. With ``--nerel-ann DIR`` (a NEREL v1.1 folder: ``DIR/train/*.ann``, ``DIR/dev/*.ann``)
the NEREL items are also scored on a gold that has the region mentions the shared copy lacks
(``entities_nerel_gold.py``), a second figure marked ``**``, and on a gold whose people are
joined where the annotators name one person twice (``entities_nerel_people.py``), marked ``***``.
Skips with a message when ``../shared`` is absent. Usage::

    nice -n 10 python bench/entities.py [--train] [--splits factrueval-2016/dev nerel/dev] [--nerel-ann DIR] [--jobs N]
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

from entities_nerel_gold import with_regions
from entities_nerel_people import with_person_names

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


def ours(split: Path, work: Path, jobs: int = 2) -> dict:
    """The real CLI's figures (``import --jobs JOBS``); its exported items stay in ``work/items.jsonl``."""
    return score(split, ["--cli", f"{sys.executable} -m eurasec_archive", "--jobs", str(jobs), "--work", str(work)])


def natasha(split: Path, items: Path) -> dict:
    items.write_text("".join(json.dumps(it, ensure_ascii=False) + "\n" for it in natasha_items(split / "txt")),
                     "utf-8")
    return score(split, ["--items", str(items)])


def _adjectival(entity: dict) -> bool:
    """A place entity the gold knows only by adjectives ("американских", "советский")."""
    from eurasec_archive.extract.ner import morph

    def adjective(word: str) -> bool:
        ps = morph().parse(word)
        return ps[0].tag.POS in ("ADJF", "ADJS") and not any("Geox" in p.tag for p in ps)

    return entity["type"] == "places" and bool(entity["mentions"]) and \
        all(len(m.split()) == 1 and adjective(m) for m in entity["mentions"])


def without_adjectival_places(split: Path, out: Path) -> int:
    """A copy of ``split`` (texts linked, gold rewritten) without the adjectival place entities;
    how many were left out. A second, labelled figure: the issue says adjectives are no entities."""
    (out / "gold").mkdir(parents=True)
    (out / "txt").symlink_to((split / "txt").resolve())
    dropped = 0
    for path in sorted((split / "gold").glob("*.json")):
        gold = json.loads(path.read_text("utf-8"))
        kept = [e for e in gold["entities"] if not _adjectival(e)]
        dropped += len(gold["entities"]) - len(kept)
        (out / "gold" / path.name).write_text(json.dumps({**gold, "entities": kept}, ensure_ascii=False), "utf-8")
    return dropped


def extraction_ms(txt_dir: Path, limit: int = 60) -> float:
    """Mean CPU ms (process time) of normalize_text + extract_metadata per document (models loaded beforehand)."""
    from eurasec_archive.extract import extract_metadata
    from eurasec_archive.normalize import normalize_text

    paths = sorted(txt_dir.glob("*.txt"))[:limit]
    extract_metadata(normalize_text(paths[0].read_text("utf-8")), paths[0].name)  # load models once
    start = time.process_time()
    for p in paths:
        extract_metadata(normalize_text(p.read_text("utf-8")), p.name)
    return (time.process_time() - start) * 1000 / len(paths)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--splits", nargs="*", default=["factrueval-2016/dev", "nerel/dev"])
    ap.add_argument("--train", action="store_true", help="add nerel/train (745 documents, slow)")
    ap.add_argument("--no-baseline", action="store_true", help="skip the natasha-alone row")
    ap.add_argument("--nerel-ann", type=Path, help="a NEREL v1.1 folder: also score on its gold with regions")
    ap.add_argument("--jobs", type=int, default=2, help="import --jobs of the CLI run (1 on a busy machine)")
    args = ap.parse_args()
    if not (SHARED / "tools" / "score_ner.py").is_file():
        print(f"skipped: no scorers in {SHARED / 'tools'}")
        return 0
    splits = args.splits + (["nerel/train"] if args.train else [])
    print(f"machine: {platform.machine()}, {platform.python_version()}, nice'd, 2 shared cores (contended)")
    print(f"{'split':22} {'system':16} " + " ".join(f"{t[:6] + ' P/R/F1':>21}" for t in TYPES) + "  ms/doc")
    for name in splits:
        split = SHARED / "data" / name
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            runs = [("eurasec-archive", ours(split, work / "ours", args.jobs), work / "ours" / "items.jsonl",
                     f"{extraction_ms(split / 'txt'):7.1f}")]
            if not args.no_baseline:
                runs.append(("natasha alone", natasha(split, work / "natasha.jsonl"), work / "natasha.jsonl", ""))
            for system, res, _, ms in runs:
                _print_row(name, system, res, ms)
            dropped = without_adjectival_places(split, work / "noadj")
            if dropped:  # the same items scored again on the gold without adjectival places
                print(f"{'':22} gold without its {dropped} adjectival place entities (second figure, places column):")
                for system, _, items, _ in runs:
                    _print_row(name, system + " *", score(work / "noadj", ["--items", str(items)]), "")
            part = name.split("/")[-1]
            if args.nerel_ann and name.startswith("nerel/") and (args.nerel_ann / part).is_dir():
                added = with_regions(split, args.nerel_ann / part, work / "regions")
                print(f"{'':22} gold with the {added} region entities (STATE_OR_PROVINCE) it lacks (second figure):")
                for system, _, items, _ in runs:
                    _print_row(name, system + " **", score(work / "regions", ["--items", str(items)]), "")
                joins = with_person_names(split, args.nerel_ann / part, work / "people")
                print(f"{'':22} gold with {joins} people joined (ALTERNATIVE_NAME, given name alone; people column):")
                for system, _, items, _ in runs:
                    _print_row(name, system + " ***", score(work / "people", ["--items", str(items)]), "")
    return 0


def _print_row(split: str, system: str, res: dict, ms: str) -> None:
    cells = " ".join(f"{res[t]['P']:.3f}/{res[t]['R']:.3f}/{res[t]['F1']:.3f}".rjust(21) for t in TYPES)
    print(f"{split:22} {system:16} {cells}  {ms}")


if __name__ == "__main__":
    sys.exit(main())
