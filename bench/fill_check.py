"""Does a filled archive (fill_items.py) answer the query mix as an imported one of the same
documents does? Per query of ``run.py``'s mix: hits in each, and the share of the top facet
values they agree on; then each archive's index size and item count.

    python bench/fill_check.py /var/tmp/e10k/archive-10000 /var/tmp/f10k/archive-10000
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import QUERY_MIX, du_mb

from eurasec_archive.archive import Archive
from eurasec_archive.search import SearchRequest, run_search


def answers(root: Path) -> dict:
    archive = Archive(root)
    out = {}
    for kind, queries in QUERY_MIX.items():
        for q, _, filters, dates in queries:
            p = {"q": [q], **filters}
            if dates:
                p["from"], p["to"] = [dates[0]], [dates[1]]
            res = run_search(archive, archive.index, SearchRequest.from_params(p))
            facets = {name: [v["value"] for v in values[:5]] for name, values in res["facets"].items()}
            out[(kind, q, str(filters), dates)] = (res["total"], facets)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("imported", type=Path)
    ap.add_argument("filled", type=Path)
    args = ap.parse_args(argv)
    a, b = answers(args.imported), answers(args.filled)
    print("| kind | query | hits imported | hits filled | ratio | top-5 facet values shared |")
    print("|---|---|---:|---:|---:|---:|")
    for key, (total_a, facets_a) in a.items():
        total_b, facets_b = b[key]
        shared = [len(set(v) & set(facets_b.get(name, []))) / len(v) for name, v in facets_a.items() if v]
        q = key[1] or "(none)"
        extra = f" {key[2]}" if key[2] != "{}" else ""
        extra += f" {key[3][0]}..{key[3][1]}" if key[3] else ""
        print(f"| {key[0]} | {q}{extra} | {total_a} | {total_b} | {total_b / max(total_a, 1):.2f} | "
              f"{sum(shared) / max(len(shared), 1):.2f} |")
    for name, root in (("imported", args.imported), ("filled", args.filled)):
        archive = Archive(root)
        print(f"{name}: {len(archive.item_ids())} items, index {du_mb(archive.index_dir):.1f} MB, "
              f"items {du_mb(archive.items_dir):.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
