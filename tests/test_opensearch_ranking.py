"""The OpenSearch engine ranks as the embedded one, keeps the request's time limit, and speaks
TLS with basic authentication to a secured cluster.

The ranking test writes a corpus of short English fields (every word kept by the analysis,
no field longer than 10 words, so both engines store the lengths exactly) and computes the
archive's BM25F (``index/scoring.py``'s formula: title weight 2, one saturation over title and
body, Lucene's idf, the adjacent-pair phrase at weight 0.2) by hand from the words; both engines
must give those scores. The deadline and TLS tests put a real proxy (a slow link; a TLS endpoint
that asks for a password) between the archive and the real three-node cluster.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import http.client
import ipaddress
import math
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from eurasec_archive.archive import Archive
from eurasec_archive.errors import StorageError
from eurasec_archive.models import Item, Paragraph, Source
from eurasec_archive.search import SearchRequest, run_search

ENGINES = ["whoosh", "opensearch"]
K1, B, TITLE_WEIGHT, PAIR_WEIGHT = 1.2, 0.75, 2.0, 0.2
DOCS = {  # id: (title, body); words chosen so that stemming leaves each one itself and distinct
    "a": ("pipeline treaty", "pipeline gas border"),
    "b": ("summit grain", "pipeline pipeline pipeline corridor tariff grain"),
    "c": ("pipeline", "summit corridor border tariff"),
    "d": ("grain corridor summit", "treaty border tariff grain summit corridor pipeline"),
    "e": ("tariff border", "grain summit corridor"),
}


def make_item(item_id: str, title: str, body: str) -> Item:
    digest = hashlib.sha256(item_id.encode()).hexdigest()
    return Item(id=item_id, title=title, language="en", date=None, outlet=None,
                paragraphs=[Paragraph(id="p1", kind="paragraph", text=body)],
                source=Source(filename=f"{item_id}.txt", sha256=digest, media_type="text/plain",
                              imported_at="2026-01-01T00:00:00Z"))


def build(root, engine: str, url: str | None, time_limit: float | None = None) -> Archive:
    archive = Archive(root, search_time_limit=time_limit, engine=engine, opensearch_url=url).ensure()
    items = [make_item(i, t, b) for i, (t, b) in DOCS.items()]
    for item in items:
        archive.keep_original(item.source.sha256, item.id.encode())
        archive.put(item)
    archive.create_index().add_items(items)
    return archive


@pytest.fixture(params=ENGINES)
def ranked_archive(request, tmp_path):
    url = request.getfixturevalue("opensearch_cluster").url if request.param == "opensearch" else None
    archive = build(tmp_path / "archive", request.param, url)
    yield archive
    if request.param == "opensearch":
        archive.index.drop()


def expected_scores(query_words: list[str], field: str | None = None) -> dict[str, float]:
    """The archive's BM25F of each document, from ``DOCS`` alone."""
    fields = {"title": {d: t.split() for d, (t, _) in DOCS.items()},
              "body": {d: b.split() for d, (_, b) in DOCS.items()}}
    if field:
        fields = {field: fields[field]}
    avg = {f: sum(map(len, docs.values())) / len(docs) for f, docs in fields.items()}
    weight = {"title": TITLE_WEIGHT, "body": 1.0}

    def freq(words, unit):  # occurrences of the word, or of the words side by side
        n = len(unit)
        return sum(words[i:i + n] == unit for i in range(len(words) - n + 1))

    units = [([w], 1.0) for w in query_words]
    if field is None:
        units += [(list(pair), PAIR_WEIGHT) for pair in zip(query_words, query_words[1:], strict=False)]
    scores = dict.fromkeys(DOCS, 0.0)
    for unit, boost in units:
        tf = {d: sum(weight[f] * freq(docs[d], unit) / (1 - B + B * len(docs[d]) / avg[f])
                     for f, docs in fields.items()) for d in DOCS}
        df = sum(1 for d in DOCS if tf[d] > 0)
        if not df:
            continue
        idf = math.log(1 + (len(DOCS) - df + 0.5) / (df + 0.5))
        for d in DOCS:
            if tf[d]:
                scores[d] += boost * idf * tf[d] * (K1 + 1) / (K1 + tf[d])
    return {d: s for d, s in scores.items() if s > 0}


def scores_of(archive, q: str) -> dict[str, float]:
    res = run_search(archive, archive.index, SearchRequest.from_params({"q": [q], "per_page": ["20"]}))
    return {h["id"]: h["score"] for h in res["hits"]}


@pytest.mark.parametrize("q, words, field", [
    ("pipeline treaty", ["pipeline", "treaty"], None),
    ("grain summit corridor", ["grain", "summit", "corridor"], None),
    ("title:pipeline", ["pipeline"], "title"),
])
def test_both_engines_score_the_archive_bm25f(ranked_archive, q, words, field):
    want = expected_scores(words, field)
    got = scores_of(ranked_archive, q)
    assert set(got) == set(want)
    for d, s in want.items():
        assert got[d] == pytest.approx(s, rel=2e-3), d
    ranked = [d for d, _ in sorted(want.items(), key=lambda kv: -kv[1])]
    assert list(got) == ranked


# ---------------------------------------------------------------- a proxy in front of a node


class Proxy:
    """A real HTTP(S) server that forwards each request to one node of the cluster, after
    ``delay`` seconds, asking for ``user``/``password`` (basic) when set."""

    def __init__(self, node: str, tls: ssl.SSLContext | None = None, user=None, password=None, delay=0.0):
        target = urlsplit(node)
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _forward(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                if user is not None:
                    want = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
                    if self.headers.get("Authorization") != want:
                        self.send_response(401)
                        self.send_header("Content-Type", "application/json")
                        data = b'{"error":{"root_cause":[{"type":"security_exception","reason":"unauthorized"}]}}'
                        self.send_header("Content-Length", str(len(data)))
                        self.end_headers()
                        self.wfile.write(data)
                        return
                proxy.requests.append((self.command, self.path, body))
                time.sleep(proxy.delay)
                conn = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
                headers = {"Content-Type": self.headers.get("Content-Type", "application/json")}
                conn.request(self.command, self.path, body=body, headers=headers)
                resp = conn.getresponse()
                data = resp.read()
                conn.close()
                self.send_response(resp.status)
                self.send_header("Content-Type", resp.getheader("Content-Type", "application/json"))
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _forward

        self.delay = delay
        self.requests: list = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.handle_error = lambda request, address: None  # a client that gave up waiting
        if tls is not None:
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def test_a_slow_cluster_answers_within_the_time_limit_flagged(opensearch_cluster, tmp_path):
    node = opensearch_cluster.url.split(",")[0]
    fast = build(tmp_path / "archive", "opensearch", node, time_limit=1.0)
    proxy = Proxy(node)
    try:
        archive = Archive(tmp_path / "archive", search_time_limit=1.0, engine="opensearch",
                          opensearch_url=f"{proxy.url}/{fast.index.name}")
        req = SearchRequest.from_params({"q": ["pipeline"]})
        assert {h["id"] for h in run_search(archive, archive.index, req)["hits"]} == {"a", "b", "c", "d"}
        searches = [body for method, path, body in proxy.requests if path.split("?")[0].endswith("/_search")]
        assert searches and all(b'"timeout"' in body for body in searches)
        proxy.delay = 4.0  # every answer now comes after the limit
        started = time.monotonic()
        res = run_search(archive, archive.index, req)
        took = time.monotonic() - started
        assert res["timed_out"] is True and res["hits"] == []
        assert took < 2.5  # the 1 s limit, the client's grace (0.5 s) and the page, never the 4 s wait
    finally:
        proxy.close()
        fast.index.drop()


def self_signed(tmp_path):
    """A certificate for 127.0.0.1 and its key, as PEM files."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "eurasec-test-cluster")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_file, key_file


def test_a_secured_cluster_over_tls_with_basic_auth(opensearch_cluster, tmp_path, monkeypatch):
    cert, key = self_signed(tmp_path)
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(cert, key)
    proxy = Proxy(opensearch_cluster.url.split(",")[0], tls=tls, user="archivist", password="s3cret:pw")
    monkeypatch.setenv("EURASEC_OPENSEARCH_CA", str(cert))
    monkeypatch.setenv("EURASEC_OPENSEARCH_USER", "archivist")
    monkeypatch.setenv("EURASEC_OPENSEARCH_PASSWORD", "s3cret:pw")
    archive = None
    try:
        archive = build(tmp_path / "archive", "opensearch", proxy.url)
        assert scores_of(archive, "treaty").keys() == {"a", "d"}
        assert archive.index.check() is None
        assert proxy.requests  # it went through the TLS endpoint

        monkeypatch.setenv("EURASEC_OPENSEARCH_PASSWORD", "wrong")
        wrong = Archive(tmp_path / "archive", engine="opensearch", opensearch_url=proxy.url)
        with pytest.raises(StorageError) as e:
            wrong.index.count()
        assert "HTTP 401" in e.value.message and "\n" not in e.value.message

        monkeypatch.delenv("EURASEC_OPENSEARCH_CA")  # the system's authorities do not know it
        monkeypatch.setenv("EURASEC_OPENSEARCH_PASSWORD", "s3cret:pw")
        untrusted = Archive(tmp_path / "archive", engine="opensearch", opensearch_url=proxy.url)
        untrusted.index.client.retries = 1
        with pytest.raises(StorageError) as e:
            untrusted.index.count()
        assert "CERTIFICATE_VERIFY_FAILED" in e.value.message

        monkeypatch.delenv("EURASEC_OPENSEARCH_USER")  # credentials in the URL instead
        in_url = Archive(tmp_path / "archive", engine="opensearch",
                         opensearch_url=proxy.url.replace("https://", "https://archivist:s3cret%3Apw@"))
        monkeypatch.setenv("EURASEC_OPENSEARCH_CA", str(cert))
        assert in_url.index.count() == len(DOCS)
    finally:
        if archive is not None:
            monkeypatch.setenv("EURASEC_OPENSEARCH_CA", str(cert))
            archive.index.drop()
        proxy.close()
