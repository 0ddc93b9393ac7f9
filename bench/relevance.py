"""Relevance: nDCG@10 and MAP of the archive's ranking against plain BM25 computed in the
same run, on classic public test collections over HTTP, and on the in-house judged set.

    python bench/relevance.py                      # all collections in bench/collections/
    python bench/relevance.py --collections cacm cran --jobs 2
    python bench/relevance.py --workdir /tmp/rel --reuse   # archives kept from a run
    python bench/relevance.py --inhouse            # the judged set in tests/relevance/

Public collections (see ``bench/collections/README.md``): each is written out as one
plain-text file per document (title line, blank line, text), imported by the real importer
into a temporary archive, and served by ``eurasec-archive serve``. Queries go over HTTP
exactly as given in the collection (long natural-language questions included); a query that
does not answer 200 is a failed query. The baseline is Okapi BM25 (k1 1.2, b 0.75, Lucene
idf ``log(1 + (N - df + 0.5) / (df + 0.5))``) over title + text as one bag of lowercased
``\\w+`` tokens, Whoosh's English stop-words removed, Porter-stemmed, query-term frequency
kept. Both systems are cut at the same depth (100) for MAP.

In-house set (``tests/relevance/judgments.json``, graded judgments over the seeds and
``tests/relevance/docs/``): ours is ``run_search`` in process (what the web and API call);
its baseline is the same BM25 without stemming or stop-words, as the set was first scored.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import platform
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter, defaultdict
from pathlib import Path

from whoosh.analysis import StopFilter
from whoosh.lang.porter import stem

from eurasec_archive.archive import Archive
from eurasec_archive.importer import Importer, collect_files
from eurasec_archive.index import ArchiveIndex
from eurasec_archive.search import SearchRequest, run_search

HERE = Path(__file__).resolve().parent
COLLECTIONS = HERE / "collections"
SEEDS = HERE.parent / "seeds"
JUDGED = HERE.parent / "tests" / "relevance"
DEPTH = 100
K = 10
_TOKEN = re.compile(r"\w+")
_STOP = frozenset(StopFilter(lang="en").stops)


def _read(path: Path) -> str:
    with gzip.open(path, "rt", encoding="latin-1") as f:
        return f.read()


def _smart(text: str, fields=("T", "W")) -> dict[str, dict[str, str]]:
    """SMART-format records (``.I n`` then ``.X`` sections) -> id -> {section: text}."""
    records: dict[str, dict[str, str]] = {}
    current, section = None, None
    for line in text.splitlines():
        m = re.match(r"^\.([A-Z])(?:\s+(\S+))?\s*$", line)
        if m:
            if m.group(1) == "I":
                current = records.setdefault(str(int(m.group(2))), {})
                section = None
            else:
                section = m.group(1)
            continue
        if current is not None and section in fields:
            current[section] = (current.get(section, "") + " " + line).strip()
    return records


def load_cacm():
    docs = _smart(_read(COLLECTIONS / "cacm" / "cacm.all.gz"))
    queries = {k: v.get("W", "") for k, v in _smart(_read(COLLECTIONS / "cacm" / "query.text.gz")).items()}
    qrels = defaultdict(set)
    for line in _read(COLLECTIONS / "cacm" / "qrels.text.gz").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            qrels[str(int(parts[0]))].add(str(int(parts[1])))
    return {k: (v.get("T", ""), v.get("W", "")) for k, v in docs.items()}, queries, qrels


def load_cisi():
    docs = _smart(_read(COLLECTIONS / "cisi" / "CISI.ALL.gz"))
    queries = {k: v.get("W", "") for k, v in _smart(_read(COLLECTIONS / "cisi" / "CISI.QRY.gz")).items()}
    qrels = defaultdict(set)
    for line in _read(COLLECTIONS / "cisi" / "CISI.REL.gz").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            qrels[str(int(parts[0]))].add(str(int(parts[1])))
    return {k: (v.get("T", ""), v.get("W", "")) for k, v in docs.items()}, queries, qrels


def load_cran():
    docs = _smart(_read(COLLECTIONS / "cran" / "cran.all.1400.gz"))
    raw = _smart(_read(COLLECTIONS / "cran" / "cran.qry.gz"), fields=("W",))
    # the qrels number the queries 1..225 in file order, not by their .I numbers
    queries = {str(n): v.get("W", "") for n, (_k, v) in
               enumerate(sorted(raw.items(), key=lambda kv: int(kv[0])), start=1)}
    qrels = defaultdict(set)
    for line in _read(COLLECTIONS / "cran" / "cranqrel.gz").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2] in ("1", "2", "3", "4"):
            qrels[str(int(parts[0]))].add(str(int(parts[1])))
    return {k: (v.get("T", ""), v.get("W", "")) for k, v in docs.items()}, queries, qrels


def load_npl():
    docs = {}
    for block in _read(COLLECTIONS / "npl" / "doc-text.gz").split("\n   /"):
        lines = block.strip().splitlines()
        if lines and lines[0].strip().isdigit():
            docs[lines[0].strip()] = ("", " ".join(" ".join(lines[1:]).split()))
    queries = {}
    for line in _read(COLLECTIONS / "npl" / "query-text.gz").splitlines():
        qid, _, text = line.partition(";")
        if qid.strip().isdigit():
            queries[qid.strip()] = text.strip()
    qrels = defaultdict(set)
    for line in _read(COLLECTIONS / "npl" / "qrels.nocr.gz").splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[3] != "0":
            qrels[parts[0]].add(parts[2])
    return docs, queries, qrels


def _smart_collection(folder: str, stem: str):
    """A SMART-format collection (``STEM.ALL``, ``STEM.QRY``, ``STEM.REL``: query, doc, ...)."""
    docs = _smart(_read(COLLECTIONS / folder / f"{stem}.ALL.gz"))
    queries = {k: v.get("W", "") for k, v in _smart(_read(COLLECTIONS / folder / f"{stem}.QRY.gz")).items()}
    qrels = defaultdict(set)
    for line in _read(COLLECTIONS / folder / f"{stem}.REL.gz").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            qrels[str(int(parts[0]))].add(str(int(parts[1])))
    return {k: (v.get("T", ""), v.get("W", "")) for k, v in docs.items()}, queries, qrels


def load_med():
    return _smart_collection("med", "MED")


def load_adi():
    return _smart_collection("adi", "ADI")


LOADERS = {"cacm": load_cacm, "cisi": load_cisi, "cran": load_cran, "npl": load_npl}
# scored once, after the ranking was chosen on the four above (bench/README.md, issue 15)
HELD_OUT = {"med": load_med, "adi": load_adi}
LOADERS.update(HELD_OUT)


class PlainBM25:
    """Okapi BM25, Lucene idf, one bag of words per document; Porter-stemmed without
    stop-words unless ``stem`` is False (then lowercased words as they are)."""

    def __init__(self, docs: dict[str, str], k1: float = 1.2, b: float = 0.75, stem: bool = True):
        self.k1, self.b, self.stem = k1, b, stem
        self.tf = {d: Counter(self.terms(text)) for d, text in docs.items()}
        self.len = {d: sum(c.values()) for d, c in self.tf.items()}
        self.avg = sum(self.len.values()) / max(1, len(self.len))
        self.df = Counter(t for c in self.tf.values() for t in c)
        self.n = len(docs)
        self.postings = defaultdict(list)
        for d, c in self.tf.items():
            for t in c:
                self.postings[t].append(d)

    def terms(self, text: str) -> list[str]:
        words = _TOKEN.findall(text.lower())
        return [stem(t) for t in words if t not in _STOP] if self.stem else words

    def rank(self, query: str, depth: int = DEPTH) -> list[str]:
        scores: dict[str, float] = defaultdict(float)
        for t, qtf in Counter(self.terms(query)).items():
            df = self.df.get(t, 0)
            if not df:
                continue
            idf = math.log(1 + (self.n - df + 0.5) / (df + 0.5))
            for d in self.postings[t]:
                f = self.tf[d][t]
                scores[d] += qtf * idf * f * (self.k1 + 1) / (
                    f + self.k1 * (1 - self.b + self.b * self.len[d] / self.avg))
        return sorted(scores, key=lambda d: (-scores[d], d))[:depth]


def ndcg(ranked: list[str], grades, k: int = K) -> float:
    """nDCG@k with gains 2^grade - 1; ``grades`` a doc -> grade mapping or a set (grade 1)."""
    grades = grades if isinstance(grades, dict) else dict.fromkeys(grades, 1)
    dcg = sum((2 ** grades.get(d, 0) - 1) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def average_precision(ranked: list[str], grades) -> float:
    relevant = {d for d, g in grades.items() if g > 0} if isinstance(grades, dict) else set(grades)
    hits, total = 0, 0.0
    for i, d in enumerate(ranked, start=1):
        if d in relevant:
            hits += 1
            total += hits / i
    return total / len(relevant) if relevant else 0.0


def build(name: str, docs, root: Path, jobs: int, reuse: bool) -> dict[str, str]:
    """Import the collection into an archive at ``root``; -> item id -> document id."""
    archive = Archive(root / "archive")
    if not (reuse and (root / "archive").exists()):
        files = root / "files"
        files.mkdir(parents=True, exist_ok=True)
        for doc_id, (title, text) in docs.items():
            body = f"{title.strip()}\n\n{text}\n" if title.strip() else f"{text}\n"
            (files / f"{name}-{int(doc_id):06d}.txt").write_text(body, encoding="utf-8")
        archive.ensure()
        index = ArchiveIndex(archive.index_dir).ensure()
        started = time.perf_counter()
        report = Importer(archive, index, jobs=jobs).run(collect_files([files]))
        print(f"  {name}: imported {report.counts()} in {time.perf_counter() - started:.0f} s",
              file=sys.stderr)
    return {item.id: str(int(Path(item.source.filename).stem.split("-")[-1]))
            for item in archive.items()}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``eurasec-archive serve`` on a free port, as a person would run it."""

    def __init__(self, archive_dir: Path):
        self.port = free_port()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "eurasec_archive", "--archive-dir", str(archive_dir), "serve",
             "--port", str(self.port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env=os.environ.copy())
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.base + "/api/search?per_page=1", timeout=5).read()
                return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.5)
        raise RuntimeError("the server did not start")

    def search(self, q: str) -> tuple[int, dict | None, float]:
        url = self.base + "/api/search?" + urllib.parse.urlencode({"q": q, "per_page": DEPTH})
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(url, timeout=60) as r:
                return r.status, json.loads(r.read()), time.perf_counter() - started
        except urllib.error.HTTPError as e:
            return e.code, None, time.perf_counter() - started

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)


def evaluate_collection(name: str, workdir: Path, jobs: int, reuse: bool) -> dict:
    docs, queries, qrels = LOADERS[name]()
    judged = {q: t for q, t in queries.items() if qrels.get(q) and t.strip()}
    names = build(name, docs, workdir / name, jobs, reuse)
    baseline = PlainBM25({d: f"{t} {x}" for d, (t, x) in docs.items()})
    server = Server(workdir / name / "archive")
    rows, failed, slowest, timed_out = [], [], 0.0, 0
    try:
        for qid, text in sorted(judged.items(), key=lambda kv: int(kv[0])):
            status, data, took = server.search(text)
            slowest = max(slowest, took)
            if status != 200 or data is None:
                failed.append((qid, status))
                ours = []
            else:
                ours = [names[h["id"]] for h in data["hits"] if h["id"] in names]
                timed_out += bool(data.get("timed_out"))
            base = baseline.rank(text)
            rel = qrels[qid]
            rows.append({"q": qid, "words": len(text.split()),
                         "ours": (ndcg(ours, rel), average_precision(ours, rel)),
                         "bm25": (ndcg(base, rel), average_precision(base, rel))})
    finally:
        server.stop()
    n = len(rows)
    mean = {s: tuple(sum(r[s][i] for r in rows) / n for i in (0, 1)) for s in ("ours", "bm25")}
    words = sorted(r["words"] for r in rows)
    return {"collection": name, "docs": len(docs), "queries": n, "failed": failed,
            "timed_out": timed_out, "slowest_s": slowest, "median_words": words[n // 2],
            "max_words": words[-1], "mean": mean}


def build_inhouse(root: Path) -> tuple[Archive, ArchiveIndex, dict[str, str]]:
    """Import the judged in-house corpus; -> the archive, its index, item id -> file name."""
    archive = Archive(root).ensure()
    index = ArchiveIndex(archive.index_dir).ensure()
    Importer(archive, index).run(collect_files([SEEDS, JUDGED / "docs"]))
    names = {item.id: Path(item.source.filename).name for item in archive.items()}
    return archive, index, names


def evaluate_inhouse(root: Path) -> dict:
    """Per-query and mean nDCG@10 / MAP of ours (``run_search``) and the unstemmed baseline
    on the in-house judged set."""
    judged = json.loads((JUDGED / "judgments.json").read_text(encoding="utf-8"))["queries"]
    archive, index, names = build_inhouse(root)
    texts = {names[item.id]: item.title + "\n" + "\n".join(p.text for p in item.paragraphs)
             for item in archive.items()}
    baseline = PlainBM25(texts, stem=False)
    rows = []
    for j in judged:
        res = run_search(archive, index, SearchRequest.from_params({"q": [j["q"]], "per_page": ["100"]}))
        ours = [names[h["id"]] for h in res["hits"]]
        base = baseline.rank(j["q"])
        rows.append({"q": j["q"],
                     "ours": {"ndcg10": ndcg(ours, j["relevant"]), "map": average_precision(ours, j["relevant"])},
                     "bm25": {"ndcg10": ndcg(base, j["relevant"]), "map": average_precision(base, j["relevant"])}})
    mean = {system: {m: sum(r[system][m] for r in rows) / len(rows) for m in ("ndcg10", "map")}
            for system in ("ours", "bm25")}
    return {"queries": rows, "mean": mean}


evaluate = evaluate_inhouse  # the name tests/test_search_relevance.py calls


def print_inhouse(result: dict) -> None:
    print(f"| {'query':<48}| ours nDCG@10 | BM25 nDCG@10 | ours AP | BM25 AP |")
    print(f"|{'-' * 49}|--------------|--------------|---------|---------|")
    for r in result["queries"]:
        print(f"| {r['q']:<48}| {r['ours']['ndcg10']:12.3f} | {r['bm25']['ndcg10']:12.3f} | "
              f"{r['ours']['map']:7.3f} | {r['bm25']['map']:7.3f} |")
    m = result["mean"]
    print(f"| {'mean (' + str(len(result['queries'])) + ' queries)':<48}| "
          f"{m['ours']['ndcg10']:12.3f} | {m['bm25']['ndcg10']:12.3f} | "
          f"{m['ours']['map']:7.3f} | {m['bm25']['map']:7.3f} |")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--collections", nargs="*", default=list(LOADERS),
                    help=f"default: all ({', '.join(LOADERS)})")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--workdir", type=Path)
    ap.add_argument("--reuse", action="store_true", help="reuse archives left in --workdir")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--inhouse", action="store_true", help="the in-house judged set instead")
    args = ap.parse_args(argv)
    if args.inhouse:
        with tempfile.TemporaryDirectory(prefix="eurasec-relevance-") as tmp:
            result = evaluate_inhouse(Path(tmp) / "archive")
        if args.json:
            print(json.dumps(result, indent=2, ensure_ascii=False))
        else:
            print_inhouse(result)
        return 0
    tmp = None
    if args.workdir is None:
        tmp = tempfile.TemporaryDirectory(prefix="eurasec-relevance-std-")
        args.workdir = Path(tmp.name)
    results = [evaluate_collection(c, args.workdir, args.jobs, args.reuse) for c in args.collections]
    if tmp:
        tmp.cleanup()
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}; load average {os.getloadavg()[0]:.1f}")
    print("| collection | docs | queries (median/max words) | failed | timed out | slowest s "
          "| ours nDCG@10 | BM25 nDCG@10 | ratio | ours MAP | BM25 MAP | ratio |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        (on, om), (bn, bm) = r["mean"]["ours"], r["mean"]["bm25"]
        print(f"| {r['collection']} | {r['docs']} | {r['queries']} ({r['median_words']}/{r['max_words']}) "
              f"| {len(r['failed'])} | {r['timed_out']} | {r['slowest_s']:.2f} | {on:.4f} | {bn:.4f} "
              f"| {on / bn if bn else 0:.3f} | {om:.4f} | {bm:.4f} | {om / bm if bm else 0:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
