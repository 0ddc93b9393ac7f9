"""Checks and repairs of a whole archive: verify that items, originals and the index agree;
rebuild the index from the item files (the source of truth)."""

from __future__ import annotations

import hashlib
import json
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


def _readable_items(archive: Archive):
    """Every item that parses; the unreadable ones are reported by ``verify``, never guessed at."""
    for item_id in archive.item_ids():
        try:
            yield archive.get(item_id)
        except ArchiveError:
            continue


def verify(archive: Archive, index: ArchiveIndex, repair: bool = False) -> VerifyReport:
    """Every item file parses, has its original with the right sha256, and a current index
    entry; no index entry lacks its item. Items not yet indexed (an import cut off before its
    index commit) are *pending*: a warning, fixed by ``repair`` or the next import."""
    report = VerifyReport()
    index_problem = index.check()
    if index_problem and not archive.item_ids():
        # an import killed while creating the index: nothing was stored, nothing to index
        report.warnings.append(f"index: {index_problem} (the archive is empty)")
        return report
    if index_problem:
        report.problems.append(f"index: {index_problem}")
        if repair:
            n = index.rebuild(_readable_items(archive))
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
                report.warnings.append(f"{item.id}: pending (not yet indexed; run reindex or import)")
    return report


def prepare_index(archive: Archive, index: ArchiveIndex, say=lambda message: None) -> str | None:
    """Make the index fit to serve, quickly: rebuild it from the item files if it is missing
    or unreadable; otherwise index items it lacks (an import cut off before its commit) and
    drop entries whose item is gone. Then warm the search arrays so the first query is fast.

    Compares ids only (a listing and the stored ids), so it costs a fraction of a second per
    10,000 items; stale revisions are ``verify``'s job.

    :param say: told before long work starts (a rebuild), so a person knows why they wait
    :return: what was done, or None
    """
    problem = index.check()
    done = None
    if problem:
        say(f"Index not usable ({problem}): rebuilding it from the item files")
        n = index.rebuild(_readable_items(archive))
        done = f"index rebuilt from {n} item files"
    else:
        indexed = set(index.entries())
        ids = set(archive.item_ids())
        missing = [archive.get(i) for i in sorted(ids - indexed) if archive.has_item(i)]
        extra = sorted(indexed - ids)
        if missing:
            index.add_items(missing)
        for item_id in extra:
            index.delete(item_id)
        if missing or extra:
            done = f"index caught up: {len(missing)} item(s) added, {len(extra)} removed"
    index.facet_table(index.searcher())
    index.release_searcher()
    return done
