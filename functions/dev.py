"""Local-only developer routes (never part of the production function set)."""

from __future__ import annotations

from fittrack.http.registry import function
from fittrack.http.request import Request
from fittrack.schemas.dev import OutboxQuery
from fittrack.services import dev


@function("dev.outbox", http=("GET", "/_dev/outbox"), auth="public", query=OutboxQuery,
          local_only=True)
def outbox(req: Request, query: OutboxQuery) -> dict:
    """The emails the local platform has sent, newest first."""
    return dev.outbox(req.platform.db, query.limit, query.to)
