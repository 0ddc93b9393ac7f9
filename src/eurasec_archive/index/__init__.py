"""The search engine: the ONLY package that imports whoosh. One job per module, as Whoosh
lays itself out:

- ``schema``: analyzers (case/accent folding, Cyrillic transliteration, stemmers) and fields
- ``writing``: Item -> indexed document; add, delete, rebuild
- ``pool``: the searcher pool (one searcher per request thread, refreshed, reused)
- ``tables``: per-segment doc-number arrays (dates, lengths, facets) joined per generation
- ``lexing``: query text -> tokens; ``parsing``: tokens -> Whoosh query; ``proximity``:
  adjacent query words as phrases
- ``scoring``: BM25F over title and body (Lucene idf, field weights)
- ``evaluator``: a query -> match mask and scores over whole posting arrays (its docstring
  lists the query types and the scoring rules)
- ``feedback``: pseudo-relevance feedback (RM3) for queries of several words
- ``searching``: one raw search (filters, facet counts, timeline, a page of hits)
- ``deadline``: ``RequestDeadline``, the one time budget every part of a request shares
- ``highlight``: which words of a text match a query's terms; ``spelling``: suggestions
- ``internals``: every access to Whoosh's private structures
- ``archive_index``: ``ArchiveIndex``, the interface the rest of the project uses
- ``engine``: that interface as a protocol (``SearchEngine``) and the choice of engine by
  configuration (``open_engine``); ``opensearch/``: the same interface over an OpenSearch cluster
"""

from eurasec_archive.index.archive_index import SEARCH_TIME_LIMIT, ArchiveIndex
from eurasec_archive.index.deadline import RequestDeadline
from eurasec_archive.index.engine import SearchEngine, open_engine
from eurasec_archive.index.evaluator import Evaluator
from eurasec_archive.index.highlight import query_terms_in, word_spans
from eurasec_archive.index.parsing import MAX_EXPANSION
from eurasec_archive.index.pool import SEARCHER_POOL_SIZE
from eurasec_archive.index.schema import INDEX_NAME, TransliterateFilter, make_schema, transliterate
from eurasec_archive.index.searching import RawHit, RawResults
from eurasec_archive.index.writing import date_number, item_document, item_rev

_Evaluator = Evaluator  # the name the tests knew it by
# indexes written before the package split pickled their schema with this path

__all__ = [
    "INDEX_NAME", "MAX_EXPANSION", "SEARCHER_POOL_SIZE", "SEARCH_TIME_LIMIT", "ArchiveIndex", "SearchEngine",
    "open_engine",
    "Evaluator", "RawHit", "RawResults", "RequestDeadline", "date_number", "item_document", "item_rev",
    "TransliterateFilter", "make_schema", "query_terms_in", "transliterate", "word_spans",
]
