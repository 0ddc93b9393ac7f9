"""Body, title, comment and date figures on the real page sets, with the baselines from the same run.

Runs ../shared/tools/score_body.py and score_dates.py (read from ``../shared`` at run time, never
copied) on the project's CLI, then on two baselines written as item files and scored by the same
scorers through ``--items``: trafilatura with its defaults alone (body, title, comments) and
htmldate alone (``find_date(html, original_date=True)``, dates). Prints one table.

    PYTHONPATH=src nice -n 10 python bench/pages.py [--shared ../shared] [--jobs 2]

Skips (exit 0, one line) when the shared sets are absent.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = f"{sys.executable} -m eurasec_archive"


def _score(tool: Path, set_dir: Path, extra: list[str]) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run([sys.executable, str(tool), str(set_dir), "--json", out.name, *extra],
                       check=True, stdout=subprocess.DEVNULL)
        return json.loads(Path(out.name).read_text("utf-8") or "{}")


def _items_file(items: list[dict]) -> str:
    f = tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8")
    with f:
        for it in items:
            f.write(json.dumps(it) + "\n")
    return f.name


def trafilatura_items(html_dir: Path) -> str:
    import trafilatura

    items = []
    for path in sorted(html_dir.glob("*.htm*")):
        html = path.read_text("utf-8", errors="replace")
        doc = trafilatura.bare_extraction(html, include_comments=True, with_metadata=True)
        doc = doc.as_dict() if hasattr(doc, "as_dict") else (doc or {})
        body = [p for p in (doc.get("text") or "").split("\n") if p.strip()]
        items.append({"source": {"filename": path.name}, "title": doc.get("title"),
                      "paragraphs": [{"kind": "paragraph", "text": t} for t in body],
                      "comments": [{"text": doc["comments"]}] if doc.get("comments") else []})
    return _items_file(items)


def htmldate_items(html_dir: Path) -> str:
    from htmldate import find_date

    items = []
    for path in sorted(html_dir.glob("*.htm*")):
        try:
            date = find_date(path.read_text("utf-8", errors="replace"), original_date=True)
        except (ValueError, TypeError):
            date = None
        items.append({"source": {"filename": path.name}, "date": date, "paragraphs": []})
    return _items_file(items)


def _f(x) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--jobs", default="2")
    args = ap.parse_args()
    shared = Path(args.shared)
    tools, data = shared / "tools", shared / "data"
    if not (tools / "score_body.py").exists() or not (data / "l3s-gn1").exists():
        print(f"pages: skipped, no scorers or sets under {shared}")
        return 0
    run = ["--cli", CLI, "--jobs", args.jobs]
    rows = []
    for name in ("l3s-gn1", "readability"):
        for inp in ("html", "txt"):
            s = _score(tools / "score_body.py", data / name, [*run, "--input", inp])
            rows.append((f"body {name} {inp}", "ours", s))
        s = _score(tools / "score_body.py", data / name, ["--items", trafilatura_items(data / name / "html")])
        rows.append((f"body {name} html", "trafilatura alone", s))
    for name in ("dates-en", "readability"):
        s = _score(tools / "score_dates.py", data / name, run)
        rows.append((f"dates {name}", "ours", s))
        s = _score(tools / "score_dates.py", data / name, ["--items", htmldate_items(data / name / "html")])
        rows.append((f"dates {name}", "htmldate alone", s))
    print(f"{'measure':<26} {'system':<18} {'F1':>6} {'P':>6} {'R':>6} {'title':>6} {'leak':>6} "
          f"{'found':>6} {'day':>6}")
    for what, system, s in rows:
        print(f"{what:<26} {system:<18} {_f(s.get('F1')):>6} {_f(s.get('P')):>6} {_f(s.get('R')):>6} "
              f"{_f(s.get('title_exact')):>6} {_f(s.get('comment_leak')):>6} "
              f"{_f(s.get('comments_found')):>6} {_f(s.get('day_exact')):>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
