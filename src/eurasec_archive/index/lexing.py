"""Query text -> tokens: the syntax a person clearly means, and nothing else (the grammar
over these tokens is ``parsing``).

Tokens: ``WORD`` (a chunk of text up to a space, parenthesis or quote), ``PHRASE`` (text
between a matching pair of quotes, ``extra`` its slop), ``LP``/``RP`` (a matched pair of
parentheses; unmatched ones, and pairs nested deeper than ``MAX_DEPTH``, become spaces),
``OP`` (``AND``/``OR``/``NOT`` in capitals), ``MOD`` (``+``/``-`` at the start of a word, or
alone before ``(`` or ``"``), ``FIELD`` (``name:`` of a known field, the value its next token)
and ``RANGE`` (``field:[lo TO hi]``). A ``-`` inside a word is part of the word; any other
``word:`` is text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_DEPTH = 8  # nested parentheses deeper than this are read as plain grouping

FIELD_ALIASES = {
    "org": ["organization", "organisation", "orgs"], "speaker": ["speakers", "said"],
    "person": ["people", "persons"], "place": ["places"], "lang": ["language"],
    "outlet": ["source", "publisher"],
}
SEARCHABLE_FIELDS = ("title", "body", "speaker", "person", "org", "place", "outlet", "lang", "date")
FIELD_NAMES = {f: f for f in SEARCHABLE_FIELDS}
FIELD_NAMES.update({alias: f for f, aliases in FIELD_ALIASES.items() for alias in aliases})

QUOTES = str.maketrans({c: '"' for c in "“”„«»‟″"})  # typographic quotes are quotes
_FIELD = re.compile(r"^([A-Za-z_]+):(.*)$", re.S)
_RANGE = re.compile(r"([A-Za-z_]+):([\[{])\s*([^\]}\s]*)\s+TO\s+([^\]}\s]*)\s*([\]}])")
_SLOP = re.compile(r"~(\d{1,2})")
OPERATORS = ("AND", "OR", "NOT")


@dataclass
class Token:
    kind: str  # WORD PHRASE LP RP OP MOD FIELD RANGE
    value: object = None
    extra: object = None


def lex(text: str, notices: list[str]) -> list[Token]:
    """The tokens of ``text`` (quotes already made plain: ``QUOTES``); a liberty taken with
    unmatched quotes or parentheses is told in ``notices``."""
    quotes = [i for i, c in enumerate(text) if c == '"']
    if len(quotes) % 2:
        text = text[:quotes[-1]] + " " + text[quotes[-1] + 1:]
        notices.append('An unmatched " was read as a space.')
    text = balance_parens(text, notices)
    toks: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif c == '"':
            j = text.index('"', i + 1)
            slop = _SLOP.match(text, j + 1)
            toks.append(Token("PHRASE", text[i + 1:j], int(slop.group(1)) if slop else 1))
            i = slop.end() if slop else j + 1
        elif c in "()":
            toks.append(Token("LP" if c == "(" else "RP"))
            i += 1
        else:
            m = _RANGE.match(text, i)
            if m and m.group(1).lower() in FIELD_NAMES:
                toks.append(Token("RANGE", FIELD_NAMES[m.group(1).lower()], m.groups()[1:]))
                i = m.end()
                continue
            j = i
            while j < n and not text[j].isspace() and text[j] not in '()"':
                j += 1
            _chunk(text[i:j], text[j] if j < n else "", toks)
            i = j
    return toks


def balance_parens(text: str, notices: list[str]) -> str:
    """Unmatched parentheses, and pairs nested deeper than MAX_DEPTH, become spaces."""
    chars, stack, inside, deep, unbalanced = list(text), [], False, False, False
    for i, c in enumerate(chars):
        if c == '"':
            inside = not inside
        elif inside:
            continue
        elif c == "(":
            stack.append(i)
        elif c == ")":
            if stack:
                opened = stack.pop()
                if len(stack) >= MAX_DEPTH:
                    chars[opened] = chars[i] = " "
                    deep = True
            else:
                chars[i] = " "
                unbalanced = True
    for i in stack:
        chars[i] = " "
        unbalanced = True
    if unbalanced:
        notices.append("An unmatched parenthesis was read as a space.")
    if deep:
        notices.append(f"Parentheses nested deeper than {MAX_DEPTH} were read as spaces.")
    return "".join(chars)


def _chunk(chunk: str, following: str, toks: list[Token]) -> None:
    if chunk in OPERATORS:
        toks.append(Token("OP", chunk))
        return
    if chunk[0] in "+-":
        if len(chunk) == 1:
            if following in '("':
                toks.append(Token("MOD", chunk))
            return
        if chunk[1].isalnum() or chunk[1] in "_*":
            toks.append(Token("MOD", chunk[0]))
            chunk = chunk[1:]
    m = _FIELD.match(chunk)
    if m and m.group(1).lower() in FIELD_NAMES:
        name, rest = FIELD_NAMES[m.group(1).lower()], m.group(2)
        if rest:
            toks.append(Token("FIELD", name))
            toks.append(Token("WORD", rest))
            return
        if following in '("':
            toks.append(Token("FIELD", name))
            return
    toks.append(Token("WORD", chunk))
