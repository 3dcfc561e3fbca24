"""The local gateway over raw HTTP: what it answers before routing, the SPA's headers, CORS.

Every answer is an RFC 7807 problem with the security headers, whatever went wrong
with the request; malformed framing is answered at once and the connection closed.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from fittrack.http.headers import SITE_CSP
from fittrack.local.gateway import MAX_BODY_BYTES, MAX_HEADER_BYTES
from fittrack.local.server import LocalPlatform
from tests.api.conftest import Client
from tests.fixtures.auth import registration, unique_email

LOGIN = "/api/v1/auth/login"


# ---- raw HTTP -------------------------------------------------------------------------


class Answer:
    def __init__(self, raw: bytes) -> None:
        head, _, self.body = raw.partition(b"\r\n\r\n")
        status_line, *lines = head.decode("latin-1").split("\r\n")
        self.status = int(status_line.split(" ")[1])
        self.headers = {}
        for line in lines:
            name, _, value = line.partition(":")
            self.headers[name.strip().lower()] = value.strip()

    def json(self) -> Any:
        return json.loads(self.body)


def connect(local: LocalPlatform, timeout: float = 5) -> socket.socket:
    host, port = local.gateway.server_address
    return socket.create_connection((host, port), timeout=timeout)


def exchange(local: LocalPlatform, request: bytes, timeout: float = 5) -> Answer:
    """Send raw bytes, read the one answer (by Content-Length, or until the close)."""
    with connect(local, timeout) as sock:
        sock.sendall(request)
        return read_answer(sock)


def read_answer(sock: socket.socket) -> Answer:
    raw = b""
    while b"\r\n\r\n" not in raw:
        chunk = sock.recv(65536)
        if not chunk:
            raise AssertionError(f"connection closed without an answer: {raw!r}")
        raw += chunk
    head, _, body = raw.partition(b"\r\n\r\n")
    length = Answer(head + b"\r\n\r\n").headers.get("content-length")
    while length is not None and len(body) < int(length):
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return Answer(head + b"\r\n\r\n" + body)


def request_bytes(method: str, path: str, *headers: str, body: bytes = b"") -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: localhost", *headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def assert_problem(answer: Answer, status: int) -> dict[str, Any]:
    assert answer.status == status, answer.body
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["x-frame-options"] == "DENY"
    assert answer.headers["strict-transport-security"].startswith("max-age=")
    assert "content-security-policy" in answer.headers
    assert "referrer-policy" in answer.headers
    doc = answer.json()
    assert doc["status"] == status
    assert doc["type"].startswith("https://fittrack.app/problems/")
    assert doc["title"] and doc["detail"]
    return dict(doc)


# ---- methods --------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["TRACE", "QUERY"])
def test_unsupported_methods_are_405_problems_with_allow(
    local_platform: LocalPlatform, method: str
) -> None:
    answer = exchange(local_platform, request_bytes(method, "/api/v1/health"))
    doc = assert_problem(answer, 405)
    assert answer.headers["allow"] == "GET"
    assert doc["type"].endswith("/method-not-allowed")
    static = exchange(local_platform, request_bytes(method, "/dashboard"))
    assert_problem(static, 405)
    assert static.headers["allow"] == "GET, HEAD"


# ---- bodies ---------------------------------------------------------------------------


def test_a_body_of_one_mib_is_read(api: Client) -> None:
    envelope = json.dumps({"email": "x@example.com", "password": ""}).encode()
    body = envelope[:-2] + b"p" * (MAX_BODY_BYTES - len(envelope)) + b'"}'
    assert len(body) == MAX_BODY_BYTES
    response = api.post(LOGIN, data=body, headers={"Content-Type": "application/json"})
    assert response.status_code != 413


@pytest.mark.parametrize("path", [LOGIN, "/_sim/fitbit/oauth2/token"])
def test_a_body_over_one_mib_is_a_413_problem(local_platform: LocalPlatform, path: str) -> None:
    # Only the headers go out: the gateway must answer from Content-Length alone.
    declared = f"Content-Length: {MAX_BODY_BYTES + 1}"
    answer = exchange(local_platform, request_bytes("POST", path, declared))
    doc = assert_problem(answer, 413)
    assert doc["type"].endswith("/request-too-large")
    assert answer.headers["connection"] == "close"


def test_a_chunked_body_over_one_mib_is_a_413_problem(local_platform: LocalPlatform) -> None:
    chunk = b"x" * 65536
    with connect(local_platform) as sock:
        sock.sendall(
            request_bytes("POST", "/_sim/fitbit/oauth2/token", "Transfer-Encoding: chunked")
        )
        try:
            for _ in range(MAX_BODY_BYTES // len(chunk) + 1):
                sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        except OSError:
            pass  # the gateway may answer and close before the last chunk
        answer = read_answer(sock)
    assert_problem(answer, 413)


def test_a_chunked_body_reaches_the_function_intact(
    api: Client, local_platform: LocalPlatform
) -> None:
    email = unique_email("chunked")
    payload = json.dumps(registration(email)).encode()

    def chunks() -> Iterator[bytes]:  # requests sends a generator chunked
        for start in range(0, len(payload), 7):
            yield payload[start : start + 7]

    response = api.post(
        "/api/v1/auth/register", data=chunks(), headers={"Content-Type": "application/json"}
    )
    assert response.request.headers["Transfer-Encoding"] == "chunked"
    assert response.status_code == 201, response.text
    with local_platform.platform.db.unit_of_work(readonly=True) as uow:
        rows = uow.query("SELECT 1 FROM users WHERE email_normalized = :e", {"e": email.lower()})
    assert len(rows) == 1


# ---- headers and framing --------------------------------------------------------------


def test_oversized_headers_are_a_431_problem(local_platform: LocalPlatform) -> None:
    big = "X-Padding: " + "a" * (MAX_HEADER_BYTES + 1024)
    answer = exchange(local_platform, request_bytes("GET", "/api/v1/health", big))
    doc = assert_problem(answer, 431)
    assert doc["type"].endswith("/request-headers-too-large")


@pytest.mark.parametrize("value", ["abc", "-1", "1e3", "12 34"])
def test_a_malformed_content_length_is_a_400_problem_at_once(
    local_platform: LocalPlatform, value: str
) -> None:
    started = time.monotonic()
    answer = exchange(
        local_platform, request_bytes("POST", LOGIN, f"Content-Length: {value}"), timeout=5
    )
    assert time.monotonic() - started < 2, "the gateway waited for a body it cannot frame"
    doc = assert_problem(answer, 400)
    assert doc["type"].endswith("/malformed-request")
    assert "Content-Length" in doc["detail"]


def test_a_half_sent_request_does_not_hold_up_others(
    local_platform: LocalPlatform, api: Client
) -> None:
    with connect(local_platform) as slow:
        slow.sendall(b"POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Le")
        started = time.monotonic()
        assert api.get("/api/v1/health").status_code == 200
        assert time.monotonic() - started < 2


def test_twenty_simultaneous_connections_are_all_answered(local_platform: LocalPlatform) -> None:
    sockets = [connect(local_platform, timeout=10) for _ in range(20)]
    try:
        for sock in sockets:
            sock.sendall(request_bytes("GET", "/api/v1/health/live"))
        answers = [read_answer(sock) for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()
    assert [a.status for a in answers] == [200] * 20


def test_a_slow_function_does_not_block_other_requests(
    local_platform: LocalPlatform, api: Client
) -> None:
    # Twenty clients at once, each on its own connection, all answered well within
    # the time one would take if they were served one after the other.
    results: list[int] = []

    def one() -> None:
        results.append(requests.get(local_platform.url + "/api/v1/health", timeout=10).status_code)

    workers = [threading.Thread(target=one) for _ in range(20)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=20)
    assert results == [200] * 20


# ---- the web app ----------------------------------------------------------------------


@pytest.fixture
def built_app(local_platform: LocalPlatform, tmp_path: Path) -> Path:
    """A stand-in for frontend/dist: index.html, a hashed asset, a root file."""
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>FitTrack</title>")
    (tmp_path / "assets" / "index-AbC123.js").write_text("console.log('app')")
    (tmp_path / "favicon.svg").write_text("<svg/>")
    local_platform.gateway.static_dir = tmp_path
    return tmp_path


SITE = {
    "Content-Security-Policy": SITE_CSP,
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}


def test_the_spa_is_served_with_a_strict_csp_and_security_headers(
    api: Client, built_app: Path
) -> None:
    for path in ("/", "/index.html", "/dashboard/points", "/assets/index-AbC123.js"):
        response = api.get(path)
        assert response.status_code == 200, path
        for name, value in SITE.items():
            assert response.headers.get(name) == value, (path, name)
    assert "default-src 'self'" in SITE_CSP and "frame-ancestors 'none'" in SITE_CSP


def test_index_revalidates_and_hashed_assets_are_immutable(api: Client, built_app: Path) -> None:
    for path in ("/", "/drawings/upcoming", "/favicon.svg", "/assets/missing-XyZ.js"):
        assert api.get(path).headers["Cache-Control"] == "no-cache", path
    asset = api.get("/assets/index-AbC123.js")
    assert asset.text == "console.log('app')"
    assert asset.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert asset.headers["Content-Type"] == "text/javascript"


def test_unknown_api_paths_stay_json_problems_beside_the_spa(api: Client, built_app: Path) -> None:
    response = api.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.headers["Content-Type"] == "application/problem+json"
    assert api.get("/no-such-page").text.startswith("<!doctype html>")


def test_head_of_the_index_has_its_length_and_no_body(api: Client, built_app: Path) -> None:
    response = api.request("HEAD", "/")
    assert response.status_code == 200
    assert int(response.headers["Content-Length"]) == len((built_app / "index.html").read_bytes())
    assert response.content == b""


# ---- CORS -----------------------------------------------------------------------------

CORS = (
    "Access-Control-Allow-Origin",
    "Access-Control-Allow-Credentials",
    "Access-Control-Expose-Headers",
)


def test_preflight_and_answer_agree_for_the_dev_servers_own_origin(
    api: Client, local_platform: LocalPlatform
) -> None:
    origin = local_platform.url
    preflight = api.request(
        "OPTIONS",
        "/api/v1/tiers",
        headers={"Origin": origin, "Access-Control-Request-Method": "GET"},
    )
    answer = api.get("/api/v1/tiers", headers={"Origin": origin})
    not_found = api.get("/api/v1/no-such-thing", headers={"Origin": origin})
    assert preflight.status_code == 204 and answer.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == origin
    for name in CORS:
        assert preflight.headers.get(name) == answer.headers.get(name), name
        assert not_found.headers.get(name) == answer.headers.get(name), name
    assert "Origin" in preflight.headers["Vary"] and "Origin" in answer.headers["Vary"]


def test_an_unknown_origin_gets_no_cors_grant_either_way(api: Client) -> None:
    origin = "https://evil.example"
    preflight = api.request(
        "OPTIONS",
        "/api/v1/tiers",
        headers={"Origin": origin, "Access-Control-Request-Method": "GET"},
    )
    answer = api.get("/api/v1/tiers", headers={"Origin": origin})
    assert "Access-Control-Allow-Origin" not in preflight.headers
    assert "Access-Control-Allow-Origin" not in answer.headers
