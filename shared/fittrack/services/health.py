"""Readiness: can this container reach what it needs?"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from fittrack import log
from fittrack.domain.errors import ServiceUnavailable
from fittrack.schemas.health import Readiness

logger = log.get_logger("fittrack.health")


def readiness(probes: Mapping[str, Callable[[], None]], version: str) -> Readiness:
    """Run each probe (which raises when its dependency is unreachable)."""
    checks = {name: _check(probe) for name, probe in probes.items()}
    failed = sorted(name for name, state in checks.items() if state != "ok")
    if failed:
        raise ServiceUnavailable(f"Not ready: {', '.join(failed)} unreachable.", checks=checks)
    return Readiness(status="ok", version=version, checks=checks)


def _check(probe: Callable[[], None]) -> str:
    try:
        probe()
    except Exception as error:  # any failure means "not ready"; the log says why
        logger.warning("readiness check failed", extra={"error": type(error).__name__})
        return "unreachable"
    return "ok"
