"""Per-minute request limits: anonymous callers by IP, members and admins by id."""

from __future__ import annotations

from fittrack.domain.errors import TooManyRequests
from fittrack.http.request import Request

WINDOW_SECONDS = 60


def limit_key(req: Request) -> tuple[str, str]:
    """(limit class, counter key) for this caller."""
    caller = req.caller
    if caller is None:
        return "anonymous", f"ip:{req.client_ip or 'unknown'}"
    level = "admin" if caller.is_admin else "member"
    return level, f"user:{caller.user_id}"


def enforce(req: Request) -> None:
    if not req.function.rate_limited:
        return
    level, key = limit_key(req)
    limit = req.platform.settings.rate_limits[level]
    decision = req.platform.rate_limiter.hit(key, limit, WINDOW_SECONDS)
    if not decision.allowed:
        raise TooManyRequests(
            decision.retry_after, f"More than {limit} requests a minute; try again shortly."
        )
