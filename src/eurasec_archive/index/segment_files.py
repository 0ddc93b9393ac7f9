"""Each segment's search arrays kept on disk beside it, so a server's start reads them instead
of walking every facet posting list again (O(archive): ~0.5 s CPU per 10,000 documents); and
its item id per doc number (``<segment id>.ids``), which a server otherwise reads from every
document's stored fields (6.6 s CPU, 19.7 s wall, per 1,000,000 documents, once per worker).

A segment never changes once written (deletions are kept apart from it), so its arrays are a
function of its contents and of the code that builds them (``FORMAT``). The file is named
like the segment's own files (``<segment id>.arrays.npz``): Whoosh deletes it with them when
the segment is merged away. Written atomically; a file that is missing, damaged or of another
format is rebuilt; a directory the process cannot write is no error (the arrays are derived).
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from pathlib import Path

import numpy as np

from eurasec_archive.facets import FACETS
from eurasec_archive.index.schema import SCORED_FIELDS

log = logging.getLogger(__name__)

# what the arrays are made of: a change of facets, scored fields or layout makes old files stale
FORMAT = hashlib.sha256(repr((1, [(f.name, f.field) for f in FACETS], sorted(SCORED_FIELDS))).encode()).hexdigest()[:16]


def arrays_path(directory: Path, segid: str) -> Path:
    return directory / f"{segid}.arrays.npz"


def load(directory: Path, segid: str, segment_arrays_type):
    """The segment's arrays from its file, or None (no file, damaged, another format)."""
    path = arrays_path(directory, segid)
    try:
        with np.load(path, allow_pickle=False) as data:
            if str(data["format"]) != FORMAT:
                return None
            facets = {f.name: (data[f"docs:{f.name}"], data[f"terms:{f.name}"], data[f"names:{f.name}"].tolist())
                      for f in FACETS}
            lengths = {name[4:]: data[name] for name in data.files if name.startswith("len:")}
            return segment_arrays_type(doc_count=int(data["doc_count"]), dates=data["dates"],
                                       lengths=lengths, facets=facets)
    except FileNotFoundError:
        return None
    except Exception as e:  # noqa: BLE001 - a damaged cache file is rebuilt, never fatal
        log.warning("%s: unreadable (%s); rebuilding it", path, type(e).__name__)
        return None


def save(directory: Path, segid: str, seg) -> None:
    """Write the segment's arrays atomically beside it; an unwritable directory is skipped."""
    columns = {"format": np.array(FORMAT), "doc_count": np.array(seg.doc_count), "dates": seg.dates}
    columns.update({f"len:{name}": array for name, array in seg.lengths.items()})
    for name, (docs, terms, names) in seg.facets.items():
        columns.update({f"docs:{name}": docs, f"terms:{name}": terms, f"names:{name}": np.array(names, dtype=str)})
    _write_atomically(arrays_path(directory, segid), segid, lambda f: np.savez(f, **columns))


def _write_atomically(path: Path, segid: str, write) -> None:
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{segid}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                write(f)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as e:
        log.debug("%s not kept on disk: %s", path.name, e)


IDS_HEADER = "eurasec-segment-ids 1"  # then the document count, then one id per line ("" for none)


def ids_path(directory: Path, segid: str) -> Path:
    return directory / f"{segid}.ids"


def load_ids(directory: Path, segid: str, doc_count: int) -> list[str | None] | None:
    """The segment's item id per doc number from its file, or None (none, damaged, stale)."""
    path = ids_path(directory, segid)
    try:
        lines = path.read_bytes().decode("utf-8").split("\n")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as e:
        log.warning("%s: unreadable (%s); rebuilding it", path, type(e).__name__)
        return None
    if lines[0] != IDS_HEADER or len(lines) != doc_count + 2 or lines[1] != str(doc_count):
        return None
    return [i or None for i in lines[2:]]


def save_ids(directory: Path, segid: str, ids: list[str | None]) -> None:
    """Write the segment's ids atomically beside it; an unwritable directory is skipped."""
    if any(i and "\n" in i for i in ids):
        return  # not representable one per line (never an item id): read from the documents
    text = "\n".join([IDS_HEADER, str(len(ids)), *(i or "" for i in ids)])
    _write_atomically(ids_path(directory, segid), segid, lambda f: f.write(text.encode("utf-8")))
