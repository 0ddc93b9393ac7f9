"""Paths and ids from URLs, the CLI and import folders never reach outside the archive."""

from __future__ import annotations

import os
import socket

import pytest
from livesrv import live_server
from test_faults import cli

SECRET = "root:x:0:0"
TRAVERSALS = [
    "/items/../../etc/passwd",
    "/items/..%2f..%2fetc%2fpasswd",
    "/items/%2e%2e/%2e%2e/etc/passwd",
    "/items/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/items/..%5c..%5cetc%5cpasswd",
    "/items/..\\..\\etc\\passwd",
    "/items/%252e%252e%252fetc%252fpasswd",
    "/items/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
    "/items/\uff0e\uff0e/\uff0e\uff0e/etc/passwd",
    "/items/%ef%bc%8e%ef%bc%8e%ef%bc%8f%ef%bc%8e%ef%bc%8e%ef%bc%8fetc%ef%bc%8fpasswd",
    "/items/....//....//etc/passwd",
    "/items/%2fetc%2fpasswd",
    "/items//etc/passwd",
    "/items/etc%00.json",
    "/items/..%2f..%2fetc%2fpasswd.json",
    "/items/..%2f..%2fetc%2fpasswd/original",
    "/items/%2e%2e/original",
    "/items/..%2f..%2f..%2f..%2fetc%2fpasswd/original",
    "/items/..%2f..%2fetc%2fpasswd/cite",
    "/static/../../../../etc/passwd",
    "/static/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/..\\..\\..\\..\\etc\\passwd",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/speakers/..%2f..%2f..%2fetc%2fpasswd",
    "/people/../../etc/passwd",
    "/../../../../etc/passwd",
    "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
]


def raw_get(base: str, path: str) -> tuple[int, bytes]:
    """GET the path byte for byte as written (urllib and http.client would normalize or refuse
    it): raw UTF-8 in the request line, dots and backslashes untouched."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(b"GET " + path.encode("utf-8") + b" HTTP/1.1\r\nHost: " + host.encode()
                     + b"\r\nConnection: close\r\n\r\n")
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body


@pytest.mark.skipif(not os.path.exists("/etc/passwd"), reason="needs /etc/passwd as the target")
def test_traversal_urls_never_read_outside_the_archive(seeded):
    # a secret next to the archive too, so relative escapes have something to find
    (seeded.root.parent / "secret.json").write_text('{"id": "secret", "leak": "' + SECRET + '"}')
    with live_server(seeded.root) as base:
        for path in TRAVERSALS:
            status, body = raw_get(base, path)
            assert status in (400, 404, 405, 308, 301), (path, status)
            assert SECRET.encode() not in body, path
        status, body = raw_get(base, "/items/..%2fsecret.json")
        assert SECRET.encode() not in body


def test_crafted_ids_for_originals_are_not_found(seeded):
    with live_server(seeded.root) as base:
        for item_id in ["..", ".", "...", "%2e%2e", "-", "a" * 300, "A", "x%00y", "%0a", "items",
                        "../originals", "a.b", "~root", "%7eroot"]:
            status, body = raw_get(base, f"/items/{item_id}/original")
            assert status in (400, 404), (item_id, status)
            assert SECRET.encode() not in body


@pytest.mark.parametrize("item_id", ["../../etc/passwd", "/etc/passwd", "..", "../items/x",
                                     "..\\..\\etc\\passwd", "x/../../../etc/passwd", "%00", "a\nb", ""])
def test_cli_show_with_a_path_is_a_one_line_not_found(seeded, item_id):
    out = cli(seeded.root, "show", item_id)
    assert out.returncode == 1
    lines = [ln for ln in out.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error:"), out.stderr
    assert SECRET not in out.stdout


def test_symlinks_in_an_import_folder_are_reported_and_never_followed(store, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(" date 2025-01-01 x.example\n\nSecret outside the folder\n\n"
                                        "This file lives outside the import folder and must not be read.\n")
    folder = tmp_path / "incoming"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "real.txt").write_text(" date 2025-01-02 y.example\n\nA real document on security\n\n"
                                             "The ministry said the talks on Eurasian security continue.\n")
    (folder / "link-to-file.txt").symlink_to(outside / "secret.txt")
    (folder / "link-to-dir").symlink_to(outside, target_is_directory=True)
    (folder / "sub" / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    links = {"dangling.txt", "link-to-dir", "link-to-file.txt", "sub/loop"}
    if os.path.exists("/etc/passwd"):
        (folder / "passwd.txt").symlink_to("/etc/passwd")
        links.add("passwd.txt")
    report = store.import_paths(folder)
    by_path = {r.path: r for r in report.results}
    assert set(by_path) == links | {"sub/real.txt"}
    assert by_path["sub/real.txt"].status == "imported"
    for name in links:  # reported, with the reason, not skipped in silence
        assert by_path[name].status == "failed" and "symbolic link" in by_path[name].reason, name
    assert len(store.archive.item_ids()) == 1
    for item in store.archive.items():
        assert "outside" not in item.body_text() and SECRET not in item.body_text()
    single = store.import_paths(folder / "link-to-file.txt")
    assert [r.status for r in single.results] == ["failed"]
    out = cli(store.root, "import", str(folder))
    assert out.returncode == 1
    assert f"failed {len(links)} ({len(links) + 1} files)" in out.stdout
    assert all("symbolic link" in ln for ln in out.stderr.splitlines() if ln.startswith("failed:"))
