"""Health: status, liveness, readiness."""

from __future__ import annotations

from fittrack import __version__
from fittrack.http.registry import Routes, function
from fittrack.http.request import Request
from fittrack.schemas.health import Health, Readiness
from fittrack.services import health

ROUTES = Routes("/health")


@function(
    "health.status",
    http=ROUTES.get(),
    auth="public",
    response=Health,
    rate_limited=False,
)
def status(req: Request) -> Health:
    """Service status and version."""
    return Health(status="ok", version=__version__)


@function(
    "health.live",
    http=ROUTES.get("/live"),
    auth="public",
    response=Health,
    rate_limited=False,
)
def live(req: Request) -> Health:
    """Liveness: the function answers."""
    return Health(status="ok", version=__version__)


@function(
    "health.ready",
    http=ROUTES.get("/ready"),
    auth="public",
    response=Readiness,
    rate_limited=False,
)
def ready(req: Request) -> Readiness:
    """Readiness: the database and the cache are reachable (503 problem otherwise)."""
    platform = req.platform
    probes = {"database": lambda: platform.db.ping(), "cache": lambda: platform.cache.ping()}
    return health.readiness(probes, __version__)
