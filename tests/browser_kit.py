"""Shared pieces of the browser tests: Chromium launch settings, the axe-core runner and
small readers of the search page (plain functions; each test module makes its fixtures)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
WIDTHS = (1280, 375)


def result_total(page) -> int:
    return int(re.match(r"\s*([\d,]+)", page.locator("#results-heading").inner_text())
               .group(1).replace(",", ""))


def query_of(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query, keep_blank_values=True)


def hit_ids(page) -> list[str]:
    return [h.split("?")[0].rsplit("/", 1)[-1]
            for h in page.locator("li.hit h2 a").evaluate_all("els => els.map(e => e.getAttribute('href'))")]


def serious_axe_violations(page) -> list[str]:
    """axe-core's serious and critical WCAG 2 A/AA violations of the loaded page."""
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'best-practice']}})")
    return [f"{v['id']} ({v['impact']}): {v['help']} -> " + "; ".join(n["target"][0] for n in v["nodes"][:3])
            for v in result["violations"] if v["impact"] in ("serious", "critical")]
