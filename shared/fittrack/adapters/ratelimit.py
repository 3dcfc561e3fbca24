"""Sliding-window rate limiting over cache counters.

Each window has a counter; the current rate is estimated as this window's
count plus the previous window's count weighted by how much of it still lies
inside the sliding window. Two counters per key; a request increments this
window's and reads the previous one in a single cache round trip.
"""

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
    retry_after: int  # seconds until a request would be allowed again; 0 when allowed


class RateLimiter:
    def __init__(self, cache: Cache, clock: Clock = utc_now) -> None:
        self._cache = cache
        self._clock = clock

    def hit(self, key: str, limit: int, window_seconds: int = 60) -> Decision:
        """Count one request against `key`; at most `limit` per sliding window."""
        now = self._clock().timestamp()
        window = int(now // window_seconds)
        elapsed = now - window * window_seconds
        prefix = f"ratelimit:{key}:{window_seconds}"
        try:
            current, before = self._cache.incr_and_get(
                f"{prefix}:{window}", 1, 2 * window_seconds, f"{prefix}:{window - 1}"
            )
            previous = int(before or 0)
        except CacheUnavailable:
            # Availability beats strictness: the database still enforces every real rule.
            log.warning("rate limiter failing open: cache unavailable")
            return Decision(allowed=True, remaining=limit, retry_after=0)
        weight = 1 - elapsed / window_seconds
        estimate = previous * weight + current
        if estimate <= limit:
            return Decision(allowed=True, remaining=int(limit - estimate), retry_after=0)
        self._uncount(f"{prefix}:{window}", window_seconds)
        return Decision(
            allowed=False,
            remaining=0,
            retry_after=_retry_after(
                previous, current, limit=limit, elapsed=elapsed, window=window_seconds
            ),
        )

    def _uncount(self, bucket: str, window_seconds: int) -> None:
        """A refused request does not use up the allowance of the next window."""
        try:
            self._cache.incr(bucket, -1, ttl_seconds=2 * window_seconds)
        except CacheUnavailable:
            log.warning("rate limiter could not uncount a refused request")


def _retry_after(previous: int, current: int, *, limit: int, elapsed: float, window: int) -> int:
    """Seconds until one more request fits: a client that waits this long gets through.

    `current` counts the refused request; the requests this window accepted are
    `current - 1`, and once the window rolls over they become the weighted previous
    count, so a wait past the window's end must also let that weight fall.
    """
    rest = window - elapsed
    if previous > 0 and current <= limit:
        # previous * (1 - (elapsed + t) / window) + current <= limit, solved for t
        wait = window * (1 - (limit - current) / previous) - elapsed
        if wait <= rest:
            return _seconds(wait)
    accepted = current - 1
    # In the next window: accepted * (1 - t / window) + 1 <= limit, solved for t
    into_next = window * (1 - (limit - 1) / accepted) if accepted > limit - 1 else 0.0
    return _seconds(rest + into_next)


def _seconds(wait: float) -> int:
    """Whole seconds, at least 1; float noise (20.000000000000004) does not add one."""
    return max(1, math.ceil(wait - 1e-9))
