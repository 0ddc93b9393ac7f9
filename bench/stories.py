"""Benchmark: do reprints cluster into stories, do different stories stay apart, and what does
it cost at import time?

    python bench/stories.py --docs 10000 --jobs 2         # corpus, imports with/without stories, scores
    python bench/stories.py --docs 10000 --repeat 4       # four interleaved pairs (a loaded machine)
    python bench/stories.py --docs 10000 --no-baseline    # one import, scores only
    python bench/stories.py --scale 100000                # the story store alone at 100k documents
    python bench/stories.py --scale 5000 --seeds 7 11 23 31 43   # the store alone on five corpora:
                                                          # how stable precision and recall are

The corpus: ``corpus.generate`` documents (a bigram walk over the seeds, so every document is
on the same topic and shares its stock phrases), of which a third are wire originals reprinted
1-6 times with the edits agencies make — headline rewritten, paragraphs trimmed from the end,
one dropped from the middle, two swapped, a dateline or intro sentence added, typography
changed (quotes, dashes, apostrophes), names in other transliterations, light rewording (a
word in 40) or, more rarely, a rewrite (a word in 10) —
and genuinely different stories on the same topic that reuse one paragraph (a quote) of an
original or its exact headline. Every file's true story is known; we score the pairs of items
put in one story against the true pairs (precision, recall), for the story store as imported
and for the alternatives computed offline from the same fingerprints: MinHash LSH alone,
sentence prints alone, SimHash (64 bits, Hamming <= 3) and exact normalized body hashes.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import random
import re
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate

from eurasec_archive.archive import Archive
from eurasec_archive.importer import Importer, collect_files
from eurasec_archive.index import ArchiveIndex
from eurasec_archive.models import Item, Paragraph, Source
from eurasec_archive.stories import StoryIndex, cluster
from eurasec_archive.stories.fingerprint import fingerprint, match_words, shingle_hashes

OUTLETS = ["belta.by", "tass.com", "sputnik.by", "ria.ru", "interfax.ru", "news.by", "rt.com", "sb.by",
           "xinhuanet.com", "eurasianet.org", "kommersant.ru", "mid.ru"]
CITIES = ["MINSK", "MOSCOW", "ASTANA", "BEIJING", "TASHKENT", "BISHKEK"]
INTROS = ["The talks drew wide attention in the region on {day}.",
          "Officials in {city} confirmed the statement late on {day}.",
          "The ministry published the text on its website on {day}."]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
# transliteration variants agencies actually print (the authority spelling -> another one)
VARIANTS = {"Sergey": "Sergei", "Maxim": "Maksim", "Ryzhenkov": "Ryjenkov", "Zakharova": "Zaharova",
            "Alexander": "Aleksandr", "Lukashenko": "Lukashenka", "Dmitry": "Dmitri", "Yury": "Yuri",
            "Alexei": "Aleksei", "Vyacheslav": "Viacheslav", "Fyodor": "Fedor", "Mikhail": "Mihail"}
REWORD = {"said": "stated", "noted": "stressed", "also": "further", "important": "significant",
          "countries": "states", "meeting": "session", "security": "safety", "cooperation": "partnership"}


def parse_capture(text: str) -> tuple[str | None, str | None, str, list[str]]:
    """(date, outlet, title, paragraphs) of a corpus capture."""
    blocks = [b for b in text.split("\n\n") if b.strip()]
    date = outlet = None
    if blocks[0].startswith(" date "):
        _, _, date, outlet = blocks.pop(0).split(" ", 3)
    return date, outlet.strip() if outlet else None, blocks[0].strip(), [b.strip() for b in blocks[1:]]


def capture(date, outlet, title, paragraphs) -> str:
    head = f" date {date} {outlet}\n\n" if date else ""
    return head + title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def typographic(text: str, rng: random.Random) -> str:
    open_q, close_q = rng.choice([("«", "»"), ("\u201c", "\u201d"), ("\u201e", "\u201c")])
    out, inside = [], False
    for ch in text:
        if ch == '"':
            out.append(close_q if inside else open_q)
            inside = not inside
        else:
            out.append(ch)
    return "".join(out).replace(" - ", " \u2014 ").replace("'", "\u2019")


def reword(text: str, rng: random.Random, per_words: int) -> str:
    """About one word in ``per_words`` replaced (a synonym from REWORD where there is one)."""
    words = text.split(" ")
    for _ in range(max(1, round(len(words) / per_words))):
        i = rng.randrange(len(words))
        w = words[i]
        words[i] = REWORD.get(w) or (w + "ly" if w.isalpha() else w)
    return " ".join(words)


def reprint(doc, rng: random.Random, titles: list[str]) -> tuple[str, list[str]]:
    """A reprint of ``doc`` with a random set of agency edits; returns (text, edits)."""
    date, outlet, title, paras = doc
    paras = list(paras)
    edits = []
    new_outlet = rng.choice([o for o in OUTLETS if o != outlet])
    if date:
        y, m, d = map(int, date.split("-"))
        date = f"{y:04d}-{m:02d}-{min(28, d + rng.randint(0, 2)):02d}"
    if rng.random() < 0.8:
        title = rng.choice(titles)
        edits.append("headline")
    if len(paras) > 2 and rng.random() < 0.5:
        paras = paras[:max(1, math.ceil(len(paras) * rng.uniform(0.5, 0.9)))]
        edits.append("trimmed")
    if len(paras) > 3 and rng.random() < 0.15:
        paras.pop(rng.randrange(1, len(paras) - 1))
        edits.append("dropped-middle")
    if len(paras) > 3 and rng.random() < 0.3:
        i = rng.randrange(1, len(paras) - 1)
        paras[i], paras[i + 1] = paras[i + 1], paras[i]
        edits.append("reordered")
    if rng.random() < 0.4:
        if rng.random() < 0.5:
            paras[0] = f"{rng.choice(CITIES)}, {rng.choice(DAYS)} ({new_outlet.split('.')[0].upper()}) - " + paras[0]
        else:
            paras.insert(0, rng.choice(INTROS).format(day=rng.choice(DAYS), city=rng.choice(CITIES).title()))
        edits.append("intro")
    if rng.random() < 0.6:
        paras = [typographic(p, rng) for p in paras]
        edits.append("typography")
    if rng.random() < 0.5:
        for a, b in VARIANTS.items():
            paras = [re.sub(rf"\b{a}\b", b, p) for p in paras]
        edits.append("transliteration")
    if rng.random() < 0.2:  # light edits: a word or two per paragraph
        paras = [reword(p, rng, per_words=40) for p in paras]
        edits.append("reworded")
    elif rng.random() < 0.05:  # a rewrite: one word in ten
        paras = [reword(p, rng, per_words=10) for p in paras]
        edits.append("rewritten")
    return capture(date, new_outlet, title, paras), edits


def build_corpus(n: int, out: Path, seed: int) -> dict[str, str]:
    """Write about ``n`` files into ``out``; return file name -> true story label."""
    rng = random.Random(seed)
    raw = out.parent / f".{out.name}.raw"
    base = int(n * 0.62)
    # the tail of the generated documents is never imported as such: it gives the negatives
    # their bodies (a body of the corpus would make them reprints of that document)
    paths = generate(base + base // 5, raw, seed=seed)
    docs = [parse_capture(p.read_text(encoding="utf-8")) for p in paths]
    shutil.rmtree(raw)
    docs, spare = docs[:base], [d for d in docs[base:] if len(d[3]) >= 3]
    titles = [d[2] for d in docs]
    out.mkdir(parents=True, exist_ok=True)
    labels: dict[str, str] = {}
    edits: Counter = Counter()
    build_corpus.edits_of = {}
    for i, doc in enumerate(docs):
        labels[f"{i:06d}.txt"] = f"s{i}"
        (out / f"{i:06d}.txt").write_text(capture(*doc), encoding="utf-8")
    originals = rng.sample(range(len(docs)), len(docs) // 3)
    for i in originals:
        for k in range(rng.choice([1, 1, 1, 2, 2, 3, 4, 6])):
            text, e = reprint(docs[i], rng, titles)
            edits.update(e)
            build_corpus.edits_of[f"{i:06d}-r{k}.txt"] = e
            name = f"{i:06d}-r{k}.txt"
            (out / name).write_text(text, encoding="utf-8")
            labels[name] = f"s{i}"
    # same topic, different story: another document's body with one paragraph (a quote) of an
    # original, or an original's exact headline over another body
    negatives = [i for i in originals if len(docs[i][3]) >= 3][:len(spare)]
    for i, (date, outlet, title, body) in zip(negatives, spare, strict=False):
        body = list(body)
        if rng.random() < 0.7:
            body.insert(rng.randrange(1, len(body)), rng.choice(docs[i][3]))
            kind = "quote"
        else:
            title, kind = docs[i][2], "headline"
        name = f"{i:06d}-n{kind}.txt"
        (out / name).write_text(capture(date, outlet, title, body), encoding="utf-8")
        labels[name] = f"n{i}"
        edits[f"negative:{kind}"] += 1
    build_corpus.edits = edits
    return labels


# ---------------------------------------------------------------------------- scoring


def pair_scores(truth: dict[str, str], predicted: dict[str, str]) -> tuple[float, float, int, int]:
    """Pair precision and recall of ``predicted`` (name -> cluster) against ``truth``."""
    names = [n for n in truth if n in predicted]
    cells = Counter((truth[n], predicted[n]) for n in names)
    tp = sum(c * (c - 1) // 2 for c in cells.values())
    true_pairs = sum(c * (c - 1) // 2 for c in Counter(truth[n] for n in names).values())
    pred_pairs = sum(c * (c - 1) // 2 for c in Counter(predicted[n] for n in names).values())
    return (tp / pred_pairs if pred_pairs else 1.0), (tp / true_pairs if true_pairs else 1.0), true_pairs, pred_pairs


class Components:
    def __init__(self, n):
        self.parent = list(range(n))

    def find(self, a):
        while self.parent[a] != a:
            self.parent[a] = self.parent[self.parent[a]]
            a = self.parent[a]
        return a

    def union(self, a, b):
        self.parent[self.find(a)] = self.find(b)


def alternatives(items: list[Item], truth: dict[str, str]) -> list[tuple[str, float, float, float]]:
    """(method, precision, recall, ms per document) of each near-duplicate method, offline."""
    names = [i.source.filename for i in items]
    rows = []
    started = time.perf_counter()
    fps = [fingerprint(i) for i in items]
    fp_ms = (time.perf_counter() - started) * 1000 / len(items)
    sets = [f.print_set for f in fps]

    def candidates(keys_of):
        buckets = defaultdict(list)
        for n, keys in enumerate(keys_of):
            for k in keys:
                buckets[k].append(n)
        pairs = set()
        for docs in buckets.values():
            if len(docs) <= 200:
                pairs.update(combinations(sorted(set(docs)), 2))
        return pairs

    def score(name, pairs, rule, ms):
        comp = Components(len(items))
        for a, b in pairs:
            if rule(a, b):
                comp.union(a, b)
        pred = {names[k]: comp.find(k) for k in range(len(items))}
        p, r, _, _ = pair_scores(truth, pred)
        rows.append((name, p, r, ms))

    band_pairs = candidates([f.band_keys() for f in fps])
    print_pairs = candidates(sets)

    def sim(a, b):
        return cluster.similarity(fps[a], fps[b], sets[a], sets[b])

    def by_shingles(x):
        return x.jaccard >= cluster.JACCARD_SAME or (
            x.jaccard >= cluster.SHINGLE_FLOOR and x.shingle_containment >= cluster.SHINGLE_CONTAINMENT)

    def by_sentences(x):
        return x.containment >= cluster.CONTAINMENT and x.shared >= min(cluster.MIN_SENTENCES, x.printed_sentences) \
            and x.shared > 0 and x.shared_paragraphs >= min(cluster.MIN_PARAGRAPHS, x.printed_paragraphs)

    score("MinHash LSH alone (Jaccard or shingle containment)", band_pairs, lambda a, b: by_shingles(sim(a, b)), fp_ms)
    score("MinHash LSH, Jaccard >= 0.5 only", band_pairs, lambda a, b: sim(a, b).jaccard >= cluster.JACCARD_SAME, fp_ms)
    score("sentence prints alone", print_pairs, lambda a, b: by_sentences(sim(a, b)), fp_ms)
    score("prints + MinHash LSH (ours)", band_pairs | print_pairs, lambda a, b: sim(a, b).same_story, fp_ms)
    # SimHash over the same shingles, all pairs (brute force is fine at this size)
    started = time.perf_counter()
    sims = np.array([simhash(i) for i in items], dtype=np.uint64)
    sim_ms = (time.perf_counter() - started) * 1000 / len(items)
    close = []
    bits = np.unpackbits(np.zeros(1, dtype=np.uint8))  # warm numpy
    for start in range(0, len(sims), 256):
        x = sims[start:start + 256, None] ^ sims[None, :]
        bits = np.unpackbits(x.view(np.uint8), axis=1).reshape(x.shape[0], len(sims), 64).sum(axis=2)
        for a, b in zip(*np.nonzero(bits <= 3), strict=True):
            if start + a < b:
                close.append((start + a, b))
    score("SimHash 64-bit, Hamming <= 3", close, lambda a, b: True, sim_ms)
    by_text = defaultdict(list)
    for n, item in enumerate(items):
        by_text[" ".join(match_words(item.body_text()))].append(n)
    exact = [(d[0], x) for d in by_text.values() for x in d[1:]]
    score("exact normalized body", exact, lambda a, b: True, 0.0)
    return rows


def simhash(item: Item) -> int:
    runs = [match_words(p.text) for p in item.paragraphs]
    h = shingle_hashes(runs).astype(np.uint64)
    if not len(h):
        return 0
    h = h * np.uint64(0x9E3779B97F4A7C15)  # spread 32-bit shingle hashes over 64 bits
    h ^= h >> np.uint64(29)
    bits = ((h[:, None] >> np.arange(64, dtype=np.uint64)) & np.uint64(1)).astype(np.int32)
    v = (2 * bits - 1).sum(axis=0)
    return int(sum(1 << k for k in range(64) if v[k] > 0))


# ---------------------------------------------------------------------------- timing


class TimedStories:
    """Wraps the importer's story store, timing every call the import makes to it."""

    def __init__(self, store: StoryIndex):
        self.store, self.seconds, self.cpu = store, 0.0, 0.0

    def __getattr__(self, name):
        fn = getattr(self.store, name)

        def timed(*args, **kwargs):
            started, cpu = time.perf_counter(), time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started
                self.cpu += time.process_time() - cpu
        return timed


def import_corpus(files: Path, root: Path, jobs: int, stories: bool) -> dict[str, float]:
    """One import of ``files`` into a fresh archive at ``root``: wall seconds, CPU seconds of
    this process and of the parse workers, and the wall/CPU seconds spent in the story store's
    calls from the storing process (with stories; the fingerprints are computed in the workers,
    or in this process's parse step with ``--jobs 1``)."""
    shutil.rmtree(root, ignore_errors=True)
    archive = Archive(root).ensure()
    importer = Importer(archive, ArchiveIndex(archive.index_dir).ensure(), jobs=jobs)
    timed = TimedStories(importer.stories)
    importer.stories = timed if stories else None
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    started, cpu = time.perf_counter(), time.process_time()
    importer.run(collect_files([files]))
    wall, main_cpu = time.perf_counter() - started, time.process_time() - cpu
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the pool's workers, joined by now
    workers = (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
    return {"wall": wall, "cpu": main_cpu, "workers": workers, "store": timed.seconds, "store_cpu": timed.cpu}


def compare_imports(files: Path, workdir: Path, jobs: int, repeat: int, n_items: int) -> None:
    """Imports with and without stories, interleaved (with, without, without, with, ...) so
    that a change of machine load during the run falls on both; medians and every run."""
    runs: dict[bool, list[dict]] = {True: [], False: []}
    order = [s for k in range(repeat) for s in ((True, False) if k % 2 == 0 else (False, True))]
    print("\n| run | stories | wall s | ms/doc | CPU main s | CPU workers s | in store (main) s | load |")
    print("|---|---|---|---|---|---|---|---|")
    for k, with_stories in enumerate(order, 1):
        r = import_corpus(files, workdir / ("with" if with_stories else "without"), jobs, with_stories)
        runs[with_stories].append(r)
        print(f"| {k} | {'yes' if with_stories else 'no'} | {r['wall']:.1f} | {r['wall'] * 1000 / n_items:.2f} | "
              f"{r['cpu']:.1f} | {r['workers']:.1f} | {r['store']:.1f} ({r['store_cpu']:.1f} CPU) | "
              f"{os.getloadavg()[0]:.1f} |", flush=True)

    def median(key, with_stories):
        return statistics.median(r[key] for r in runs[with_stories])

    wall_w, wall_b = median("wall", True), median("wall", False)
    cpu_w = statistics.median(r["cpu"] + r["workers"] for r in runs[True])
    cpu_b = statistics.median(r["cpu"] + r["workers"] for r in runs[False])
    main_w, main_b = median("cpu", True), median("cpu", False)
    print(f"\nmedians over {repeat} pair(s), --jobs {jobs}: wall {wall_w:.1f} s with stories, {wall_b:.1f} s "
          f"without = {100 * (wall_w - wall_b) / wall_b:+.1f} %; CPU (main + workers) "
          f"{100 * (cpu_w - cpu_b) / cpu_b:+.1f} %; CPU of the storing process "
          f"{100 * (main_w - main_b) / main_b:+.1f} %; "
          f"story store calls {median('store', True) * 1000 / n_items:.2f} ms/doc wall, "
          f"{median('store_cpu', True) * 1000 / n_items:.2f} ms/doc CPU")


def facet_cost(root: Path, queries=("", "Minsk", "security cooperation", "Lavrov charter")) -> None:
    """Search time with facet counts per item and per story on the imported archive: the first
    per-story search of a searcher generation builds its doc -> story numbers (cold), later
    ones reuse them (warm); medians of 5."""
    from eurasec_archive.search import SearchRequest
    from eurasec_archive.stories import grouping

    archive = Archive(root)
    print("\n| query | per item ms | per story, cold ms | per story, warm ms |\n|---|---|---|---|")
    def took(q, count):
        started = time.perf_counter()
        archive.search(SearchRequest.from_params({"q": [q], "facet_count": [count]}))
        return (time.perf_counter() - started) * 1000

    for q in queries:
        took(q, "item")  # the searcher and the item tables, opened once
        items = statistics.median(took(q, "item") for _ in range(5))
        grouping._CACHE.clear()
        cold = took(q, "story")
        warm = statistics.median(took(q, "story") for _ in range(5))
        print(f"| {q!r} | {items:.1f} | {cold:.1f} | {warm:.1f} |", flush=True)


def scale_run(n: int, workdir: Path, seed: int) -> dict[str, float]:
    """The story store alone at ``n`` documents: items built straight from the corpus files
    (no parsing), added one by one; the per-document cost at each tenth. Returns the pair
    scores and the store's wall and CPU milliseconds per document."""
    corpus_dir = workdir / "corpus"
    labels = build_corpus(n, corpus_dir, seed)
    store = StoryIndex(workdir / "stories.sqlite")
    names = sorted(labels)
    rng = random.Random(seed)
    rng.shuffle(names)  # reprints arrive in any order
    started, cpu = time.perf_counter(), time.process_time()
    mark = started
    in_store = 0.0
    print("| documents | ms per document (last tenth) |\n|---|---|")
    for k, name in enumerate(names, 1):
        date, outlet, title, paras = parse_capture((corpus_dir / name).read_text(encoding="utf-8"))
        item = Item(id=name.removesuffix(".txt"), title=title, date=date, outlet=outlet, language="en",
                    paragraphs=[Paragraph(id=f"p{i}", kind="paragraph", text=t) for i, t in enumerate(paras, 1)],
                    source=Source(filename=name, sha256="0" * 64, media_type="text/plain", imported_at=""))
        t = time.process_time()
        store.add(item)
        if k % 500 == 0:
            store.commit()
        in_store += time.process_time() - t
        if k % max(1, len(names) // 10) == 0:
            now = time.perf_counter()
            print(f"| {k} | {(now - mark) * 1000 / (len(names) // 10):.2f} |", flush=True)
            mark = now
    store.commit()
    predicted = dict(store.db.execute("SELECT id, story FROM docs").fetchall())
    p, r, tp, pp = pair_scores(labels, {f"{k}.txt": v for k, v in predicted.items()})
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"\n{len(names)} documents in {wall:.0f} s; pair precision {p:.4f}, "
          f"recall {r:.4f} ({tp} true pairs); store {os.path.getsize(store.path) / 1e6:.0f} MB")
    return {"docs": len(names), "precision": p, "recall": r, "true_pairs": tp,
            "store_cpu_ms": 1000 * in_store / len(names), "wall_ms": 1000 * wall / len(names),
            "load": os.getloadavg()[0]}


def seeds_run(n: int, workdir: Path, seeds: list[int]) -> None:
    """``scale_run`` on one corpus per seed (each built afresh): the spread of the scores."""
    rows = []
    for seed in seeds:
        rows.append((seed, scale_run(n, workdir / f"seed-{seed}", seed)))
        shutil.rmtree(workdir / f"seed-{seed}", ignore_errors=True)
    print("\n| seed | documents | true pairs | pair precision | pair recall | store CPU ms/doc | load |")
    print("|---|---|---|---|---|---|---|")
    for seed, r in rows:
        print(f"| {seed} | {r['docs']} | {r['true_pairs']} | {r['precision']:.4f} | {r['recall']:.4f} "
              f"| {r['store_cpu_ms']:.2f} | {r['load']:.1f} |")
    for key in ("precision", "recall"):
        values = [r[key] for _, r in rows]
        print(f"{key}: mean {statistics.mean(values):.4f}, min {min(values):.4f}, max {max(values):.4f}"
              + (f", stdev {statistics.stdev(values):.4f}" if len(values) > 1 else ""))


def machine() -> str:
    return (f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Linux {platform.release()}, "
            f"Python {platform.python_version()}; load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--scale", type=int, help="time the story store alone at this many documents")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--seeds", type=int, nargs="*", help="with --scale: one corpus per seed, the scores' spread")
    ap.add_argument("--workdir", type=Path)
    ap.add_argument("--no-baseline", action="store_true", help="skip the import without stories")
    ap.add_argument("--repeat", type=int, default=2, help="pairs of imports with and without stories")
    ap.add_argument("--no-alternatives", action="store_true", help="skip the offline alternatives table")
    ap.add_argument("--facets-only", action="store_true",
                    help="only time facet counts per story on the archive already in WORKDIR/with")
    args = ap.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-stories-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"machine: {machine()}")
    if args.scale and args.seeds:
        seeds_run(args.scale, workdir, args.seeds)
        return
    if args.scale:
        scale_run(args.scale, workdir, args.seed)
        return
    if args.facets_only:
        facet_cost(workdir / "with")
        return
    files = workdir / "corpus"
    shutil.rmtree(files, ignore_errors=True)
    truth = build_corpus(args.docs, files, args.seed)
    print(f"corpus: {len(truth)} files, {len(set(truth.values()))} true stories; edits: "
          + ", ".join(f"{k} {v}" for k, v in sorted(build_corpus.edits.items())))
    if args.no_baseline:
        r = import_corpus(files, workdir / "with", args.jobs, stories=True)
        print(f"\nimport with stories (--jobs {args.jobs}): {r['wall']:.1f} s; story store calls "
              f"{r['store'] * 1000 / len(truth):.2f} ms/doc wall, {r['store_cpu'] * 1000 / len(truth):.2f} ms/doc CPU")
    else:
        compare_imports(files, workdir, args.jobs, args.repeat, len(truth))
    archive = Archive(workdir / "with")
    items = list(archive.items())
    store = StoryIndex.of(archive)
    predicted = {i.source.filename: store.story_of(i.id) for i in items}
    p, r, true_pairs, pred_pairs = pair_scores(truth, predicted)
    print(f"\nstory store as imported: pair precision {p:.4f}, recall {r:.4f} "
          f"({true_pairs} true pairs, {pred_pairs} predicted)\n")
    facet_cost(workdir / "with")
    if not args.no_alternatives:
        print("| method | pair precision | pair recall | fingerprint ms/doc |\n|---|---|---|---|")
        for name, ap_, ar_, ms in alternatives(items, truth):
            print(f"| {name} | {ap_:.4f} | {ar_:.4f} | {ms:.2f} |")
    print(f"\nmachine at the end: {machine()}")


if __name__ == "__main__":
    main()
