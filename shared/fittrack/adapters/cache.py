"""Hot copies and counters: Redis (OCI Cache) in production, memory otherwise.

Redis is never the only copy of anything, so callers treat CacheUnavailable as
"recompute from the database" (or, for rate limits, "allow").
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from fittrack.domain.errors import ServiceUnavailable

if TYPE_CHECKING:
    import redis

    from fittrack.config import Settings


class CacheUnavailable(ServiceUnavailable):
    title = "Cache unavailable"


class Cache(Protocol):
    def get(self, key: str) -> str | None: ...
    def set(self, key: str, value: str, ttl_seconds: int | None = None) -> None: ...
    def delete(self, *keys: str) -> int: ...
    def get_json(self, key: str) -> Any: ...
    def set_json(self, key: str, value: Any, ttl_seconds: int | None = None) -> None: ...
    def incr(self, key: str, amount: int = 1, ttl_seconds: int | None = None) -> int: ...
    def incr_and_get(
        self, key: str, amount: int, ttl_seconds: int | None, other: str
    ) -> tuple[int, str | None]: ...
    def ping(self) -> None: ...
    def zadd(self, key: str, mapping: dict[str, float]) -> None: ...
    def zrem(self, key: str, *members: str) -> int: ...
    def zscore(self, key: str, member: str) -> float | None: ...
    def zrevrank(self, key: str, member: str) -> int | None: ...
    def zrevrange(self, key: str, start: int, stop: int) -> list[tuple[str, float]]: ...
    def zcard(self, key: str) -> int: ...
    def replace_sorted_set(
        self, key: str, mapping: dict[str, float], ttl_seconds: int | None = None
    ) -> None: ...


class _JsonMixin:
    def get_json(self: Cache, key: str) -> Any:
        raw = self.get(key)
        return None if raw is None else json.loads(raw)

    def set_json(self: Cache, key: str, value: Any, ttl_seconds: int | None = None) -> None:
        self.set(key, json.dumps(value, separators=(",", ":")), ttl_seconds)


@dataclass
class _Entry:
    value: Any  # str for strings and counters, dict[str, float] for sorted sets
    expires_at: float | None


def _ranked(members: dict[str, float]) -> list[tuple[str, float]]:
    # Redis orders ties by member, and ZREVRANGE is the exact reverse of ZRANGE.
    return sorted(members.items(), key=lambda kv: (kv[1], kv[0]), reverse=True)


def _slice(items: list[tuple[str, float]], start: int, stop: int) -> list[tuple[str, float]]:
    """Inclusive, negative-aware ranges, as Redis interprets them."""
    size = len(items)
    start = max(start + size if start < 0 else start, 0)
    stop = stop + size if stop < 0 else min(stop, size - 1)
    return items[start : stop + 1] if start <= stop else []


class MemoryCache(_JsonMixin):
    """A process-local stand-in for Redis with the same observable behaviour."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._data: dict[str, _Entry] = {}
        self._lock = threading.Lock()

    def _live(self, key: str) -> _Entry | None:
        entry = self._data.get(key)
        if entry is not None and entry.expires_at is not None and entry.expires_at <= self._clock():
            del self._data[key]
            return None
        return entry

    def _put(self, key: str, value: Any, ttl_seconds: int | None) -> _Entry:
        expires_at = None if ttl_seconds is None else self._clock() + ttl_seconds
        entry = self._data[key] = _Entry(value, expires_at)
        return entry

    def _members(self, key: str) -> dict[str, float]:
        entry = self._live(key)
        return {} if entry is None else dict(entry.value)

    def get(self, key: str) -> str | None:
        with self._lock:
            entry = self._live(key)
            return None if entry is None else str(entry.value)

    def set(self, key: str, value: str, ttl_seconds: int | None = None) -> None:
        with self._lock:
            self._put(key, value, ttl_seconds)

    def delete(self, *keys: str) -> int:
        with self._lock:
            live = [k for k in keys if self._live(k) is not None]
            for k in live:
                del self._data[k]
            return len(live)

    def incr(self, key: str, amount: int = 1, ttl_seconds: int | None = None) -> int:
        with self._lock:
            return self._incr(key, amount, ttl_seconds)

    def incr_and_get(
        self, key: str, amount: int, ttl_seconds: int | None, other: str
    ) -> tuple[int, str | None]:
        with self._lock:
            count = self._incr(key, amount, ttl_seconds)
            read = self._live(other)
            return count, None if read is None else str(read.value)

    def _incr(self, key: str, amount: int, ttl_seconds: int | None) -> int:
        entry = self._live(key) or self._put(key, "0", ttl_seconds)
        entry.value = str(int(entry.value) + amount)
        return int(entry.value)

    def ping(self) -> None:
        return None

    def zadd(self, key: str, mapping: dict[str, float]) -> None:
        if mapping:
            with self._lock:
                entry = self._live(key) or self._put(key, {}, None)
                entry.value.update({m: float(s) for m, s in mapping.items()})

    def zrem(self, key: str, *members: str) -> int:
        with self._lock:
            entry = self._live(key)
            if entry is None:
                return 0
            return sum(entry.value.pop(m, None) is not None for m in members)

    def zscore(self, key: str, member: str) -> float | None:
        with self._lock:
            return self._members(key).get(member)

    def zrevrank(self, key: str, member: str) -> int | None:
        with self._lock:
            order = [m for m, _ in _ranked(self._members(key))]
        return order.index(member) if member in order else None

    def zrevrange(self, key: str, start: int, stop: int) -> list[tuple[str, float]]:
        with self._lock:
            return _slice(_ranked(self._members(key)), start, stop)

    def zcard(self, key: str) -> int:
        with self._lock:
            return len(self._members(key))

    def replace_sorted_set(
        self, key: str, mapping: dict[str, float], ttl_seconds: int | None = None
    ) -> None:
        with self._lock:
            self._data.pop(key, None)
            if mapping:
                self._put(key, {m: float(s) for m, s in mapping.items()}, ttl_seconds)


# replace_sorted_set stages a big set this many members at a time, under this TTL until done.
STAGING_SLICE = 10_000
STAGING_TTL_SECONDS = 300


class RedisCache(_JsonMixin):
    """redis-py over `redis://` or `rediss://` (TLS, as OCI Cache requires)."""

    def __init__(self, url: str, timeout_seconds: float = 1.0) -> None:
        self._url = url
        self._timeout = timeout_seconds
        self._client: redis.Redis | None = None
        self._lock = threading.Lock()

    def _redis(self) -> redis.Redis:
        with self._lock:
            if self._client is None:
                import redis

                self._client = redis.Redis.from_url(
                    self._url,
                    decode_responses=True,
                    socket_timeout=self._timeout,
                    socket_connect_timeout=self._timeout,
                    health_check_interval=30,
                )
            return self._client

    def _run(self, action: Callable[[redis.Redis], Any]) -> Any:
        from redis.exceptions import ConnectionError, TimeoutError

        try:
            return action(self._redis())
        except (ConnectionError, TimeoutError) as exc:
            raise CacheUnavailable("The cache is not reachable.") from exc

    def get(self, key: str) -> str | None:
        return self._run(lambda r: r.get(key))

    def set(self, key: str, value: str, ttl_seconds: int | None = None) -> None:
        self._run(lambda r: r.set(key, value, ex=ttl_seconds))

    def delete(self, *keys: str) -> int:
        return int(self._run(lambda r: r.delete(*keys))) if keys else 0

    def incr(self, key: str, amount: int = 1, ttl_seconds: int | None = None) -> int:
        def run(r: redis.Redis) -> int:
            pipe = self._incr_pipeline(r, key, amount, ttl_seconds)
            return int(pipe.execute()[-1])

        return int(self._run(run))

    def incr_and_get(
        self, key: str, amount: int, ttl_seconds: int | None, other: str
    ) -> tuple[int, str | None]:
        """Both in one round trip: a rate-limited request pays one, not two."""

        def run(r: redis.Redis) -> tuple[int, str | None]:
            pipe = self._incr_pipeline(r, key, amount, ttl_seconds)
            pipe.get(other)
            *_, count, value = pipe.execute()
            return int(count), value

        result: tuple[int, str | None] = self._run(run)
        return result

    @staticmethod
    def _incr_pipeline(r: redis.Redis, key: str, amount: int, ttl_seconds: int | None) -> Any:
        pipe = r.pipeline(transaction=True)
        if ttl_seconds is not None:
            # Creating the key with its TTL first means an existing key keeps its window.
            pipe.set(key, 0, ex=ttl_seconds, nx=True)
        pipe.incrby(key, amount)
        return pipe

    def ping(self) -> None:
        self._run(lambda r: r.ping())

    def zadd(self, key: str, mapping: dict[str, float]) -> None:
        if mapping:
            self._run(lambda r: r.zadd(key, mapping))

    def zrem(self, key: str, *members: str) -> int:
        return int(self._run(lambda r: r.zrem(key, *members))) if members else 0

    def zscore(self, key: str, member: str) -> float | None:
        score = self._run(lambda r: r.zscore(key, member))
        return None if score is None else float(score)

    def zrevrank(self, key: str, member: str) -> int | None:
        return self._run(lambda r: r.zrevrank(key, member))

    def zrevrange(self, key: str, start: int, stop: int) -> list[tuple[str, float]]:
        rows = self._run(lambda r: r.zrevrange(key, start, stop, withscores=True))
        return [(str(member), float(score)) for member, score in rows]

    def zcard(self, key: str) -> int:
        return int(self._run(lambda r: r.zcard(key)))

    def replace_sorted_set(
        self, key: str, mapping: dict[str, float], ttl_seconds: int | None = None
    ) -> None:
        staging = f"{key}:staging:{uuid.uuid4().hex}"
        items = list(mapping.items())

        def run(r: redis.Redis) -> None:
            if not items:
                r.delete(key)
                return
            # Filled a slice at a time: one ZADD of a million members outlasts the socket
            # timeout (and blocks Redis for everyone meanwhile). The staging key is private
            # and expires by itself if this run dies half-way.
            for start in range(0, len(items), STAGING_SLICE):
                r.zadd(staging, dict(items[start : start + STAGING_SLICE]))
                if start == 0:
                    r.expire(staging, STAGING_TTL_SECONDS)
            pipe = r.pipeline(transaction=True)
            if ttl_seconds is not None:
                pipe.expire(staging, ttl_seconds)
            else:
                pipe.persist(staging)
            pipe.rename(staging, key)  # RENAME carries the staging key's TTL
            pipe.execute()

        self._run(run)


def open_cache(settings: Settings) -> Cache:
    return RedisCache(settings.redis_url) if settings.redis_url else MemoryCache()
