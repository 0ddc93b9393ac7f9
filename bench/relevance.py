"""Relevance: nDCG@10 and MAP of the archive's ranking against a plain BM25 baseline over
the same text, for the judged queries in ``tests/relevance/judgments.json``.

    python bench/relevance.py            # table per query and the means
    python bench/relevance.py --json     # the numbers as JSON

The corpus is the seeds plus ``tests/relevance/docs/``, imported by the real importer into a
temporary archive. Ours is ``run_search`` (what the web and API use). The baseline is Okapi
BM25 (k1 1.2, b 0.75) over title + body, lowercased ``\\w+`` tokens, nothing else: no
stemming, no field weights, no transliteration.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

from eurasec_archive.archive import Archive
from eurasec_archive.importer import Importer, collect_files
from eurasec_archive.index import ArchiveIndex
from eurasec_archive.search import SearchRequest, run_search

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
JUDGED = ROOT / "tests" / "relevance"
K = 10
_TOKEN = re.compile(r"\w+")


class PlainBM25:
    """Okapi BM25 over one bag of words per document."""

    def __init__(self, docs: dict[str, str], k1: float = 1.2, b: float = 0.75):
        self.k1, self.b = k1, b
        self.tf = {d: Counter(_TOKEN.findall(text.lower())) for d, text in docs.items()}
        self.len = {d: sum(c.values()) for d, c in self.tf.items()}
        self.avg = sum(self.len.values()) / max(1, len(self.len))
        self.df = Counter(t for c in self.tf.values() for t in c)
        self.n = len(docs)

    def rank(self, query: str) -> list[str]:
        terms = _TOKEN.findall(query.lower())
        scores = {}
        for d, tf in self.tf.items():
            s = 0.0
            for t in terms:
                if t in tf:
                    idf = math.log(1 + (self.n - self.df[t] + 0.5) / (self.df[t] + 0.5))
                    f = tf[t]
                    s += idf * f * (self.k1 + 1) / (
                        f + self.k1 * (1 - self.b + self.b * self.len[d] / self.avg))
            if s > 0:
                scores[d] = s
        return sorted(scores, key=lambda d: (-scores[d], d))


def ndcg(ranked: list[str], grades: dict[str, int], k: int = K) -> float:
    dcg = sum((2 ** grades.get(d, 0) - 1) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def average_precision(ranked: list[str], grades: dict[str, int]) -> float:
    relevant = {d for d, g in grades.items() if g > 0}
    hits, total = 0, 0.0
    for i, d in enumerate(ranked, start=1):
        if d in relevant:
            hits += 1
            total += hits / i
    return total / len(relevant) if relevant else 0.0


def build_archive(root: Path) -> tuple[Archive, ArchiveIndex, dict[str, str]]:
    """Import the judged corpus; returns the archive, its index and item id -> file name."""
    archive = Archive(root).ensure()
    index = ArchiveIndex(archive.index_dir).ensure()
    Importer(archive, index).run(collect_files([SEEDS, JUDGED / "docs"]))
    names = {item.id: Path(item.source.filename).name for item in archive.items()}
    return archive, index, names


def evaluate(root: Path) -> dict:
    """Per-query and mean nDCG@10 / MAP for ours and the baseline."""
    judged = json.loads((JUDGED / "judgments.json").read_text(encoding="utf-8"))["queries"]
    archive, index, names = build_archive(root)
    texts = {}
    for item in archive.items():
        texts[names[item.id]] = item.title + "\n" + "\n".join(p.text for p in item.paragraphs)
    baseline = PlainBM25(texts)
    rows = []
    for j in judged:
        res = run_search(archive, index, SearchRequest.from_params({"q": [j["q"]], "per_page": ["100"]}))
        ours = [names[h["id"]] for h in res["hits"]]
        base = baseline.rank(j["q"])
        rows.append({
            "q": j["q"],
            "ours": {"ndcg10": ndcg(ours, j["relevant"]), "map": average_precision(ours, j["relevant"])},
            "bm25": {"ndcg10": ndcg(base, j["relevant"]), "map": average_precision(base, j["relevant"])},
        })
    mean = {
        system: {m: sum(r[system][m] for r in rows) / len(rows) for m in ("ndcg10", "map")}
        for system in ("ours", "bm25")
    }
    return {"queries": rows, "mean": mean}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="eurasec-relevance-") as tmp:
        result = evaluate(Path(tmp) / "archive")
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    print(f"| {'query':<48}| ours nDCG@10 | BM25 nDCG@10 | ours AP | BM25 AP |")
    print(f"|{'-' * 49}|--------------|--------------|---------|---------|")
    for r in result["queries"]:
        print(f"| {r['q']:<48}| {r['ours']['ndcg10']:12.3f} | {r['bm25']['ndcg10']:12.3f} | "
              f"{r['ours']['map']:7.3f} | {r['bm25']['map']:7.3f} |")
    m = result["mean"]
    print(f"| {'mean (' + str(len(result['queries'])) + ' queries)':<48}| "
          f"{m['ours']['ndcg10']:12.3f} | {m['bm25']['ndcg10']:12.3f} | "
          f"{m['ours']['map']:7.3f} | {m['bm25']['map']:7.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
