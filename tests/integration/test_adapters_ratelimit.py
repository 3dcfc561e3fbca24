"""The sliding-window limiter on MemoryCache and on a real Redis."""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fittrack.adapters.cache import Cache, MemoryCache, RedisCache
from fittrack.adapters.ratelimit import Decision, RateLimiter

START = datetime(2026, 3, 2, 12, 0, 0, tzinfo=UTC)  # on a 60 s boundary


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
def cache(request: pytest.FixtureRequest) -> Cache:
    if request.param == "memory":
        return MemoryCache()
    return RedisCache(request.getfixturevalue("redis_url"))


def test_allows_up_to_limit_then_refuses(cache: Cache) -> None:
    clock = Clock()
    limiter = RateLimiter(cache, clock)
    clock.now = START + timedelta(seconds=15)
    decisions = [limiter.hit("login:1.2.3.4", limit=3) for _ in range(4)]
    assert [d.allowed for d in decisions] == [True, True, True, False]
    assert [d.remaining for d in decisions] == [2, 1, 0, 0]
    # At 60 s the three accepted requests still weigh fully; at 80 s two thirds of them
    # do, and one more fits: 65 s from the refusal.
    assert decisions[-1].retry_after == 65
    assert decisions[0].retry_after == 0


@settings(max_examples=300, deadline=None)
@given(
    earlier=st.integers(0, 40),
    burst=st.integers(1, 40),
    at=st.floats(0, 59.9),
    limit=st.integers(1, 20),
)
def test_a_client_that_obeys_retry_after_gets_through(
    earlier: int, burst: int, at: float, limit: int
) -> None:
    """Whatever came before, the wait a refusal names is enough, and not much more."""
    clock = Clock()
    limiter = RateLimiter(MemoryCache(clock=lambda: clock.now.timestamp()), clock)
    clock.now = START - timedelta(seconds=30)
    for _ in range(earlier):
        limiter.hit("k", limit=limit)
    clock.now = START + timedelta(seconds=at)
    refused = None
    for _ in range(burst + limit):
        decision = limiter.hit("k", limit=limit)
        if not decision.allowed:
            refused = decision
            break
    if refused is None:
        return
    refused_at = clock.now
    clock.now = refused_at + timedelta(seconds=refused.retry_after - 1)
    if refused.retry_after > 1:
        assert not limiter.hit("k", limit=limit).allowed, "the wait named was longer than needed"
    clock.now = refused_at + timedelta(seconds=refused.retry_after)
    assert limiter.hit("k", limit=limit).allowed


def test_the_window_slides(cache: Cache) -> None:
    clock = Clock()
    limiter = RateLimiter(cache, clock)
    for _ in range(2):
        assert limiter.hit("k", limit=2).allowed
    assert not limiter.hit("k", limit=2).allowed
    # A new fixed window would forget the burst; the sliding window still counts it fully...
    clock.now = START + timedelta(seconds=60)
    assert limiter.hit("k", limit=2) == Decision(allowed=False, remaining=0, retry_after=30)
    # ...half of it once half the window has passed...
    clock.now = START + timedelta(seconds=90)
    assert limiter.hit("k", limit=2) == Decision(allowed=True, remaining=0, retry_after=0)
    assert not limiter.hit("k", limit=2).allowed
    # ...and none of it after a whole quiet window.
    clock.now = START + timedelta(seconds=180)
    assert limiter.hit("k", limit=2) == Decision(allowed=True, remaining=1, retry_after=0)


def test_keys_and_windows_are_independent(cache: Cache) -> None:
    limiter = RateLimiter(cache, Clock())
    assert limiter.hit("a", limit=1).allowed
    assert limiter.hit("b", limit=1).allowed
    assert limiter.hit("a", limit=1, window_seconds=3600).allowed
    assert not limiter.hit("a", limit=1).allowed


def test_threads_hammering_one_key_get_exactly_limit(cache: Cache) -> None:
    limiter = RateLimiter(cache, Clock())
    allowed: list[bool] = []
    lock = threading.Lock()
    barrier = threading.Barrier(10)

    def hammer() -> None:
        barrier.wait()
        for _ in range(20):
            decision = limiter.hit("hot", limit=37)
            with lock:
                allowed.append(decision.allowed)

    threads = [threading.Thread(target=hammer) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(allowed) == 200
    assert allowed.count(True) == 37


def test_fails_open_when_cache_is_down(caplog: pytest.LogCaptureFixture) -> None:
    down = RedisCache("redis://127.0.0.1:1/0", timeout_seconds=0.2)
    limiter = RateLimiter(down, Clock())
    logger = logging.getLogger("fittrack.adapters.ratelimit")
    logger.addHandler(caplog.handler)  # also when fittrack logs stop propagating
    try:
        decision = limiter.hit("login:1.2.3.4", limit=1)
        assert limiter.hit("login:1.2.3.4", limit=1).allowed
    finally:
        logger.removeHandler(caplog.handler)
    assert decision == Decision(allowed=True, remaining=1, retry_after=0)
    assert any("failing open" in r.getMessage() for r in caplog.records)
