"""Query text -> Whoosh query, tolerantly: every string is a valid query.

Syntax is recognized only where a person clearly means it; everything else is words:

- ``-word`` / ``+word`` (also before ``"…"`` or ``(…)``): excluded / required. A ``-`` inside
  a word (``shock-wave``) is part of the word.
- ``"…"`` with a matching closing quote: a phrase (``"…"~3``: within 3 positions). An
  unmatched quote is read as a space.
- ``(…)`` with a matching parenthesis, and ``AND`` / ``OR`` / ``NOT`` in capitals between
  operands; unmatched parentheses and misplaced operators are words (or ignored).
- ``field:value`` for the known fields (``title``, ``body``, ``speaker``, ``person``, ``org``,
  ``place``, ``outlet``, ``lang``, ``date`` and their aliases); ``field:*``: has that field;
  ``date:[2024 TO 2025-06]``, ``date:>2024``. Any other ``word:`` is text.
- ``*`` attached to a word: prefix (``secur*``) or wildcard (``*stan``); ``~`` / ``~2`` at the end
  of a word: fuzzy. ``?``, ``/``, ``:`` and other punctuation in text separate words.

The tokens are ``lexing``'s; this module is the grammar over them and the leaves. Plain words
are OR-ed (no bonus for matching more of them: measured to hurt); a word written
twice counts twice (its boost); each two adjacent plain words are also a phrase clause with a
small weight (``proximity``). A hyphenated word is searched as its parts, which the index
holds beside the whole compound (``schema.CompoundFilter``); excluded or required, as the
phrase of its parts. Text longer than the bounds is cut, with a notice;
text of common words only is "nothing searchable", with a notice (never an error).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from whoosh import query as wquery

from eurasec_archive.index import proximity
from eurasec_archive.index.internals import cap_expansions
from eurasec_archive.index.lexing import QUOTES, Token, lex
from eurasec_archive.index.schema import FOLD_MAP, HYPHENS, TOKEN_PATTERN, CompoundFilter, transliterate

MAX_QUERY_CHARS = 4000  # longer text is cut here (with a notice)
MAX_QUERY_WORDS = 200  # word clauses kept (with a notice)
MAX_MULTITERMS = 8  # prefix/wildcard/fuzzy clauses expanded; later ones are plain words
MAX_EXPANSION = 256  # index terms one prefix/wildcard/fuzzy clause may expand to
MAX_QUERY_EXPANSION = 1024  # index terms all of a query's expansions together may stand for
COORDINATION = 0.0  # Or(scale=…) bonus for more words matched: measured to hurt (bench/README)
DEFAULT_FIELDS = ("title", "body", "body_ru")

_WORD = re.compile(TOKEN_PATTERN)
_GTLT = re.compile(r"^(>=|<=|>|<)(.+)$")
_FUZZY = re.compile(r"^(\w[\w.'’-]*)~(\d?)$")
_COMPOUND = re.compile(r"^\w+(?:[-‐‑]\w+)+[.,;:!?]*$")  # a hyphenated word, nothing else


@dataclass
class Interpretation:
    """What the engine makes of a query text.

    :ivar query: a Whoosh query; ``Every()`` for an empty text; None if nothing is searchable
    :ivar notices: one sentence per liberty taken (cut, ignored syntax, nothing searchable)
    :ivar interpreted_as: the query as understood, in query syntax
    """

    query: object
    notices: list[str] = field(default_factory=list)
    interpreted_as: str = ""


class QueryParser:
    """Parses query texts against one schema (built once per index)."""

    def __init__(self, schema):
        self.schema = schema
        self._analyzers = {name: schema[name].analyzer for name in schema.names()
                           if hasattr(schema[name], "analyzer")}
        # an index written before compounds were indexed as parts holds them whole only:
        # its queries keep them whole until it is rebuilt (``eurasec-archive reindex``)
        body = self._analyzers.get("body")
        self.compounds = any(isinstance(f, CompoundFilter) for f in getattr(body, "items", ()))

    # ------------------------------------------------------------ entry point

    def interpret(self, text: str) -> Interpretation:
        notices: list[str] = []
        text = (text or "").replace("\x00", " ")
        if len(text) > MAX_QUERY_CHARS:
            cut = text.rfind(" ", 0, MAX_QUERY_CHARS)
            text = text[:cut if cut > MAX_QUERY_CHARS // 2 else MAX_QUERY_CHARS]
            notices.append(f"The query was cut to its first {len(text)} characters.")
        if not text.strip(" \t\r\n*"):
            return Interpretation(wquery.Every(), notices, "")
        state = _State(notices)
        tokens = lex(text.translate(QUOTES), notices)
        node, shown = self._group(tokens, 0, DEFAULT_FIELDS, state, 0)[:2]
        if state.cut_words:
            notices.append(f"Only the first {MAX_QUERY_WORDS} words were searched.")
        if state.plain_multiterms:
            notices.append(f"Only the first {MAX_MULTITERMS} words with * or ~ were expanded; "
                           f"{', '.join(state.plain_multiterms[:5])} searched as written.")
        if node is not None:
            for leaf in [node, *node.leaves()]:
                if isinstance(leaf, wquery.MultiTerm):  # even Whoosh's own expansion is capped
                    cap_expansions(leaf, MAX_EXPANSION)
        if node is None:
            dropped = ", ".join(dict.fromkeys(state.stopped))[:200]
            notices.append(f"Nothing to search for: only very common words ({dropped})."
                           if dropped else "Nothing to search for.")
        return Interpretation(node, notices, shown)

    # ------------------------------------------------------------ lexing

    # ------------------------------------------------------------ parsing

    def _group(self, toks, pos, fields, state, depth):
        """Clauses up to a closing parenthesis: -> (query or None, shown, next pos)."""
        should, must, must_not, shown = [], [], [], []
        runs, run = [], []  # sequences of plain words, for their adjacent pairs
        while pos < len(toks) and toks[pos].kind != "RP":
            mod, node, text, pos = self._or_chain(toks, pos, fields, state, depth)
            if text:
                shown.append((mod or "") + text)
            if mod is None and isinstance(node, list):
                run.extend(node)
            elif run:
                runs.append(run)
                run = []
            if node is None:
                continue
            {"+": must, "-": must_not}.get(mod, should).extend(node if isinstance(node, list) else [node])
        if run:
            runs.append(run)
        if should and proximity.WEIGHT:
            should.extend(proximity.adjacent_pairs(runs, DEFAULT_FIELDS))
        return self._combine(should, must, must_not), " ".join(shown), pos

    @staticmethod
    def _combine(should, must, must_not):
        merged: dict[str, object] = {}
        for q in should:  # a word written twice counts twice
            key = repr(q)
            if key in merged:
                merged[key].boost += 1.0
            else:
                merged[key] = q
        should = list(merged.values())
        optional = None
        if should:
            optional = should[0] if len(should) == 1 else wquery.Or(should, scale=COORDINATION)
        if must:
            required = must[0] if len(must) == 1 else wquery.And(must)
            positive = wquery.AndMaybe(required, optional) if optional is not None else required
        else:
            positive = optional
        if must_not:
            negative = must_not[0] if len(must_not) == 1 else wquery.Or(must_not)
            return wquery.AndNot(positive, negative) if positive is not None else wquery.Not(negative)
        return positive

    def _operand_at(self, toks, pos) -> bool:
        return pos < len(toks) and toks[pos].kind not in ("RP", "OP")

    def _or_chain(self, toks, pos, fields, state, depth):
        mod, node, text, pos = self._and_chain(toks, pos, fields, state, depth)
        parts, texts = [(mod, node)], [text]
        while pos < len(toks) and toks[pos].kind == "OP" and toks[pos].value == "OR" \
                and self._operand_at(toks, pos + 1):
            mod2, node2, text2, pos = self._and_chain(toks, pos + 1, fields, state, depth)
            parts.append((mod2, node2))
            texts.append(text2)
        if len(parts) == 1:
            return mod, node, text, pos
        subs = []
        for m, q in parts:
            for sub in q if isinstance(q, list) else ([q] if q is not None else []):
                subs.append(wquery.Not(sub) if m == "-" else sub)
        joined = " OR ".join(t for t in texts if t)
        return None, (wquery.Or(subs) if len(subs) > 1 else (subs[0] if subs else None)), joined, pos

    def _and_chain(self, toks, pos, fields, state, depth):
        mod, node, text, pos = self._unary(toks, pos, fields, state, depth)
        parts, texts = [(mod, node)], [text]
        while self._and_follows(toks, pos):
            mod2, node2, text2, pos = self._unary(toks, pos + 1, fields, state, depth)
            parts.append((mod2, node2))
            texts.append(text2)
        if len(parts) == 1:
            return mod, node, text, pos
        pos_parts, neg_parts = [], []
        for m, q in parts:
            if q is None:
                continue
            q = self._as_one(q)
            (neg_parts if m == "-" else pos_parts).append(q)
        joined = " AND ".join(("-" if m == "-" else "") + t for (m, _), t in zip(parts, texts, strict=True) if t)
        return None, self._combine([], pos_parts, neg_parts), joined, pos

    def _and_follows(self, toks, pos) -> bool:
        """``AND x`` or ``AND NOT x`` at ``pos``."""
        if not (pos < len(toks) and toks[pos].kind == "OP" and toks[pos].value == "AND"):
            return False
        nxt = pos + 1
        while nxt < len(toks) and toks[nxt].kind == "OP" and toks[nxt].value == "NOT":
            nxt += 1
        return self._operand_at(toks, nxt)

    @staticmethod
    def _as_one(q):
        if isinstance(q, list):
            return q[0] if len(q) == 1 else wquery.Or(q, scale=COORDINATION)
        return q

    def _unary(self, toks, pos, fields, state, depth):
        """[NOT…] [+|-] primary -> (modifier, query, shown, next pos); NOTs cancel in pairs."""
        nots = 0
        while toks[pos].kind == "OP" and toks[pos].value == "NOT" and pos + 1 < len(toks) \
                and toks[pos + 1].kind not in ("RP",) and not (
                    toks[pos + 1].kind == "OP" and toks[pos + 1].value != "NOT"):
            nots += 1
            pos += 1
        mod = None
        if toks[pos].kind == "MOD" and pos + 1 < len(toks) and toks[pos + 1].kind not in ("RP", "OP", "MOD"):
            mod = toks[pos].value
            pos += 1
        tok = toks[pos]
        if (mod or nots) and self.compounds and tok.kind == "WORD" and _COMPOUND.match(tok.value):
            # -shock-wave excludes the compound (its parts in a row), not every "shock"
            node, text, pos = self._phrase(tok.value, 1, fields, state), tok.value, pos + 1
        else:
            node, text, pos = self._primary(toks, pos, fields, state, depth)
        if mod == "+" and isinstance(node, list):
            node = node[0] if len(node) == 1 else wquery.And(node)
        if nots % 2:
            mod = "+" if mod == "-" else "-"
            node = self._as_one(node) if node is not None else None
            text = "NOT " + text if text else text
        return mod, node, text, pos

    def _primary(self, toks, pos, fields, state, depth):
        """-> (query, list of queries, or None; shown text; next pos)"""
        tok = toks[pos]
        if tok.kind == "LP":
            node, shown, end = self._group(toks, pos + 1, fields, state, depth + 1)
            end = end + 1 if end < len(toks) and toks[end].kind == "RP" else end
            return node, f"({shown})" if shown else "", end
        if tok.kind == "RP" or tok.kind == "MOD":
            return None, "", pos + 1
        if tok.kind == "OP":  # an operator with nothing to join: a word
            return self._words(tok.value, fields, state), tok.value, pos + 1
        if tok.kind == "FIELD":
            if pos + 1 >= len(toks) or toks[pos + 1].kind not in ("WORD", "PHRASE", "LP"):
                return None, "", pos + 1
            name = tok.value
            nxt = toks[pos + 1]
            if nxt.kind == "WORD" and nxt.value == "*":
                return wquery.Every(name), f"{name}:*", pos + 2
            if name == "date":
                return self._date(nxt, state), f"date:{nxt.value}", pos + 2
            sub_fields = ("body", "body_ru") if name == "body" else (name,)
            node, shown, end = self._primary(toks, pos + 1, sub_fields, state, depth)
            return node, f"{name}:{shown}", end
        if tok.kind == "RANGE":
            lo_open, lo, hi, hi_close = tok.extra
            return self._range(tok.value, lo, hi, lo_open == "{", hi_close == "}", state), \
                f"{tok.value}:{lo_open}{lo} TO {hi}{hi_close}", pos + 1
        if tok.kind == "PHRASE":
            return self._phrase(tok.value, tok.extra, fields, state), f'"{tok.value}"', pos + 1
        return self._words(tok.value, fields, state), tok.value, pos + 1

    # ------------------------------------------------------------ leaves

    def _analyse(self, fieldname: str, word: str) -> list[str]:
        an = self._analyzers.get(fieldname)
        if an is None:
            return [word.lower()]
        return [t.text for t in an(word, mode="query", removestops=True)]

    def _words(self, chunk: str, fields, state):
        """A chunk of text -> one query per word in it (stop-words dropped)."""
        if "lang" in fields:
            return wquery.Term("lang", chunk.lower().strip(".,;:!?"))
        multi = self._multiterm(chunk, fields, state)
        if multi is not None:
            return multi
        out = []
        for word in _WORD.findall(chunk):
            if state.words >= MAX_QUERY_WORDS:
                state.cut_words = True
                break
            ranked = [f for f in fields if f in DEFAULT_FIELDS]
            # a compound is searched as its parts in the ranked text (indexed whole and as
            # parts, so "shock-wave" and "shock wave" meet); a name field matches it whole
            for part in (HYPHENS.split(word) if ranked and self.compounds else [word]):
                leaves = []
                for f in fields:
                    terms = self._analyse(f, part)
                    leaves.extend(wquery.Term(f, t) for t in (terms[:1] if f not in DEFAULT_FIELDS else terms))
                if not leaves:
                    if part:
                        state.stopped.append(part.lower())
                    continue
                state.words += 1
                out.append(leaves[0] if len(leaves) == 1 else wquery.Or(leaves))
        if not out:
            return None
        return out

    def _multiterm(self, chunk: str, fields, state):
        core = chunk.strip(".,;:!?'\"")
        fuzzy = _FUZZY.match(core)
        wild = "*" in core and re.search(r"\w", core)
        if not fuzzy and not wild:
            return None
        if state.multiterms >= MAX_MULTITERMS:
            state.plain_multiterms.append(core)
            return None
        state.multiterms += 1
        leaves = []
        for f in fields:
            if fuzzy:
                word = self._fold(f, fuzzy.group(1))
                dist = min(int(fuzzy.group(2) or 1), 2)
                leaves.append(wquery.FuzzyTerm(f, word, maxdist=dist, prefixlength=1))
            else:
                pattern = re.sub(r"\*+", "*", self._fold(f, core.replace("?", "")))
                if pattern.endswith("*") and "*" not in pattern[:-1]:
                    leaves.append(wquery.Prefix(f, pattern[:-1]))
                else:
                    leaves.append(wquery.Wildcard(f, pattern))
        return leaves[0] if len(leaves) == 1 else wquery.Or(leaves)

    @staticmethod
    def _fold(fieldname: str, text: str) -> str:
        text = text.lower().translate(FOLD_MAP)
        return text if fieldname == "body_ru" else transliterate(text)

    def _phrase(self, text: str, slop: int, fields, state):
        leaves = []
        for f in fields:
            words = [t for w in _WORD.findall(text)
                     for part in (self._phrase_words(w) if self.compounds else [w])
                     for t in self._analyse(f, part)]
            if len(words) == 1:
                leaves.append(wquery.Term(f, words[0]))
            elif words:
                leaves.append(wquery.Phrase(f, words, slop=max(1, slop)))
        if not leaves:
            state.stopped.extend(w.lower() for w in _WORD.findall(text))
            return None
        state.words += 1
        return leaves[0] if len(leaves) == 1 else wquery.Or(leaves)

    @staticmethod
    def _phrase_words(word: str) -> list[str]:
        # a compound's parts are indexed at consecutive positions (in every text field)
        return [p for p in HYPHENS.split(word) if p]

    def _date(self, tok: Token, state):
        value = str(tok.value)
        m = _GTLT.match(value)
        try:
            if m:
                op, bound = m.groups()
                lo, hi = (bound, None) if op.startswith(">") else (None, bound)
                return self.schema["date"].parse_range("date", lo, hi, op == ">", op == "<")
            return self.schema["date"].parse_query("date", value)
        except Exception:  # noqa: BLE001 - an unreadable date is a notice, not an error
            state.notices.append(f"{value!r} is not a date this archive can read (YYYY, YYYY-MM "
                                 "or YYYY-MM-DD); it was ignored.")
            return None

    def _range(self, name: str, lo: str, hi: str, lo_excl: bool, hi_excl: bool, state):
        if name != "date":
            return self._words(f"{lo} {hi}", (name,), state)
        try:
            return self.schema["date"].parse_range("date", lo or None, hi or None, lo_excl, hi_excl)
        except Exception:  # noqa: BLE001 - an unreadable date is a notice, not an error
            state.notices.append(f"[{lo} TO {hi}] is not a date range this archive can read; "
                                 "it was ignored.")
            return None


class _State:
    def __init__(self, notices: list[str]):
        self.notices = notices
        self.words = 0
        self.multiterms = 0
        self.cut_words = False
        self.stopped: list[str] = []
        self.plain_multiterms: list[str] = []
