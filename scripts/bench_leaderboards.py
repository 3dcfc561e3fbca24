"""Leaderboards at scale: one tier of 100,000 members, four weeks of daily points.

Prints the time to generate the data (SQLite, executemany), the full rebuild of
every board (all periods, 30 tiers + OPEN) and the names beside them from the database
into Redis, each run in a fresh process as the refresh function runs it, with that
process's peak memory (target: the function's 512 MB) and Redis's peak memory during
the rebuild; then the latency of the member read path from Redis: a page (20 and 100)
plus my rank, and my position with neighbours (p50/p95/p99, target p95 < 5 ms, and the
CPU time per read, which the machine's other work does not inflate). Needs a Redis
server: REDIS_URL, default redis://127.0.0.1:6379/0; the boards go under their own key
prefix (lb:bench) and are deleted afterwards, so nothing else in Redis is touched.

    .venv/bin/python scripts/bench_leaderboards.py [--members 100000] [--days 28]
"""

from __future__ import annotations

import argparse
import functools
import multiprocessing
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import redis
from benchkit import record

from fittrack.clock import program_day, start_of_day_utc
from fittrack.config import Settings
from fittrack.db import ids, migrate
from fittrack.db.sqlite import format_timestamp
from fittrack.domain import leaderboard as rules
from fittrack.domain.identity import Caller
from fittrack.platform import Platform
from fittrack.repositories import leaderboard_totals
from fittrack.services import leaderboard_boards, leaderboards

TIER = ("M-30-39-INT", "male", "30-39", "intermediate")
NOW = datetime(2026, 3, 18, 16, 0, tzinfo=UTC)  # a Wednesday noon in New York
CHUNK = 20_000
KEY_PREFIX = "lb:bench"  # keeps clear of a dev platform's boards
REFRESH_MEMORY_MB = 512  # functions/leaderboards.py: leaderboards.refresh


def generate(path: Path, members: int, days: int) -> list[uuid.UUID]:
    """Members of one tier (30% on OPEN) and their daily points, straight into the SQLite
    file with plain sqlite3 executemany (values already in their stored text form)."""
    rng = random.Random(7)
    user_ids = [ids.new_id() for _ in range(members)]
    today = program_day(NOW)
    joined = format_timestamp(NOW - timedelta(days=days + 30))
    day_starts = [
        (today - timedelta(days=back), start_of_day_utc(today - timedelta(days=back)))
        for back in range(days)
    ]
    latest = int((NOW - day_starts[0][1]).total_seconds()) - 60  # today: synced before NOW
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA synchronous = OFF")
    with connection:
        for start in range(0, members, CHUNK):
            chunk = list(enumerate(user_ids[start : start + CHUNK], start))
            connection.executemany(
                "INSERT INTO users (user_id, email, email_normalized, role, status,"
                " date_of_birth, created_at, updated_at) VALUES (?, ?, ?, 'user', 'active',"
                " '1990-01-01', ?, ?)",
                [
                    (u.bytes, f"bench{n}@example.com", f"bench{n}@example.com", joined, joined)
                    for n, u in chunk
                ],
            )
            connection.executemany(
                "INSERT INTO user_profiles (user_id, display_name, biological_sex, fitness_level,"
                " age_bracket, tier_code, open_leaderboard, completed_at, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        u.bytes,
                        f"Bench member {n}",
                        TIER[1],
                        TIER[3],
                        TIER[2],
                        TIER[0],
                        int(rng.random() < 0.3),
                        joined,
                        joined,
                        joined,
                    )
                    for n, u in chunk
                ],
            )
            rows = []
            for _, user_id in chunk:
                vigour = max(0.2, rng.gauss(1.0, 0.3))
                for back, (day, midnight) in enumerate(day_starts):
                    if rng.random() < 0.25:
                        continue  # no data that day
                    points = max(0, min(1000, int(rng.gauss(280, 120) * vigour) // 10 * 10))
                    top = latest if back == 0 else 23 * 3600
                    synced = format_timestamp(
                        midnight + timedelta(seconds=rng.randint(8 * 3600, max(top, 8 * 3600 + 1)))
                    )
                    rows.append(
                        (
                            user_id.bytes,
                            day.isoformat(),
                            points,
                            points,
                            int(rng.random() < 0.6),
                            synced,
                            synced,
                        )
                    )
            connection.executemany(
                "INSERT INTO daily_points (user_id, program_day, steps_points, total_paid,"
                " active_day, first_reached_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
    connection.close()
    return user_ids


def percentiles(samples: list[float]) -> str:
    cuts = statistics.quantiles(samples, n=100)
    return (
        f"p50 {cuts[49] * 1000:6.2f} ms   p95 {cuts[94] * 1000:6.2f} ms   "
        f"p99 {cuts[98] * 1000:6.2f} ms"
    )


def timed(call: Callable[[], object], runs: int) -> tuple[list[float], float]:
    """Each call's wall time, and the CPU time per call (process_time: what the call
    itself used, however busy the machine is)."""
    samples = []
    cpu = time.process_time()
    for _ in range(runs):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return samples, (time.process_time() - cpu) / runs


def open_platform(home: Path, redis_url: str) -> Platform:
    settings = Settings(
        home=home, database_url=f"sqlite:///{home / 'bench.db'}", redis_url=redis_url
    )
    return Platform(settings, clock=lambda: NOW)


def refresh_once(home: Path, redis_url: str) -> tuple[float, dict, float]:
    """One refresh in this (fresh) process, as the function runs it: its seconds, its
    summary and the process's peak resident memory in MB."""
    leaderboard_boards.KEY_PREFIX = KEY_PREFIX
    platform = open_platform(home, redis_url)
    started = time.perf_counter()
    summary = leaderboard_boards.refresh(platform)
    seconds = time.perf_counter() - started
    platform.close()
    return seconds, summary, peak_rss_mb()


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM). Not getrusage's ru_maxrss: Linux keeps
    that across exec, so a spawned child would report its parent's peak at the fork."""
    status = Path("/proc/self/status").read_text()
    kilobytes = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(kilobytes) / 1024


class RedisMemory:
    """Redis's used memory while a block runs, sampled: the staged boards sit beside the
    live ones until they are swapped in. `after` is what the boards and names keep."""

    def __init__(self, client: redis.Redis) -> None:
        self._client = client
        self._stop = threading.Event()
        self.peak = self.before = self.after = self._used()
        self._sampler = threading.Thread(target=self._sample, daemon=True)

    def _used(self) -> int:
        return int(self._client.info("memory")["used_memory"])

    def _sample(self) -> None:
        while not self._stop.wait(0.1):
            self.peak = max(self.peak, self._used())

    def __enter__(self) -> RedisMemory:
        self._sampler.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._sampler.join()
        # The replaced boards are UNLINKed: freed by a background thread, a moment later.
        while int(self._client.info("memory").get("lazyfree_pending_objects", 0)):
            time.sleep(0.1)
        self.after = self._used()


def rebuilds(home: Path, redis_url: str, members: int) -> None:
    """Three full rebuilds, each in a fresh interpreter (spawned: a forked child would
    carry this process's memory)."""
    runs = []
    spawn = multiprocessing.get_context("spawn")
    with (
        RedisMemory(redis.Redis.from_url(redis_url)) as cache_memory,
        spawn.Pool(1, maxtasksperchild=1) as pool,
    ):
        for _ in range(3):
            runs.append(pool.apply(refresh_once, (home, redis_url)))
    seconds = [run[0] for run in runs]
    summary = runs[-1][1]
    peak_rss = max(run[2] for run in runs)
    query, writes = summary["queryMs"] / 1000, summary["writeMs"] / 1000
    record(f"leaderboards, {members:,} members: full rebuild (best of 3)", min(seconds), "s")
    record(
        f"leaderboards, {members:,} members: full rebuild peak memory",
        peak_rss,
        "MB",
        target=REFRESH_MEMORY_MB,
    )
    kept, most = (
        (m - cache_memory.before) / 2**20 for m in (cache_memory.after, cache_memory.peak)
    )
    record(f"leaderboards, {members:,} members: Redis memory of the boards and names", kept, "MB")
    record(f"leaderboards, {members:,} members: Redis memory at most while rebuilding", most, "MB")
    print(
        f"full rebuild of {summary['boards']} boards ({summary['members']:,} members): "
        f"best {min(seconds):.2f} s, worst {max(seconds):.2f} s "
        f"(last: query {query:.2f} s, Redis writes {writes:.2f} s); "
        f"peak memory of the refresh process {peak_rss:.0f} MB (the function has "
        f"{REFRESH_MEMORY_MB} MB); in Redis the boards and names take {kept:.0f} MB, "
        f"{most:.0f} MB at most while rebuilding"
    )


def report_reads(name: str, figure: str, samples: list[float], cpu: float) -> None:
    record(f"{figure} p95", statistics.quantiles(samples, n=100)[94] * 1000, "ms", target=5)
    record(f"{figure}: CPU per read", cpu * 1000, "ms")
    print(f"{name}: {percentiles(samples)}   CPU {cpu * 1000:5.2f} ms a read")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--days", type=int, default=28)
    parser.add_argument("--reads", type=int, default=2000)
    args = parser.parse_args()
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    leaderboard_boards.KEY_PREFIX = KEY_PREFIX
    try:
        redis.Redis.from_url(redis_url).ping()
    except redis.RedisError as exc:
        print(f"needs a Redis server at {redis_url}: {exc}", file=sys.stderr)
        return 1
    home = Path(tempfile.mkdtemp(prefix="fittrack-bench-lb-"))
    platform = open_platform(home, redis_url)
    migrate(platform.db)

    started = time.perf_counter()
    user_ids = generate(home / "bench.db", args.members, args.days)
    with platform.db.unit_of_work(readonly=True) as uow:
        rows = uow.scalar("SELECT COUNT(*) FROM daily_points")
    print(
        f"generated {args.members:,} members, {rows:,} daily_points rows "
        f"in {time.perf_counter() - started:.1f} s"
    )
    # The generator wrote daily_points around the ingest, so sum the totals it would keep.
    started = time.perf_counter()
    with platform.db.unit_of_work() as uow:
        totals = leaderboard_totals.rebuild(uow)
    print(f"summed {totals:,} period totals in {time.perf_counter() - started:.1f} s")

    rebuilds(home, redis_url, args.members)

    rng = random.Random(11)
    reads = args.reads

    def page_and_rank(limit: int) -> None:
        me = Caller(str(rng.choice(user_ids)), "user")
        view = leaderboards.get_board(
            platform,
            me,
            period=rng.choice(rules.PERIODS),
            tier=None,
            page=rng.randint(1, args.members // limit),
            limit=limit,
        )
        assert view.user_rank is not None and len(view.rankings) == limit

    def my_position() -> None:
        me = Caller(str(rng.choice(user_ids)), "user")
        assert leaderboards.get_my_position(platform, me, rng.choice(rules.PERIODS), None)

    timed(lambda: page_and_rank(100), 50)  # warm up connections
    for limit in (20, 100):
        samples, cpu = timed(functools.partial(page_and_rank, limit), reads)
        report_reads(
            f"page of {limit} + my rank ({reads} reads, random period and page)",
            f"leaderboards, {args.members:,} members: page of {limit} + my rank",
            samples,
            cpu,
        )
        if limit == 100:
            page_p50 = statistics.median(samples)
    samples, cpu = timed(my_position, reads)
    report_reads(
        f"my rank + 10 neighbours ({reads} reads)",
        f"leaderboards, {args.members:,} members: my rank + 10 neighbours",
        samples,
        cpu,
    )

    win = rules.window("weekly", NOW)
    key = leaderboard_boards.board_key(win, TIER[0])
    cache = platform.cache

    def redis_only() -> None:
        """What a page of 100 + my rank asks Redis: one pipeline, then the page's names."""
        member = rules.member(rng.choice(user_ids))
        start = rng.randint(0, args.members - 100)
        _, items = cache.zrevranks_and_range(key, [rules.SENTINEL, member], start, start + 99)
        leaderboard_boards.cached_names(cache, [rules.user_hex(name) for name, _ in items])

    redis_samples, cpu = timed(redis_only, reads)
    print(
        f"the Redis calls alone ({reads} reads): {percentiles(redis_samples)}   "
        f"CPU {cpu * 1000:5.2f} ms a read"
    )
    # Same run, same machine: how much our read path adds to the bare Redis round trips.
    record(
        "leaderboards: page of 100 + my rank against the bare Redis calls (p50 ratio)",
        page_p50 / statistics.median(redis_samples),
        "x",
    )

    # UNLINK frees the boards in the background: a DELETE of a million-member board
    # outlasts the cache client's one-second timeout.
    redis.Redis.from_url(redis_url).unlink(
        leaderboard_boards.names_key(),
        *(
            leaderboard_boards.board_key(w, scope)
            for w in (*rules.windows(NOW), *leaderboard_boards.upcoming_windows(NOW))
            for scope in leaderboard_boards.scopes()
        ),
    )
    down = open_platform(home, "redis://127.0.0.1:1/0")
    me = Caller(user_ids[0], "user")
    started = time.perf_counter()
    leaderboards.get_board(down, me, period="weekly", tier=None, page=1, limit=100)
    print(
        f"for comparison, the SQL fallback (Redis away), weekly page + my rank: "
        f"{time.perf_counter() - started:.2f} s"
    )
    down.close()
    platform.close()
    shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
