"""Body-extraction precision and recall of ``normalize_html`` on a labelled set.

Each ``bench/labelled_bodies/*.json`` names a page (under tests/data/html/), its encoding and
the gold body: the article's headings, paragraphs, quotes, list items, table rows ("a | b")
and footnotes in order, nothing of the title, byline, navigation, share bars, cookie
banners, related links or comments. The extracted paragraphs are flattened the same way
(a list gives its items, a table its rows) and compared at two levels:

* paragraph: exact matches (after whitespace folding) between gold and extracted units;
* token: word-token multiset overlap (chrome that leaks in costs precision, lost body
  costs recall).

Usage: ``python bench/body_extraction.py [--json]``
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from eurasec_archive.normalize import normalize_html

ROOT = Path(__file__).resolve().parent.parent
LABELS = Path(__file__).resolve().parent / "labelled_bodies"
_TOKEN = re.compile(r"\w+", re.UNICODE)


def units(paragraphs) -> list[str]:
    out: list[str] = []
    for p in paragraphs:
        if p.kind == "list" and p.items:
            out.extend(p.items)
        elif p.kind == "table" and p.rows:
            out.extend(" | ".join(c for c in row if c) for row in p.rows)
        else:
            out.append(p.text)
    return [" ".join(u.split()) for u in out]


def tokens(texts: list[str]) -> Counter:
    return Counter(t.casefold() for text in texts for t in _TOKEN.findall(text))


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate() -> dict:
    pages = []
    totals = Counter()
    for label in sorted(LABELS.glob("*.json")):
        spec = json.loads(label.read_text("utf-8"))
        html = (ROOT / spec["page"]).read_bytes().decode(spec["encoding"])
        gold = [" ".join(g.split()) for g in spec["body"]]
        got = units(normalize_html(html).paragraphs)
        para_tp = sum((Counter(gold) & Counter(got)).values())
        gt, pt = tokens(gold), tokens(got)
        tok_tp = sum((gt & pt).values())
        row = {
            "page": Path(spec["page"]).name,
            "paragraph": prf(para_tp, len(got), len(gold)),
            "token": prf(tok_tp, sum(pt.values()), sum(gt.values())),
            "missed": [g for g in gold if g not in got],
            "extra": [g for g in got if g not in gold],
        }
        pages.append(row)
        totals.update(para_tp=para_tp, para_pred=len(got), para_gold=len(gold),
                      tok_tp=tok_tp, tok_pred=sum(pt.values()), tok_gold=sum(gt.values()))
    return {
        "pages": pages,
        "paragraph": prf(totals["para_tp"], totals["para_pred"], totals["para_gold"]),
        "token": prf(totals["tok_tp"], totals["tok_pred"], totals["tok_gold"]),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the full result as JSON")
    args = parser.parse_args(argv)
    result = evaluate()
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    print(f"{'page':34} {'para P':>7} {'para R':>7} {'tok P':>7} {'tok R':>7}")
    for row in result["pages"]:
        print(f"{row['page']:34} {row['paragraph'][0]:7.3f} {row['paragraph'][1]:7.3f} "
              f"{row['token'][0]:7.3f} {row['token'][1]:7.3f}")
        for m in row["missed"]:
            print(f"    missed: {m[:90]}")
        for e in row["extra"]:
            print(f"    extra:  {e[:90]}")
    pp, pr, pf = result["paragraph"]
    tp, tr, tf = result["token"]
    print(f"\n{len(result['pages'])} pages (micro-averaged)")
    print(f"paragraph level: precision {pp:.3f} recall {pr:.3f} F1 {pf:.3f}")
    print(f"token level:     precision {tp:.3f} recall {tr:.3f} F1 {tf:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
