"""Sync pipeline numbers: one worker against the tracker simulators.

Starts the local platform (SQLite in a temporary FITTRACK_HOME; Redis when REDIS_URL
is set), links N members half to `fitbit` (Google Health simulator) and half to
`google_fit` through the real OAuth flow, runs their first syncs (7 days, warm-up),
then queues one scheduled sync per connection (one day of data each: today since
the cursor) and lets ONE worker drain the sync-jobs queue through the real consumer
path (fdk invoke of `sync.consume`, batches of 10: HTTP to the simulators, token
bucket, ingestion, ledger, commit).

Prints connections per minute (target >= 600) and the p50/p95 time per connection.
"""

from __future__ import annotations

import logging
import math
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchkit import record

ROOT = Path(__file__).resolve().parents[1]
MEMBERS = int(os.environ.get("BENCH_SYNC_MEMBERS", "300"))
TARGET_PER_MINUTE = 600
CONNECTIONS_AT_SCALE = 100_000
CYCLE_MINUTES = 15


def main() -> int:
    home = tempfile.mkdtemp(prefix="fittrack-bench-sync-")
    os.environ["FITTRACK_HOME"] = home
    os.environ.setdefault("FITTRACK_LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))
    from fittrack import config, log

    config.reset()
    log.configure(os.environ["FITTRACK_LOG_LEVEL"])  # ours, not fdk's root format
    from fittrack.http.registry import load_function
    from fittrack.local.worker import deliver_batch
    from fittrack.services import sync, sync_job
    from tests.fixtures.trackers import drain, link, new_member, quiet_platform

    local = quiet_platform()
    for noisy in ("urllib3", "fittrack"):  # fdk sets the root logger to DEBUG
        logging.getLogger(noisy).setLevel(logging.ERROR)
    platform = local.platform
    try:
        print(
            f"sync benchmark: {MEMBERS} connections, one worker, "
            f"cache={'redis' if platform.settings.redis_url else 'memory'}"
        )
        started = time.perf_counter()
        members = []
        for n in range(MEMBERS):
            provider = "fitbit" if n % 2 == 0 else "google_fit"
            member = new_member(platform)
            link(platform, member, provider, sim_user=f"bench{n}@example.com")
            members.append((member, provider))
        warm = drain(platform, rounds=MEMBERS)
        print(f"  linked and first-synced in {time.perf_counter() - started:.1f}s: {dict(warm)}")

        timings: list[float] = []
        original = sync_job.run

        def timed(*args: Any, **kwargs: Any) -> Any:
            begin = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                timings.append(time.perf_counter() - begin)

        sync_job.run = timed  # type: ignore[assignment]
        from fittrack.repositories import connections

        with platform.db.unit_of_work(readonly=True) as uow:
            conns = [connections.find(uow, m, p) for m, p in members]
        now = platform.clock()
        for conn in conns:
            assert conn is not None
            sync.enqueue(
                platform,
                conn.connection_id,
                user_id=conn.user_id,
                provider=conn.provider,
                trigger="scheduled",
                now=now,
            )
        spec = load_function("sync.consume")
        begin = time.perf_counter()
        delivered = 0
        while True:
            count = deliver_batch(platform.queue, spec, batch_size=10)
            if not count:
                break
            delivered += count
        elapsed = time.perf_counter() - begin
        sync_job.run = original  # type: ignore[assignment]
    finally:
        local.shutdown()

    per_minute = delivered / elapsed * 60 if elapsed else 0.0
    ordered = sorted(timings)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000 if ordered else 0.0
    p50 = statistics.median(ordered) * 1000 if ordered else 0.0
    record(
        "sync: connections per minute, one worker",
        per_minute,
        "/min",
        target=TARGET_PER_MINUTE,
        better="higher",
    )
    record("sync: time per connection p95", p95, "ms")
    # The 15-minute cycle at 10x scale: how many workers (each like this one) it needs.
    if per_minute:
        workers = math.ceil(CONNECTIONS_AT_SCALE / (per_minute * CYCLE_MINUTES))
        print(
            f"  {CONNECTIONS_AT_SCALE:,} connections every {CYCLE_MINUTES} min: {workers} workers"
        )
        record(
            f"sync: workers for {CONNECTIONS_AT_SCALE:,} connections every 15 min",
            workers,
            "workers",
        )
    verdict = "OK" if per_minute >= TARGET_PER_MINUTE else "BELOW TARGET"
    print(
        f"  scheduled syncs: {delivered} in {elapsed:.2f}s -> {per_minute:,.0f} "
        f"connections/min (target >= {TARGET_PER_MINUTE}) {verdict}"
    )
    print(f"  per connection: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    return 0 if per_minute >= TARGET_PER_MINUTE else 1


if __name__ == "__main__":
    raise SystemExit(main())
