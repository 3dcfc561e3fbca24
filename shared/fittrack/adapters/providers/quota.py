"""Per-member provider quotas: a token bucket in Redis (in memory without Redis).

Each (provider, member) has a bucket holding at most the provider's per-minute
quota and refilling continuously. `take` removes one token, or answers how many
seconds until one is there. The Redis side is one Lua script, so concurrent
workers share the bucket exactly; Redis trouble fails open (the provider's own
429 still protects it), like the API rate limiter.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from fittrack.log import get_logger

log = get_logger(__name__)

_SCRIPT = """
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local cost = tonumber(ARGV[4])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1])
local ts = tonumber(state[2])
if tokens == nil or ts == nil then
  tokens = capacity
  ts = now
end
tokens = math.min(capacity, tokens + math.max(0, now - ts) * rate)
local wait = 0
if tokens >= cost then
  tokens = tokens - cost
else
  wait = (cost - tokens) / rate
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / rate * 1000) + 1000)
return tostring(wait)
"""


class TokenBucket:
    def __init__(self, redis_url: str | None, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._memory: dict[str, tuple[float, float]] = {}
        self._script: Any = None
        if redis_url:
            import redis

            client = redis.Redis.from_url(redis_url, socket_timeout=1.0, socket_connect_timeout=1.0)
            self._script = client.register_script(_SCRIPT)

    def take(self, key: str, per_minute: int, cost: int = 1) -> float:
        """0 when a token was taken; otherwise the seconds until `cost` tokens are there."""
        capacity, rate, now = float(per_minute), per_minute / 60.0, self._clock()
        if self._script is not None:
            try:
                return float(
                    self._script(keys=[f"trackerquota:{key}"], args=[capacity, rate, now, cost])
                )
            except Exception:  # noqa: BLE001 - any Redis failure fails open
                log.warning("provider quota failing open: Redis unavailable")
                return 0.0
        with self._lock:
            tokens, ts = self._memory.get(key, (capacity, now))
            tokens = min(capacity, tokens + max(0.0, now - ts) * rate)
            wait = 0.0 if tokens >= cost else (cost - tokens) / rate
            self._memory[key] = (tokens - cost if wait == 0 else tokens, now)
            return wait


_buckets: dict[str | None, TokenBucket] = {}
_buckets_lock = threading.Lock()


def bucket_for(redis_url: str | None) -> TokenBucket:
    """One bucket client per Redis URL per process."""
    with _buckets_lock:
        found = _buckets.get(redis_url)
        if found is None:
            found = _buckets[redis_url] = TokenBucket(redis_url)
        return found
