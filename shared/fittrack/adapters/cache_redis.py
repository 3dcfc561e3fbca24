"""The Redis cache (OCI Cache in production): redis-py, every failure a CacheUnavailable."""

from __future__ import annotations

import functools
import threading
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any

from fittrack.adapters.cache_protocol import CacheUnavailable, JsonMixin, Replacement

if TYPE_CHECKING:
    import redis


# A replacement stages big keys this many entries at a time, each under this TTL until done.
STAGING_SLICE = 10_000
STAGING_TTL_SECONDS = 300


def _scored(reply: list[Any]) -> list[tuple[str, float]]:
    """A WITHSCORES reply as (member, score): pairs in RESP3 (redis-py's default from
    8.0), member and score in turn in RESP2."""
    if reply and isinstance(reply[0], list):
        return [(member, float(score)) for member, score in reply]
    items = iter(reply)
    return [(member, float(score)) for member, score in zip(items, items, strict=True)]


class RedisCache(JsonMixin):
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

    def zrevranks(self, key: str, members: list[str]) -> list[int | None]:
        return self.zrevranks_and_range(key, members, 1, 0)[0]  # an empty range: ranks only

    def zrevranks_and_range(
        self, key: str, members: list[str], start: int, stop: int
    ) -> tuple[list[int | None], list[tuple[str, float]]]:
        """Ranks and a range in one round trip (a leaderboard page and my rank)."""

        def run(r: redis.Redis) -> list[Any]:
            pipe = r.pipeline(transaction=False)
            for member in members:
                pipe.zrevrank(key, member)
            # Named as a plain command, redis-py hands the reply over as it came: taking
            # it apart here costs a third of its per-entry callbacks.
            pipe.execute_command("ZREVRANGE", key, start, stop, "WITHSCORES")
            return list(pipe.execute())

        *ranks, reply = self._run(run)
        return ranks, _scored(reply)

    def zcard(self, key: str) -> int:
        return int(self._run(lambda r: r.zcard(key)))

    def replace_sorted_set(
        self, key: str, mapping: dict[str, float], ttl_seconds: int | None = None
    ) -> None:
        with self.replacing(ttl_seconds) as staged:
            staged.zadd(key, mapping)

    def hset(self, key: str, mapping: dict[str, str], ttl_seconds: int | None = None) -> None:
        if not mapping:
            return

        fields: Mapping[Any, Any] = mapping  # redis-py's stubs want Mapping[bytes | str | ...]

        def run(r: redis.Redis) -> None:
            pipe = r.pipeline(transaction=True)
            pipe.hset(key, mapping=fields)
            if ttl_seconds is not None:
                pipe.expire(key, ttl_seconds, nx=True)  # one that has an expiry keeps it
            pipe.execute()

        self._run(run)

    def hdel(self, key: str, *fields: str) -> int:
        return int(self._run(lambda r: r.hdel(key, *fields))) if fields else 0

    def hmget(self, key: str, fields: list[str]) -> list[str | None]:
        if not fields:
            return []
        return list(self._run(lambda r: r.hmget(key, fields)))

    @contextmanager
    def replacing(self, ttl_seconds: int | None = None) -> Iterator[Replacement]:
        staged = _RedisReplacement(self._run, ttl_seconds)
        try:
            yield staged
            staged.commit()
        except BaseException:
            staged.discard()
            raise


class _RedisReplacement:
    """Fills private staging keys a slice at a time, pipelined (one ZADD of a million
    members outlasts the socket timeout and blocks Redis for everyone meanwhile), then
    swaps each over its live key. The staging keys expire by themselves if the run dies
    half-way."""

    def __init__(self, run: Callable[[Callable[[redis.Redis], Any]], Any], ttl: int | None):
        self._run = run
        self._ttl = ttl
        self._staging: dict[str, str] = {}  # live key -> its staging key
        self._filled: set[str] = set()  # staging keys that hold something
        self._pending: list[tuple[str, str, Mapping[Any, Any]]] = []  # command, staging, values
        self._buffered = 0

    def zadd(self, key: str, mapping: dict[str, float]) -> None:
        self._add("zadd", key, mapping)

    def hset(self, key: str, mapping: dict[str, str]) -> None:
        self._add("hset", key, mapping)

    def _add(self, command: str, key: str, values: dict[str, Any]) -> None:
        staging = self._staging.get(key)
        if staging is None:
            staging = self._staging[key] = f"{key}:staging:{uuid.uuid4().hex}"
        if len(values) <= STAGING_SLICE:
            self._queue(command, staging, values)
            return
        items = list(values.items())
        for start in range(0, len(items), STAGING_SLICE):
            self._queue(command, staging, dict(items[start : start + STAGING_SLICE]))

    def _queue(self, command: str, staging: str, values: Mapping[Any, Any]) -> None:
        if not values:
            return
        self._pending.append((command, staging, values))
        self._buffered += len(values)
        if self._buffered >= STAGING_SLICE:
            self._flush()

    def _flush(self) -> None:
        if not self._pending:
            return
        pending, self._pending, self._buffered = self._pending, [], 0
        self._filled.update(staging for _, staging, _ in pending)

        def run(r: redis.Redis) -> None:
            pipe = r.pipeline(transaction=False)
            for command, staging, values in pending:
                if command == "zadd":
                    pipe.zadd(staging, values)
                else:
                    pipe.hset(staging, mapping=values)
            for staging in self._filled:  # all of them, renewed while the run goes on
                pipe.expire(staging, STAGING_TTL_SECONDS)
            pipe.execute()

        self._run(run)

    def commit(self) -> None:
        self._flush()
        for key, staging in self._staging.items():
            self._run(functools.partial(self._swap, key=key, staging=staging))

    def _swap(self, r: redis.Redis, key: str, staging: str) -> None:
        pipe = r.pipeline(transaction=True)
        # UNLINK frees the old value in the background; RENAME over it would free a
        # million members inline, longer than the client waits.
        pipe.unlink(key)
        if staging in self._filled:
            if self._ttl is not None:
                pipe.expire(staging, self._ttl)
            else:
                pipe.persist(staging)
            pipe.rename(staging, key)  # RENAME carries the staging key's TTL
        pipe.execute()

    def discard(self) -> None:
        with suppress(CacheUnavailable):  # else they expire by themselves
            self._run(lambda r: r.unlink(*self._filled) if self._filled else 0)
