"""What the story hook costs an import as the story store grows: CPU per document of filing a
new document (``StoryIndex.add`` + commits) and of its fingerprint, with the store holding
10,000 and 100,000 documents' fingerprints.

    PYTHONPATH=src python bench/import_speed_stories.py --fill /tmp/i21_oai/archive-100000 \\
        --sizes 10000 100000 --workdir /tmp/stories-scale

The store is filled from the item files of ``--fill`` (in a fixed shuffled order), and at each
size a copy of it files the same probe documents: a bench corpus of another seed (written by
bench/corpus.py if missing), parsed once by the importer's parser. CPU time of this process.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eurasec_archive.archive import Archive  # noqa: E402
from eurasec_archive.importer import parse_document  # noqa: E402
from eurasec_archive.stories import StoryIndex  # noqa: E402
from eurasec_archive.stories.fingerprint import fingerprint  # noqa: E402

COMMIT_EVERY = 500  # as the importer: the store commits with each index batch


def probes(folder: Path, n: int, seed: int) -> tuple[list, float, float]:
    """(items with fingerprints, parse CPU ms/doc, fingerprint CPU ms/doc)."""
    if not folder.is_dir():
        import corpus as corpus_bench

        corpus_bench.generate(n, folder, seed=seed)
    files = sorted(folder.iterdir())[:n]
    cpu = time.process_time()
    items = [parse_document(p.read_bytes(), p.name) for p in files]
    parse = time.process_time() - cpu
    cpu = time.process_time()
    fps = [fingerprint(item) for item in items]
    fp_cpu = time.process_time() - cpu
    return list(zip(items, fps, strict=True)), 1000 * parse / len(items), 1000 * fp_cpu / len(items)


def file_all(store: StoryIndex, entries) -> float:
    """CPU seconds to add ``entries`` (commits as an import makes them)."""
    cpu = time.process_time()
    for k, (item, fp) in enumerate(entries, 1):
        store.add(item, fp)
        if k % COMMIT_EVERY == 0:
            store.commit()
    store.commit()
    return time.process_time() - cpu


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--fill", type=Path, required=True, help="archive whose items fill the store")
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--probes", type=Path, default=Path("/var/tmp/i21_bench/probes-seed7"))
    ap.add_argument("--probe-docs", type=int, default=1000)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/stories-scale"))
    args = ap.parse_args(argv)
    shutil.rmtree(args.workdir, ignore_errors=True)
    args.workdir.mkdir(parents=True)
    entries, parse_ms, fp_ms = probes(args.probes, args.probe_docs, seed=7)
    print(f"{len(entries)} probe documents ({args.probes}): parse {parse_ms:.2f} ms CPU/doc, "
          f"fingerprint {fp_ms:.2f} ms CPU/doc")
    fill = Archive(args.fill)
    ids = fill.item_ids()
    random.Random(1).shuffle(ids)
    store = StoryIndex(args.workdir / "stories.sqlite")
    print("\n| store holds | fill: add CPU ms/doc (this stretch) | probes: add CPU ms/doc | + fingerprint | "
          "share of parse CPU | store MB |")
    print("|---|---|---|---|---|---|")
    done = 0
    for size in sorted(args.sizes):
        stretch = [fill.get(i) for i in ids[done:size]]
        cpu = file_all(store, [(item, fingerprint(item)) for item in stretch])
        fill_ms = 1000 * cpu / max(1, len(stretch))
        done = size
        probe_path = args.workdir / f"probe-{size}.sqlite"
        shutil.copyfile(store.path, probe_path)
        probe_store = StoryIndex(probe_path)
        add_ms = 1000 * file_all(probe_store, entries) / len(entries)
        probe_store.close()
        probe_path.unlink()
        print(f"| {size} | {fill_ms:.2f} | {add_ms:.2f} | {add_ms + fp_ms:.2f} | "
              f"{100 * (add_ms + fp_ms) / parse_ms:.1f} % | {os.path.getsize(store.path) / 1e6:.0f} |", flush=True)
    print(json.dumps({"parse_ms": parse_ms, "fingerprint_ms": fp_ms, "load": os.getloadavg()[0]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
