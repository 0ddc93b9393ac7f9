"""Checks and repairs of a whole archive: verify that items, originals and the index agree;
rebuild the index from the item files (the source of truth)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field

from eurasec_archive.archive import Archive
from eurasec_archive.errors import ArchiveError
from eurasec_archive.index import ArchiveIndex, item_rev
from eurasec_archive.models import Item


@dataclass
class VerifyReport:
    items: int = 0
    problems: list[str] = field(default_factory=list)  # errors: exit 1
    warnings: list[str] = field(default_factory=list)  # pending work: exit 0
    repaired: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class ItemFiles:
    """Every item of an archive that parses (the unreadable ones are reported by ``verify``,
    never guessed at), in id order. Iterable like a list of items; ``shards(n)`` splits it into
    ``n`` picklable parts that other processes read on their own (a parallel index build)."""

    def __init__(self, root, item_ids: list[str]):
        self.root, self.item_ids = root, item_ids

    def __len__(self) -> int:
        return len(self.item_ids)

    def __iter__(self):
        archive = Archive(self.root)
        for item_id in self.item_ids:
            try:
                yield archive.get(item_id)
            except ArchiveError:
                continue

    def shards(self, n: int) -> list[ItemFiles]:
        """``n`` contiguous parts of about equal size (id order is kept across them)."""
        size = -(-len(self.item_ids) // max(1, n))
        return [ItemFiles(self.root, self.item_ids[k:k + size])
                for k in range(0, len(self.item_ids), size or 1)]


def readable_items(archive: Archive) -> ItemFiles:
    """Every item that parses; the unreadable ones are reported by ``verify``, never guessed at."""
    return ItemFiles(archive.root, archive.item_ids())


def verify(archive: Archive, index: ArchiveIndex, repair: bool = False,
           writer: dict | None = None) -> VerifyReport:
    """Every item file parses, has its original with the right sha256, and a current index
    entry; no index entry lacks its item.

    Items stored but not indexed are a problem (exit 1: nobody would find them), fixed by
    ``repair``, ``reindex`` or the next import; while a writer is running (``writer``, the
    lock holder) they are its work in progress, so only a warning.
    """
    report = VerifyReport()
    index_problem = index.check()
    if index_problem and not archive.item_ids():
        # an import killed while creating the index: nothing was stored, nothing to index
        report.warnings.append(f"index: {index_problem} (the archive is empty)")
        return report
    if index_problem:
        report.problems.append(f"index: {index_problem}")
        if repair:
            n = index.rebuild(readable_items(archive))
            report.repaired.append(f"index rebuilt from {n} item files")
            report.problems.pop()
    entries = index.entries() if index.check() is None else {}
    pending: list[Item] = []
    seen = set()
    for item_id in archive.item_ids():
        path = archive.item_path(item_id)
        try:
            item = Item.from_json(json.loads(path.read_bytes()))
        except (ValueError, KeyError, TypeError, OSError) as e:
            report.problems.append(f"{path}: item file unreadable ({type(e).__name__})")
            continue
        report.items += 1
        seen.add(item.id)
        if item.id != item_id:
            report.problems.append(f"{path}: file name and id {item.id!r} disagree")
        sha = item.source.sha256
        try:
            original = archive.original_path(sha)
            data = original.read_bytes()
            if hashlib.sha256(data).hexdigest() != sha:
                report.problems.append(f"{item.id}: original {original} does not match its sha256")
        except (ArchiveError, OSError):
            report.problems.append(f"{item.id}: original file {sha} is missing")
        if entries.get(item.id) != item_rev(item):
            pending.append(item)
    for item_id in sorted(set(entries) - seen):
        msg = f"{item_id}: in the index but has no item file"
        if repair:
            index.delete(item_id)
            report.repaired.append(f"{item_id}: stale index entry removed")
        else:
            report.problems.append(msg)
    if pending:
        if repair:
            index.add_items(pending)
            report.repaired.append(f"{len(pending)} pending item(s) indexed")
        else:
            for item in pending:
                line = f"{item.id}: stored but not indexed"
                if writer:
                    report.warnings.append(f"{line} (pending: {writer.get('command') or 'a writer'} "
                                           f"is running, pid {writer.get('pid')})")
                else:
                    report.problems.append(f"{line}; run verify --repair")
    return report


def catch_up(archive: Archive, index: ArchiveIndex, item_ids: list[str] | None = None) -> str | None:
    """Index the items the index lacks (an import cut off before its commit) and drop entries
    whose item is gone; compares ids only. Call with the writer lock held.

    :param item_ids: the archive's item ids, if the caller has listed them already
    :return: what was done, or None
    """
    indexed = index.indexed_ids() if hasattr(index, "indexed_ids") else set(index.entries())
    ids = set(archive.item_ids() if item_ids is None else item_ids)
    missing = []
    for item_id in sorted(ids - indexed):
        try:
            missing.append(archive.get(item_id))
        except ArchiveError:
            continue  # gone since the listing, or damaged (verify reports it)
    extra = sorted(indexed - ids)
    if missing:
        index.add_items(missing)
    for item_id in extra:
        index.delete(item_id)
    if missing or extra:
        return f"index caught up: {len(missing)} item(s) added, {len(extra)} removed"
    return None


def prepare_index(archive: Archive, index: ArchiveIndex, say=lambda message: None,
                  warm: bool = True, catch_up_now: bool = True) -> str | None:
    """Make the index fit to serve, quickly: rebuild it from the item files if it is missing
    or unreadable; otherwise index items it lacks (an import cut off before its commit) and
    drop entries whose item is gone. Then warm the search arrays so the first query is fast.

    Compares ids only (a listing and the stored ids), so it costs a fraction of a second per
    10,000 items; stale revisions are ``verify``'s job.

    :param say: told before long work starts (a rebuild), so a person knows why they wait
    :param warm: build the search arrays (False: the caller warms the index it serves from)
    :param catch_up_now: False: only check that the index reads (and rebuild it if not); the
        caller catches up later (``serve``: its upkeep, in the background, from the start)
    :return: what was done, or None
    """
    problem = index.check()
    done = None
    if problem:
        say(f"Index not usable ({problem}): rebuilding it from the item files")
        n = index.rebuild(readable_items(archive))
        done = f"index rebuilt from {n} item files"
    elif catch_up_now:
        done = catch_up(archive, index)
    if warm and hasattr(index, "warm"):  # the embedded engine's arrays (OpenSearch has none)
        index.warm()
    return done


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _dead_pid_suffix(name: str, marker: str) -> bool:
    """True if ``name`` ends in ``<marker><pid>`` and that process is gone."""
    tail = name.rpartition(marker)[2]
    return marker in name and tail.isdigit() and not pid_alive(int(tail))


def catch_up_stories(archive: Archive, item_ids: list[str] | None = None) -> str | None:
    """File the items the story store lacks (an import cut off before its commit, an archive
    older than stories) and drop the ones whose item is gone; compares ids only.

    :param item_ids: the archive's item ids, if the caller has listed them already
    :return: what was done, or None
    :raise ArchiveError: the store is damaged (pages show no story until ``reindex``)
    """
    from eurasec_archive.stories import StoryIndex

    stories = StoryIndex.of(archive)
    try:
        added, removed = stories.catch_up(archive, item_ids)
    finally:
        stories.close()
    return f"stories caught up: {added} item(s) filed, {removed} removed" if added or removed else None


def remove_leftovers(archive: Archive, scan_items: bool = True) -> list[str]:
    """Remove what interrupted writers left behind; call with the writer lock held (so no
    writer of this archive is running): ``.*.tmp`` files of atomic writes, a half-built
    ``index.new/`` (after a full disk it kept the disk full) or ``index.old/``, and the
    ``.<name>.restore-PID`` / ``.<name>.replaced-PID`` copies of a restore whose process died.

    :param scan_items: also look for temp files among the item files and the originals: one
        read of every directory entry (~9 s of a cold disk at 1,000,000 items), so a server's
        start leaves it to the next writer (the hidden temp files are never read as items)
    :return: the paths removed
    """
    removed: list[str] = []

    def rm(path):
        try:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
            removed.append(str(path))
        except OSError:
            pass  # a leftover we cannot remove is no worse than before

    root = archive.root
    folders = [root, archive.tombstones_dir, archive.reports_dir]
    if scan_items:
        folders.append(archive.items_dir)
        for parent in (archive.originals_dir, archive.history_dir):
            if parent.is_dir():
                folders += [p for p in parent.iterdir() if p.is_dir()]
    for folder in folders:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith(".") and entry.name.endswith(".tmp") and entry.is_file():
                rm(folder / entry.name)
    for name in ("new", "old"):
        leftover = archive.index_dir.with_name(f"{archive.index_dir.name}.{name}")
        if leftover.exists():
            rm(leftover)
    if root.parent.is_dir():
        for sibling in root.parent.glob(f".{root.name}.*"):
            if _dead_pid_suffix(sibling.name, ".restore-") or _dead_pid_suffix(sibling.name, ".replaced-"):
                rm(sibling)
    return removed
