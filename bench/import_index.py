"""The index side of a bulk import, per slice: does indexing slow down as the archive grows?

    PYTHONPATH=src python bench/import_index.py /tmp/i21_oai/archive-100000 --items 40000 \
        --workdir /var/tmp/d_ix --mode before after

Feeds the first N item files of SOURCE (read only) into a fresh index in batches of 500, as
``Importer`` does (a commit per batch, no merge at the commits, then the end-of-import merge):
``before`` as main did until this change (every item through ``update_document``, which looks
its id up in every segment; no merging until the end), ``after`` as the importer does now (new
ids added without the lookup; ``ImportMerger`` merging in the background between batches).
Prints, per slice, items/s, CPU ms per item of the whole process tree (merge workers included)
and the segment count; then the end merge and the totals. Parsing is left out (the item files
are read), so this is the part of an import that grows with the archive.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from import_progress import segment_count, tree_cpu

from eurasec_archive.index import ArchiveIndex
from eurasec_archive.models import Item


def item_files(source: Path, limit: int) -> list[Path]:
    return sorted((source / "items").iterdir())[:limit]


def run(mode: str, files: list[Path], work: Path, batch: int, every: int) -> None:
    path = work / f"index-{mode}"
    shutil.rmtree(path, ignore_errors=True)
    index = ArchiveIndex(path).ensure()
    merger = index.import_merger(batch) if mode == "after" else None
    print(f"\n{mode}: {len(files)} items, batches of {batch}")
    print("| items | slice items/s | slice CPU ms/item | segments | load |\n|---:|---:|---:|---:|---:|")
    started = mark = time.perf_counter()
    cpu0 = cpu = tree_cpu()
    with merger or contextlib.nullcontext():
        pending = []
        for n, f in enumerate(files, start=1):
            pending.append(Item.from_json(json.loads(f.read_bytes())))
            if len(pending) == batch or n == len(files):
                if merger:
                    index.add_items(pending, merge=False, new_ids={i.id for i in pending})
                    merger.step()
                else:
                    index.add_items(pending, merge=False)
                pending = []
            if n % every == 0:
                now, c = time.perf_counter(), tree_cpu()
                print(f"| {n} | {every / (now - mark):.1f} | {(c - cpu) * 1000 / every:.2f} | "
                      f"{segment_count(path)} | {os.getloadavg()[0]:.1f} |", flush=True)
                mark, cpu = now, c
        t, c = time.perf_counter(), tree_cpu()
        if merger:
            merger.finish()
            print(f"merges moved in during the run: {merger.merged}, dropped: {merger.dropped}")
        report = index.merge_segments()
        print(f"end merge: {report.before} -> {report.after} segments, {report.documents} documents "
              f"rewritten, {time.perf_counter() - t:.1f} s wall, {tree_cpu() - c:.1f} s CPU")
    total = tree_cpu() - cpu0
    print(f"total: {time.perf_counter() - started:.1f} s wall, {total:.1f} s CPU "
          f"({total * 1000 / len(files):.2f} ms/item), load {os.getloadavg()[0]:.1f}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("source", type=Path, help="an archive whose item files to index (read only)")
    ap.add_argument("--items", type=int, default=40_000)
    ap.add_argument("--batch", type=int, default=500)
    ap.add_argument("--every", type=int, default=10_000, help="items per line")
    ap.add_argument("--workdir", type=Path, default=Path("/var/tmp/d_ix"))
    ap.add_argument("--mode", nargs="+", default=["before", "after"], choices=["before", "after"])
    args = ap.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    files = item_files(args.source, args.items)
    for mode in args.mode:
        run(mode, files, args.workdir, args.batch, args.every)
    return 0


if __name__ == "__main__":
    sys.exit(main())
