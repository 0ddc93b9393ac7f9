"""A local OpenSearch 2.19 cluster assembled from Maven Central artifacts: no Docker, no tarball.

    python ops/opensearch/cluster.py build              # resolve the jars with Maven into the build dir
    python ops/opensearch/cluster.py start [--nodes 3]  # start the nodes on 127.0.0.1, wait for the cluster
    python ops/opensearch/cluster.py status
    python ops/opensearch/cluster.py stop-node N        # kill one node (the fault test does this)
    python ops/opensearch/cluster.py start-node N
    python ops/opensearch/cluster.py stop

The server jar and its dependencies come from ``pom-server.xml``; the modules a node needs for HTTP, for
the stemmers and for the ranking's scripts (``transport-netty4``, ``analysis-common``, ``lang-painless``)
from their own poms, each in its own folder with a plugin descriptor, as the distribution lays them out.
Nodes bind only to 127.0.0.1, HTTP on ``base-port + i`` and transport on ``base-port + 100 + i``.
Java 17 (the machine's default) runs 2.19.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
VERSION = "2.19.6"
# outside any checkout: the unprivileged node user must be able to read it (a clone under /root is not)
DEFAULT_HOME = Path(os.environ.get("EURASEC_OPENSEARCH_HOME", f"/var/tmp/eurasec-opensearch-{VERSION}/home"))
# OpenSearch refuses to run as root; as root, the nodes run as this user
NODE_USER = os.environ.get("EURASEC_OPENSEARCH_USER", "nobody")
DEFAULT_BASE_PORT = int(os.environ.get("EURASEC_OPENSEARCH_PORT", "9250"))
MODULES = {
    # folder name: (pom, plugin class, description)
    "transport-netty4": ("pom-netty4.xml", "org.opensearch.transport.Netty4Plugin", "Netty 4 HTTP and transport"),
    "analysis-common": ("pom-analysis.xml", "org.opensearch.analysis.common.CommonAnalysisPlugin",
                        "stemmers, token filters and analyzers"),
    # the archive's BM25F ranking: a scripted similarity and script_score (index/opensearch/ranking.py)
    "lang-painless": ("pom-painless.xml", "org.opensearch.painless.PainlessPlugin", "the Painless scripting language"),
}
# the permissions the distribution's policies grant the modules (none for analysis-common)
POLICIES = {"transport-netty4": """grant {
  permission java.io.FilePermission "/proc/sys/net/core/somaxconn", "read";
  permission java.net.SocketPermission "*", "accept,connect";
  permission java.lang.RuntimePermission "*", "setContextClassLoader";
  permission java.lang.RuntimePermission "getClassLoader";
  permission java.util.PropertyPermission "sun.nio.ch.bugLevel", "write";
};
""", "lang-painless": """grant {
  permission java.lang.RuntimePermission "createClassLoader";
  permission java.lang.RuntimePermission "getClassLoader";
};
"""}
LOG4J = """status = error
appender.console.type = Console
appender.console.name = console
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d{ISO8601}][%-5p][%-25c{1.}] [%node_name]%marker %m%n
rootLogger.level = warn
rootLogger.appenderRef.console.ref = console
logger.cluster.name = org.opensearch.cluster.service
logger.cluster.level = info
"""


def _mvn(pom: str, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    cmd = ["mvn", "-q", "-B", "-f", str(HERE / pom), f"-Dopensearch.version={VERSION}",
           "dependency:copy-dependencies", "-DincludeScope=runtime", f"-DoutputDirectory={out}"]
    subprocess.run(cmd, check=True)


def is_built(home: Path) -> bool:
    """The server's jars and every module are laid out in ``home``."""
    return (home / f".built-{VERSION}").exists() and all(
        (home / "modules" / folder / "plugin-descriptor.properties").exists() for folder in MODULES)


def build(home: Path) -> Path:
    """Lay out an OpenSearch home (lib/, modules/, plugins/) from Maven artifacts; idempotent.
    A module missing from a home built before it was added is built alone, in a temporary folder
    renamed into place (a node starting meanwhile never sees half of it)."""
    if is_built(home):
        return home
    marker = home / f".built-{VERSION}"
    if not marker.exists():
        if home.exists():
            shutil.rmtree(home)
        _mvn("pom-server.xml", home / "lib")
        marker.write_text(VERSION)
    server_jars = {p.name for p in (home / "lib").iterdir()}
    for folder, (pom, classname, description) in MODULES.items():
        mod = home / "modules" / folder
        if (mod / "plugin-descriptor.properties").exists():  # written last: the module is whole
            continue
        part = home / f".{folder}.part"  # outside modules/, which a node reads whole
        shutil.rmtree(part, ignore_errors=True)
        _mvn(pom, part)
        for jar in list(part.iterdir()):
            if jar.name in server_jars:  # a jar on the server classpath must not load twice (jar hell)
                jar.unlink()
        (part / "plugin-descriptor.properties").write_text(
            f"description={description}\nversion={VERSION}\nname={folder}\nclassname={classname}\n"
            f"java.version=17\nopensearch.version={VERSION}\n")
        if folder in POLICIES:
            (part / "plugin-security.policy").write_text(POLICIES[folder])
        shutil.rmtree(mod, ignore_errors=True)
        mod.parent.mkdir(parents=True, exist_ok=True)
        part.rename(mod)
    (home / "plugins").mkdir(exist_ok=True)
    (home / "bin").mkdir(exist_ok=True)  # the security policy grants path.home/bin; it must exist
    return home


def _node_dir(data: Path, i: int) -> Path:
    return data / f"node-{i}"


def _config(home: Path, data: Path, i: int, nodes: int, base_port: int, cluster: str) -> Path:
    conf = _node_dir(data, i) / "config"
    conf.mkdir(parents=True, exist_ok=True)
    seeds = ", ".join(f'"127.0.0.1:{base_port + 100 + j}"' for j in range(nodes))
    masters = ", ".join(f'"node-{j}"' for j in range(nodes))
    (conf / "opensearch.yml").write_text(
        f"cluster.name: {cluster}\nnode.name: node-{i}\nnetwork.host: 127.0.0.1\n"
        f"http.port: {base_port + i}\ntransport.port: {base_port + 100 + i}\n"
        f"discovery.seed_hosts: [{seeds}]\ncluster.initial_cluster_manager_nodes: [{masters}]\n"
        f"path.data: {_node_dir(data, i) / 'data'}\npath.logs: {_node_dir(data, i) / 'logs'}\n"
        # a test cluster on one disk: do not refuse shards when the disk is fuller than 85 %
        "cluster.routing.allocation.disk.threshold_enabled: false\n"
        "action.auto_create_index: false\n")
    (conf / "log4j2.properties").write_text(LOG4J)
    (conf / "jvm.options").write_text("")
    return conf


def start_node(home: Path, data: Path, i: int, nodes: int, base_port: int, cluster: str,
               heap: str = "512m") -> int:
    conf = _config(home, data, i, nodes, base_port, cluster)
    tmp = _node_dir(data, i) / "tmp"
    tmp.mkdir(exist_ok=True)
    java = shutil.which("java") or "java"
    cmd = [java, f"-Xms{heap}", f"-Xmx{heap}", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
           "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8", "-Djna.nosys=true",
           "-Dlog4j2.disable.jmx=true", "-Dio.netty.noUnsafe=true", "-Dio.netty.recycler.maxCapacityPerThread=0",
           f"-Djava.io.tmpdir={tmp}", f"-Dopensearch.path.home={home}", f"-Dopensearch.path.conf={conf}",
           "-Dopensearch.distribution.type=tar", "-Dopensearch.bundled_jdk=false",
           "-cp", f"{home / 'lib'}/*", "org.opensearch.bootstrap.OpenSearch"]
    log = open(_node_dir(data, i) / "node.log", "ab")
    as_user = {}
    if os.geteuid() == 0:
        for path in [data, *_node_dir(data, i).rglob("*"), _node_dir(data, i)]:
            shutil.chown(path, NODE_USER)
        as_user = {"user": NODE_USER, "group": "nogroup" if NODE_USER == "nobody" else None}
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            start_new_session=True, cwd=_node_dir(data, i),
                            env={"PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8"}, **as_user)
    (_node_dir(data, i) / "pid").write_text(str(proc.pid))
    return proc.pid


def _get(url: str, timeout: float = 2.0):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return json.loads(r.read())


def _alive(data: Path, i: int) -> bool:
    try:
        os.kill(int((_node_dir(data, i) / "pid").read_text()), 0)
        return True
    except (OSError, ValueError):
        return False


def wait_for(base_port: int, nodes: int, timeout: float = 240.0, status=("green", "yellow"),
             data: Path | None = None) -> dict:
    """Wait until some node answers with ``nodes`` nodes in the cluster; return the health."""
    deadline = time.monotonic() + timeout
    last: object = None
    while time.monotonic() < deadline:
        dead = [i for i in range(nodes) if data is not None and not _alive(data, i)]
        if dead:
            log = _node_dir(data, dead[0]) / "node.log"
            tail = log.read_text(errors="replace").splitlines()[-15:] if log.exists() else []
            raise SystemExit(f"cluster.py: node-{dead[0]} exited; {log}:\n" + "\n".join(tail))
        for i in range(nodes):
            try:
                h = _get(f"http://127.0.0.1:{base_port + i}/_cluster/health")
                last = h
                if h.get("number_of_nodes") == nodes and h.get("status") in status:
                    return h
            except (OSError, urllib.error.URLError, ValueError) as e:
                last = e
        time.sleep(1)
    raise SystemExit(f"cluster.py: the cluster did not form in {timeout:.0f} s (last answer: {last})")


def stop_node(data: Path, i: int, sig=signal.SIGKILL) -> bool:
    pidfile = _node_dir(data, i) / "pid"
    if not pidfile.exists():
        return False
    try:
        os.killpg(int(pidfile.read_text()), sig)
    except (ProcessLookupError, ValueError, PermissionError):
        pass
    pidfile.unlink(missing_ok=True)
    return True


def _running(pid: int) -> bool:
    try:  # reap it if it is our child (a dead child stays a zombie, which kill(0) still finds)
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stop_cluster(data: Path, nodes: int, grace: float = 20.0) -> int:
    """Stop every node: SIGTERM, then SIGKILL for those still running after ``grace`` seconds
    (a node takes several seconds to shut down). Returns only when they are gone; returns how
    many had to be killed."""
    pids = []
    for i in range(nodes):
        pidfile = _node_dir(data, i) / "pid"
        if pidfile.exists():
            try:
                pids.append(int(pidfile.read_text()))
            except ValueError:
                pass
        stop_node(data, i, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and any(_running(p) for p in pids):
        time.sleep(0.5)
    killed = 0
    for p in pids:
        if _running(p):
            killed += 1
            try:
                os.killpg(p, signal.SIGKILL)
            except OSError:
                pass
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_running(p) for p in pids):
        time.sleep(0.2)
    return killed


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=["build", "start", "status", "stop", "stop-node", "start-node"])
    ap.add_argument("node", nargs="?", type=int)
    ap.add_argument("--home", type=Path, default=DEFAULT_HOME)
    ap.add_argument("--data", type=Path, default=None, help="node folders (default HOME/../cluster)")
    ap.add_argument("--nodes", type=int, default=3)
    ap.add_argument("--base-port", type=int, default=DEFAULT_BASE_PORT)
    ap.add_argument("--cluster-name", default="eurasec-test")
    ap.add_argument("--heap", default="512m")
    a = ap.parse_args(argv)
    data = a.data or a.home.parent / "cluster"
    if a.command == "build":
        print(build(a.home))
    elif a.command == "start":
        build(a.home)
        for i in range(a.nodes):
            stop_node(data, i)
            start_node(a.home, data, i, a.nodes, a.base_port, a.cluster_name, a.heap)
        print(json.dumps(wait_for(a.base_port, a.nodes, data=data)))
    elif a.command == "start-node":
        start_node(a.home, data, a.node, a.nodes, a.base_port, a.cluster_name, a.heap)
    elif a.command == "stop-node":
        stop_node(data, a.node)
    elif a.command == "stop":
        stop_cluster(data, a.nodes)
    elif a.command == "status":
        print(json.dumps(_get(f"http://127.0.0.1:{a.base_port}/_cluster/health")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
