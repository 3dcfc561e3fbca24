"""The HTTP face of the OIDC simulator (see fittrack.local.simulators.oidc)."""

from __future__ import annotations

import base64
import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, unquote_plus, urlsplit

if TYPE_CHECKING:
    from fittrack.local.simulators.oidc import OidcSimulator


def _error(code: str, description: str) -> dict[str, Any]:
    return {"error": code, "error_description": description}


class SimulatorServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], simulator: OidcSimulator) -> None:
        super().__init__(address, _Handler)
        self.simulator = simulator


class _Handler(BaseHTTPRequestHandler):
    server: SimulatorServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """Quiet: the simulator is a test double, not a service worth logging."""

    def _route(self) -> tuple[str, str, dict[str, str]] | None:
        parts = urlsplit(self.path)
        provider, _, endpoint = parts.path.lstrip("/").partition("/")
        if provider not in self.server.simulator.providers:
            return None
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        return provider, endpoint, query

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        sim, route = self.server.simulator, self._route()
        if route is None:
            return self._json(404, _error("not_found", "no such provider"))
        provider, endpoint, query = route
        if endpoint == ".well-known/openid-configuration":
            return self._json(200, sim.discovery(provider))
        if endpoint == "jwks":
            return self._json(200, sim.jwks())
        if endpoint == "authorize":
            try:
                answer = sim.authorize(provider, query)
            except ValueError as bad:
                return self._json(400, _error("invalid_request", str(bad)))
            if answer.form_post:
                page = answer.page().encode()
                return self._send(
                    200, page, "text/html; charset=utf-8", {"Cache-Control": "no-store"}
                )
            return self._send(302, b"", "text/plain", {"Location": answer.location()})
        return self._json(404, _error("not_found", "no such endpoint"))

    def do_POST(self) -> None:  # noqa: N802
        route = self._route()
        if route is None or route[1] != "token":
            return self._json(404, _error("not_found", "no such endpoint"))
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode("utf-8", "replace") if length else ""
        form = {k: v[-1] for k, v in parse_qs(raw).items()}
        status, body = self.server.simulator.token(route[0], form, self._basic_auth())
        self._json(status, body)

    def _basic_auth(self) -> tuple[str, str] | None:
        scheme, _, value = (self.headers.get("Authorization") or "").partition(" ")
        if scheme.lower() != "basic":
            return None
        try:
            user, _, password = base64.b64decode(value).decode().partition(":")
        except (ValueError, UnicodeDecodeError):
            return None
        return unquote_plus(user), unquote_plus(password)

    def _json(self, status: int, body: dict[str, Any]) -> None:
        self._send(
            status, json.dumps(body).encode(), "application/json", {"Cache-Control": "no-store"}
        )

    def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str]) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)
