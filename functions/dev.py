"""Local-only developer routes (never part of the production function set)."""

from __future__ import annotations

from fittrack.http.registry import Routes, function
from fittrack.http.request import Request
from fittrack.schemas.activities import DevActivities, IngestView
from fittrack.schemas.dev import OutboxQuery
from fittrack.services import activities, dev

ROUTES = Routes("/_dev")


@function(
    "dev.outbox", http=ROUTES.get("/outbox"), auth="public", query=OutboxQuery, local_only=True
)
def outbox(req: Request, query: OutboxQuery) -> dict:
    """The emails the local platform has sent, newest first."""
    return dev.outbox(req.platform.db, query.limit, query.to)


@function(
    "dev.activities",
    http=ROUTES.post("/activities"),
    auth="public",
    request=DevActivities,
    response=IngestView,
    local_only=True,
)
def ingest_activities(req: Request, body: DevActivities) -> IngestView:
    """Feed normalised activities to the ingestion service for one member."""
    return activities.dev_ingest(req.platform, body)
