"""The timeline chart of search, entity and about pages: an inline SVG bar per month (each month
with items a link that narrows the search to it) and the undated bucket.

Written as one function, not a Jinja macro: the macro's per-bar expressions were a fifth of a
search page's CPU. It writes the bytes the macro wrote, whitespace included (pinned by
tests/test_timeline_html.py against the macro's source).
"""

from __future__ import annotations

from markupsafe import Markup, escape

from eurasec_archive.views.filters import month_label, month_urls, timeline_bars

STEP = 34  # px per month
MANY = 12  # past this many months only January (and the first month) is labelled


def timeline_html(tl: list[dict], params: dict, caption: str = "Results per month", undated: int = 0,
                  undated_url: str | None = None) -> Markup:
    """The chart of ``tl`` (the index's months and counts) for the search ``params``."""
    bars = timeline_bars(tl)
    if not (bars or undated):
        return Markup("\n\n\n")
    cap = escape(caption)
    out = ["\n\n\n\n\n\n<figure class=\"timeline\">\n  <figcaption>", cap]
    if bars:
        out.append(' <span class="hint">· choose a bar to narrow to that month</span>')
    out.append('</figcaption>\n  <div class="timeline-row">\n  ')
    if bars:
        maxc = max(t["count"] for t in bars)
        many = len(bars) > MANY
        urls = month_urls(params, [t["month"] for t in bars])
        width = len(bars) * STEP
        out.append(f'\n  <div class="timeline-scroll">\n  <svg width="{width}" height="92" '
                   f'viewBox="0 0 {width} 92" aria-label="{cap}">\n    ')
        for i, t in enumerate(bars):
            month, count = t["month"], t["count"]
            x = i * STEP
            out.append("\n    \n    ")
            if count:
                h = round((count / maxc) * 48, 1)
                label = escape(month_label(month))
                out.append(
                    f'\n    <a href="{escape(urls[month])}" class="bar" data-month="{escape(month)}" '
                    f'aria-label="{label}: {count} item{"" if count == 1 else "s"}">'
                    f'\n      <title>{label}: {count}</title>'
                    f'\n      <rect x="{x + 4}" y="{62 - h}" width="{STEP - 8}" height="{h}"></rect>'
                    f'\n      <text class="n" x="{x + STEP / 2}" y="{58 - h}" text-anchor="middle">{count}</text>'
                    f'\n    </a>\n    ')
            else:
                out.append(f'\n    <rect class="empty" x="{x + 4}" y="61" width="{STEP - 8}" height="1"></rect>\n    ')
            out.append("\n    ")
            january = month.endswith("-01")
            if not many or january or i == 0:
                out.append(f'\n    <text class="m" x="{x + STEP / 2}" y="76" text-anchor="middle">'
                           f'{escape(month_label(month)[:3])}</text>\n    ')
            out.append("\n    ")
            if i == 0 or january:
                out.append(f'\n    <text class="y" x="{x + 2}" y="89">{escape(month[:4])}</text>\n    ')
            out.append("\n    ")
        out.append("\n  </svg>\n  </div>\n  ")
    out.append("\n  ")
    if undated:
        out.append(f'\n  <p class="undated-bucket"><a href="{escape(undated_url)}"><span class="n">'
                   f'{escape(undated)}</span> undated</a></p>\n  ')
    out.append("\n  </div>\n</figure>\n\n")
    return Markup("".join(out))
