"""One behaviour, two caches: every test runs on MemoryCache and on a real Redis."""

from __future__ import annotations

import threading
import time

import pytest
import redis

from fittrack.adapters.cache import (
    STAGING_SLICE,
    Cache,
    CacheUnavailable,
    MemoryCache,
    RedisCache,
    open_cache,
)
from fittrack.config import Settings


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
def cache(request: pytest.FixtureRequest) -> Cache:
    if request.param == "memory":
        return MemoryCache()
    return RedisCache(request.getfixturevalue("redis_url"))


def test_get_set_delete(cache: Cache) -> None:
    assert cache.get("k") is None
    cache.set("k", "v")
    assert cache.get("k") == "v"
    cache.set("k", "w")
    assert cache.get("k") == "w"
    assert cache.delete("k", "missing") == 1
    assert cache.get("k") is None
    assert cache.delete() == 0


def test_json_round_trip(cache: Cache) -> None:
    doc = {"name": "Ada", "points": [1, 2.5], "active": True, "team": None}
    cache.set_json("doc", doc)
    assert cache.get_json("doc") == doc
    assert cache.get_json("nothing") is None


def test_ttl_expires_keys(cache: Cache) -> None:
    cache.set("short", "x", ttl_seconds=1)
    cache.set("long", "y", ttl_seconds=60)
    cache.set("forever", "z")
    assert cache.get("short") == "x"
    time.sleep(1.2)
    assert cache.get("short") is None
    assert cache.get("long") == "y"
    assert cache.get("forever") == "z"


def test_incr_counts_and_sets_ttl_only_on_create(cache: Cache) -> None:
    assert cache.incr("n") == 1
    assert cache.incr("n", 5) == 6
    assert cache.get("n") == "6"
    assert cache.incr("window", ttl_seconds=1) == 1
    time.sleep(0.6)
    # A later increment must not push the expiry out again.
    assert cache.incr("window", ttl_seconds=1) == 2
    time.sleep(0.6)
    assert cache.get("window") is None
    assert cache.incr("window", ttl_seconds=1) == 1


def test_incr_is_atomic_across_threads(cache: Cache) -> None:
    def work() -> None:
        for _ in range(50):
            cache.incr("shared")

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert cache.get("shared") == "400"


def test_ping(cache: Cache) -> None:
    cache.ping()


def test_sorted_set_ranks_like_redis(cache: Cache) -> None:
    cache.zadd("board", {"ann": 30, "bob": 50, "cy": 30, "dee": 10})
    cache.zadd("board", {"dee": 60})
    assert cache.zcard("board") == 4
    assert cache.zscore("board", "dee") == 60.0
    assert cache.zscore("board", "nobody") is None
    # Ties order by member, descending, exactly as ZREVRANGE does.
    expected = [("dee", 60.0), ("bob", 50.0), ("cy", 30.0), ("ann", 30.0)]
    assert cache.zrevrange("board", 0, -1) == expected
    assert cache.zrevrange("board", 1, 2) == expected[1:3]
    assert cache.zrevrange("board", -2, -1) == expected[2:]
    assert cache.zrevrange("board", 2, 100) == expected[2:]
    assert cache.zrevrange("board", 3, 1) == []
    assert cache.zrevrange("board", 10, 20) == []
    assert cache.zrevrange("absent", 0, -1) == []
    assert [cache.zrevrank("board", m) for m in ("dee", "bob", "cy", "ann")] == [0, 1, 2, 3]
    assert cache.zrevrank("board", "nobody") is None
    assert cache.zcard("absent") == 0


def test_zrem_removes_members_and_counts_them(cache: Cache) -> None:
    cache.zadd("board", {"ann": 30, "bob": 50})
    assert cache.zrem("board", "bob", "nobody") == 1
    assert cache.zrevrange("board", 0, -1) == [("ann", 30.0)]
    assert cache.zrem("absent", "ann") == 0
    assert cache.zrem("board") == 0


def test_replace_sorted_set_swaps_whole_board(cache: Cache) -> None:
    cache.zadd("board", {"old": 99, "ann": 1})
    cache.replace_sorted_set("board", {"ann": 5, "bob": 7}, ttl_seconds=60)
    assert cache.zrevrange("board", 0, -1) == [("bob", 7.0), ("ann", 5.0)]
    assert cache.zscore("board", "old") is None
    cache.replace_sorted_set("board", {})
    assert cache.zcard("board") == 0


def test_replace_sorted_set_honours_ttl(cache: Cache) -> None:
    cache.replace_sorted_set("board", {"ann": 1}, ttl_seconds=1)
    assert cache.zcard("board") == 1
    time.sleep(1.2)
    assert cache.zcard("board") == 0


def test_readers_never_see_a_half_built_board(cache: Cache) -> None:
    boards = [{f"m{i}": float(i) for i in range(200)}, {f"n{i}": float(i) for i in range(300)}]
    cache.replace_sorted_set("board", boards[0])
    seen: set[int] = set()
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            seen.add(cache.zcard("board"))

    reader = threading.Thread(target=read)
    reader.start()
    for i in range(20):
        cache.replace_sorted_set("board", boards[i % 2])
    stop.set()
    reader.join()
    assert seen <= {200, 300}


@pytest.mark.redis
def test_a_board_bigger_than_a_staging_slice_is_swapped_whole(redis_url: str) -> None:
    """Staged a slice at a time (one ZADD of a million members outlasts the socket timeout),
    renamed at once: readers see the old board or the whole new one, and nothing is left."""
    cache = RedisCache(redis_url)
    size = 2 * STAGING_SLICE + 5
    cache.replace_sorted_set("board", {"old": 1.0})
    seen: set[int] = set()
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            seen.add(cache.zcard("board"))

    reader = threading.Thread(target=read)
    reader.start()
    cache.replace_sorted_set("board", {f"m{i}": float(i) for i in range(size)}, ttl_seconds=60)
    stop.set()
    reader.join()
    assert seen <= {1, size}
    assert cache.zcard("board") == size and cache.zscore("board", "old") is None
    client = redis.Redis.from_url(redis_url)
    assert 0 < client.ttl("board") <= 60
    assert list(client.scan_iter("board:staging:*")) == []
    cache.replace_sorted_set("board", {"ann": 1.0})  # no TTL asked: the board keeps none
    assert client.ttl("board") == -1


def test_memory_cache_expiry_follows_its_clock() -> None:
    now = [1000.0]
    cache = MemoryCache(clock=lambda: now[0])
    cache.set("k", "v", ttl_seconds=10)
    now[0] += 9.9
    assert cache.get("k") == "v"
    now[0] += 0.1
    assert cache.get("k") is None


def test_unreachable_redis_raises_cache_unavailable() -> None:
    cache = RedisCache("redis://127.0.0.1:1/0", timeout_seconds=0.2)
    with pytest.raises(CacheUnavailable):
        cache.ping()
    with pytest.raises(CacheUnavailable):
        cache.get("k")


def test_open_cache_picks_backend(redis_url: str) -> None:
    assert isinstance(open_cache(Settings()), MemoryCache)
    redis_cache = open_cache(Settings(redis_url=redis_url))
    assert isinstance(redis_cache, RedisCache)
    redis_cache.set("k", "v")
    assert redis_cache.get("k") == "v"


def test_incr_and_get_counts_one_key_and_reads_another(cache: Cache) -> None:
    assert cache.incr_and_get("now", 1, 60, "before") == (1, None)
    cache.set("before", "7")
    assert cache.incr_and_get("now", 2, 60, "before") == (3, "7")
    assert cache.get("now") == "3"
    assert cache.incr_and_get("now", 1, 60, "now") == (4, "4")


def test_ranks_and_a_range_come_back_together(cache: Cache) -> None:
    cache.zadd("board", {"ann": 30, "bob": 50, "cy": 30, "dee": 10})
    ranks, rows = cache.zrevranks_and_range("board", ["cy", "nobody", "bob"], 1, 2)
    assert ranks == [1, None, 0]
    assert rows == [("cy", 30.0), ("ann", 30.0)]
    assert cache.zrevranks("board", ["dee", "ann"]) == [3, 2]
    assert cache.zrevranks_and_range("absent", ["ann"], 0, 9) == ([None], [])


@pytest.mark.redis
def test_ranks_and_a_range_read_either_reply_shape(redis_url: str) -> None:
    """redis-py 8 speaks RESP3 (score pairs); RESP2 sends member and score in turn."""
    for protocol in (2, 3):
        cache = RedisCache(f"{redis_url}?protocol={protocol}")
        cache.replace_sorted_set("board", {"ann": 1.5, "bob": 2.0})
        assert cache.zrevranks_and_range("board", ["ann"], 0, -1) == (
            [1],
            [("bob", 2.0), ("ann", 1.5)],
        )


def test_hash_fields_are_set_read_and_deleted(cache: Cache) -> None:
    assert cache.hmget("names", ["a", "b"]) == [None, None]
    cache.hset("names", {"a": "Ann", "b": "Bob"})
    cache.hset("names", {"b": "Bobby"})
    cache.hset("names", {})
    assert cache.hmget("names", ["a", "b", "c"]) == ["Ann", "Bobby", None]
    assert cache.hmget("names", []) == []
    assert cache.hdel("names", "b", "nobody") == 1
    assert cache.hdel("absent", "a") == 0
    assert cache.hdel("names") == 0
    assert cache.hmget("names", ["a", "b"]) == ["Ann", None]


def test_a_hash_keeps_the_expiry_it_has(cache: Cache) -> None:
    cache.hset("short", {"a": "1"}, ttl_seconds=1)
    cache.hset("forever", {"a": "1"})
    cache.hset("forever", {"b": "2"})
    cache.hset("later", {"a": "1"})
    cache.hset("later", {"b": "2"}, ttl_seconds=1)  # had none: takes this one
    time.sleep(0.6)
    cache.hset("short", {"b": "2"}, ttl_seconds=60)  # has one: it does not move
    time.sleep(0.6)
    assert cache.hmget("short", ["a", "b"]) == [None, None]
    assert cache.hmget("later", ["a", "b"]) == [None, None]
    assert cache.hmget("forever", ["a", "b"]) == ["1", "2"]


def test_replacing_swaps_every_key_written_whole(cache: Cache) -> None:
    cache.zadd("board", {"old": 9})
    cache.hset("names", {"old": "Old"})
    cache.zadd("gone", {"x": 1})
    with cache.replacing(ttl_seconds=60) as staged:
        staged.zadd("board", {"ann": 1})
        staged.hset("names", {"ann": "Ann"})
        staged.zadd("board", {"bob": 2})
        staged.hset("names", {"bob": "Bob"})
        staged.zadd("gone", {})  # named with nothing in it: deleted
        assert cache.zrevrange("board", 0, -1) == [("old", 9.0)]  # nothing shows until the end
    assert cache.zrevrange("board", 0, -1) == [("bob", 2.0), ("ann", 1.0)]
    assert cache.hmget("names", ["old", "ann", "bob"]) == [None, "Ann", "Bob"]
    assert cache.zcard("gone") == 0


def test_replacing_changes_nothing_when_the_block_raises(cache: Cache) -> None:
    cache.zadd("board", {"old": 9})
    with pytest.raises(RuntimeError), cache.replacing() as staged:
        staged.zadd("board", {"ann": 1})
        staged.zadd("other", {f"m{i}": float(i) for i in range(STAGING_SLICE + 1)})
        raise RuntimeError("the database went away half-way")
    assert cache.zrevrange("board", 0, -1) == [("old", 9.0)]
    assert cache.zcard("other") == 0


@pytest.mark.redis
def test_replacing_stages_in_slices_and_leaves_no_staging_keys(redis_url: str) -> None:
    cache = RedisCache(redis_url)
    client = redis.Redis.from_url(redis_url, decode_responses=True)
    size = 2 * STAGING_SLICE + 5
    with cache.replacing(ttl_seconds=60) as staged:
        for start in range(0, size, 1000):  # many small writes, flushed a slice at a time
            staged.zadd("board", {f"m{i}": float(i) for i in range(start, min(start + 1000, size))})
            staged.hset("names", {f"m{i}": f"N{i}" for i in range(start, min(start + 1000, size))})
        assert len(list(client.scan_iter("*:staging:*"))) == 2  # filled, not yet swapped
    assert cache.zcard("board") == size and client.hlen("names") == size
    assert 0 < client.ttl("board") <= 60 and 0 < client.ttl("names") <= 60
    assert list(client.scan_iter("*:staging:*")) == []
    with pytest.raises(RuntimeError), cache.replacing() as staged:
        staged.zadd("board", {f"m{i}": 0.0 for i in range(STAGING_SLICE)})
        raise RuntimeError("stopped")
    assert list(client.scan_iter("*:staging:*")) == []
    assert cache.zcard("board") == size
