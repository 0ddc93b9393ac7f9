"""Abuse: requests built to make the engine work hard (fuzzy words, leading wildcards, unknown
words that trigger spelling suggestions, thousands of repeated facet parameters, long text,
deep nesting), sent over HTTP to a live server; reports each one's time and the slowest.

    python bench/abuse.py --docs 10000 --workdir /tmp/bench --reuse   # archive from bench/run.py
    python bench/abuse.py --docs 10000                                # builds the corpus itself

Target: the slowest request <= 2.5 s at 10,000 documents (the search time limit is 2 s; a
request past it returns partial results flagged ``timed_out``). Plain queries are timed in
the same run, before and after, so their latency is seen beside the abuse.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from corpus import generate
from relevance import Server

from eurasec_archive.archive import Archive
from eurasec_archive.importer import Importer, collect_files
from eurasec_archive.index import ArchiveIndex

PLAIN = ["security", "eurasian security", '"foreign minister"', "secur*", "Lavrov", "charter Minsk"]


def cases(rng: random.Random) -> list[tuple[str, str, dict]]:
    """(name, path, parameters) of every abusive request."""
    letters = "abcdefghijklmnopqrstuvwxyz"

    def word(n):
        return "".join(rng.choice(letters) for _ in range(n))

    fuzzy = " ".join(f"{word(7)}~2" for _ in range(60))
    leading = " ".join(f"*{word(2)}" for _ in range(60))
    inner = " ".join(f"*{word(1)}*{word(1)}*" for _ in range(60))
    unknown = " ".join(word(9) for _ in range(8))
    many_unknown = " ".join(word(9) for _ in range(60))
    facets = [f"o{i}" for i in range(5000)]
    long_text = " ".join(word(rng.randint(3, 9)) for _ in range(3000))
    common = " ".join(rng.choice(["security", "minister", "foreign", "charter", "minsk", "russia",
                                  "belarus", "cooperation", "eurasian", "state"]) for _ in range(400))
    return [
        ("60 fuzzy words (~2)", "/api/search", {"q": fuzzy}),
        ("60 leading wildcards", "/api/search", {"q": leading}),
        ("60 inner wildcards", "/api/search", {"q": inner}),
        ("8 unknown words (suggestions)", "/api/search", {"q": unknown}),
        ("60 unknown words (suggestions)", "/api/search", {"q": many_unknown}),
        ("5,000 repeated facet values, /", "/", {"q": "security", "outlet": facets}),
        ("5,000 repeated facet values, API", "/api/search", {"outlet": facets, "speaker": facets}),
        ("3,000 words of text", "/api/search", {"q": long_text}),
        ("400 common words", "/api/search", {"q": common}),
        ('phrase of 400 common words', "/api/search", {"q": f'"{common}"'}),
        ("500 nested parentheses", "/api/search", {"q": "(" * 500 + "security" + ")" * 500}),
        ("300 NOTs", "/api/search", {"q": "NOT " * 300 + "security"}),
        ("60 negated prefixes", "/api/search", {"q": "security " + " ".join(f"-{word(1)}*" for _ in range(60))}),
        ("wildcard on every field", "/api/search", {"q": "title:*a* speaker:*e* org:*o* place:*i*"}),
        # a date range (the undated count) and collapse=story (its window) on top of a slow
        # pattern: several parts of one request, one budget (index/deadline.py)
        ("60 inner wildcards, date range, collapse=story", "/api/search",
         {"q": inner, "from": "2024-01", "to": "2025-06", "collapse": "story"}),
        ("3,000 words, date range, collapse=story", "/api/search",
         {"q": long_text, "from": "2024-01", "to": "2025-06", "collapse": "story"}),
    ]


def get(server: Server, path: str, params: dict) -> tuple[int, float, bool]:
    url = server.base + path + "?" + urllib.parse.urlencode(params, doseq=True)
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=120) as r:
            body = r.read()
            status = r.status
    except urllib.error.HTTPError as e:
        body, status = e.read(), e.code
    return status, time.perf_counter() - started, b'"timed_out": true' in body or b'"timed_out":true' in body


def plain_latencies(server: Server, rounds: int = 5) -> list[float]:
    out = []
    for _ in range(rounds):
        for q in PLAIN:
            out.append(get(server, "/api/search", {"q": q})[1])
    return sorted(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--workdir", type=Path)
    ap.add_argument("--reuse", action="store_true", help="use archive-N left by bench/run.py in --workdir")
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--only", help="run only the requests whose name contains this text")
    args = ap.parse_args(argv)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="eurasec-abuse-"))
    archive_dir = work / f"archive-{args.docs}"
    if not (args.reuse and (archive_dir / "index").is_dir()):
        corpus_dir = work / f"corpus-{args.docs}"
        if not (corpus_dir / f"{args.docs - 1:06d}.txt").exists():
            generate(args.docs, corpus_dir)
        archive = Archive(archive_dir).ensure()
        Importer(archive, ArchiveIndex(archive.index_dir).ensure(), jobs=args.jobs).run(
            collect_files([corpus_dir]))
    server = Server(archive_dir)
    try:
        plain_latencies(server, 1)  # warm the searchers and arrays
        before = plain_latencies(server)
        rows = []
        for name, path, params in cases(random.Random(args.seed)):
            if args.only and args.only not in name:
                continue
            get(server, path, params)  # first time: lexicons built, caches cold
            status, took, timed_out = get(server, path, params)
            rows.append((name, status, took, timed_out))
        after = plain_latencies(server)
    finally:
        server.stop()
    print(f"docs: {args.docs}; {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f} "
          "(a shared machine: contended figures)")
    print("| request | status | seconds | timed out |")
    print("|---|---|---|---|")
    for name, status, took, timed_out in rows:
        print(f"| {name} | {status} | {took:.2f} | {'yes' if timed_out else 'no'} |")
    slowest = max(rows, key=lambda r: r[2])
    print(f"\nslowest: {slowest[0]} {slowest[2]:.2f} s (target <= 2.5 s)")
    for label, lat in (("before", before), ("after", after)):
        print(f"plain queries {label}: p50 {lat[len(lat) // 2] * 1000:.0f} ms, "
              f"p95 {lat[int(len(lat) * 0.95)] * 1000:.0f} ms (over HTTP, {len(lat)} requests)")
    return 0 if slowest[2] <= 2.5 and all(r[1] == 200 for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
