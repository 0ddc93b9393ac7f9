"""Reading and citing in a real Chromium, at 1280 and 375 px: walking a result set from item
pages, passage links that land with their heading, a Cite control on every paragraph and
quote with copy buttons and the records in the page, right punctuation in the styles, tables
that scroll instead of breaking words, metadata that folds on a phone.

Expected values come from the item files and the search page, never from the page under test."""

from __future__ import annotations

import re

import pytest
from browser_kit import CHROMIUM, WIDTHS, browser_page, clipboard_after, hit_ids, query_of, result_total
from conftest import Store
from livesrv import live_server

from eurasec_archive.archive import Archive

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM}")
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
expect = sync_api.expect

TABLE_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Delegations to the Minsk conference on security</title></head><body><article>
<h1>Delegations to the Minsk conference on security</h1>
<p>The organisers published the list of delegations and the number of delegates of each
country attending the conference on Eurasian security in Minsk this week.</p>
<table>
<tr><th>Delegation</th><th>Delegates</th></tr>
<tr><td>Country</td><td>Kazakhstan</td><td>12</td><td>Plenipotentiary representatives</td></tr>
<tr><td>Country</td><td>Armenia</td><td>9</td><td>Extraordinarily</td></tr>
<tr><td>Country</td><td>Azerbaijan</td><td>11</td><td>Intergovernmental</td></tr>
</table>
<p>Further delegations are expected to be confirmed by the organisers before the opening
session of the conference on Thursday morning.</p>
</article></body></html>"""


@pytest.fixture(scope="module")
def archive_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("items") / "archive"
    docs = tmp_path_factory.mktemp("docs")
    (docs / "delegations.html").write_text(TABLE_PAGE, encoding="utf-8")
    store = Store(root)
    from conftest import SEEDS
    store.import_paths(SEEDS, docs)
    return root


@pytest.fixture(scope="module")
def server(archive_dir):
    with live_server(archive_dir) as url:
        yield url


@pytest.fixture(scope="module")
def items(archive_dir):
    archive = Archive(archive_dir)
    return {i: archive.get(i) for i in archive.item_ids()}


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def page(request, browser, server):
    with browser_page(browser, server, request.param, 800, permissions=["clipboard-read", "clipboard-write"]) as page:
        yield page


def item_with(items, test):
    return next(i for i in sorted(items.values(), key=lambda i: i.id) if test(i))


# ------------------------------------------------------------------ 5. walking the results


def test_item_pages_walk_the_result_set_and_lead_back_to_it(page):
    page.goto("/?q=security&per_page=2&page=2")
    total, order = result_total(page), []
    for n in range(1, (total + 1) // 2 + 1):  # the whole result list, page by page
        page.goto(f"/?q=security&per_page=2&page={n}")
        order += hit_ids(page)
    page.goto("/?q=security&per_page=2&page=2")
    page.locator("li.hit h2 a").first.click()
    page.wait_for_url(re.compile(r"/items/"))
    nav = page.locator("nav.result-nav")
    assert nav.locator(".position").inner_text() == f"3 of {total}"
    assert page.url.split("?")[0].rsplit("/", 1)[-1] == order[2]
    nav.locator("a.next").click()
    page.wait_for_url(re.compile(r"n=4"))
    assert page.url.split("?")[0].rsplit("/", 1)[-1] == order[3]
    assert page.locator("nav.result-nav .position").inner_text() == f"4 of {total}"
    page.locator("nav.result-nav a.prev").click()
    page.wait_for_url(re.compile(r"n=3"))  # else the second click can land on the page still shown (n=4)
    page.locator("nav.result-nav a.prev").click()
    page.wait_for_url(re.compile(r"n=2"))
    assert page.url.split("?")[0].rsplit("/", 1)[-1] == order[1]
    page.locator("nav.result-nav a.back").click()
    page.wait_for_url(re.compile(r"#hit-2$"))
    assert query_of(page)["q"] == ["security"] and query_of(page)["per_page"] == ["2"]
    assert "page" not in query_of(page)  # hit 2 is on page 1
    assert page.locator("#hit-2").is_visible()
    # the last result has no next, the first no previous
    page.goto(f"/items/{order[-1]}?q=security&per_page=2&n={total}")
    assert page.locator("nav.result-nav a.next").count() == 0
    assert page.locator("nav.result-nav .position").inner_text() == f"{total} of {total}"


def test_an_item_opened_directly_has_no_result_navigation(page, items):
    item = item_with(items, lambda i: True)
    page.goto(f"/items/{item.id}")
    assert page.locator("nav.result-nav").count() == 0


def test_a_passage_link_lands_with_its_section_heading_in_view(page, items):
    item = item_with(items, lambda i: any(
        p.kind == "heading" and n + 2 < len(i.paragraphs) and i.paragraphs[n + 1].kind == "paragraph"
        and i.paragraphs[n + 2].kind == "paragraph" and n > 3 for n, p in enumerate(i.paragraphs)))
    n = next(n for n, p in enumerate(item.paragraphs) if p.kind == "heading" and n > 3
             and item.paragraphs[n + 1].kind == "paragraph" and item.paragraphs[n + 2].kind == "paragraph")
    heading, target = item.paragraphs[n].id, item.paragraphs[n + 2].id
    page.goto(f"/items/{item.id}#{target}")
    # app.js moves to the heading in a timer after the load event: wait for it (not a fixed 200 ms)
    box = """([h, t]) => [document.getElementById(h).getBoundingClientRect().top,
                          document.getElementById(t).getBoundingClientRect().top, window.innerHeight]"""
    try:
        page.wait_for_function(f"args => {{ const [h, t, v] = ({box})(args); return 0 <= h && h < t && t < v; }}",
                               arg=[heading, target], timeout=5_000)
    except sync_api.TimeoutError:
        pass  # the assertion below says where they are
    top = page.evaluate(box, [heading, target])
    assert 0 <= top[0] < top[1] < top[2], top


# ------------------------------------------------------------------ 6. citing


def test_every_paragraph_and_quote_has_a_cite_control(page, items):
    item = item_with(items, lambda i: any(p.kind == "quote" for p in i.paragraphs))
    page.goto(f"/items/{item.id}")
    citable = [p.id for p in item.paragraphs if p.kind != "heading"]
    ids = page.locator(".body a.cite-para").evaluate_all(
        "els => els.map(e => e.closest('.para').id)")
    assert ids == citable


def test_citing_a_quote_opens_every_style_with_copy_buttons_and_the_records(page, items, server):
    item = item_with(items, lambda i: any(p.kind == "quote" for p in i.paragraphs))
    quote = next(p for p in item.paragraphs if p.kind == "quote")
    number = quote.id[1:]
    page.goto(f"/items/{item.id}")
    page.locator(f"[id='{quote.id}'] a.cite-para").click()
    dialog = page.locator("dialog#cite-dialog")
    dialog.wait_for(state="visible")
    assert dialog.locator("h2").inner_text() == f"Cite paragraph {number}"
    shorts = {d.get_attribute("data-format"): d.locator(".t").inner_text()
              for d in dialog.locator("dd.cite-short").all()}
    assert set(shorts) == {"chicago", "apa", "mla"}
    assert f"para. {number}" in shorts["chicago"] and f"para. {number}" in shorts["apa"]
    assert f"par. {number}" in shorts["mla"]
    # the Chicago note of the paragraph is what the citation API gives for it
    api = page.request.get(f"{server}/items/{item.id}/cite?format=chicago&paragraph={quote.id}").text()
    assert shorts["chicago"] == api.strip()
    buttons = dialog.locator("button.copy")
    assert buttons.count() == 3 * 2 + 3  # reference and note per style, then each record
    # the copy is asynchronous (writeText's promise): the clipboard is waited for, then checked
    assert clipboard_after(page, dialog.locator("dd.cite-short[data-format=chicago] button.copy").click) == api.strip()
    dialog.locator(".cite-exports summary", has_text="BibTeX").click()
    record = dialog.locator("pre.cite-record[data-format=bibtex]")
    expect(record).to_be_visible()
    assert re.match(r"@(misc|article)\{", record.inner_text())
    assert f"#{quote.id}" in record.inner_text()
    ris = clipboard_after(page, dialog.locator(".cite-exports li", has_text="RIS").locator("button.copy").click)
    assert ris.startswith("TY  - "), ris
    dialog.locator("button.close").click()
    expect(dialog).to_be_hidden()


def test_the_cite_dialog_closes_on_its_backdrop_not_on_its_margin(page, items):
    """A click in the dialog's own padding, or a selection of a citation whose drag ends there, is not a
    click on the backdrop: the dialog stays open; a click on the backdrop, or Close, closes it."""
    item = item_with(items, lambda i: len(i.paragraphs) > 3)
    page.goto(f"/items/{item.id}")
    dialog = page.locator("dialog#cite-dialog")

    def open_dialog():
        page.locator("[id='p2'] a.cite-para").click()
        dialog.wait_for(state="visible")  # the panel is fetched: the page's 10 s, not expect's 5 s
        return dialog.bounding_box()

    box = open_dialog()
    page.mouse.click(box["x"] + 4, box["y"] + box["height"] / 2)  # the left padding, inside the border
    assert dialog.evaluate("d => d.open")
    text = dialog.locator("dd.cite-text").first.bounding_box()
    page.mouse.move(text["x"] + 60, text["y"] + 6)  # a few words into its first line
    page.mouse.down()
    page.mouse.move(box["x"] + 4, text["y"] + 6, steps=5)
    page.mouse.up()  # the selection's click lands on the dialog itself, in its padding
    assert dialog.evaluate("d => d.open")
    assert page.evaluate("String(getSelection())"), "the drag selected nothing"
    page.mouse.click(2, 2)  # the backdrop, outside the dialog's box
    expect(dialog).to_be_hidden()
    open_dialog()
    dialog.locator("button.close").click()
    expect(dialog).to_be_hidden()


def test_the_cite_link_works_without_javascript(browser, server, items):
    item = item_with(items, lambda i: len(i.paragraphs) > 3)
    ctx = browser.new_context(base_url=server, java_script_enabled=False)
    page = ctx.new_page()
    page.goto(f"/items/{item.id}")
    page.locator("[id='p3'] a.cite-para").click()
    page.wait_for_url(re.compile(r"/citation\?"))
    assert page.locator("#cite-title").inner_text() == "Cite paragraph 3"
    assert page.locator("pre.cite-record[data-format=ris]").count() == 1
    ctx.close()


CLOSING = "”’"


@pytest.mark.parametrize("style", ["chicago", "mla", "apa"])
def test_periods_and_commas_sit_inside_closing_quotes(page, items, style):
    """Chicago 6.9, MLA 1.3.7 and APA 6.11 (American style): a period or comma that ends a
    quoted title goes inside the closing quotation mark."""
    quoted = 0
    for item in items.values():
        page.goto(f"/items/{item.id}")
        texts = page.locator(f"#cite dd[data-format={style}]").all_inner_texts()
        for text in texts:
            assert not re.search(f"[{CLOSING}][.,]", text), text
            quoted += len(re.findall(f"[.,][{CLOSING}]", text))
    assert quoted >= 1


def test_a_title_made_by_the_archive_is_marked_and_bracketed_in_citations(page, items):
    made = item_with(items, lambda i: i.title_source == "text")
    own = item_with(items, lambda i: i.title_source == "document")
    assert not made.title.endswith("…")
    page.goto(f"/items/{made.id}")
    assert "made by the archive" in page.locator(".title-note").inner_text()
    for text in page.locator("#cite dd.cite-text").all_inner_texts():
        assert "[" + made.title[:30] in text or "[" + made.title[:30].title() in text.title()
    page.goto(f"/items/{own.id}")
    assert page.locator(".title-note").count() == 0


# ------------------------------------------------------------------ 8. tables, metadata


def test_tables_scroll_sideways_never_break_words_and_say_when_the_header_is_shifted(page, items):
    item = item_with(items, lambda i: any(p.kind == "table" for p in i.paragraphs))
    page.goto(f"/items/{item.id}")
    table = next(p for p in item.paragraphs if p.kind == "table")
    filled = [sum(1 for c in r if c.strip()) for r in table.rows]
    assert filled[0] < max(filled[1:])  # the source's header row is shifted
    assert "header row" in page.locator(f"[id='{table.id}'] .table-note").inner_text()
    broken = page.evaluate("""() => [...document.querySelectorAll('.body td, .body th')].filter(c => {
        const words = c.textContent.trim().split(/\\s+/);
        if (words.length !== 1 || !words[0]) return false;
        const r = document.createRange(); r.selectNodeContents(c);
        return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size > 1;
      }).map(c => c.textContent)""")
    assert broken == []
    page_wider = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    assert not page_wider  # the table scrolls inside its box, the page does not
    if page.viewport_size["width"] == 375:
        wrap = page.locator(f"[id='{table.id}'] .table-wrap")
        assert wrap.evaluate("e => e.scrollWidth > e.clientWidth")


def test_long_metadata_folds_on_a_phone_and_stays_open_on_a_desktop(page, items):
    item = max(items.values(), key=lambda i: len(i.places) + len(i.people) + len(i.organizations))
    page.goto(f"/items/{item.id}")
    top = page.evaluate("() => document.querySelector('.body > .para').getBoundingClientRect().top")
    details = page.locator("details.meta-more")
    if page.viewport_size["width"] == 375:
        assert not details.evaluate("d => d.open")
        assert top < page.viewport_size["height"]  # the text starts on the first screen
        details.locator("summary").click()
        assert page.locator("dd.places").is_visible()
    else:
        assert details.evaluate("d => d.open") and page.locator("dd.places").is_visible()


def test_an_organization_whose_name_is_its_acronym_is_not_repeated(page, items):
    item = item_with(items, lambda i: any(o.acronym == o.name for o in i.organizations))
    same = next(o.name for o in item.organizations if o.acronym == o.name)
    page.goto(f"/items/{item.id}")
    page.locator("details.meta-more").evaluate("d => d.open = true")
    texts = page.locator("dd.organizations li").all_inner_texts()
    assert same in texts and f"{same} ({same})" not in texts
