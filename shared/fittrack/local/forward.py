"""A mount that answers by asking another gateway process over loopback HTTP.

The API workers of `fittrack dev --workers N` forward what only the primary
process can answer (the simulators under /_sim/, whose state is in its memory)
to the private port the primary serves them on.
"""

from __future__ import annotations

import http.client

from fittrack.http.runtime import HttpResult
from fittrack.local.gateway import Mount

FORWARD_TIMEOUT = 60  # seconds; a simulator answers in milliseconds
# Hop-by-hop: they describe this connection, not the request.
_HOP_BY_HOP = frozenset(("connection", "keep-alive", "te", "trailers", "upgrade"))


def forward_to(port: int) -> Mount:
    def forward(
        method: str, path: str, query: str, headers: dict[str, str], body: bytes
    ) -> HttpResult:
        target = f"{path}?{query}" if query else path
        sent = {name: value for name, value in headers.items() if name not in _HOP_BY_HOP}
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=FORWARD_TIMEOUT)
        try:
            connection.request(method, target, body=body, headers=sent)
            response = connection.getresponse()
            return HttpResult(response.status, dict(response.getheaders()), response.read())
        finally:
            connection.close()

    return forward
