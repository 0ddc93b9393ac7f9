"""Field queries (``speaker:lavrov``, ``place:russia``, ``lang:en`` …) on the array evaluator
against Whoosh's one-document-at-a-time matcher (``Evaluator.fallback``, the path such words
took before), in the same run on the same searcher: CPU ms per evaluation (min of N) and
whether the match sets are the same.

    python bench/field_queries.py --index /tmp/i15bench/archive-10000/index [--reps 10]

The words are the archive's own: per name field its two most frequent terms and a median one.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from eurasec_archive.index import ArchiveIndex


def cpu_ms(fn, reps: int) -> float:
    fn()  # warm: posting arrays are cached per segment
    best = float("inf")
    for _ in range(reps):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", required=True)
    ap.add_argument("--reps", type=int, default=10)
    args = ap.parse_args()
    ix = ArchiveIndex(args.index)
    s = ix.searcher()
    table = ix.facet_table(s)
    reader = s.reader()
    queries = []
    for f in ("speaker", "person", "org", "place", "outlet", "lang"):
        ranked = sorted(((reader.doc_frequency(f, t), t.decode()) for t in reader.lexicon(f)), reverse=True)
        picks = [ranked[0], ranked[1], ranked[len(ranked) // 2]] if len(ranked) > 2 else ranked
        queries += [f"{f}:{t}" for _, t in dict.fromkeys(picks)]
    print(f"{'query':32s} {'matches':>8s} {'arrays ms':>10s} {'Whoosh ms':>10s} same set")
    arrays_total = whoosh_total = 0.0
    for text in queries:
        q = ix.parse(text)
        def evaluator():
            return ix.evaluator(s, table, time.monotonic() + 60)
        mask, _ = evaluator().run(q)
        ref, _ = evaluator().fallback(q)
        ref &= table.live
        a = cpu_ms(lambda: evaluator().run(q), args.reps)  # noqa: B023 - called at once
        w = cpu_ms(lambda: evaluator().fallback(q), args.reps)  # noqa: B023
        arrays_total += a
        whoosh_total += w
        print(f"{text:32s} {int(mask.sum()):8d} {a:10.2f} {w:10.2f} {bool(np.array_equal(mask, ref))}")
    print(f"{'total':32s} {'':8s} {arrays_total:10.2f} {whoosh_total:10.2f}")


if __name__ == "__main__":
    main()
