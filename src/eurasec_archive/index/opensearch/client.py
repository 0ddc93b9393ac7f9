"""A small HTTP client for an OpenSearch cluster, on the standard library (``http.client``):
JSON in and out, several node addresses, and bounded retries.

A request that cannot reach a node, or that a node answers with 429/502/503/504 (a node
leaving, a shard being promoted, a full queue), is sent again to the next node after a short
back-off, at most ``retries`` times; then it fails with one ``StorageError`` naming the cluster
and the reason. A write may be given ``patience`` (seconds): it keeps being sent, the back-off
at most 2 s, until that much time has passed since its first attempt, so that an import waits
out an election of a new cluster manager or a shard's promotion instead of stopping (a search
keeps the short bound: a reader gets an answer or an error soon). Counters (``stats``) say how
many requests were sent, retried and failed, so the fault test and the bench can report them.

A secured cluster (the security plugin, a managed service): ``https://`` addresses are spoken
to over TLS, the certificate checked against the system's authorities or ``EURASEC_OPENSEARCH_CA``
(a PEM file; ``EURASEC_OPENSEARCH_VERIFY=0`` skips the check, for a test cluster's self-signed
certificate only); basic authentication from the URL (``https://user:password@host:9200``) or
``EURASEC_OPENSEARCH_USER`` / ``EURASEC_OPENSEARCH_PASSWORD``.
"""

from __future__ import annotations

import base64
import http.client
import itertools
import json
import os
import ssl
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from eurasec_archive.errors import StorageError

RETRY_STATUS = (429, 502, 503, 504)
DEFAULT_RETRIES = 6
DEFAULT_TIMEOUT = 30.0  # seconds per attempt: a node lost mid-request is noticed by then
DEADLINE_GRACE = 0.5  # seconds an attempt may wait past a search's deadline (the cluster's own timeout first)


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


@dataclass(frozen=True)
class ClusterAddress:
    """Where a cluster is and how to speak to it (``parse_url``)."""

    hosts: list[tuple[str, int]]
    index: str | None = None
    tls: bool = False
    user: str | None = None
    password: str | None = field(default=None, repr=False)


def parse_url(url: str, env=None) -> ClusterAddress:
    """'https://user:pw@a:9200,https://b:9201/myindex' -> the nodes, the index, TLS, credentials.

    The addresses are the nodes to talk to (any of them will do); a path on the last one names
    the index (an alias the archive owns), otherwise the caller picks a name. Credentials in
    the URL win over ``EURASEC_OPENSEARCH_USER`` / ``EURASEC_OPENSEARCH_PASSWORD``.

    :raise StorageError: not an http(s) address, or http and https mixed
    """
    env = os.environ if env is None else env
    hosts, index, schemes, user, password = [], None, set(), None, None
    for part in (p.strip() for p in url.split(",") if p.strip()):
        u = urlsplit(part if "://" in part else f"http://{part}")
        if u.scheme not in ("http", "https") or not u.hostname:
            raise StorageError(f"OpenSearch URL {_safe(part)!r} is not an http(s)://host:port address")
        schemes.add(u.scheme)
        hosts.append((u.hostname, u.port or 9200))
        if u.username is not None:
            user, password = unquote(u.username), unquote(u.password or "")
        if u.path.strip("/"):
            index = u.path.strip("/")
    if not hosts:
        raise StorageError("no OpenSearch URL given (--opensearch-url or EURASEC_OPENSEARCH_URL)")
    if len(schemes) > 1:
        raise StorageError("the OpenSearch URL mixes http:// and https:// nodes")
    if user is None and env.get("EURASEC_OPENSEARCH_USER"):
        user, password = env["EURASEC_OPENSEARCH_USER"], env.get("EURASEC_OPENSEARCH_PASSWORD", "")
    return ClusterAddress(hosts, index, schemes == {"https"}, user, password)


class DeadlinePassed(OpenSearchError):
    """A request with a deadline (a search) got no answer in time."""


def split_url(url: str) -> tuple[list[tuple[str, int]], str | None]:
    """(nodes, index) of an OpenSearch URL (see ``parse_url``)."""
    address = parse_url(url)
    return address.hosts, address.index


def tls_context(env=None) -> ssl.SSLContext:
    """The TLS settings for an https cluster: ``EURASEC_OPENSEARCH_CA`` (a PEM file of the
    authorities to trust, else the system's), ``EURASEC_OPENSEARCH_VERIFY=0`` (no check).

    :raise StorageError: the CA file cannot be read
    """
    env = os.environ if env is None else env
    ca = env.get("EURASEC_OPENSEARCH_CA") or None
    try:
        context = ssl.create_default_context(cafile=ca)
    except (OSError, ssl.SSLError) as e:
        raise StorageError(f"OpenSearch CA file {ca}: cannot be read ({e.__class__.__name__}: {e})") from None
    if env.get("EURASEC_OPENSEARCH_VERIFY", "1").strip().lower() in ("0", "false", "no"):
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


def _safe(part: str) -> str:
    """A URL as it may be printed: without its password."""
    u = urlsplit(part if "://" in part else f"http://{part}")
    return part.replace(f":{u.password}@", ":***@") if u.password else part


class OpenSearchClient:
    """JSON requests to any node of a cluster, with failover and bounded retries. Thread-safe:
    one connection per request (the nodes are local or behind a pool; simplicity wins)."""

    @classmethod
    def for_address(cls, address: ClusterAddress, **kw) -> OpenSearchClient:
        """A client for ``parse_url``'s answer: TLS (``tls_context``) for https, its credentials."""
        return cls(address.hosts, tls=tls_context() if address.tls else None, user=address.user,
                   password=address.password, **kw)

    def __init__(self, hosts: list[tuple[str, int]], timeout: float = DEFAULT_TIMEOUT,
                 retries: int = DEFAULT_RETRIES, backoff: float = 0.25, tls: ssl.SSLContext | None = None,
                 user: str | None = None, password: str | None = None):
        self.hosts = hosts
        self.tls = tls  # an SSLContext: the nodes speak https
        self._auth = ("Basic " + base64.b64encode(f"{user}:{password or ''}".encode()).decode()) if user else None
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
              content_type: str, timeout: float) -> tuple[int, object]:
        if self.tls is not None:
            conn = http.client.HTTPSConnection(host[0], host[1], timeout=timeout, context=self.tls)
        else:
            conn = http.client.HTTPConnection(host[0], host[1], timeout=timeout)
        try:
            headers = {"Content-Type": content_type} if payload is not None else {}
            if self._auth:
                headers["Authorization"] = self._auth
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
                allow: tuple[int, ...] = (), retry_if=None, until: float | None = None,
                patience: float | None = None) -> tuple[int, object]:
        """Send one request; return (status, parsed JSON).

        :param body: a JSON-able body, or None
        :param ndjson: lines of a bulk body (each JSON-able), instead of ``body``
        :param allow: error statuses the caller handles (e.g. 404), returned instead of raised
        :param retry_if: a test on a 2xx answer's body that says "retry" (e.g. failed shards)
        :param until: a deadline (``time.monotonic()``): no attempt waits past it by more than
            ``DEADLINE_GRACE``, none starts after it (``DeadlinePassed``)
        :param patience: seconds a write keeps being retried past ``retries`` attempts
        :raise OpenSearchError: still failing after the retries, or a 4xx not in ``allow``
        :raise DeadlinePassed: ``until`` came before an answer
        """
        if ndjson is not None:
            payload = ("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in ndjson)).encode()
            content_type = "application/x-ndjson"
        else:
            payload = None if body is None else json.dumps(body, ensure_ascii=False).encode()
            content_type = "application/json"
        self._count("requests")
        start = next(self._next)
        last, reason, tried = "", "", 0
        first_try = time.monotonic()
        for attempt in itertools.count():
            host = self.hosts[(start + attempt) % len(self.hosts)]
            timeout = self.timeout
            if until is not None:
                left = until - time.monotonic()
                if attempt and left <= 0:
                    break
                timeout = min(timeout, max(left, 0.0) + DEADLINE_GRACE)
            tried += 1
            try:
                status, answer = self._once(host, method, path, payload, content_type, timeout)
            except (OSError, http.client.HTTPException) as e:  # timeouts are OSErrors
                last = f"{host[0]}:{host[1]}: {type(e).__name__}: {e}"
                reason = "timeout" if isinstance(e, TimeoutError) else "unreachable"
            else:
                if status < 300 and not (retry_if and retry_if(answer)):
                    return status, answer
                if status < 300:
                    last, reason = f"{host[0]}:{host[1]}: partial answer", "partial"
                elif status in allow:
                    return status, answer
                elif status in RETRY_STATUS or (patience is not None and status >= 500):
                    # a write is sent again on any 5xx: a node lost mid-request answers 500
                    last, reason = f"{host[0]}:{host[1]}: HTTP {status} {_reason(answer)}", f"http {status}"
                else:
                    self._count("failed")
                    raise OpenSearchError(f"OpenSearch refused {method} {path.split('?')[0]}: "
                                          f"HTTP {status} {_reason(answer)}", status, answer)
            if attempt >= self.retries and (patience is None or time.monotonic() - first_try >= patience):
                break
            self._count("retries", reason)
            # a node that cannot be reached: the next one at once, a pause after a full round
            if reason != "unreachable" or (attempt + 1) % len(self.hosts) == 0:
                time.sleep(min(self.backoff * 2 ** min(attempt, 8), 2.0))
        self._count("failed")
        if until is not None and reason == "timeout" and time.monotonic() >= until:  # slow, not gone
            raise DeadlinePassed(f"OpenSearch did not answer {method} {path.split('?')[0]} "
                                 f"within the time limit ({last})")
        raise OpenSearchError(f"OpenSearch cluster unavailable after {tried} attempt{'s' * (tried > 1)} "
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
