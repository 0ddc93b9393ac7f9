"""A bulk import's rate per slice, and resuming one that was cut off (``run.py``'s import).

``SliceMeter`` is an ``Importer.run`` progress callback: every ``every`` files it prints the
slice's documents/s, the CPU ms per document of the whole process tree (this process, its
live parse and merge workers, and those already ended), the index's segment count and the
peak RSS, so a rate that decays with the archive's size shows as it happens.

``unstored_files`` drops the files an earlier, interrupted run already stored (by source name,
read from the item files' JSON without building items): a resumed 1,000,000-document import
does not parse again what it finished.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def tree_cpu() -> float:
    """CPU seconds (user + sys) of this process, its ended children and its live descendants."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        r = resource.getrusage(who)
        total += r.ru_utime + r.ru_stime
    me, parents = os.getpid(), {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                fields = Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # ended meanwhile
            parents[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK)
    mine = {me}
    grew = True
    while grew:  # descendants, however deep (the parse pool's workers, merge workers)
        grew = False
        for pid, (ppid, _) in parents.items():
            if ppid in mine and pid not in mine:
                mine.add(pid)
                grew = True
    return total + sum(cpu for pid, (_, cpu) in parents.items() if pid in mine and pid != me)


def segment_count(index_dir: Path) -> int:
    return sum(1 for p in index_dir.glob("*.seg")) if index_dir.is_dir() else 0


class SliceMeter:
    """Progress callback printing one line per ``every`` files handled."""

    def __init__(self, index_dir: Path, every: int = 10_000, out=sys.stderr, offset: int = 0):
        self.index_dir, self.every, self.out, self.offset = index_dir, every, out, offset
        self.done = 0
        self.started = self.mark = time.perf_counter()
        self.cpu0 = self.cpu = tree_cpu()
        print("| files done | slice docs/s | slice CPU ms/doc | total docs/s | segments | peak RSS MB | load |",
              file=out)
        print("|---:|---:|---:|---:|---:|---:|---:|", file=out, flush=True)

    def __call__(self, result) -> None:
        self.done += 1
        if self.done % self.every == 0:
            self.line()

    def line(self) -> None:
        now, cpu = time.perf_counter(), tree_cpu()
        n = self.done % self.every or self.every
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"| {self.offset + self.done} | {n / max(now - self.mark, 1e-9):.1f} | "
              f"{(cpu - self.cpu) * 1000 / n:.2f} | {self.done / max(now - self.started, 1e-9):.1f} | "
              f"{segment_count(self.index_dir)} | {rss:.0f} | {os.getloadavg()[0]:.1f} |",
              file=self.out, flush=True)
        self.mark, self.cpu = now, cpu

    def total_cpu(self) -> float:
        return tree_cpu() - self.cpu0


def unstored_files(files: list[tuple[Path, str]], items_dir: Path) -> tuple[list[tuple[Path, str]], int]:
    """(the files whose source name no stored item has, how many items are stored)."""
    stored = set()
    if items_dir.is_dir():
        with os.scandir(items_dir) as entries:
            for entry in entries:
                if entry.name.endswith(".json"):
                    try:
                        with open(entry.path, "rb") as f:
                            stored.add(json.load(f)["source"]["filename"])
                    except (OSError, ValueError, KeyError, TypeError):
                        continue  # a damaged item: its file is imported again (the importer decides)
    return [(path, name) for path, name in files if name not in stored], len(stored)
