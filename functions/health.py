"""Health: status, liveness, readiness."""

from __future__ import annotations

from fittrack import __version__
from fittrack.http.registry import function
from fittrack.http.request import Request
from fittrack.schemas.health import Health, Readiness
from fittrack.services import health


@function(
    "health.status",
    http=("GET", "/health"),
    auth="public",
    response=Health,
    memory=128,
    timeout=10,
    rate_limited=False,
)
def status(req: Request) -> Health:
    """Service status and version."""
    return Health(status="ok", version=__version__)


@function(
    "health.live",
    http=("GET", "/health/live"),
    auth="public",
    response=Health,
    memory=128,
    timeout=10,
    rate_limited=False,
)
def live(req: Request) -> Health:
    """Liveness: the function answers."""
    return Health(status="ok", version=__version__)


@function(
    "health.ready",
    http=("GET", "/health/ready"),
    auth="public",
    response=Readiness,
    memory=128,
    timeout=10,
    rate_limited=False,
)
def ready(req: Request) -> Readiness:
    """Readiness: the database and the cache are reachable (503 problem otherwise)."""
    platform = req.platform
    probes = {"database": lambda: platform.db.ping(), "cache": lambda: platform.cache.ping()}
    return health.readiness(probes, __version__)
