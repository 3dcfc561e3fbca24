"""Admin analytics at 100,000 members, on SQLite.

Prints p50/p95 of the overview and of a 90-day registrations series (day buckets)
read through services/analytics.py from a seeded database: 100,000 members created
over two years, a third signed in within 30 days, and 300,000 ledger entries.
Target: p95 < 200 ms for each.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from benchkit import record

from fittrack.db import Database, ids, migrate, open_database
from fittrack.schemas.analytics import SeriesQuery
from fittrack.services import analytics

MEMBERS = 100_000
LEDGER_ENTRIES = 300_000
RUNS = 30
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
TWO_YEARS = timedelta(days=730)


def seed(db: Database, rng: random.Random) -> None:
    members = []
    for n in range(MEMBERS):
        created = NOW - TWO_YEARS * rng.random()
        login = NOW - timedelta(days=90) * rng.random() if n % 3 == 0 else None
        members.append(
            {
                "id": ids.to_db(ids.new_id()),
                "email": f"bench{n}@example.com",
                "status": rng.choice(("active", "active", "active", "pending", "suspended")),
                "role": "premium" if n % 10 == 0 else "user",
                "login": login,
                "created": created,
            }
        )
    entries: list[dict[str, Any]] = []
    for n in range(LEDGER_ENTRIES):
        spend = n % 4 == 0
        entries.append(
            {
                "id": ids.to_db(ids.new_id()),
                "member": members[n % MEMBERS]["id"],
                "entry_type": "spend" if spend else "earn",
                "amount": -50 if spend else rng.randint(1, 300),
                "entry_key": f"bench-{n}",
                "created": NOW - timedelta(days=60) * rng.random(),
            }
        )
    with db.unit_of_work() as uow:
        uow.executemany(
            "INSERT INTO users (user_id, email, email_normalized, status, role, last_login_at,"
            " created_at, updated_at) VALUES (:id, :email, :email, :status, :role, :login,"
            " :created, :created)",
            members,
        )
        uow.executemany(
            "INSERT INTO point_ledger (entry_id, user_id, entry_type, amount, balance_after,"
            " idempotency_key, created_at) VALUES (:id, :member, :entry_type, :amount, 0,"
            " :entry_key, :created)",
            entries,
        )


def timed(call: Any) -> tuple[float, float]:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (RUNS - 1))]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(f"sqlite:///{Path(folder) / 'bench.db'}")
        migrate(db)
        seed(db, random.Random(16))
        platform: Any = SimpleNamespace(db=db, clock=lambda: NOW)
        last = date(2026, 11, 20)
        query = SeriesQuery.model_validate(
            {"from": (last - timedelta(days=89)).isoformat(), "to": last.isoformat()}
        )
        for name, call in (
            ("overview", lambda: analytics.overview(platform)),
            ("registrations, 90 days by day", lambda: analytics.registrations(platform, query)),
        ):
            p50, p95 = timed(call)
            print(f"analytics {name} at {MEMBERS:,} members: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
            record(f"admin analytics, {MEMBERS:,} members: {name} p95", p95, "ms", target=100)


if __name__ == "__main__":
    main()
