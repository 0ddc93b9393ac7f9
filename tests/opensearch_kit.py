"""A real three-node OpenSearch cluster for the tests, started by ``ops/opensearch/cluster.py``.

The cluster is built from Maven Central artifacts (``cluster.py build``, which ``.ci/run`` runs
first) and started once per session on its own ports and data folder; the nodes are stopped at
the end of the session, and at exit if the session dies. Without Java, Maven or the artifacts
the OpenSearch tests are skipped with the reason, unless ``EURASEC_OPENSEARCH_REQUIRED=1``
(CI), where they fail instead.
"""

from __future__ import annotations

import atexit
import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NODES = 3
FIRST_PORT = int(os.environ.get("EURASEC_TEST_OPENSEARCH_PORT", "9450"))  # apart from a dev cluster
HEAP = os.environ.get("EURASEC_TEST_OPENSEARCH_HEAP", "384m")


def _free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_base_port(first: int = FIRST_PORT) -> int:
    """A base port whose HTTP (base + i) and transport (base + 100 + i) ports are all free, so
    two test sessions on one machine (or a developer's cluster) do not collide."""
    for base in range(first, first + 100, 5):
        if all(_free(base + off + i) for off in (0, 100) for i in range(NODES)):
            return base
    raise RuntimeError(f"no free ports for a test cluster from {first}")


def _cluster_module():
    spec = importlib.util.spec_from_file_location("eurasec_cluster", ROOT / "ops" / "opensearch" / "cluster.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Cluster:
    """A running local cluster: its URL (every node), and node stop/start for the fault test."""

    def __init__(self, cluster, home: Path, data: Path):
        self.cluster, self.home, self.data = cluster, home, data
        self.name = f"eurasec-pytest-{os.getpid()}"
        self.base_port = free_base_port()
        self.ports = [self.base_port + i for i in range(NODES)]
        self.url = ",".join(f"http://127.0.0.1:{p}" for p in self.ports)

    def start(self) -> dict:
        for i in range(NODES):
            self.start_node(i)
        return self.wait(NODES)

    def start_node(self, i: int) -> None:
        self.cluster.start_node(self.home, self.data, i, NODES, self.base_port, self.name, HEAP)

    def stop_node(self, i: int) -> None:
        self.cluster.stop_node(self.data, i, signal.SIGKILL)

    def wait(self, nodes: int, status=("green", "yellow"), timeout: float = 180.0) -> dict:
        return self.cluster.wait_for(self.base_port, nodes, timeout=timeout, status=status, data=self.data)

    def stop(self) -> None:
        """Stop every node (SIGTERM, then SIGKILL after 20 s) and remove the data folders."""
        self.cluster.stop_cluster(self.data, NODES, grace=20)
        shutil.rmtree(self.data.parent, ignore_errors=True)


# A session killed outright (SIGKILL, a CI time-out) runs no teardown and no atexit, and the
# nodes live in their own process group: this watchdog kills them when the session's process is
# gone, and exits by itself once the data folder is removed (a normal stop).
WATCHDOG = """
import os, shutil, signal, sys, time
parent, data = int(sys.argv[1]), sys.argv[2]
def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
while os.path.isdir(data) and alive(parent):
    time.sleep(2)
if os.path.isdir(data):
    for name in sorted(os.listdir(data)):
        try:
            os.killpg(int(open(os.path.join(data, name, "pid")).read()), signal.SIGKILL)
        except (OSError, ValueError):
            pass
    shutil.rmtree(os.path.dirname(data), ignore_errors=True)
"""


def start_watchdog(data: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", WATCHDOG, str(os.getpid()), str(data)],
                            start_new_session=True, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _unavailable(reason: str):
    if os.environ.get("EURASEC_OPENSEARCH_REQUIRED") == "1":
        pytest.fail(f"OpenSearch is required here (EURASEC_OPENSEARCH_REQUIRED=1) but {reason}")
    pytest.skip(f"no local OpenSearch cluster: {reason}")


def start_cluster(tmp_root: Path) -> Cluster:
    """Build (if needed) and start the session's cluster; skip or fail if it cannot run."""
    if not shutil.which("java"):
        _unavailable("java is not installed (OpenSearch 2.19 needs Java 17)")
    cluster = _cluster_module()
    home = cluster.DEFAULT_HOME
    if not cluster.is_built(home):
        if not shutil.which("mvn"):
            _unavailable(f"{home} is not built and Maven is not installed (run ops/opensearch/cluster.py build)")
        try:
            cluster.build(home)
        except (subprocess.CalledProcessError, OSError) as e:
            _unavailable(f"building it from Maven Central failed ({e})")
    # outside pytest's private tmp dir: as root the nodes run as an unprivileged user
    tmp_root.mkdir(parents=True, exist_ok=True)
    data = tmp_root / "cluster"
    c = Cluster(cluster, home, data)
    atexit.register(c.stop)
    data.mkdir(parents=True, exist_ok=True)
    c.watchdog = start_watchdog(data)
    try:
        c.start()
    except SystemExit as e:  # cluster.py reports a node that died or a cluster that did not form
        c.stop()
        pytest.fail(f"the OpenSearch test cluster did not start: {e}")
    return c
