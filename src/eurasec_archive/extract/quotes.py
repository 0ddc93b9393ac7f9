"""Direct quotations in a paragraph: spans between quotation marks, quotes left open at the
end of a paragraph (a quote running on into the next paragraphs), and transcript turns."""

from __future__ import annotations

import re

from eurasec_archive.extract.attribution import speech_verb

_SPANS = [
    re.compile(r"''((?:(?!'').){2,}?)''"),  # '' … '' (some wires and the NYT archive)
    re.compile(r"“([^“”]{2,}?)”"),
    re.compile(r"«([^«»]{2,}?)»"),
    # (a straight opening closed by a curly mark, '"…,” said X. "…"', is the mixed kind below, not one span)
    re.compile(r'"((?:[^"“”]|“[^"“”]*”){2,}?)"'),
    re.compile(r'"([^"“”]{2,}?)”|“([^"“”]{2,}?)"'),  # mixed marks: "I prefer Kasich,” he said
    re.compile(r"(?<![\w])‘([^‘’]{12,}?)’(?![\w])"),
    re.compile(r"(?<![\w])'([^']{20,}?)'(?![\w])"),
]
_OPENERS = ("“", "«", '"', "„", "''")
# "PENCE: Well, look…", "Vladimir Putin: Good afternoon", "Лавров: Спасибо"
TURN = re.compile(r"^(?P<who>[^:.!?\"“”«»]{2,60}):\s+(?P<said>\S.*)$", re.DOTALL)
QUESTION_TURN = re.compile(r"^(?:Q|Question|QUESTION|Вопрос|ВОПРОС|В)\s*[:.]\s+", re.IGNORECASE)


def quote_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, inner text) of each closed quotation, outermost first wins."""
    spans: list[tuple[int, int, str]] = []
    for rx in _SPANS:
        for m in rx.finditer(text):
            if any(s <= m.start() < e or s < m.end() <= e for s, e, _ in spans):
                continue
            spans.append((m.start(), m.end(), (m.group(1) or m.group(m.lastindex)).strip()))
    # the end of a quotation opened in an earlier paragraph: a closing mark before any opening one
    for opener, closer in (("“", "”"), ("«", "»")):
        k = text.find(closer)
        head = text[:k]
        if (k > 0 and opener not in head and '"' not in head and not any(s <= k < e for s, e, _ in spans)
                and len(head.split()) >= 2 and not re.search(r"[.!?]\s+[A-ZА-ЯЁ]", head)):  # in the first sentence
            spans.append((0, k + 1, head.strip()))
    return sorted(spans)


def open_quote(text: str, spans: list[tuple[int, int, str]]) -> tuple[int, str] | None:
    """A quotation opened and not closed before the paragraph ends: (start, inner text). A paragraph
    that opens with a mark it never closes ('"The Department isn’t about “Equal Justice” anymore. …')
    is that quotation as a whole, the closed ones inside it included, when no verb of saying stands
    outside the marks ("“Apparently not,“ he said." is a mark misprinted, not a quotation left open)."""
    start = len(text) - len(text.lstrip())
    head = text[start:start + 1]
    if ((head == '"' and text.count('"') % 2 == 1) or (head == "“" and text.count("“") > text.count("”"))) and not any(
            s == start for s, _, _ in spans) and not speech_verb(text):
        inner = text[start + 1:].strip()
        if len(inner.split()) >= 3:
            return start, inner
    last_end = spans[-1][1] if spans else 0
    tail = text[last_end:]
    for opener, closer in (("''", "''"), ("“", "”"), ("«", "»"), ('"', '"')):
        k = tail.find(opener)
        if k >= 0 and closer not in tail[k + len(opener):]:
            inner = tail[k + len(opener):].strip()
            if len(inner.split()) >= 3:
                return last_end + k, inner
    return None


def starts_with_quote(text: str) -> bool:
    return text.lstrip().startswith(_OPENERS)


def is_quotation(text: str) -> bool:
    """Quoted speech rather than a quoted title, name or scare-quoted phrase."""
    words = re.findall(r"[^\W\d_][\w’'-]*", text)
    if len(words) < 4:
        return False
    capitalized = sum(1 for w in words if w[0].isupper())
    return capitalized / len(words) < 0.5


def inside(spans: list[tuple[int, int, str]], pos: int) -> bool:
    return any(s < pos < e for s, e, _ in spans)
