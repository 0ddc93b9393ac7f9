"""Help and search agree, in a real Chromium at 1280 and 375 px: every example on the help page
finds something on the seeds, a query read differently from what was typed says how it was
read, a page past the last one says so (not "no documents match"), and axe-core finds no
serious violation on any page type."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, urlparse

import pytest
from browser_kit import AXE_JS, CHROMIUM, WIDTHS, browser_page, query_of, result_total, serious_axe_violations

from eurasec_archive.archive import Archive

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM}")
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def page(request, browser, server):
    with browser_page(browser, server, request.param, 900) as page:
        yield page


def test_every_example_of_the_help_page_finds_something_on_the_seeds(page):
    page.goto("/help")
    examples = [c.inner_text() for c in page.locator("table.syntax tbody td:first-child code").all()]
    assert len(examples) >= 10
    empty = []
    for example in examples:
        page.goto("/?q=" + quote(example))
        if page.locator(".error-box").count() or result_total(page) == 0:
            empty.append(example)
    assert empty == []


def test_a_bare_star_says_it_was_read_as_every_document(page, seeded_dir):
    everything = len(Archive(seeded_dir).item_ids())
    page.goto("/")
    page.locator("#q").fill("*")
    page.locator("#q").press("Enter")
    # the results page itself (wait_for_load_state also passes on '/' if Enter submits nothing)
    page.wait_for_url(lambda u: "q" in parse_qs(urlparse(u).query, keep_blank_values=True))
    assert result_total(page) == everything
    note = page.locator(".interpreted")
    assert note.count() == 1 and "every document" in note.inner_text()
    page.goto("/?q=" + quote("lavrov * charter"))  # a lone * among words widens to everything
    assert result_total(page) == everything
    assert "every document" in page.locator(".interpreted").inner_text()
    page.goto("/?q=lavrov")  # read as typed: no line
    assert page.locator(".interpreted").count() == 0


def test_a_page_past_the_last_says_so_and_leads_back(page):
    page.goto("/?q=&page=99")
    total = result_total(page)
    assert total > 0
    assert page.locator("li.none").count() == 1
    text = page.locator("li.none").inner_text()
    assert "past the last page" in text and "No documents match" not in text
    page.locator("li.none a").click()
    page.wait_for_url(lambda u: "page=99" not in u)
    assert result_total(page) == total and page.locator("li.hit").count() == total


def test_form_submissions_carry_no_empty_parameters(page):
    page.goto("/?q=security")
    page.locator("#filters").scroll_into_view_if_needed()
    # the cleaned URL is the one already shown: wait for the navigation itself (wait_for_load_state
    # passed on the old page even with an Apply button that submits nothing)
    with page.expect_navigation():
        page.locator(".daterange button").click()
    assert query_of(page) == {"q": ["security"]}
    page.goto("/about")
    page.locator("#site-q").fill("charter")
    page.locator("#site-q").press("Enter")
    page.wait_for_url(re.compile(r"q=charter"))
    assert query_of(page) == {"q": ["charter"]}


@pytest.mark.skipif(not AXE_JS.exists(), reason="axe-core is not vendored at tests/vendor/axe.min.js")
@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_no_serious_violation_on_any_page_type(browser, server, seeded_dir, width):
    archive = Archive(seeded_dir)
    item = sorted(archive.item_ids())[0]
    pages = ["/", "/?q=security&from=2025&to=2025&sort=newest", "/?q=*", "/?q=&page=99",
             f"/items/{item}?q=security&n=1", f"/items/{item}/citation?paragraph=p2",
             "/speakers/sergey-lavrov", "/organizations/collective-security-treaty-organization",
             "/outlets", "/speakers", "/organizations", "/people", "/places", "/about", "/help",
             "/items/no-such-item"]
    ctx = browser.new_context(base_url=server, bypass_csp=True, viewport={"width": width, "height": 900})
    page = ctx.new_page()
    problems = []
    for path in pages:
        page.goto(path)
        problems += [f"{path}: {v}" for v in serious_axe_violations(page)]
    # the facet "more" panel and the Cite dialog, opened
    page.goto("/")
    page.locator("fieldset[data-facet=place] details.facet-more summary").click()
    problems += [f"/ (more open): {v}" for v in serious_axe_violations(page)]
    page.goto(f"/items/{item}")
    page.locator("a.cite-para").first.click()
    page.locator("dialog#cite-dialog").wait_for(state="visible")
    problems += [f"cite dialog: {v}" for v in serious_axe_violations(page)]
    ctx.close()
    assert problems == []
