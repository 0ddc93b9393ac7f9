"""A small HTTP client for an OpenSearch cluster, on the standard library (``http.client``):
JSON in and out, several node addresses, and bounded retries.

A request that cannot reach a node, or that a node answers with 429/502/503/504 (a node
leaving, a shard being promoted, a full queue), is sent again to the next node after a short
back-off, at most ``retries`` times; then it fails with one ``StorageError`` naming the cluster
and the reason. Counters (``stats``) say how many requests were sent, retried and failed, so the
fault test and the bench can report them.
"""

from __future__ import annotations

import http.client
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from eurasec_archive.errors import StorageError

RETRY_STATUS = (429, 502, 503, 504)
DEFAULT_RETRIES = 6
DEFAULT_TIMEOUT = 30.0  # seconds per attempt: a node lost mid-request is noticed by then


@dataclass
class ClientStats:
    requests: int = 0
    retries: int = 0
    failed: int = 0
    retry_reasons: dict[str, int] = field(default_factory=dict)


class OpenSearchError(StorageError):
    """The cluster refused a request (after retries) or cannot be reached."""

    code = "index_unavailable"

    def __init__(self, message: str, status: int | None = None, body: object = None):
        super().__init__(message)
        self.status, self.body = status, body


def split_url(url: str) -> tuple[list[tuple[str, int]], str | None]:
    """'http://a:9200,http://b:9201/myindex' -> ([(a, 9200), (b, 9201)], 'myindex').

    The addresses are the nodes to talk to (any of them will do); a path on the last one names
    the index (an alias the archive owns), otherwise the caller picks a name.

    :raise StorageError: the URL is not an http address
    """
    hosts, index = [], None
    for part in (p.strip() for p in url.split(",") if p.strip()):
        u = urlsplit(part if "://" in part else f"http://{part}")
        if u.scheme != "http" or not u.hostname:
            raise StorageError(f"OpenSearch URL {part!r} is not an http://host:port address")
        hosts.append((u.hostname, u.port or 9200))
        if u.path.strip("/"):
            index = u.path.strip("/")
    if not hosts:
        raise StorageError("no OpenSearch URL given (--opensearch-url or EURASEC_OPENSEARCH_URL)")
    return hosts, index


class OpenSearchClient:
    """JSON requests to any node of a cluster, with failover and bounded retries. Thread-safe:
    one connection per request (the nodes are local or behind a pool; simplicity wins)."""

    def __init__(self, hosts: list[tuple[str, int]], timeout: float = DEFAULT_TIMEOUT,
                 retries: int = DEFAULT_RETRIES, backoff: float = 0.25):
        self.hosts = hosts
        self.timeout, self.retries, self.backoff = timeout, retries, backoff
        self.stats = ClientStats()
        self._next = itertools.count()
        self._lock = threading.Lock()

    def _count(self, what: str, reason: str | None = None, n: int = 1) -> None:
        with self._lock:
            if what == "requests":
                self.stats.requests += 1
            elif what == "failed":
                self.stats.failed += 1
            else:
                self.stats.retries += 1
                self.stats.retry_reasons[reason] = self.stats.retry_reasons.get(reason, 0) + n

    def note_retry(self, reason: str, n: int = 1) -> None:
        """Count a retry the caller makes itself (bulk items sent again)."""
        self._count("retries", reason, n)

    def _once(self, host: tuple[str, int], method: str, path: str, payload: bytes | None,
              content_type: str) -> tuple[int, object]:
        conn = http.client.HTTPConnection(host[0], host[1], timeout=self.timeout)
        try:
            headers = {"Content-Type": content_type} if payload is not None else {}
            conn.request(method, path, body=payload, headers=headers)
            resp = conn.getresponse()
            raw = resp.read()
        finally:
            conn.close()
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = raw.decode("utf-8", "replace")
        return resp.status, body

    def request(self, method: str, path: str, body=None, ndjson: list | None = None,
                allow: tuple[int, ...] = (), retry_if=None) -> tuple[int, object]:
        """Send one request; return (status, parsed JSON).

        :param body: a JSON-able body, or None
        :param ndjson: lines of a bulk body (each JSON-able), instead of ``body``
        :param allow: error statuses the caller handles (e.g. 404), returned instead of raised
        :param retry_if: a test on a 2xx answer's body that says "retry" (e.g. failed shards)
        :raise OpenSearchError: still failing after the retries, or a 4xx not in ``allow``
        """
        if ndjson is not None:
            payload = ("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in ndjson)).encode()
            content_type = "application/x-ndjson"
        else:
            payload = None if body is None else json.dumps(body, ensure_ascii=False).encode()
            content_type = "application/json"
        self._count("requests")
        start = next(self._next)
        last = ""
        for attempt in range(self.retries + 1):
            host = self.hosts[(start + attempt) % len(self.hosts)]
            try:
                status, answer = self._once(host, method, path, payload, content_type)
            except (OSError, http.client.HTTPException) as e:  # timeouts are OSErrors
                last, reason = f"{host[0]}:{host[1]}: {type(e).__name__}: {e}", "unreachable"
            else:
                if status < 300 and not (retry_if and retry_if(answer)):
                    return status, answer
                if status < 300:
                    last, reason = f"{host[0]}:{host[1]}: partial answer", "partial"
                elif status in allow:
                    return status, answer
                elif status in RETRY_STATUS:
                    last, reason = f"{host[0]}:{host[1]}: HTTP {status} {_reason(answer)}", f"http {status}"
                else:
                    self._count("failed")
                    raise OpenSearchError(f"OpenSearch refused {method} {path.split('?')[0]}: "
                                          f"HTTP {status} {_reason(answer)}", status, answer)
            if attempt < self.retries:
                self._count("retries", reason)
                # a node that cannot be reached: the next one at once, a pause after a full round
                if reason != "unreachable" or (attempt + 1) % len(self.hosts) == 0:
                    time.sleep(min(self.backoff * 2 ** attempt, 2.0))
        self._count("failed")
        raise OpenSearchError(f"OpenSearch cluster unavailable after {self.retries + 1} attempts "
                              f"({last})")

    def json(self, method: str, path: str, body=None, **kw):
        return self.request(method, path, body, **kw)[1]


def _reason(answer) -> str:
    """The one-line reason of an error answer."""
    if isinstance(answer, dict) and isinstance(answer.get("error"), dict):
        err = answer["error"]
        root = (err.get("root_cause") or [err])[0]
        return f"{root.get('type', '')}: {root.get('reason', '')}"[:300]
    return str(answer)[:300]
