"""The local gateway's HTTP server: waitress parses, a WSGI app answers.

waitress reads every request in full before the app sees it (chunked bodies
de-chunked, `Content-Length` validated, body and header sizes capped) and
answers what it cannot parse itself. Those answers are rendered here as RFC 7807
problems with the security headers, like everything else the gateway says.

`HttpServer` keeps the socketserver interface the local platform uses:
`server_address`, `serve_forever()` in a thread of the caller's, `shutdown()`
from another thread (returns once `serve_forever` has), then `server_close()`.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterable
from http import HTTPStatus
from typing import Any

from waitress import wasyncore
from waitress.adjustments import Adjustments
from waitress.channel import HTTPChannel
from waitress.server import TcpWSGIServer
from waitress.task import ErrorTask

from fittrack import log
from fittrack.http.problems import PROBLEM_BASE, Problem, internal_problem
from fittrack.http.runtime import HttpResult, problem_result

logger = log.get_logger("fittrack.gateway")

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
# Extra answer headers for an error found while parsing (CORS), by request headers.
ErrorHeaders = Callable[[dict[str, str]], dict[str, str]]

# What waitress cannot parse, as problem types and details a client can act on.
_PARSE_PROBLEMS = {
    400: ("malformed-request", "The request is not valid HTTP/1.1"),
    413: ("request-too-large", "The request body is larger than this endpoint accepts"),
    431: ("request-headers-too-large", "The request headers are larger than accepted"),
    501: ("not-implemented", "The request uses an HTTP feature this server does not support"),
}


def parse_problem(status: int, reason: str, instance: str | None) -> Problem:
    """The problem for a request waitress refused (`reason`: waitress's own detail)."""
    if status not in _PARSE_PROBLEMS:
        return internal_problem(instance, None)
    code, detail = _PARSE_PROBLEMS[status]
    return Problem(
        status=status,
        title=HTTPStatus(status).phrase,
        detail=f"{detail}: {reason}." if reason else f"{detail}.",
        type=PROBLEM_BASE + code,
        instance=instance,
    )


class _ProblemErrorTask(ErrorTask):
    """waitress's answer to a request it could not parse, as a problem document."""

    def execute(self) -> None:
        error = self.request.error
        path = self.request.path if isinstance(self.request.path, str) else None
        result = problem_result(parse_problem(error.code, str(error.body or ""), path or None))
        server = self.channel.server
        if isinstance(server, _WaitressServer) and server.error_headers is not None:
            headers = {k.replace("_", "-").lower(): v for k, v in self.request.headers.items()}
            result.headers.update(server.error_headers(headers))
        self.status = f"{result.status} {HTTPStatus(result.status).phrase}"
        self.response_headers.extend(result.headers.items())
        self.set_close_on_finish()  # the rest of the stream cannot be trusted
        self.content_length = len(result.body)
        self.write(result.body)


class _Channel(HTTPChannel):
    error_task_class = _ProblemErrorTask


class _WaitressServer(TcpWSGIServer):
    channel_class = _Channel
    error_headers: ErrorHeaders | None = None


class HttpServer:
    """One listening socket served by waitress's loop and a pool of handler threads."""

    def __init__(
        self,
        address: tuple[str, int],
        app: WsgiApp,
        *,
        threads: int,
        backlog: int,
        max_body_bytes: int,
        max_header_bytes: int,
        error_headers: ErrorHeaders | None = None,
        listener: socket.socket | None = None,
    ) -> None:
        # A listener made elsewhere (the multi-process gateway shares one) replaces the
        # address: waitress accepts on it as it is, without binding.
        host, port = address
        where: dict[str, Any] = (
            {"sockets": [listener]} if listener else {"host": host, "port": port}
        )
        adj = Adjustments(
            **where,
            threads=threads,
            backlog=backlog,
            connection_limit=max(backlog, 100),
            # waitress refuses a size equal to its limit; ours are the largest accepted.
            max_request_body_size=max_body_bytes + 1,
            max_request_header_size=max_header_bytes + 1,
            ident="",  # no Server header
            expose_tracebacks=False,
            asyncore_use_poll=True,  # select() stops at 1024 descriptors
            # The gateway sets X-Forwarded-For itself; other headers pass as sent.
            clear_untrusted_proxy_headers=False,
        )
        self._map: dict[int, Any] = {}
        # One address even when the host name resolves to several (IPv4 and IPv6).
        self._server = (
            _WaitressServer(app, map=self._map, adj=adj, sockinfo=adj.listen[0])
            if listener is None
            else _on_listener(app, self._map, adj, listener)
        )
        self._server.error_headers = error_headers
        self._stop = threading.Event()
        self._stopped = threading.Event()
        self._serving = False
        self._closed = False

    @property
    def server_address(self) -> tuple[str, int]:
        host, port = self._server.socket.getsockname()[:2]
        return str(host), int(port)

    def serve_forever(self, poll_interval: float = 0.5) -> None:
        self._serving = True
        self._stopped.clear()
        try:
            while not self._stop.is_set():
                wasyncore.loop(timeout=poll_interval, map=self._map, use_poll=True, count=1)
        finally:
            # Client connections close in the loop's own thread; the listener stays
            # open until server_close(), as with socketserver.
            for channel in list(self._map.values()):
                if channel is not self._server and channel is not self._server.trigger:
                    channel.close()
            self._stopped.set()

    def shutdown(self) -> None:
        """Stop serve_forever() and wait until it has returned."""
        self._stop.set()
        if not self._serving:
            return
        self._server.pull_trigger()  # wake the loop from its poll
        self._stopped.wait()

    def server_close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._server.task_dispatcher.shutdown(cancel_pending=True, timeout=5)
        self._server.close()


def _on_listener(
    app: WsgiApp, socket_map: dict[int, Any], adj: Adjustments, listener: socket.socket
) -> _WaitressServer:
    sockinfo = (listener.family, listener.type, listener.proto, listener.getsockname())
    return _WaitressServer(
        app, socket_map, True, listener, adj=adj, bind_socket=False, sockinfo=sockinfo
    )


def result_app(answer: Callable[[dict[str, Any]], HttpResult]) -> WsgiApp:
    """A WSGI app from a function of the environ that returns an HttpResult."""

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        result = answer(environ)
        headers = [
            (name, value)
            for name, value in result.headers.items()
            if name.lower() not in _NOT_FROM_THE_APP
        ]
        headers.append(("Content-Length", str(len(result.body))))
        start_response(f"{result.status} {HTTPStatus(result.status).phrase}", headers)
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [result.body]

    return app


# Set by the server (framing, hop-by-hop) or not ours to send.
_NOT_FROM_THE_APP = frozenset(
    (
        "connection",
        "content-length",
        "date",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "server",
        "te",
        "trailers",
        "transfer-encoding",
        "upgrade",
    )
)


def request_headers(environ: dict[str, Any]) -> dict[str, str]:
    """The request's headers by lower-case name, as the client sent them."""
    headers = {}
    for key, value in environ.items():
        if key.startswith("HTTP_"):
            headers[key[5:].replace("_", "-").lower()] = value
        elif key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            headers[key.replace("_", "-").lower()] = value
    # waitress has de-chunked the body and set Content-Length to its size.
    headers.pop("transfer-encoding", None)
    return headers
