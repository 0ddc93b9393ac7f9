"""A researcher's working session in a real Chromium, at 1280 and 375 px: filters that stay
(the URL is the state, chips remove each part, back/forward restore it, dates at any
precision round-trip through the form), "appears with" that is true, unknown dates and
outlets as first-class values, and facets whose every value can be reached.

Expected values come from the item files of the archive, never from the page under test."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

import pytest
from browser_kit import CHROMIUM, WIDTHS, browser_page, hit_ids, query_of, result_total

from eurasec_archive.archive import Archive

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM}")
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")


@pytest.fixture(scope="module")
def items(seeded_dir):
    archive = Archive(seeded_dir)
    return [archive.get(i) for i in sorted(archive.item_ids())]


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def page(request, browser, server):
    with browser_page(browser, server, request.param, 900) as page:
        yield page


def no_empty_params(page) -> bool:
    return all(v for vs in query_of(page).values() for v in vs)


def chip_labels(page) -> list[str]:
    return [t.replace("×", "").strip() for t in page.locator(".chips a.chip").all_inner_texts()]


def folded(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()


def open_filters(page):
    """On a narrow screen the filters follow the results: scroll them into view."""
    page.locator("#filters").scroll_into_view_if_needed()


# ------------------------------------------------------------------ 1. filters that stay


@pytest.mark.parametrize("lo, hi", [("2025", "2025"), ("2025-06", "2025-11"), ("2025-06-09", "2025-11-24")])
def test_a_date_range_at_any_precision_survives_sort_and_apply(page, items, lo, hi):
    def within(d):
        return d is not None and lo <= d[:len(lo)] and d[:len(hi)] <= hi
    expected = sum(1 for i in items if within(i.date))
    page.goto(f"/?from={lo}&to={hi}")
    assert result_total(page) == expected
    assert page.locator("#from").input_value() == lo and page.locator("#to").input_value() == hi
    open_filters(page)
    page.locator("#sort").select_option("newest")
    page.wait_for_url(re.compile(r"sort=newest"))
    assert query_of(page)["from"] == [lo] and query_of(page)["to"] == [hi]
    assert result_total(page) == expected and no_empty_params(page)
    assert chip_labels(page) == [f"from {lo}", f"to {hi}", "sort: newest"]
    # Apply resubmits the same range, to the URL already shown: wait for the navigation itself
    # (wait_for_load_state passed on the old page even with an Apply button that submits nothing)
    with page.expect_navigation():
        page.locator(".daterange button").click()
    assert query_of(page)["from"] == [lo] and result_total(page) == expected and no_empty_params(page)


def test_submitting_the_form_leaves_no_empty_parameters(page):
    page.goto("/")
    page.locator("#q").fill("security")
    page.locator("#q").press("Enter")
    page.wait_for_url(re.compile(r"q=security"))
    assert set(query_of(page)) == {"q"}
    page.goto("/?q=security&from=&to=&outlet=")  # an old or hand-made URL is cleaned too
    assert set(query_of(page)) == {"q"} and result_total(page) > 0


def test_every_chip_removes_only_its_own_part(page):
    start = "/?q=security&place=Minsk&place=Moscow&from=2025&sort=oldest&page=1"
    page.goto(start)
    labels = chip_labels(page)
    assert labels == ["place: Minsk", "place: Moscow", "from 2025", "sort: oldest"]
    for n, label in enumerate(labels):
        page.goto(start)
        shown = page.url
        page.locator(".chips a.chip").nth(n).click()
        page.wait_for_url(lambda u, shown=shown: u != shown)  # the new page, not the one shown
        assert label not in chip_labels(page)
        assert sorted(chip_labels(page)) == sorted(x for x in labels if x != label)
        assert query_of(page)["q"] == ["security"] and no_empty_params(page)


def test_back_and_forward_restore_filters_sort_and_page(browser, server):
    ctx = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.goto("/?q=&per_page=2")
    page.locator("fieldset[data-facet=place] input[value='Minsk']").check()
    page.wait_for_url(re.compile(r"place=Minsk"))
    assert query_of(page)["per_page"] == ["2"]
    page.locator("#sort").select_option("oldest")
    page.wait_for_url(re.compile(r"sort=oldest"))
    page.locator(".pagination a[rel=next]").click()
    page.wait_for_url(re.compile(r"page=2"))
    assert "page 2" in chip_labels(page)
    second = hit_ids(page)
    page.go_back()
    assert "page" not in query_of(page) and query_of(page)["sort"] == ["oldest"]
    assert page.locator("#sort").input_value() == "oldest"
    assert page.locator("fieldset[data-facet=place] input[value='Minsk']").is_checked()
    page.go_forward()
    assert query_of(page)["page"] == ["2"]
    assert hit_ids(page) == second and "sort: oldest" in chip_labels(page)
    ctx.close()


# ------------------------------------------------------------------ 2. appears with


def test_appears_with_counts_only_the_entitys_own_items(page, items):
    page.goto("/speakers/sergey-lavrov")
    own = [i for i in items if "Sergey Lavrov" in [s.name for s in i.speakers]]
    assert int(page.locator(".entity-count").inner_text()) == len(own)
    expected = Counter(s.name for i in own for s in i.speakers if s.name != "Sergey Lavrov")
    shown = {}
    heading = page.locator(".related h3", has_text="Speakers")
    for li in heading.locator("xpath=following-sibling::ul[1]/li").all():
        name = li.locator("a").first.inner_text()
        shown[name] = int(re.match(r"\d+", li.locator("a.shared").inner_text()).group(0))
    assert shown == dict(expected)
    # each count links to the search that shows exactly those shared items
    for name, n in shown.items():
        page.goto("/speakers/sergey-lavrov")
        page.locator(".related li", has=page.locator(f"a:text-is('{name}')")).locator("a.shared").first.click()
        page.wait_for_url(lambda u: "/speakers/" not in u)  # the search page, loaded
        assert result_total(page) == n


def test_organization_page_counts_co_mentions_within_its_items(page, items):
    csto = "Collective Security Treaty Organization"
    own = [i for i in items if csto in [o.name for o in i.organizations]]
    values = {"Speakers": lambda i: [s.name for s in i.speakers], "Outlets": lambda i: [i.outlet],
              "Organizations": lambda i: [o.name for o in i.organizations],
              "People": lambda i: list(i.people), "Places": lambda i: list(i.places)}
    page.goto("/organizations/collective-security-treaty-organization")
    sections = page.locator(".related h3")
    assert sections.count() >= 3
    for h in sections.all():
        of = values[h.inner_text()]
        for li in h.locator("xpath=following-sibling::ul[1]/li").all():
            name = li.locator("a").first.inner_text()
            n = int(re.match(r"\d+", li.locator("a.shared").inner_text()).group(0))
            assert n == sum(1 for i in own if name in of(i)), name
            assert name != csto


# ------------------------------------------------------------------ 3. unknowns


def test_undated_bucket_beside_the_timeline_selects_the_undated_items(page, items):
    undated = sum(1 for i in items if not i.date)
    page.goto("/")
    bucket = page.locator("figure.timeline .undated-bucket a")
    assert bucket.is_visible() and int(bucket.locator(".n").inner_text()) == undated
    bucket.click()
    page.wait_for_url(re.compile(r"year=undated"))
    assert result_total(page) == undated
    assert set(page.locator("li.hit .date").all_inner_texts()) == {"undated"}


def test_a_date_range_says_what_it_leaves_out_and_includes_undated_in_one_click(page, items):
    dated = sum(1 for i in items if i.date and i.date.startswith("2025"))
    undated = sum(1 for i in items if not i.date)
    page.goto("/?from=2025&to=2025")
    assert result_total(page) == dated
    note = page.locator(".undated-note")
    assert note.is_visible() and int(note.locator("strong").inner_text()) == undated
    note.locator("a.include-undated").click()
    page.wait_for_url(re.compile(r"undated=include"))
    assert result_total(page) == dated + undated
    assert "including undated" in chip_labels(page)
    assert page.locator(".undated-note").count() == 0
    open_filters(page)
    page.locator("#sort").select_option("oldest")  # and it stays
    page.wait_for_url(re.compile(r"sort=oldest"))
    assert query_of(page)["undated"] == ["include"] and result_total(page) == dated + undated


def test_unknown_outlet_is_a_selectable_counted_value(page, items):
    unknown = sum(1 for i in items if not i.outlet)
    page.goto("/")
    open_filters(page)
    box = page.locator("fieldset[data-facet=outlet] li", has_text="unknown outlet")
    assert int(box.locator(".count").inner_text()) == unknown
    box.locator("input").check()
    page.wait_for_url(re.compile(r"outlet=unknown"))
    assert result_total(page) == unknown
    assert set(page.locator("li.hit .outlet").all_inner_texts()) == {"unknown outlet"}
    assert "outlet: unknown outlet" in chip_labels(page)


# ------------------------------------------------------------------ 4. facets reach every value


def test_more_opens_every_place_filterable_and_sortable(page, items):
    places = Counter(p for i in items for p in i.places)
    page.goto("/")
    open_filters(page)
    facet = page.locator("fieldset[data-facet=place]")
    visible = facet.locator("li:visible")
    assert 0 < visible.count() < len(places)
    facet.locator("details.facet-more summary").click()
    assert visible.count() == len(places)
    shown = {li.locator(".v").inner_text(): int(li.locator(".count").inner_text()) for li in visible.all()}
    assert shown == dict(places)
    facet.locator("input.facet-filter").fill("min")
    assert {t for t in facet.locator("li:visible .v").all_inner_texts()} == {
        p for p in places if "min" in p.lower()}
    facet.locator("input.facet-filter").fill("")
    facet.locator("button[data-order=alpha]").click()
    names = facet.locator("li:visible .v").all_inner_texts()
    assert names == sorted(names, key=folded) and len(names) == len(places)
    facet.locator("button[data-order=count]").click()
    counts = [int(c) for c in facet.locator("li:visible .count").all_inner_texts()]
    assert counts == sorted(counts, reverse=True)
    # a value from the far end of the list can be ticked, and stays ticked
    rare = sorted(places, key=lambda p: (places[p], p))[0]
    facet.locator(f"input[value='{rare}']").check()
    page.wait_for_url(re.compile(r"place="))
    assert result_total(page) == places[rare]
    assert page.locator(f"fieldset[data-facet=place] input[value='{rare}']").is_checked()


def test_year_facet_is_ordered_by_year_with_undated_last(page, items):
    page.goto("/")
    open_filters(page)
    values = page.locator("fieldset[data-facet=year] li .v").all_inner_texts()
    years = sorted({i.date[:4] for i in items if i.date}, reverse=True)
    assert values == years + (["undated"] if any(not i.date for i in items) else [])


# ------------------------------------------------------------------ 8. navigation and icon


def test_navigation_reaches_people_and_places_and_the_favicon_loads(page, server):
    page.goto("/")
    nav = page.locator("nav.site-nav")
    for name in ("People", "Places"):
        nav.get_by_role("link", name=name).click()
        page.wait_for_url(f"**/{name.lower()}")
        assert page.locator("h1").inner_text().startswith(name)
        page.go_back()
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert page.request.get(server + icon).status == 200
    assert page.request.get(server + "/favicon.ico").status == 200
