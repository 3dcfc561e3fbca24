"""The local API gateway: routes by the contract, invokes through fdk, serves the SPA.

HTTP itself (parsing, chunked bodies, size limits, keep-alive) is waitress's,
behind `fittrack.local.http_server`; this module decides the answer.
"""

from __future__ import annotations

import asyncio
import mimetypes
import socket
import threading
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fittrack import log
from fittrack.domain.errors import DomainError, NotFound
from fittrack.http.headers import (
    SECURITY_HEADERS,
    SITE_CACHE_ASSETS,
    SITE_CACHE_PAGES,
    SITE_HEADERS,
    cors_headers,
)
from fittrack.http.problems import MethodNotAllowed, problem_from_error
from fittrack.http.registry import API_PREFIX, ROOT_PREFIXES
from fittrack.http.runtime import HttpResult, problem_result
from fittrack.local import invoke
from fittrack.local.http_server import HttpServer, request_headers, result_app
from fittrack.local.routes import RouteTable
from fittrack.platform import get_platform

logger = log.get_logger("fittrack.gateway")
MAX_BODY_BYTES = 1024 * 1024  # every path, the /_sim/ mounts included
MAX_HEADER_BYTES = 64 * 1024  # request line and headers together
# Handler threads: enough that a slow request (or one calling a simulator on this
# same port) never holds up the others under the tests' and benches' concurrency.
THREADS = 32
# socketserver's default backlog of 5 dropped connections when a page or a load test
# opened many at once; the dropped client waits a full second to retry its SYN.
BACKLOG = 1024
# The methods the gateway implements; anything else is a 405 before routing.
GATEWAY_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
STATIC_METHODS = ["GET", "HEAD"]
PLACEHOLDER = b"""<!doctype html><html><head><meta charset="utf-8"><title>FitTrack</title></head>
<body><h1>FitTrack</h1><p>The API is up at <a href="/api/v1/health">/api/v1/health</a>.
The web app has not been built yet: run <code>make frontend</code>.</p></body></html>"""

Mount = Callable[[str, str, str, dict[str, str], bytes], HttpResult]


class Gateway:
    def __init__(
        self,
        address: tuple[str, int],
        routes: RouteTable,
        static_dir: Path | None,
        *,
        listener: socket.socket | None = None,
        served_by: str | None = None,
    ):
        self.routes = routes
        self.static_dir = static_dir
        # Local stand-ins served on this port by path prefix (the tracker simulators).
        self.mounts: dict[str, Mount] = {}
        self._loops = threading.local()
        self._all_loops: list[asyncio.AbstractEventLoop] = []
        self._loops_lock = threading.Lock()
        # With several gateway processes (`fittrack dev --workers N`), each names itself
        # on its answers, and they all accept on one shared listener.
        answer = self.answer if served_by is None else _naming(self.answer, served_by)
        self._http = HttpServer(
            address,
            result_app(answer),
            threads=THREADS,
            backlog=BACKLOG,
            max_body_bytes=MAX_BODY_BYTES,
            max_header_bytes=MAX_HEADER_BYTES,
            error_headers=lambda headers: self._cors(headers.get("origin")),
            listener=listener,
        )

    @property
    def server_address(self) -> tuple[str, int]:
        return self._http.server_address

    def serve_forever(self) -> None:
        self._http.serve_forever()

    def shutdown(self) -> None:
        self._http.shutdown()

    def server_close(self) -> None:
        self._http.server_close()
        with self._loops_lock:
            for loop in self._all_loops:
                loop.close()
            self._all_loops.clear()

    # ---- answers ------------------------------------------------------------------

    def answer(self, environ: dict[str, Any]) -> HttpResult:
        method = environ["REQUEST_METHOD"]
        target = environ.get("REQUEST_URI") or environ.get("PATH_INFO") or "/"
        path = urlsplit(target).path
        headers = request_headers(environ)
        # waitress has read the whole body (within MAX_BODY_BYTES) before we are called.
        body = environ["wsgi.input"].read()
        cors = self._cors(headers.get("origin"))
        if method == "OPTIONS":
            return HttpResult(204, {**SECURITY_HEADERS, **cors})
        if method not in GATEWAY_METHODS:
            error = MethodNotAllowed(self._allowed(path), f"This gateway does not serve {method}.")
            return self._problem(error, path, cors)
        mount = next((m for prefix, m in self.mounts.items() if path.startswith(prefix)), None)
        if mount is not None:
            return mount(method, path, urlsplit(target).query, headers, body)
        if _is_api(path):
            return self._call_function(method, target, path, headers, body, environ, cors)
        if method in STATIC_METHODS:
            return self._static(path)
        return self._problem(NotFound(), path, cors)

    def _call_function(
        self,
        method: str,
        target: str,
        path: str,
        headers: dict[str, str],
        body: bytes,
        environ: dict[str, Any],
        cors: dict[str, str],
    ) -> HttpResult:
        match = self.routes.resolve(method, path)
        if match.route is None:
            error = (
                MethodNotAllowed(match.allowed)
                if match.allowed
                else NotFound(f"No endpoint {method} {path}.")
            )
            cid = headers.get("x-request-id") or uuid.uuid4().hex
            return self._problem(error, path, cors, cid)
        headers["x-forwarded-for"] = environ["REMOTE_ADDR"]
        fn_headers = invoke.gateway_headers(method, target, headers, match.route.timeout)
        result = invoke.invoke(match.route.function, fn_headers, body, self._loop())
        return HttpResult(result.status, result.headers, result.body)

    def _static(self, path: str) -> HttpResult:
        root = self.static_dir
        if root is None or not (root / "index.html").exists():
            headers = {**SITE_HEADERS, "Cache-Control": SITE_CACHE_PAGES}
            return HttpResult(200, {**headers, "Content-Type": "text/html"}, PLACEHOLDER)
        target = (root / path.lstrip("/")).resolve()
        if not target.is_file() or root.resolve() not in target.parents:
            target = root / "index.html"  # client-side routes fall back to the SPA
        # Vite names everything under /assets/ by its content hash: it never changes.
        hashed = target.parent == (root / "assets").resolve()
        content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        headers = {
            **SITE_HEADERS,
            "Cache-Control": SITE_CACHE_ASSETS if hashed else SITE_CACHE_PAGES,
            "Content-Type": content_type,
        }
        return HttpResult(200, headers, target.read_bytes())

    def _problem(
        self, error: DomainError, path: str, cors: dict[str, str], cid: str | None = None
    ) -> HttpResult:
        result = problem_result(problem_from_error(error, path), cid)
        result.headers.update(cors)
        return result

    def _allowed(self, path: str) -> list[str]:
        """What a resource supports, for the Allow header of a 405 before routing."""
        if any(path.startswith(prefix) for prefix in self.mounts):
            return list(GATEWAY_METHODS)
        if not _is_api(path):
            return STATIC_METHODS
        return self.routes.resolve("", path).allowed or list(GATEWAY_METHODS)

    def _cors(self, origin: str | None) -> dict[str, str]:
        # The platform's settings, as the functions see them: the dev server's own
        # origin is allowed there, so preflight and answer agree on it.
        return cors_headers(origin, get_platform().settings.cors_origins)

    def _loop(self) -> asyncio.AbstractEventLoop:
        """One event loop per handler thread, reused by every invocation it makes."""
        loop: asyncio.AbstractEventLoop | None = getattr(self._loops, "loop", None)
        if loop is None or loop.is_closed():
            loop = asyncio.new_event_loop()
            self._loops.loop = loop
            with self._loops_lock:
                self._all_loops.append(loop)
        return loop


def _is_api(path: str) -> bool:
    return path.startswith((API_PREFIX + "/", *ROOT_PREFIXES)) or path == API_PREFIX


SERVED_BY_HEADER = "X-FitTrack-Worker"


def _naming(
    answer: Callable[[dict[str, Any]], HttpResult], name: str
) -> Callable[[dict[str, Any]], HttpResult]:
    def named(environ: dict[str, Any]) -> HttpResult:
        result = answer(environ)
        result.headers.setdefault(SERVED_BY_HEADER, name)
        return result

    return named
