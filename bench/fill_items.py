"""A benchmark archive of N items written straight from ``corpus.py``'s generator, without the
importer: for archives too large to import in a session (1M documents at ~75 documents/s is
~3.7 h). The items are NOT imported: their metadata is what the generator put in each
document (date, outlet, title, paragraphs, quotes and who said them) plus the authority
names found in its text by one pattern (people, organizations, places: a gazetteer, not the
importer's extraction). They are stored through the archive's own store (item files, the
originals, the catalog rows), then the real ``reindex`` builds the index and the story store
from them, and ``run.py --reuse`` times the query mix on the result.

    python bench/fill_items.py --docs 1000000 --workdir /var/tmp/m1m            # fill + reindex
    python bench/run.py --docs 1000000 --workdir /var/tmp/m1m --reuse --rounds 3 --http-seconds 30

The archive is ``WORKDIR/archive-N`` (where ``run.py`` looks). An archive already there is
resumed: the documents whose file name is stored are not written again.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import AUTHORITY, Document, documents

from eurasec_archive.archive import Archive, now_iso
from eurasec_archive.documents import make_id
from eurasec_archive.models import Item, Organization, Paragraph, Quote, Source, Speaker

ROOT = Path(__file__).resolve().parent.parent
RUSSIAN_CUE = "заявил"


class Gazetteer:
    """Authority names (people, organizations with their acronyms, places) found in a text by
    one pattern, each mapped to its canonical form, in order of first mention."""

    def __init__(self, authority: Path = AUTHORITY):
        self.names: dict[str, tuple[str, object]] = {}
        for p in json.loads((authority / "people.json").read_text(encoding="utf-8")):
            for alias in [p["name"], *p.get("aliases", [])]:
                self.names.setdefault(alias, ("person", p["name"]))
        for o in json.loads((authority / "organizations.json").read_text(encoding="utf-8")):
            org = (o["name"], o.get("acronym"))
            for alias in [o["name"], *o.get("aliases", []), o.get("acronym"), *o.get("acronym_aliases", [])]:
                if alias:
                    self.names.setdefault(alias, ("org", org))
        places = json.loads((authority / "places.json").read_text(encoding="utf-8"))
        for kind in ("countries", "cities", "regions"):
            for forms in places[kind]:
                for alias in forms:
                    self.names.setdefault(alias, ("place", forms[0]))
        alternatives = sorted(self.names, key=len, reverse=True)
        # a mention starts with one of the names' first letters: the lookahead skips every other
        # position before the long alternation is tried (the same matches, in ~1/3 of the time)
        firsts = "".join(sorted({re.escape(name[0]) for name in alternatives}))
        self.pattern = re.compile(rf"(?<!\w)(?=[{firsts}])(?:" + "|".join(map(re.escape, alternatives)) + r")(?!\w)")
        outlets = json.loads((authority / "outlets.json").read_text(encoding="utf-8"))
        self.outlets = {d: o["canonical"] for o in outlets for d in o.get("domains", [])}
        self.people = {alias: canonical for alias, (kind, canonical) in self.names.items() if kind == "person"}

    def find(self, text: str) -> tuple[list[str], list[tuple[str, str | None]], list[str]]:
        """(people, organizations as (name, acronym), places) named in ``text``."""
        found: dict[str, dict] = {"person": {}, "org": {}, "place": {}}
        for name in self.pattern.findall(text):
            kind, canonical = self.names[name]
            found[kind].setdefault(canonical, None)
        return list(found["person"]), list(found["org"]), list(found["place"])


def item_of(doc: Document, gazetteer: Gazetteer, imported_at: str) -> tuple[Item, bytes]:
    """The item of a generated document (id not yet made unique) and its file's bytes."""
    data = doc.text.encode("utf-8")
    outlet = gazetteer.outlets.get(doc.outlet, doc.outlet)
    paragraphs = [Paragraph("p1", "heading", doc.title)]
    paragraphs += [Paragraph(f"p{k}", "paragraph", text) for k, text in enumerate(doc.paragraphs, 2)]
    speakers: dict[str, str | None] = {}
    quotes = []
    for k, text, who, role in doc.quotes:
        name = gazetteer.people.get(who, who)
        speakers.setdefault(name, role or None)
        quotes.append(Quote(text, name, f"p{k + 2}", "said" if doc.language == "en" else RUSSIAN_CUE))
    people, orgs, places = gazetteer.find("\n".join([doc.title, *doc.paragraphs]))
    item = Item(
        id=make_id(doc.date, outlet, doc.title), title=doc.title, date=doc.date, outlet=outlet,
        language=doc.language, paragraphs=paragraphs,
        source=Source(filename=doc.name, sha256=hashlib.sha256(data).hexdigest(), media_type="text/plain",
                      imported_at=imported_at, size=len(data), encoding="utf-8"),
        date_precision="day" if doc.date else None, date_source="header" if doc.date else "none",
        speakers=[Speaker(name, role) for name, role in speakers.items()],
        people=list(dict.fromkeys([*speakers, *people])),
        organizations=[Organization(name, acronym) for name, acronym in orgs],
        places=places, quotes=quotes, title_source="heading")
    return item, data


def stored_names(archive: Archive) -> set[str]:
    """Source file names of the items already stored (a resumed fill skips them)."""
    names = set()
    for item_id in archive.item_ids():
        try:
            names.add(json.loads(archive.item_path(item_id).read_bytes())["source"]["filename"])
        except (OSError, ValueError, KeyError):
            continue
    return names


def fill(archive: Archive, n: int, seed: int, originals: bool = True, every: int = 100_000,
         say=print) -> int:
    """Store the first ``n`` generated documents' items in ``archive``; returns how many were
    written now. Prints a line of rates every ``every`` documents."""
    archive.ensure()
    gazetteer = Gazetteer()
    done = stored_names(archive)
    taken = archive.ids_in_use()
    written, started, cpu = 0, time.perf_counter(), time.process_time()
    with archive.deferred_sync():
        for doc in documents(n, seed):
            if doc.name in done:
                continue
            item, data = item_of(doc, gazetteer, now_iso())
            if originals:
                archive.keep_original(item.source.sha256, data)
            taken.add(archive.put_new(item, taken))
            written += 1
            if written % 2000 == 0:
                archive.sync()  # a batch, as an import commits one: files flushed, catalog rows recorded
            if written % every == 0:
                say(f"  {written} items: {written / (time.perf_counter() - started):.0f} items/s, "
                    f"{(time.process_time() - cpu) * 1000 / written:.2f} CPU ms/item")
    return written


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--workdir", type=Path, required=True, help="the archive goes in WORKDIR/archive-N")
    ap.add_argument("--no-originals", action="store_true", help="do not keep the documents' bytes")
    ap.add_argument("--no-reindex", action="store_true", help="only write the items")
    ap.add_argument("--jobs", type=int, help="index processes of the reindex (default: the cores)")
    ap.add_argument("--every", type=int, default=100_000, help="documents per line of rates")
    args = ap.parse_args(argv)
    archive = Archive(args.workdir / f"archive-{args.docs}")
    t, c = time.perf_counter(), time.process_time()
    written = fill(archive, args.docs, args.seed, originals=not args.no_originals, every=args.every)
    wall, cpu = time.perf_counter() - t, time.process_time() - c
    print(f"fill: {written} items written in {wall:.1f} s ({written / max(wall, 1e-9):.0f} items/s), "
          f"{cpu:.1f} CPU s ({cpu * 1000 / max(written, 1):.2f} ms/item), peak RSS "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB; load {os.getloadavg()[0]:.1f}")
    if args.no_reindex:
        return 0
    env = dict(os.environ, PYTHONPATH=os.environ.get("PYTHONPATH", str(ROOT / "src")))
    if args.jobs:
        env["EURASEC_INDEX_JOBS"] = str(args.jobs)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "eurasec_archive", "--archive-dir", str(archive.root), "reindex"],
                         env=env, capture_output=True, text=True, check=True).stdout.strip()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter() - t
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    n = len(archive.item_ids())
    segments = len(list(archive.index_dir.glob("*.seg")))
    print(f"reindex ({out}): {wall:.1f} s, {cpu:.1f} CPU s ({cpu * 1000 / max(n, 1):.2f} ms/item), "
          f"{segments} segments, peak RSS of a process {after.ru_maxrss / 1024:.0f} MB; load {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
