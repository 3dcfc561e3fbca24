"""Tracker connections: list, link (initiate + callback), unlink, primary, forced sync."""

from __future__ import annotations

from fittrack.http.registry import Routes, function
from fittrack.http.request import Request
from fittrack.schemas.connections import (
    ConnectionAuthorization,
    ConnectionCallbackRequest,
    ConnectionList,
    ConnectionView,
    SyncRequested,
)
from fittrack.services import connections

ROUTES = Routes("/connections")


@function(
    "connections.list",
    http=ROUTES.get(),
    auth="member",
    response=ConnectionList,
)
def list_connections(req: Request) -> ConnectionList:
    """My trackers with their sync state, and the providers I can link."""
    return connections.list_connections(req.platform, req.user.user_id)


@function(
    "connections.initiate",
    http=ROUTES.post("/{provider}/initiate"),
    auth="member",
    response=ConnectionAuthorization,
    timeout=15,
)
def initiate(req: Request) -> ConnectionAuthorization:
    """Start linking a tracker: the provider's consent URL and the single-use state."""
    return connections.initiate(req.platform, req.user.user_id, req.path_params["provider"])


@function(
    "connections.callback",
    memory=256,
    http=ROUTES.post("/{provider}/callback"),
    auth="member",
    request=ConnectionCallbackRequest,
    response=ConnectionView,
    status=201,
    timeout=30,
)
def callback(req: Request, body: ConnectionCallbackRequest) -> ConnectionView:
    """Finish linking with the code and state the provider sent back; queues the first sync."""
    return connections.callback(
        req.platform,
        req.user.user_id,
        provider=req.path_params["provider"],
        code=body.code,
        state=body.state,
    )


@function(
    "connections.unlink",
    memory=256,
    http=ROUTES.delete("/{provider}"),
    auth="member",
    status=204,
    timeout=20,
)
def unlink(req: Request) -> None:
    """Unlink a tracker (revoked at the provider where possible); its activities stay."""
    connections.unlink(req.platform, req.user.user_id, req.path_params["provider"])


@function(
    "connections.make_primary",
    http=ROUTES.put("/{provider}/primary"),
    auth="member",
    response=ConnectionView,
)
def make_primary(req: Request) -> ConnectionView:
    """Make a tracker my primary one (it wins when two trackers report the same activity)."""
    return connections.make_primary(req.platform, req.user.user_id, req.path_params["provider"])


@function(
    "connections.force_sync",
    http=ROUTES.post("/{provider}/sync"),
    auth="member",
    response=SyncRequested,
    status=202,
)
def force_sync(req: Request) -> SyncRequested:
    """Sync a tracker now: once per 5 minutes per provider (429 problem otherwise)."""
    return connections.force_sync(req.platform, req.user.user_id, req.path_params["provider"])
