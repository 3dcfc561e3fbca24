"""Fixed-window rate limiting over a cache counter."""

from __future__ import annotations

import math
from dataclasses import dataclass

from fittrack.adapters.cache import Cache, CacheUnavailable
from fittrack.clock import Clock, utc_now
from fittrack.log import get_logger

log = get_logger(__name__)


@dataclass(frozen=True)
class Decision:
    allowed: bool
    remaining: int
    retry_after: int  # seconds until the window resets; 0 when allowed


class RateLimiter:
    def __init__(self, cache: Cache, clock: Clock = utc_now) -> None:
        self._cache = cache
        self._clock = clock

    def hit(self, key: str, limit: int, window_seconds: int = 60) -> Decision:
        """Count one request against `key`; at most `limit` are allowed per window."""
        now = self._clock().timestamp()
        window = int(now // window_seconds)
        bucket = f"ratelimit:{key}:{window_seconds}:{window}"
        try:
            count = self._cache.incr(bucket, 1, ttl_seconds=window_seconds)
        except CacheUnavailable:
            # Availability beats strictness: the database still enforces every real rule.
            log.warning("rate limiter failing open: cache unavailable")
            return Decision(allowed=True, remaining=limit, retry_after=0)
        if count <= limit:
            return Decision(allowed=True, remaining=limit - count, retry_after=0)
        reset_at = (window + 1) * window_seconds
        return Decision(allowed=False, remaining=0, retry_after=max(1, math.ceil(reset_at - now)))
