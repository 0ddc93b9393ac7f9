"""The ONLY module that imports whoosh: schema, analyzers, writer, searcher pool, and the
raw search (match set, facet counts over doc-number arrays, scored top-N, highlight spans).

Analyzers: ``body`` folds case and accents, transliterates Cyrillic to Latin (so Лавров finds
Lavrov and back) and stems English; ``body_ru`` keeps Cyrillic and stems Russian. Queries run
on both, so each language gets its stemmer. Facet values are indexed verbatim in ``f_*``
keyword fields and counted with numpy over postings, never by grouped queries.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import shutil
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np
from whoosh import collectors, index as windex, qparser, query as wquery
from whoosh.analysis import (
    CharsetFilter, Filter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter,
)
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, TEXT, Schema
from whoosh.index import LockError
from whoosh.searching import TimeLimit
from whoosh.support.charset import accent_map

from eurasec_archive.archive import dump_json
from eurasec_archive.errors import BadQuery, StorageError
from eurasec_archive.facets import FACETS, facet_values
from eurasec_archive.models import Item

INDEX_NAME = "items"
SEARCH_TIME_LIMIT = 2.0  # seconds; a slower query returns partial results, flagged
MAX_EXPANSION = 256  # terms a prefix/wildcard/fuzzy query may expand to

_CYR2LAT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i", "ў": "u",
    "ї": "yi", "є": "ye", "ґ": "g",
}
_TRANSLIT = str.maketrans(_CYR2LAT)
# accents folded, and typographic apostrophes/dashes made plain so "Russia’s" meets "Russia's"
FOLD_MAP = dict(accent_map)
FOLD_MAP.update({ord(c): "'" for c in "’‘ʼ`"})
FOLD_MAP.update({ord(c): "-" for c in "‐‑‒–—"})


def transliterate(text: str) -> str:
    """Cyrillic -> Latin (BGN-like, simplified so that common name spellings meet)."""
    return text.translate(_TRANSLIT)


class TransliterateFilter(Filter):
    """Rewrites Cyrillic tokens in Latin letters."""

    def __call__(self, tokens):
        for t in tokens:
            t.text = t.text.translate(_TRANSLIT)
            yield t


_CYRILLIC = re.compile("[\u0400-\u04ff]")
_WORDS = re.compile(r"\w+(?:[.'’-]\w+)*")


def _tokenizer():
    return RegexTokenizer(r"\w+(?:[.'’ʼ‐‑-]\w+)*")


def body_analyzer():
    return (_tokenizer() | LowercaseFilter() | TransliterateFilter() | CharsetFilter(FOLD_MAP)
            | StopFilter(lang="en", minsize=1) | StemFilter(lang="en", cachesize=50000))


def russian_analyzer():
    return (_tokenizer() | LowercaseFilter() | CharsetFilter(FOLD_MAP)
            | StopFilter(lang="ru", minsize=1) | StemFilter(lang="ru", cachesize=50000))


def names_analyzer():
    return _tokenizer() | LowercaseFilter() | TransliterateFilter() | CharsetFilter(FOLD_MAP)


def facet_analyzer():
    # facet values are indexed verbatim, one token per value, separated by tabs
    return RegexTokenizer(r"[^\t]+")


def make_schema() -> Schema:
    fields = dict(
        id=ID(stored=True, unique=True),
        rev=ID(stored=True),
        title=TEXT(analyzer=body_analyzer(), field_boost=3.0, multitoken_query="or"),
        body=TEXT(analyzer=body_analyzer(), multitoken_query="or"),
        body_ru=TEXT(analyzer=russian_analyzer(), multitoken_query="or"),
        speaker=TEXT(analyzer=names_analyzer(), phrase=True),
        person=TEXT(analyzer=names_analyzer(), phrase=True),
        org=TEXT(analyzer=names_analyzer(), phrase=True),
        place=TEXT(analyzer=names_analyzer(), phrase=True),
        outlet=TEXT(analyzer=names_analyzer(), phrase=True),
        lang=ID,
        date=DATETIME,
        date_num=NUMERIC(sortable=True, bits=32),
        spell=TEXT(analyzer=_tokenizer() | LowercaseFilter(), phrase=False),
    )
    for f in FACETS:
        fields[f.field] = KEYWORD(analyzer=facet_analyzer(), scorable=False)
    return Schema(**fields)


def item_rev(item: Item) -> str:
    """A digest of an item's stored form: the index entry is current iff the revs agree."""
    return hashlib.sha256(dump_json(item.to_json())).hexdigest()[:16]


def date_number(date: str | None) -> int:
    """'2025-06-09' -> 20250609, '2025-06' -> 20250600, '2025' -> 20250000, None -> 0"""
    if not date:
        return 0
    parts = [int(x) for x in date.split("-")] + [0, 0]
    return parts[0] * 10000 + parts[1] * 100 + parts[2]


def item_document(item: Item) -> dict:
    body_parts = [p.text for p in item.paragraphs]
    body = "\n".join(body_parts)
    doc = dict(
        id=item.id,
        rev=item_rev(item),
        title=item.title,
        body=body,
        speaker="\n".join(s.name for s in item.speakers),
        person="\n".join(item.people),
        org="\n".join(f"{o.name} {o.acronym or ''}" for o in item.organizations),
        place="\n".join(item.places),
        outlet=item.outlet or "",
        lang=item.language,
        date_num=date_number(item.date),
        # the spelling dictionary needs each word once, not every occurrence
        spell=" ".join(dict.fromkeys(_WORDS.findall(f"{item.title}\n{body}".lower()))),
    )
    if item.language in ("ru", "be", "uk") or _CYRILLIC.search(body, 0, 5000):
        doc["body_ru"] = f"{item.title}\n{body}"
    if item.date:
        parts = [int(x) for x in item.date.split("-")]
        doc["date"] = datetime(parts[0], *(parts[1:] + [1, 1])[:2])
    for f in FACETS:
        values = facet_values(f, item)
        if values:
            doc[f.field] = "\t".join(v.replace("\t", " ") for v in values)
    return doc


# ---------------------------------------------------------------------------- facet arrays


@dataclass
class FacetTable:
    """For one index generation: per facet, (doc array, value-number array, values)."""

    doc_count: int
    live: np.ndarray
    dates: np.ndarray
    pairs: dict[str, tuple[np.ndarray, np.ndarray, list[str]]] = field(default_factory=dict)

    def value_mask(self, facet: str, values: list[str]) -> np.ndarray:
        docs, terms, names = self.pairs[facet]
        wanted = np.array([i for i, v in enumerate(names) if v in set(values)], dtype=np.int32)
        mask = np.zeros(self.doc_count, dtype=bool)
        if len(wanted):
            mask[docs[np.isin(terms, wanted)]] = True
        return mask

    def counts(self, facet: str, mask: np.ndarray) -> list[tuple[str, int]]:
        docs, terms, names = self.pairs[facet]
        if not len(docs):
            return []
        c = np.bincount(terms[mask[docs]], minlength=len(names))
        nz = np.nonzero(c)[0]
        return [(names[i], int(c[i])) for i in nz]


def _build_facet_table(reader) -> FacetTable:
    n = reader.doc_count_all()
    live = np.zeros(n, dtype=bool)
    live[list(reader.all_doc_ids())] = True
    dates = np.zeros(n, dtype=np.int64)
    if n and reader.has_column("date_num"):
        col = reader.column_reader("date_num")
        dates = np.fromiter((col[i] for i in range(n)), dtype=np.int64, count=n)
    table = FacetTable(doc_count=n, live=live, dates=dates)
    for f in FACETS:
        docs, terms, names = [], [], []
        if f.field in reader.schema:
            for value in reader.lexicon(f.field):
                value = value.decode("utf-8") if isinstance(value, bytes) else value
                ids = list(reader.postings(f.field, value).all_ids())
                docs.extend(ids)
                terms.extend([len(names)] * len(ids))
                names.append(value)
        table.pairs[f.name] = (np.array(docs, dtype=np.int64), np.array(terms, dtype=np.int32), names)
    return table


# ---------------------------------------------------------------------------- search


@dataclass
class RawHit:
    id: str
    score: float | None
    docnum: int


@dataclass
class RawResults:
    total: int
    hits: list[RawHit]
    facets: dict[str, list[tuple[str, int]]]
    timeline: list[tuple[str, int]]
    terms: set[tuple[str, str]]
    timed_out: bool = False
    suggestions: list[str] = field(default_factory=list)


class ArchiveIndex:
    """The Whoosh index of an archive. One per process; searchers are kept per thread and
    refreshed when the index changes (never opened per request)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._local = threading.local()
        self._tables: dict[int, tuple[object, FacetTable]] = {}
        self._tables_lock = threading.Lock()
        self._ix = None

    # ------------------------------------------------------------ lifecycle

    def exists(self) -> bool:
        return self.path.is_dir() and windex.exists_in(str(self.path), indexname=INDEX_NAME)

    def ensure(self) -> ArchiveIndex:
        try:
            if not self.exists():
                self.path.mkdir(parents=True, exist_ok=True)
                self._ix = windex.create_in(str(self.path), make_schema(), indexname=INDEX_NAME)
        except OSError as e:
            raise StorageError(f"cannot create index in {self.path}: {e.strerror or e}") from e
        return self

    def check(self) -> str | None:
        """None if the index opens and reads; otherwise what is wrong with it."""
        if not self.exists():
            return "index missing"
        try:
            ix = windex.open_dir(str(self.path), indexname=INDEX_NAME)
            with ix.searcher() as s:
                s.doc_count()
                list(s.lexicon("id"))[:1]
        except Exception as e:  # noqa: BLE001 - any failure to read means: rebuild
            return f"index unreadable ({type(e).__name__}: {e})"
        return None

    @property
    def ix(self):
        if self._ix is None:
            self.ensure()
            self._ix = windex.open_dir(str(self.path), indexname=INDEX_NAME)
        return self._ix

    def _writer(self):
        deadline = time.monotonic() + 60
        while True:
            try:
                return self.ix.writer()
            except LockError:
                if time.monotonic() > deadline:
                    raise StorageError(f"index {self.path} is locked by another writer") from None
                time.sleep(0.2)

    def add_items(self, items: list[Item]) -> None:
        """Add or replace the index entries of ``items`` (one commit)."""
        if not items:
            return
        w = self._writer()
        try:
            for item in items:
                w.update_document(**item_document(item))
        except BaseException:
            w.cancel()
            raise
        w.commit(merge=True)

    def delete(self, item_id: str) -> None:
        w = self._writer()
        w.delete_by_term("id", item_id)
        w.commit()

    def rebuild(self, items) -> int:
        """Build a fresh index from ``items`` beside the old one, then swap it in."""
        tmp = self.path.with_name(self.path.name + ".new")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        ix = windex.create_in(str(tmp), make_schema(), indexname=INDEX_NAME)
        w = ix.writer()
        n = 0
        for item in items:
            w.add_document(**item_document(item))
            n += 1
        w.commit(optimize=True)
        old = self.path.with_name(self.path.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if self.path.exists():
            self.path.rename(old)
        tmp.rename(self.path)
        shutil.rmtree(old, ignore_errors=True)
        self._ix = None
        self._local = threading.local()
        return n

    def entries(self) -> dict[str, str]:
        """item id -> rev for every live document in the index."""
        with self.ix.searcher() as s:
            return {f["id"]: f.get("rev", "") for f in s.all_stored_fields()}

    def pending(self, archive) -> list[Item]:
        """Items stored in the archive whose index entry is missing or stale."""
        entries = self.entries() if self.exists() else {}
        out = []
        for item in archive.items():
            if entries.get(item.id) != item_rev(item):
                out.append(item)
        return out

    # ------------------------------------------------------------ searching

    def searcher(self):
        s = getattr(self._local, "searcher", None)
        if s is None:
            s = self.ix.searcher()
        elif not s.up_to_date():
            s = s.refresh()
        self._local.searcher = s
        return s

    def facet_table(self, searcher) -> FacetTable:
        reader = searcher.reader()
        key = id(reader)
        with self._tables_lock:
            # the cache holds the reader itself, so its id cannot be reused by a newer one
            cached = self._tables.get(key)
            if cached is None or cached[0] is not reader:
                cached = (reader, _build_facet_table(reader))
                if len(self._tables) > 4:
                    self._tables.clear()
                self._tables[key] = cached
        return cached[1]

    def parser(self):
        schema = self.ix.schema
        p = qparser.MultifieldParser(["title", "body", "body_ru"], schema,
                                     group=qparser.OrGroup.factory(0.9))
        p.add_plugin(qparser.FuzzyTermPlugin())
        p.add_plugin(qparser.GtLtPlugin())
        p.add_plugin(qparser.FieldAliasPlugin({
            "org": ["organization", "organisation", "orgs"], "speaker": ["speakers", "said"],
            "person": ["people", "persons"], "place": ["places"], "lang": ["language"],
            "outlet": ["source", "publisher"],
        }))
        p.add_plugin(qparser.PlusMinusPlugin())
        return p

    def parse(self, text: str):
        """Query text -> whoosh query; an empty text means every document."""
        if not text.strip(" \t\n*"):
            return wquery.Every()  # "*" alone means every document, without a field scan
        try:
            q = self.parser().parse(text)
        except Exception as e:  # noqa: BLE001 - the parser can raise on odd input
            raise BadQuery(f"could not understand the query ({e})") from e
        if q is wquery.NullQuery or isinstance(q, type(wquery.NullQuery)):
            raise BadQuery("the query has no searchable words")
        return _bound_expansions(_lift_negations(q))

    def search(self, q, filters: dict[str, list[str]], date_from: int | None, date_to: int | None,
               sort: str, offset: int, limit: int, facet_limit: int = 30) -> RawResults:
        s = self.searcher()
        table = self.facet_table(s)
        timed_out = False
        every = isinstance(q, wquery.Every)

        base = table.live.copy()
        if not every:
            matched = np.zeros(table.doc_count, dtype=bool)
            coll = collectors.TimeLimitCollector(
                s.collector(limit=None, scored=False), timelimit=SEARCH_TIME_LIMIT)
            try:
                s.search_with_collector(q, coll)
            except TimeLimit:
                timed_out = True
            ids = list(coll.results().docs())
            if ids:
                matched[np.array(ids, dtype=np.int64)] = True
            base &= matched
        if date_from is not None:
            base &= table.dates >= date_from
        if date_to is not None:
            base &= (table.dates <= date_to) & (table.dates > 0)

        selected = {k: v for k, v in filters.items() if v}
        masks = {k: table.value_mask(k, v) for k, v in selected.items()}
        final = base.copy()
        for m in masks.values():
            final &= m
        facets = {}
        for f in FACETS:
            m = base.copy()
            for k, other in masks.items():
                if k != f.name:
                    m &= other
            counts = table.counts(f.name, m)
            counts.sort(key=lambda vc: (-vc[1], vc[0]))
            keep = counts[:facet_limit]
            chosen = set(selected.get(f.name, []))
            keep += [vc for vc in counts[facet_limit:] if vc[0] in chosen]
            keep += [(v, 0) for v in chosen if v not in {c[0] for c in counts}]
            facets[f.name] = keep

        months = table.dates[final & (table.dates > 0)] // 100
        uniq, cnt = np.unique(months, return_counts=True)
        timeline = [(f"{m // 100:04d}-{m % 100:02d}" if m % 100 else f"{m // 100:04d}", int(c))
                    for m, c in zip(uniq, cnt)]

        total = int(final.sum())
        hits: list[RawHit] = []
        if sort == "relevance" and not every:
            filt = None if final.sum() == base.sum() and masks == {} and date_from is None \
                and date_to is None else set(np.nonzero(final)[0].tolist())
            coll = collectors.TimeLimitCollector(
                s.collector(limit=offset + limit, filter=filt), timelimit=SEARCH_TIME_LIMIT)
            try:
                s.search_with_collector(q, coll)
            except TimeLimit:
                timed_out = True
            results = coll.results()
            for sr in results[offset:offset + limit]:
                hits.append(RawHit(id=sr["id"], score=round(float(sr.score), 4), docnum=sr.docnum))
        else:
            docnums = np.nonzero(final)[0]
            keys = table.dates[docnums]
            if sort == "oldest":
                order = np.lexsort((docnums, np.where(keys > 0, keys, 10**9)))
            else:
                order = np.lexsort((docnums, -keys))
            for d in docnums[order][offset:offset + limit]:
                hits.append(RawHit(id=s.stored_fields(int(d))["id"], score=None, docnum=int(d)))

        terms = set()
        if not every:
            try:
                terms = set(q.existing_terms(s.reader(), phrases=True, expand=True))
            except Exception:  # noqa: BLE001 - highlighting is best effort
                terms = set()
        return RawResults(total=total, hits=hits, facets=facets, timeline=timeline,
                          terms=terms, timed_out=timed_out)

    def suggest(self, text: str, limit: int = 3) -> list[str]:
        """'Did you mean' corrections for a query, from the archive's own words."""
        s = self.searcher()
        corrector = s.corrector("spell")
        words = [w for w in text.lower().split() if w.isalpha() and len(w) > 2]
        out = []
        fixed = []
        changed = False
        for w in words[:8]:
            cands = corrector.suggest(w, limit=8, maxdist=2) if not s.doc_frequency("spell", w) else []
            if cands:
                # the nearest spelling first, then the most common word
                best = min(cands, key=lambda c: (_edit_distance(w, c), -s.doc_frequency("spell", c)))
                fixed.append(best)
                changed = True
            else:
                fixed.append(w)
        if changed:
            out.append(" ".join(fixed))
        return out[:limit]

    # ------------------------------------------------------------ highlighting support

    def query_terms(self, text: str) -> set[tuple[str, str]]:
        """The index terms a query text matches (for highlighting it in an item page)."""
        q = self.parse(text)
        if isinstance(q, wquery.Every):
            return set()
        try:
            return set(q.existing_terms(self.searcher().reader(), phrases=True, expand=True))
        except Exception:  # noqa: BLE001 - highlighting is best effort
            return set()

    def match_spans(self, text: str, terms: set[tuple[str, str]], language: str) -> list[tuple[int, int]]:
        """Character spans of the tokens of ``text`` that match the query's terms."""
        wanted: dict[str, set[str]] = {}
        for fname, t in terms:
            t = t.decode("utf-8") if isinstance(t, bytes) else t
            wanted.setdefault(fname, set()).add(t)
        latin = wanted.get("body", set()) | wanted.get("title", set())
        russian = wanted.get("body_ru", set())
        if russian and not (language in ("ru", "be", "uk") or _CYRILLIC.search(text, 0, 2000)):
            russian = set()
        if not latin and not russian:
            return []
        spans = []
        for m in _WORDS.finditer(text):
            word = m.group()
            if (latin and _TERMS.body(word) in latin) or (russian and _TERMS.russian(word) in russian):
                spans.append(m.span())
        return spans


class _TermMemo:
    """word -> index term, memoized: highlighting analyses each distinct word once, not
    every occurrence (the vocabulary is Zipfian, so the memo answers nearly every token)."""

    MAX_WORDS = 200_000

    def __init__(self):
        self._body: dict[str, str | None] = {}
        self._ru: dict[str, str | None] = {}
        self._body_an = body_analyzer()
        self._ru_an = russian_analyzer()

    def _term(self, memo, analyzer, word):
        term = memo.get(word, "")
        if term == "":
            if len(memo) > self.MAX_WORDS:
                memo.clear()
            # the same analyzer the index uses, so a highlighted word is a matching word
            toks = [t.text for t in analyzer(word, removestops=True)]
            term = memo[word] = toks[0] if len(toks) == 1 else None
        return term

    def body(self, word: str) -> str | None:
        return self._term(self._body, self._body_an, word)

    def russian(self, word: str) -> str | None:
        return self._term(self._ru, self._ru_an, word)


_TERMS = _TermMemo()


def _edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _lift_negations(q):
    """``a NOT b`` under the OR grouping parses as ``a OR (NOT b)``, which matches nearly
    everything; rewrite every such OR as ``(a) ANDNOT (b)``."""
    if isinstance(q, wquery.compound.CompoundQuery):
        q.subqueries = [_lift_negations(sub) for sub in q.subqueries]
        if isinstance(q, wquery.Or):
            negs = [sub.query for sub in q.subqueries if isinstance(sub, wquery.Not)]
            pos = [sub for sub in q.subqueries if not isinstance(sub, wquery.Not)]
            if negs and pos:
                positive = pos[0] if len(pos) == 1 else q.__class__(pos, boost=q.boost,
                                                                    scale=getattr(q, "scale", None))
                negative = negs[0] if len(negs) == 1 else wquery.Or(negs)
                return wquery.AndNot(positive, negative)
    elif isinstance(q, wquery.Not):
        q.query = _lift_negations(q.query)
    return q


def _capped(btexts):
    def capped(reader):
        return itertools.islice(btexts(reader), MAX_EXPANSION)
    return capped


def _bound_expansions(q):
    """Cap how many index terms prefix/wildcard/fuzzy queries may expand to."""
    for sub in [q, *q.leaves()]:
        if isinstance(sub, wquery.MultiTerm):
            sub._btexts = _capped(sub._btexts)
    if isinstance(q, wquery.Wildcard) and str(q.text).lstrip("*?") == "":
        raise BadQuery("a wildcard needs at least one letter before * or ?")
    return q
