"""The local API gateway: routes by the contract, invokes through fdk, serves the SPA."""

from __future__ import annotations

import asyncio
import mimetypes
import uuid
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from fittrack import config, log
from fittrack.domain.errors import NotFound
from fittrack.http.headers import SECURITY_HEADERS, cors_headers
from fittrack.http.problems import MethodNotAllowed, problem_from_error
from fittrack.http.registry import API_PREFIX, ROOT_PREFIXES
from fittrack.http.runtime import HttpResult, problem_result
from fittrack.local import invoke
from fittrack.local.routes import RouteTable

logger = log.get_logger("fittrack.gateway")
MAX_BODY_BYTES = 1024 * 1024
PLACEHOLDER = b"""<!doctype html><html><head><meta charset="utf-8"><title>FitTrack</title></head>
<body><h1>FitTrack</h1><p>The API is up at <a href="/api/v1/health">/api/v1/health</a>.
The web app has not been built yet: run <code>make frontend</code>.</p></body></html>"""


class Gateway(ThreadingHTTPServer):
    daemon_threads = True
    # socketserver's default backlog of 5 drops connections when a page or a load test
    # opens many at once; the dropped client waits a full second to retry its SYN.
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], routes: RouteTable, static_dir: Path | None):
        super().__init__(address, GatewayHandler)
        self.routes = routes
        self.static_dir = static_dir
        # Local stand-ins served on this port by path prefix (the tracker simulators).
        self.mounts: dict[str, Callable[[str, str, str, dict[str, str], bytes], HttpResult]] = {}


class GatewayHandler(BaseHTTPRequestHandler):
    server: Gateway
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as two writes: no 40 ms stalls

    def handle(self) -> None:
        """One event loop per connection, reused by every request it carries."""
        self.loop = asyncio.new_event_loop()
        try:
            super().handle()
        finally:
            self.loop.close()

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._dispatch()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_GET

    def do_OPTIONS(self) -> None:  # noqa: N802
        origin = self.headers.get("Origin")
        headers = cors_headers(origin, config.settings().cors_origins)
        self._send(HttpResult(204, {**SECURITY_HEADERS, **headers}))

    def _dispatch(self) -> None:
        path = urlsplit(self.path).path
        mount = next(
            (m for prefix, m in self.server.mounts.items() if path.startswith(prefix)), None
        )
        if mount is not None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            headers = {k.lower(): v for k, v in self.headers.items()}
            self._send(mount(self.command, path, urlsplit(self.path).query, headers, body))
        elif path.startswith((API_PREFIX + "/", *ROOT_PREFIXES)) or path == API_PREFIX:
            self._send(self._call_function(path))
        elif self.command in ("GET", "HEAD"):
            self._send(self._static(path))
        else:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self._send(problem_result(problem_from_error(NotFound(), path)))

    def _call_function(self, path: str) -> HttpResult:
        cid = self.headers.get("X-Request-Id") or uuid.uuid4().hex
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY_BYTES:
            self.close_connection = True  # the unread body must not reach the next request
            return HttpResult(
                413, {**SECURITY_HEADERS, "Content-Type": "text/plain"}, b"request body too large"
            )
        # Read the body before any answer, so a kept-alive connection stays in step.
        body = self.rfile.read(length) if length else b""
        match = self.server.routes.resolve(self.command, path)
        if match.route is None:
            error = (
                MethodNotAllowed(match.allowed)
                if match.allowed
                else NotFound(f"No endpoint {self.command} {path}.")
            )
            return problem_result(problem_from_error(error, path), cid)
        http_headers = {k.lower(): v for k, v in self.headers.items()}
        http_headers["x-forwarded-for"] = self.client_address[0]
        fn_headers = invoke.gateway_headers(
            self.command, self.path, http_headers, match.route.timeout
        )
        result = invoke.invoke(match.route.function, fn_headers, body, self.loop)
        return HttpResult(result.status, result.headers, result.body)

    def _static(self, path: str) -> HttpResult:
        root = self.server.static_dir
        headers = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY"}
        if root is None or not (root / "index.html").exists():
            return HttpResult(200, {**headers, "Content-Type": "text/html"}, PLACEHOLDER)
        target = (root / path.lstrip("/")).resolve()
        if not target.is_file() or root.resolve() not in target.parents:
            target = root / "index.html"  # client-side routes fall back to the SPA
        content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        return HttpResult(200, {**headers, "Content-Type": content_type}, target.read_bytes())

    def _send(self, result: HttpResult) -> None:
        self.send_response(result.status, HTTPStatus(result.status).phrase)
        for name, value in result.headers.items():
            if name.lower() not in ("content-length", "connection", "date", "server"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(result.body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(result.body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        logger.debug("http " + format % args)
