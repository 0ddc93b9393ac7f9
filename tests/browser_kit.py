"""Shared pieces of the browser tests: Chromium launch settings, the axe-core runner and
small readers of the search page (plain functions; the seeded server and Chromium are conftest fixtures)."""

from __future__ import annotations

import re
from contextlib import contextmanager
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


def serious_axe_violations(page, impacts=("serious", "critical")) -> list[str]:
    """axe-core's WCAG 2 A/AA violations of the loaded page of the given impacts (all of them if None)."""
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'best-practice']}})")
    return [f"{v['id']} ({v['impact']}): {v['help']} -> " + "; ".join(n["target"][0] for n in v["nodes"][:3])
            for v in result["violations"] if impacts is None or v["impact"] in impacts]


@contextmanager
def browser_page(browser, server, width=1280, height=900, permissions=(), **options):
    """A page in a fresh browser context on `server` (closed afterwards): the one way tests open a page."""
    ctx = browser.new_context(base_url=server, viewport={"width": width, "height": height}, **options)
    if permissions:
        ctx.grant_permissions(list(permissions))
    ctx.set_default_timeout(10_000)
    try:
        yield ctx.new_page()
    finally:
        ctx.close()


def clipboard_after(page, action) -> str:
    """What the clipboard holds once ``action`` (a click on a copy control) has written to it. The
    clipboard is emptied first, then waited for: writeText is asynchronous, so reading it right after
    the click can see the old content (the page needs the clipboard-read/-write permissions)."""
    page.evaluate("navigator.clipboard.writeText('')")
    action()
    page.wait_for_function("async () => (await navigator.clipboard.readText()) !== ''")
    return page.evaluate("navigator.clipboard.readText()")
