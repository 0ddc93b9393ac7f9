"""The timeline chart written by views/timeline.timeline_html is the bytes the Jinja macro it
replaced wrote (the macro's source is kept here as the reference), for every shape of timeline:
nothing, undated only, a few months, many months with gaps and Januaries, one month, text that
needs escaping. A real search page and entity page carry it unchanged."""

from __future__ import annotations

import pytest
from jinja2 import Environment
from lxml import html

from eurasec_archive.views.filters import month_label, month_urls, timeline_bars
from eurasec_archive.views.timeline import timeline_html

MACRO = """{% macro timeline(tl, params, caption="Results per month", undated=0, undated_url=None) %}
{% set bars = tl|timeline_bars %}
{% if bars or undated %}
{% set maxc = (bars|map(attribute='count')|max) if bars else 1 %}
{% set step = 34 %}
{% set many = bars|length > 12 %}{% set bar_urls = month_urls(params, bars|map(attribute='month')|list) %}
<figure class="timeline">
  <figcaption>{{ caption }}{% if bars %} <span class="hint">· choose a bar to narrow to that month</span>{% endif %}</figcaption>
  <div class="timeline-row">
  {% if bars %}
  <div class="timeline-scroll">
  <svg width="{{ bars|length * step }}" height="92" viewBox="0 0 {{ bars|length * step }} 92" aria-label="{{ caption }}">
    {% for t in bars %}
    {% set h = ((t.count / maxc) * 48)|round(1) if t.count else 0 %}
    {% if t.count %}
    <a href="{{ bar_urls[t.month] }}" class="bar" data-month="{{ t.month }}" aria-label="{{ t.month|month_label }}: {{ t.count }} item{{ '' if t.count == 1 else 's' }}">
      <title>{{ t.month|month_label }}: {{ t.count }}</title>
      <rect x="{{ loop.index0 * step + 4 }}" y="{{ 62 - h }}" width="{{ step - 8 }}" height="{{ h }}"></rect>
      <text class="n" x="{{ loop.index0 * step + step / 2 }}" y="{{ 58 - h }}" text-anchor="middle">{{ t.count }}</text>
    </a>
    {% else %}
    <rect class="empty" x="{{ loop.index0 * step + 4 }}" y="61" width="{{ step - 8 }}" height="1"></rect>
    {% endif %}
    {% if not many or t.month.endswith('-01') or loop.first %}
    <text class="m" x="{{ loop.index0 * step + step / 2 }}" y="76" text-anchor="middle">{{ (t.month|month_label)[:3] }}</text>
    {% endif %}
    {% if loop.first or t.month.endswith('-01') %}
    <text class="y" x="{{ loop.index0 * step + 2 }}" y="89">{{ t.month[:4] }}</text>
    {% endif %}
    {% endfor %}
  </svg>
  </div>
  {% endif %}
  {% if undated %}
  <p class="undated-bucket"><a href="{{ undated_url }}"><span class="n">{{ undated }}</span> undated</a></p>
  {% endif %}
  </div>
</figure>
{% endif %}
{% endmacro %}"""


@pytest.fixture(scope="module")
def macro():
    env = Environment(autoescape=True)
    env.filters.update(timeline_bars=timeline_bars, month_label=month_label)
    env.globals.update(month_urls=month_urls)
    return env.from_string(MACRO).module.timeline


def months(*pairs):
    return [{"month": m, "count": c} for m, c in pairs]


CASES = [
    ([], {}, 0),
    ([], {"q": ["x"]}, 7),
    (months(("2025", 3)), {}, 0),  # a year alone is no bar
    (months(("2025-06", 1)), {"q": ["minsk"]}, 0),
    (months(("2025-01", 4), ("2025-03", 1), ("2025-04", 9)), {"q": ["a&b"], "outlet": ["TASS"]}, 2),
    (months(("2023-11", 5), ("2024-02", 2), ("2024-12", 40), ("2025-01", 1), ("2025-07", 3)), {}, 1),
    (months(("2024-05", 3), ("2024-06", 7)), {"from": ["2024-05"], "to": ["2024-06"], "q": ['"x" <y>']}, 0),
]


@pytest.mark.parametrize("tl,params,undated", CASES)
@pytest.mark.parametrize("caption", ["Results per month", 'Items <per> "month" & more'])
def test_timeline_html_writes_what_the_macro_wrote(macro, tl, params, undated, caption):
    undated_url = "/?q=x&year=undated" if undated else None
    expected = str(macro(tl, params, caption, undated, undated_url))
    assert str(timeline_html(tl, params, caption, undated, undated_url)) == expected


def test_search_and_entity_pages_carry_the_chart(seeded):
    from eurasec_archive.app import create_app

    client = create_app({"ARCHIVE_DIR": str(seeded.root), "UPKEEP_INTERVAL": 3600}).test_client()
    for path in ("/?q=security", "/speakers/sergey-lavrov"):
        page = client.get(path)
        assert page.status_code == 200, path
        doc = html.fromstring(page.data)
        bars = doc.xpath("//figure[@class='timeline']//a[@class='bar']")
        assert bars, path
        assert all(a.get("href").startswith("/?") and "from=" in a.get("href") for a in bars)
