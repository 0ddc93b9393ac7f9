"""The ranking choices of issue 15 re-run in process: each configuration of the feedback
(``index/feedback.py``) on the archives ``bench/relevance.py`` left in a work directory,
nDCG@10 / MAP as ratios to the plain BM25 of the same run, and the CPU per query.

    python bench/relevance.py --workdir /tmp/rel                # builds the archives once
    python bench/relevance_sweep.py --workdir /tmp/rel          # the table in bench/README.md
    python bench/relevance_sweep.py --workdir /tmp/rel --collections med adi --only kept off

Ours is the API's ranking without HTTP: ``interpret`` -> ``with_feedback`` -> ``search`` (per
page 100), the feedback's constants set per row (a sweep, never the archive's configuration).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from relevance import LOADERS, PlainBM25, average_precision, ndcg

from eurasec_archive.archive import Archive
from eurasec_archive.index import ArchiveIndex, feedback
from eurasec_archive.search import ItemCache, item_text

ANSERINI = dict(DOCS=10, TERMS=10, ORIGINAL_WEIGHT=0.5, LENGTH_PRIOR=0.0, SCORE_POWER=1.0)
KEPT = {}
CONFIGURATIONS = {
    "off": dict(MIN_WORDS=10**9),
    "anserini": ANSERINI,
    "anserini-l0.7": {**ANSERINI, "ORIGINAL_WEIGHT": 0.7},
    "l0.7-smoothed": {**ANSERINI, "ORIGINAL_WEIGHT": 0.7, "LENGTH_PRIOR": 1.0},
    "l0.7-smoothed-cubed": {**ANSERINI, "ORIGINAL_WEIGHT": 0.7, "LENGTH_PRIOR": 1.0, "SCORE_POWER": 3.0},
    "l0.6-smoothed-cubed": {**ANSERINI, "ORIGINAL_WEIGHT": 0.6, "LENGTH_PRIOR": 1.0, "SCORE_POWER": 3.0},
    "10docs-15words": dict(DOCS=10),
    "kept": KEPT,
    "3docs": dict(DOCS=3),
    "10words": dict(TERMS=10),
    "l0.5": dict(ORIGINAL_WEIGHT=0.5),
    "5+words": dict(MIN_WORDS=5),
    "10docs-power1": dict(DOCS=10, SCORE_POWER=1.0),
    "10docs-nodfcap": dict(DOCS=10, MAX_DF_SHARE=1.0),
}
DEFAULTS = {k: getattr(feedback, k) for k in
            ("DOCS", "TERMS", "ORIGINAL_WEIGHT", "LENGTH_PRIOR", "SCORE_POWER", "MAX_DF_SHARE", "MIN_WORDS")}


def prepare(name: str, workdir: Path):
    docs, queries, qrels = LOADERS[name]()
    judged = {q: t for q, t in queries.items() if qrels.get(q) and t.strip()}
    archive = Archive(workdir / name / "archive")
    if not archive.index_dir.exists():
        raise SystemExit(f"no archive of {name} in {workdir}: run bench/relevance.py --workdir {workdir} first")
    names = {item.id: str(int(Path(item.source.filename).stem.split("-")[-1])) for item in archive.items()}
    baseline = PlainBM25({d: f"{t} {x}" for d, (t, x) in docs.items()})
    base = {q: baseline.rank(t) for q, t in judged.items()}
    index = ArchiveIndex(archive.index_dir, time_limit=60)
    return dict(judged=judged, qrels=qrels, names=names, base=base, index=index,
                text_of=item_text(ItemCache(archive)))


def score(c: dict) -> tuple[float, float, float]:
    """(nDCG@10 ratio, MAP ratio, CPU ms per query) of the current settings."""
    ours_n = ours_ap = base_n = base_ap = 0.0
    cpu = time.process_time()
    for qid, text in c["judged"].items():
        index = c["index"]
        q = index.with_feedback(index.interpret(text).query, c["text_of"])
        raw = index.search(q, {}, None, None, "relevance", 0, 100, facet_limit=0)
        ours = [c["names"][h.id] for h in raw.hits if h.id in c["names"]]
        rel = c["qrels"][qid]
        ours_n += ndcg(ours, rel)
        ours_ap += average_precision(ours, rel)
        base_n += ndcg(c["base"][qid], rel)
        base_ap += average_precision(c["base"][qid], rel)
    cpu = (time.process_time() - cpu) * 1000 / len(c["judged"])
    return ours_n / base_n, ours_ap / base_ap, cpu


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workdir", type=Path, required=True)
    ap.add_argument("--collections", nargs="*", default=["cran", "cacm", "cisi", "npl"])
    ap.add_argument("--only", nargs="*", choices=list(CONFIGURATIONS), help="these rows only")
    args = ap.parse_args(argv)
    prepared = {n: prepare(n, args.workdir) for n in args.collections}
    print("| configuration | " + " | ".join(args.collections) + " |")
    print("|---|" + "---|" * len(args.collections))
    for label in args.only or CONFIGURATIONS:
        for k, v in {**DEFAULTS, **CONFIGURATIONS[label]}.items():
            setattr(feedback, k, v)
        cells = [score(prepared[n]) for n in args.collections]
        print(f"| {label} | " + " | ".join(f"{a:.3f} / {m:.3f} ({ms:.0f} ms)" for a, m, ms in cells) + " |",
              flush=True)
    for k, v in DEFAULTS.items():
        setattr(feedback, k, v)
    return 0


if __name__ == "__main__":
    sys.exit(main())
