"""Regenerate the screenshot gallery of docs/screenshots/: every page type at 1280 and 375 px.

    PYTHONPATH=src python docs/screenshots/make.py

Builds a temporary archive from seeds/ and the HTML test documents, serves it on a free
port with the real app, and photographs it in headless Chromium (/usr/bin/chromium).
Writes <page>-<width>.jpg beside this file and rewrites README.md (the gallery index).
"""

from __future__ import annotations

import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from eurasec_archive.app import create_app
from eurasec_archive.archive import Archive
from eurasec_archive.importer import Importer, collect_files
from eurasec_archive.index import ArchiveIndex

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
WIDTHS = (1280, 375)


def pages(items: dict) -> list[tuple[str, str, str]]:
    """(name, path, caption) of each page type."""
    lavrov = "/speakers/sergey-lavrov"
    item = items["table"] or items["any"]
    return [
        ("search", "/?q=eurasian+security", "Search: facets, timeline with the undated bucket"),
        ("search-filtered", "/?q=security&from=2025&to=2025&sort=newest",
         "A date range: chips, the note on undated items left out, include undated"),
        ("search-more", "/?q=&place=Minsk#filters", "A facet opened with “more”: filter and order"),
        ("item", f"{item}?q=security&n=1", "An item found by a search: back to results, 1 of N"),
        ("item-paragraph", f"{items['any']}#p3", "A paragraph link landing with its heading"),
        ("entity", lavrov, "An entity page: appears with (shared items)"),
        ("browse", "/places", "Browse every place"),
        ("about", "/about", "What the archive holds"),
        ("help", "/help", "Search help"),
        ("not-found", "/items/no-such-item", "A friendly 404"),
    ]


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        archive = Archive(Path(tmp) / "archive").ensure()
        index = ArchiveIndex(archive.index_dir).ensure()
        Importer(archive, index).run(collect_files([ROOT / "seeds", ROOT / "tests" / "data" / "html"]))
        ids = sorted(archive.item_ids())
        table = next((i for i in ids if any(p.kind == "table" for p in archive.get(i).paragraphs)), None)
        items = {"any": f"/items/{quote(ids[0])}", "table": table and f"/items/{quote(table)}"}
        app = create_app({"ARCHIVE_DIR": str(archive.root)})
        server = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}"
        rows = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            for name, path, caption in pages(items):
                row = [caption]
                for width in WIDTHS:
                    page = browser.new_page(viewport={"width": width, "height": 900})
                    page.goto(base + path)
                    if name == "search-more":
                        page.locator("fieldset[data-facet=place] summary").click()
                        page.locator("#ff-place").fill("a")
                    out = HERE / f"{name}-{width}.jpg"
                    page.screenshot(path=str(out), full_page=name != "item-paragraph", type="jpeg", quality=60)
                    page.close()
                    row.append(f"[{width}px]({out.name})")
                rows.append(f"| {' | '.join(row)} |")
            browser.close()
        server.shutdown()
    (HERE / "README.md").write_text(
        "# Screenshots\n\nEvery page type at 1280 and 375 px, made by `make.py` "
        "(`PYTHONPATH=src python docs/screenshots/make.py`) from the seeds and the HTML test documents.\n\n"
        "| Page | Wide | Narrow |\n|---|---|---|\n" + "\n".join(rows) + "\n")
    print(f"wrote {len(rows) * len(WIDTHS)} screenshots to {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
