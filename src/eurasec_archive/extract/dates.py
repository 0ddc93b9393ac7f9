"""Publication date: from the capture header or page metadata, never from events in the body.

Returns ``(date, precision, source)`` with date as "YYYY-MM-DD", "YYYY-MM" or "YYYY", precision
day|month|year and source header|htmldate|json-ld|html-meta|url|text|none.
"""

from __future__ import annotations

import re
from datetime import date as _date

from eurasec_archive.normalize import Draft

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})(?:[/-](\d{1,2}))?(?:/|$|[-_])")
_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"], 1)}
_MONTHS_RU = {m: i for i, m in enumerate(
    ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"], 1)}
# a dateline opening the first paragraph: "MINSK, 9 June (BelTA) -", "June 9, 2025 —",
# "Published: 09.06.2025"; a date later in the text is an event, not publication
_DATELINES = [
    re.compile(r"^(?:published|posted|updated|date)\s*:?\s*(\d{1,2})[./](\d{1,2})[./](\d{4})\b", re.IGNORECASE),
    re.compile(r"^(?:[A-ZА-ЯЁ][\w .-]{1,30},\s*)?(\d{1,2})\s+([A-Za-z]+|[а-яё]+)\s+(\d{4})(?:\s*г(?:ода|\.))?"
               r"\s*(?:\(|/|[-–—,]|\.(?:\s|$))", re.IGNORECASE),
    re.compile(r"^(?:[A-ZА-ЯЁ][\w .-]{1,30},\s*)?([A-Za-z]+)\s+(\d{1,2}),\s+(\d{4})\s*(?:\(|[-–—]|\.(?:\s|$))",
               re.IGNORECASE),
]
# a wire dateline without the year: "MINSK, 2 December (BelTA) -", "МОСКВА, 22 апреля. /ТАСС/."
_YEARLESS = [
    re.compile(r"^[A-ZА-ЯЁ][\w .-]{1,30},\s*(\d{1,2})\s+([A-Za-z]+|[а-яё]+)\.?\s*(?:\(|/|[-–—])", re.IGNORECASE),
    re.compile(r"^[A-ZА-ЯЁ][\w .-]{1,30},\s*([A-Za-z]+)\.?\s+(\d{1,2})\s*(?:\(|/|[-–—])", re.IGNORECASE),
]
_ANY_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")


def yearless_dateline(first_paragraph: str, lines: list[str]) -> str | None:
    """A day-month dateline opening the body, its year from the capture's stamp lines (the
    timestamp above the headline); None without such a year."""
    year = next((int(m.group(1)) for ln in lines for m in [_ANY_YEAR.search(ln)] if m), None)
    if year is None:
        return None
    head = first_paragraph[:80]
    m = _YEARLESS[0].match(head)
    d, mo = (int(m.group(1)), _month(m.group(2))) if m else (None, None)
    if not mo:
        m = _YEARLESS[1].match(head)
        d, mo = (int(m.group(2)), _month(m.group(1))) if m else (None, None)
    return f"{year:04d}-{mo:02d}-{d:02d}" if mo and _valid(year, mo, d) else None


def _valid(y: int, m: int | None = None, d: int | None = None) -> bool:
    try:
        _date(y, m or 1, d or 1)
    except ValueError:
        return False
    return 1800 <= y <= _date.today().year + 1


def normalize_iso(value: str | None) -> tuple[str | None, str | None]:
    """'2025-06-09T10:00:00+03:00' -> ('2025-06-09', 'day'); garbage -> (None, None)."""
    if not value:
        return None, None
    m = _ISO.match(value.strip())
    if not m:
        return None, None
    y, mo, d = (int(g) if g else None for g in m.groups())
    if not _valid(y, mo, d):
        return None, None
    if d:
        return f"{y:04d}-{mo:02d}-{d:02d}", "day"
    if mo:
        return f"{y:04d}-{mo:02d}", "month"
    return f"{y:04d}", "year"


def _month(name: str) -> int | None:
    name = name.lower()
    if name in _MONTHS_RU:
        return _MONTHS_RU[name]
    return next((n for k, n in _MONTHS.items() if len(name) >= 3 and k.startswith(name)), None)


def date_from_dateline(first_paragraph: str) -> str | None:
    """A publication dateline at the very start of the body, or None."""
    head = first_paragraph[:80]
    m = _DATELINES[0].match(head)
    if m:
        d, mo, y = map(int, m.groups())
        return f"{y:04d}-{mo:02d}-{d:02d}" if _valid(y, mo, d) else None
    m = _DATELINES[1].match(head)
    if m and _month(m.group(2)):
        d, mo, y = int(m.group(1)), _month(m.group(2)), int(m.group(3))
        return f"{y:04d}-{mo:02d}-{d:02d}" if _valid(y, mo, d) else None
    m = _DATELINES[2].match(head)
    if m and _month(m.group(1)):
        mo, d, y = _month(m.group(1)), int(m.group(2)), int(m.group(3))
        return f"{y:04d}-{mo:02d}-{d:02d}" if _valid(y, mo, d) else None
    return None


# a whole date with its year in a capture's stamp line: "22 Dec, 2016", "July 10, 2015",
# "25 ноября 2024 года", "30 avril 2015", "21.dez.2018", "27.10.2025 19:13", "6/13/2018"
_YEAR = r"(?:19|20)\d{2}"
_STAMP_DATES = [
    (re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?[\s.]+(?:of\s+)?[^\W\d_]{{3,}}\.?,?[\s.]+{_YEAR}\b"), None),
    (re.compile(rf"\b[^\W\d_]{{3,}}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR}\b"), None),
    (re.compile(rf"\b{_YEAR}-\d{{1,2}}-\d{{1,2}}\b"), "YMD"),
    (re.compile(rf"\b\d{{1,2}}\.\d{{1,2}}\.{_YEAR}\b"), "DMY"),
    (re.compile(rf"\b\d{{1,2}}/\d{{1,2}}/{_YEAR}\b"), "MDY"),
]
# a stamp that says when the page changed, not when it was published
_CHANGED = re.compile(r"\b(?:updated|modified|edited|mis à jour|обновлено|изменено)\b", re.IGNORECASE)
STAMP_MAX_WORDS = 8  # words of a stamp line beside its dates: a caption or a sentence has more
_LETTERS = re.compile(r"[^\W\d_]{2,}")


def _stamp_words(line: str) -> int:
    """Words of a line besides its dates and clock times."""
    for rx, _ in _STAMP_DATES:
        line = rx.sub(" ", line)
    return len(_LETTERS.findall(line))


def _parse_stamp(text: str, order: str | None) -> str | None:
    import dateparser

    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False}
    if order:
        settings["DATE_ORDER"] = order
    try:
        found = dateparser.parse(text, settings=settings)
    except (ValueError, TypeError, OverflowError):
        return None
    if found is None or not _valid(found.year, found.month, found.day):
        return None
    return f"{found.year:04d}-{found.month:02d}-{found.day:02d}"


def date_from_stamps(lines: list[str]) -> str | None:
    """The publication day on a capture's stamp lines (nearest the headline first): the first
    whole date with a year on a short line; a date marked as an update only when no other."""
    changed = None
    for line in lines:
        for rx, order in _STAMP_DATES:
            m = rx.search(line)
            if not m:
                continue
            if _stamp_words(line) > STAMP_MAX_WORDS:
                break  # a caption or a sentence that mentions a date: an event
            value = _parse_stamp(m.group(0), order)
            if value and _CHANGED.search(line[:m.start()]):
                changed = changed or value
                break
            if value:
                return value
    return changed


def date_from_url(url: str | None) -> tuple[str | None, str | None]:
    if not url:
        return None, None
    m = _URL_DATE.search(url)
    if not m:
        return None, None
    y, mo = int(m.group(1)), int(m.group(2))
    d = int(m.group(3)) if m.group(3) else None
    if not _valid(y, mo, d):
        return None, None
    return (f"{y:04d}-{mo:02d}-{d:02d}", "day") if d else (f"{y:04d}-{mo:02d}", "month")


def extract_date(draft: Draft) -> tuple[str | None, str | None, str]:
    """The publication date of a draft, with its precision and where it came from."""
    if draft.header_date:
        value, precision = normalize_iso(draft.header_date)
        if value:
            return value, precision, "header"
    meta = draft.meta
    # htmldate is the strong default. The page's own publication field is named as the source
    # when it agrees, and wins when it is earlier: htmldate then took a modification date or
    # shifted a late-evening UTC time into the next day
    strong, strong_precision = normalize_iso(meta.get("htmldate"))
    for key, source in (("jsonld_date", "json-ld"), ("date", "html-meta")):
        value, precision = normalize_iso(meta.get(key))
        if value and (strong is None or value == strong or (precision == "day" and value < strong)):
            return value, precision, source
    if strong:
        return strong, strong_precision, "htmldate"
    value, precision = date_from_url(meta.get("url"))
    if value:
        return value, precision, "url"
    value = date_from_stamps(draft.stamp_lines)
    if value:
        return value, "day", "text"
    first = next((p.text for p in draft.paragraphs if p.kind == "paragraph"), "")
    value = date_from_dateline(first) or yearless_dateline(first, draft.stamp_lines)
    if value:
        return value, "day", "text"
    return None, None, "none"
