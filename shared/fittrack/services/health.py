"""Readiness: can this container reach what it needs?"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fittrack import log
from fittrack.errors import ServiceUnavailable
from fittrack.schemas.health import Readiness

if TYPE_CHECKING:
    from fittrack.adapters.cache import Cache
    from fittrack.db import Database

logger = log.get_logger("fittrack.health")


def readiness(db: Database, cache: Cache, version: str) -> Readiness:
    checks = {"database": _check(db.ping), "cache": _check(cache.ping)}
    failed = sorted(name for name, state in checks.items() if state != "ok")
    if failed:
        raise ServiceUnavailable(f"Not ready: {', '.join(failed)} unreachable.", checks=checks)
    return Readiness(status="ok", version=version, checks=checks)


def _check(probe: object) -> str:
    try:
        probe()  # type: ignore[operator]
    except Exception as error:  # any failure means "not ready"; the log says why
        logger.warning("readiness check failed", extra={"error": type(error).__name__})
        return "unreachable"
    return "ok"
