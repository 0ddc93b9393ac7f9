"""The OpenSearch index: settings (analyzers), mapping, and an Item -> document.

The analysis mirrors the Whoosh schema (``index/schema.py``) with OpenSearch's own parts:
``body`` and ``title`` fold case and accents, transliterate Cyrillic to Latin (a mapping char
filter built from the same table) and stem English (``porter_stem``); ``body_ru`` keeps Cyrillic
and stems Russian (the ``russian`` snowball stemmer); the name fields are folded and
transliterated, not stemmed; the facet values are ``keyword`` arrays, one per facet. The ranked
fields score with ``ranking``'s scripted similarity (the per-field part of the archive's BM25F).
"""

from __future__ import annotations

import os

from whoosh.lang import stopwords_for_language

from eurasec_archive.facets import FACETS
from eurasec_archive.index.opensearch.ranking import FORMAT, similarities, similarity_name
from eurasec_archive.index.schema import _CYR2LAT, TOKEN_PATTERN
from eurasec_archive.index.writing import item_document
from eurasec_archive.models import Item

NAME_FIELDS = ("speaker", "person", "org", "place", "outlet")
TEXT_FIELDS = ("title", "body", "body_ru", *NAME_FIELDS)
SHARDS = int(os.environ.get("EURASEC_OPENSEARCH_SHARDS", "1"))  # one shard: BM25 statistics exact
REPLICAS = int(os.environ.get("EURASEC_OPENSEARCH_REPLICAS", "1"))  # a node may be lost
# Snowball's English (Porter2), the Whoosh schema's stemmer: both engines make the same terms (feedback
# words go to OpenSearch as Whoosh's terms); Lucene's "english" is Porter1 ("news" -> "new")
ENGLISH_STEMMER = "porter2"
MAX_RESULT_WINDOW = 20_000  # a story-collapsed search reads its first 2,000 hits from any page


def _translit_mappings() -> list[str]:
    out = []
    for cyr, lat in _CYR2LAT.items():
        for c in {cyr, cyr.upper()}:
            # an empty replacement is not allowed: the hard and soft signs become a joiner
            # the tokenizer keeps inside the word, removed again by the pattern_replace filter
            out.append(f"{c} => {lat or '_'}")
    return out


def index_settings() -> dict:
    """The body of ``PUT /<index>``: settings and mappings."""
    analyzers = {
        "body": {"type": "custom", "char_filter": ["fold_punct", "translit"], "tokenizer": "words",
                 "filter": ["drop_joiner", "lowercase", "asciifolding", "compound", "english_stop",
                            "english_possessive", "english_stem"]},
        "body_ru": {"type": "custom", "char_filter": ["fold_punct", "yo"], "tokenizer": "words",
                    "filter": ["lowercase", "asciifolding", "compound", "russian_stop", "russian_stem"]},
        "names": {"type": "custom", "char_filter": ["fold_punct", "translit"], "tokenizer": "words",
                  "filter": ["drop_joiner", "lowercase", "asciifolding", "compound"]},
        "spell": {"type": "custom", "char_filter": ["fold_punct"], "tokenizer": "words", "filter": ["lowercase"]},
    }
    return {
        "settings": {
            "index": {"number_of_shards": SHARDS, "number_of_replicas": REPLICAS,
                      "max_result_window": MAX_RESULT_WINDOW,
                      "similarity": similarities()},
            "analysis": {
                "char_filter": {
                    "fold_punct": {"type": "mapping", "mappings": [
                        *(f"{c} => '" for c in "’‘ʼ`"), *(f"{c} => -" for c in "‐‑‒–—")]},
                    "translit": {"type": "mapping", "mappings": _translit_mappings()},
                    "yo": {"type": "mapping", "mappings": ["ё => е", "Ё => Е"]},  # as accent folding does
                },
                "tokenizer": {"words": {"type": "pattern", "pattern": TOKEN_PATTERN, "group": 0,
                                        "flags": "UNICODE_CHARACTER_CLASS"}},
                "filter": {
                    "drop_joiner": {"type": "pattern_replace", "pattern": "_", "replacement": ""},
                    # the Whoosh schema's stop-word lists, so both engines drop the same words
                    "english_stop": {"type": "stop", "stopwords": sorted(stopwords_for_language("en"))},
                    # as the Whoosh schema's CompoundFilter: shock-wave is indexed whole and as its
                    # parts (consecutive positions, the whole at the first); only hyphens split
                    "compound": {"type": "word_delimiter", "preserve_original": True,
                                 "split_on_case_change": False, "split_on_numerics": False,
                                 "stem_english_possessive": False, "generate_number_parts": True,
                                 "type_table": [". => ALPHA", "' => ALPHA", "_ => ALPHA"]},
                    "english_possessive": {"type": "stemmer", "language": "possessive_english"},
                    "russian_stop": {"type": "stop", "stopwords": sorted(stopwords_for_language("ru"))},
                    "english_stem": {"type": "stemmer", "language": ENGLISH_STEMMER},
                    "russian_stem": {"type": "stemmer", "language": "russian"},
                },
                "analyzer": analyzers,
            },
        },
        "mappings": {
            "dynamic": "strict",
            "_meta": {"ranking": FORMAT},
            "properties": {
                "id": {"type": "keyword"},
                "rev": {"type": "keyword", "index": False},
                "title": {"type": "text", "analyzer": "body", "similarity": similarity_name("title")},
                "body": {"type": "text", "analyzer": "body", "similarity": similarity_name("body")},
                "body_ru": {"type": "text", "analyzer": "body_ru",
                            "similarity": similarity_name("body_ru")},
                **{f: {"type": "text", "analyzer": "names"} for f in NAME_FIELDS},
                "lang": {"type": "keyword"},
                "date": {"type": "date", "format": "strict_date_optional_time"},
                "date_num": {"type": "integer"},
                "spell": {"type": "text", "analyzer": "spell"},
                **{f.field: {"type": "keyword"} for f in FACETS},
            },
        },
    }


def item_source(item: Item) -> dict:
    """The document OpenSearch holds for an item: the Whoosh document's fields, with facet
    values as arrays, the date as ISO text, and no empty fields (``field:*`` means "has one")."""
    doc = item_document(item)
    out = {}
    for key, value in doc.items():
        if key.startswith("f_"):
            out[key] = value.split("\t")
        elif key == "date":
            out[key] = value.date().isoformat()
        elif key == "date_num":
            if value:  # undated items have none: they sort last and fall outside date ranges
                out[key] = value
        elif value not in ("", None):
            out[key] = value
    return out
