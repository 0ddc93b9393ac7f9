"""Both engines make the same index terms of English text. The Whoosh schema stems English with
Snowball's English stemmer (Porter2); the OpenSearch index did with Lucene's Porter (Porter1),
which differs on words such as "news" (Porter: "new", the same term as "new"), "generalizations",
"dying", "transliterated". Feedback words, chosen from Whoosh's analysis of the item files, are
sent to OpenSearch as index terms: a word the two stemmers write differently found nothing there.
Russian (Snowball in both) was already equal: that test is a guard.
"""

from __future__ import annotations

from eurasec_archive.index.opensearch import OpenSearchIndex
from eurasec_archive.index.schema import make_schema

TEXT = ("The news agencies reported generalizations about dying languages and transliterated "
        "names, while hopeful readers of the ministries' securities were arguing happily.")


def test_english_text_gets_the_same_terms_from_both_engines(opensearch_cluster, tmp_path):
    index = OpenSearchIndex(opensearch_cluster.url, root=tmp_path).ensure()
    try:
        for field in ("body", "title"):
            answer = index.client.json("POST", f"/{index.name}/_analyze", {"field": field, "text": TEXT})
            in_opensearch = [t["token"] for t in answer["tokens"]]
            in_whoosh = [t.text for t in make_schema()[field].analyzer(TEXT)]
            assert in_opensearch == in_whoosh
            assert "news" in in_whoosh and "new" not in in_whoosh
    finally:
        index.drop()


def test_russian_text_gets_the_same_terms_from_both_engines(opensearch_cluster, tmp_path):
    text = ("Министры иностранных дел обсудили проект Евразийской хартии безопасности; "
            "переговоры продолжались более трёх часов, заявил журналистам Сергей Лавров.")
    index = OpenSearchIndex(opensearch_cluster.url, root=tmp_path).ensure()
    try:
        answer = index.client.json("POST", f"/{index.name}/_analyze", {"field": "body_ru", "text": text})
        assert [t["token"] for t in answer["tokens"]] == [t.text for t in make_schema()["body_ru"].analyzer(text)]
    finally:
        index.drop()


def test_a_word_whoosh_stems_is_found_in_opensearch_by_that_term(opensearch_cluster, tmp_path):
    index = OpenSearchIndex(opensearch_cluster.url, root=tmp_path).ensure()
    try:
        index.client.json("PUT", f"/{index.name}/_doc/n1?refresh=true",
                          {"id": "n1", "body": "Generalizations in the evening news."})
        for term in (t.text for t in make_schema()["body"].analyzer("generalizations news")):
            answer = index.client.json("POST", f"/{index.name}/_search",
                                       {"query": {"term": {"body": term}}, "size": 1})
            assert answer["hits"]["total"]["value"] == 1, term
    finally:
        index.drop()
