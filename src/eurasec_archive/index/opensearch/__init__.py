"""The OpenSearch engine: the same interface as ``ArchiveIndex`` over a cluster.

- ``client``: HTTP(S) to any node of the cluster, with failover, bounded retries, basic auth
- ``mapping``: analyzers (English, Russian, transliterated names), fields, Item -> document
- ``ranking``: the archive's BM25F (scripted similarity, script_score, counted idf)
- ``query``: the tolerant query language -> the query DSL
- ``request``: one search (filters, facets, timeline, sort, highlights) as a request body
- ``engine``: ``OpenSearchIndex``
"""

from eurasec_archive.index.opensearch.client import OpenSearchClient, OpenSearchError, split_url
from eurasec_archive.index.opensearch.engine import OpenSearchIndex, default_index_name

__all__ = ["OpenSearchClient", "OpenSearchError", "OpenSearchIndex", "default_index_name", "split_url"]
