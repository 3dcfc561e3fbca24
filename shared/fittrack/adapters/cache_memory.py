"""The in-process cache: the same behaviour as Redis for one process (tests, `fittrack
dev` without REDIS_URL)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from fittrack.adapters.cache_protocol import JsonMixin, Replacement


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


class MemoryCache(JsonMixin):
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

    def zrevranks(self, key: str, members: list[str]) -> list[int | None]:
        return self.zrevranks_and_range(key, members, 1, 0)[0]  # an empty range

    def zrevranks_and_range(
        self, key: str, members: list[str], start: int, stop: int
    ) -> tuple[list[int | None], list[tuple[str, float]]]:
        with self._lock:
            ranked = _ranked(self._members(key))
        positions = {member: n for n, (member, _) in enumerate(ranked)}
        return [positions.get(m) for m in members], _slice(ranked, start, stop)

    def replace_sorted_set(
        self, key: str, mapping: dict[str, float], ttl_seconds: int | None = None
    ) -> None:
        with self.replacing(ttl_seconds) as staged:
            staged.zadd(key, mapping)

    def hset(self, key: str, mapping: dict[str, str], ttl_seconds: int | None = None) -> None:
        if mapping:
            with self._lock:
                entry = self._live(key) or self._put(key, {}, None)
                entry.value.update(mapping)
                if ttl_seconds is not None and entry.expires_at is None:
                    entry.expires_at = self._clock() + ttl_seconds

    def hdel(self, key: str, *fields: str) -> int:
        with self._lock:
            entry = self._live(key)
            if entry is None:
                return 0
            return sum(entry.value.pop(f, None) is not None for f in fields)

    def hmget(self, key: str, fields: list[str]) -> list[str | None]:
        with self._lock:
            entry = self._live(key)
            values = {} if entry is None else entry.value
            return [values.get(f) for f in fields]

    @contextmanager
    def replacing(self, ttl_seconds: int | None = None) -> Iterator[Replacement]:
        staged = _MemoryReplacement()
        yield staged
        with self._lock:
            for key, value in staged.values.items():
                self._data.pop(key, None)
                if value:
                    self._put(key, value, ttl_seconds)


class _MemoryReplacement:
    def __init__(self) -> None:
        self.values: dict[str, dict[str, Any]] = {}

    def zadd(self, key: str, mapping: dict[str, float]) -> None:
        self.values.setdefault(key, {}).update({m: float(s) for m, s in mapping.items()})

    def hset(self, key: str, mapping: dict[str, str]) -> None:
        self.values.setdefault(key, {}).update(mapping)
