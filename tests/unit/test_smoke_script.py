"""scripts/smoke_test.sh against a stand-in gateway: a local HTTP server answering
like the deployed one (status, content type, X-FitTrack-Deployment), or with a
path routed to the wrong deployment."""

from __future__ import annotations

import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
JSON, PROBLEM, HTML = "application/json", "application/problem+json", "text/html"

# path -> (status, content type, deployment that answers it)
RIGHT = {
    "/api/v1/health/live": (200, JSON, "/api/v1/health"),
    "/api/v1/auth/login": (400, PROBLEM, "/api/v1/auth"),
    "/.well-known/jwks.json": (200, JSON, "/.well-known"),
    "/api/v1/no-such-route": (404, PROBLEM, "/"),
    "/": (200, HTML, "/"),
    "/drawings": (200, HTML, "/"),
}


Answers = dict[str, tuple[int, str, str]]
Start = Callable[[Answers], str]


def gateway(answers: Answers) -> type[BaseHTTPRequestHandler]:
    class Gateway(BaseHTTPRequestHandler):
        def answer(self) -> None:
            status, kind, deployment = answers[self.path]
            self.send_response(status)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("X-FitTrack-Deployment", deployment)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_POST = answer

        def log_message(self, *args: object) -> None:
            pass

    return Gateway


@pytest.fixture
def serve() -> Iterator[Start]:
    if shutil.which("curl") is None:
        pytest.skip("the smoke test needs curl")
    servers: list[ThreadingHTTPServer] = []

    def start(answers: Answers) -> str:
        server = ThreadingHTTPServer(("127.0.0.1", 0), gateway(answers))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}"

    yield start
    for server in servers:
        server.shutdown()


def smoke(base_url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ROOT / "scripts" / "smoke_test.sh"), base_url],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={"PATH": "/usr/bin:/bin", "SMOKE_RETRIES": "0"},
    )


def test_a_gateway_routing_by_longest_prefix_passes(serve: Start) -> None:
    done = smoke(serve(RIGHT))
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("ok ") == len(RIGHT)


def test_an_api_path_answered_by_the_site_fails_the_deploy(serve: Start) -> None:
    wrong = {**RIGHT, "/api/v1/auth/login": (400, PROBLEM, "/")}
    done = smoke(serve(wrong))
    assert done.returncode == 1
    assert "POST /api/v1/auth/login answered by deployment '/', not '/api/v1/auth'" in done.stderr


def test_a_wrong_status_fails_the_deploy(serve: Start) -> None:
    done = smoke(serve({**RIGHT, "/": (200, JSON, "/")}))
    assert done.returncode == 1 and "FAIL GET / -> 200 application/json" in done.stderr
