"""Stories in a real Chromium against a live server: a person searches, folds the reprints,
opens the story, sees who ran it first and compares two versions side by side; the new
pages pass axe (WCAG 2 AA) in light and dark and fit a 375 px screen."""

from __future__ import annotations

import pytest
from browser_kit import AXE_JS, CHROMIUM, CHROMIUM_ARGS, serious_axe_violations
from click.testing import CliRunner
from livesrv import live_server
from test_stories import ids_by_file, inbox  # noqa: F401 - inbox is a fixture

from eurasec_archive.cli import main

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM}")
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")


@pytest.fixture
def site(tmp_path, inbox):  # noqa: F811
    ar = tmp_path / "archive"
    assert CliRunner().invoke(main, ["--archive-dir", str(ar), "import", str(inbox)]).exit_code == 0
    with live_server(ar) as url, sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser, url, ids_by_file(ar)
        finally:
            browser.close()


def test_fold_reprints_open_the_story_and_compare(site):
    browser, url, ids = site
    page = browser.new_page(base_url=url)
    page.set_default_timeout(10_000)
    page.goto("/?q=bloc")
    assert page.locator("li.hit").count() == 4
    # each click only starts a navigation: wait for the next page to load before reading it
    page.get_by_role("link", name="One result per story").click()
    page.wait_for_url(lambda u: "collapse=story" in u)
    assert page.locator("li.hit").count() == 2
    page.locator("a.reprints").click()  # "+ 2 reprints"
    page.wait_for_url(f"{url}/stories/**")
    rows = page.locator("table.members tbody tr")
    assert rows.count() == 3
    assert rows.nth(0).locator("td.outlet").inner_text() == "BelTA"
    # from the TASS version to the comparison with the first publication
    rows.nth(1).locator("td.diff a").click()
    page.wait_for_url(f"{url}/items/{ids['tass.txt']}/compare/{ids['belta.txt']}")
    left_out = page.locator("tr.removed td.left")
    assert left_out.count() == 2 and left_out.first.is_visible()
    # from an item page: who else published it
    page.goto(f"/items/{ids['sputnik.txt']}")
    panel = page.get_by_role("region", name="Also published by")
    assert panel.locator("ul.also li").count() == 2
    panel.get_by_role("link", name="compare").first.click()
    page.wait_for_url("**/compare/**")
    assert page.locator("table.side-by-side ins").count() >= 1
    page.close()


@pytest.mark.skipif(not AXE_JS.exists(), reason="axe-core is not vendored at tests/vendor/axe.min.js")
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_story_pages_pass_axe_and_fit_a_phone(site, scheme):
    browser, url, ids = site
    ctx = browser.new_context(base_url=url, bypass_csp=True, color_scheme=scheme,
                              viewport={"width": 375, "height": 800})
    page = ctx.new_page()
    page.goto(f"/items/{ids['tass.txt']}.json")
    story = page.evaluate("() => JSON.parse(document.body.innerText).story.url")
    problems = []
    for path in ["/stories", story, f"/items/{ids['tass.txt']}",
                 f"/items/{ids['sputnik.txt']}/compare/{ids['belta.txt']}"]:
        page.goto(path)
        wide = page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth + 1")
        if wide:
            problems.append(f"{path}: scrolls sideways at 375 px")
        problems += [f"{path}: {v}" for v in serious_axe_violations(page, impacts=None)]
    ctx.close()
    assert not problems, "\n".join(problems)
