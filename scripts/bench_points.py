"""Points engine numbers.

Prints:
  - points computation throughput, in-process: member-days per second through the
    pure rules (cross-source de-duplication + tally + day value), target >= 50,000/s;
  - ingest of one member-day end to end on SQLite (validation, storage,
    de-duplication, recomputation, ledger entry, commit): p50/p95 for a new day and
    for a re-sync with growing totals, target p95 < 20 ms.
"""

from __future__ import annotations

import gc
import random
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from benchkit import record

from fittrack.clock import PROGRAM_TZ
from fittrack.db import ids, migrate, open_database
from fittrack.domain.activities import Activity, Candidate, deduplicate
from fittrack.domain.points import day_value, tally
from fittrack.services.ingest import ingest

THROUGHPUT_DAYS = 50_000
ROUNDS = 3
INGEST_DAYS = 600
FIRST_DAY = date(2026, 1, 5)
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
START_OF_TIME = datetime(2026, 1, 1, tzinfo=UTC)


def member_day(rng: random.Random, day: date, second_tracker: bool) -> list[Activity]:
    """A realistic day: a steps total, intensity totals, 0-2 workouts, maybe a copy
    of a workout from a second tracker."""
    base = datetime(day.year, day.month, day.day, 5, tzinfo=PROGRAM_TZ).astimezone(UTC)
    end = base + timedelta(hours=16)
    acts = [
        Activity(
            activity_type="steps",
            start_time=base,
            end_time=end,
            duration_minutes=0,
            intensity=None,
            metrics={"steps": rng.randint(2_000, 24_000)},
            source="fitbit",
            external_id=f"steps-{day}",
        )
    ]
    for intensity in ("light", "moderate", "vigorous"):
        acts.append(
            Activity(
                activity_type="active_minutes",
                start_time=base,
                end_time=end,
                duration_minutes=rng.randint(0, 90),
                intensity=intensity,
                metrics={"calories": rng.randint(50, 400)},
                source="fitbit",
                external_id=f"{intensity}-{day}",
            )
        )
    for n in range(rng.randint(0, 2)):
        start = base + timedelta(hours=2 + 5 * n)
        minutes = rng.randint(10, 70)
        acts.append(
            Activity(
                activity_type="workout",
                start_time=start,
                end_time=start + timedelta(minutes=minutes),
                duration_minutes=minutes,
                intensity="moderate",
                metrics={"calories": 300, "heart_rate_avg": 130},
                source="fitbit",
                external_id=f"workout-{day}-{n}",
            )
        )
        if second_tracker:
            acts.append(
                Activity(
                    activity_type="workout",
                    start_time=start,
                    end_time=start + timedelta(minutes=minutes),
                    duration_minutes=minutes,
                    intensity="moderate",
                    metrics={"calories": 280},
                    source="google_fit",
                    external_id=f"gf-workout-{day}-{n}",
                )
            )
    return acts


def throughput() -> tuple[float, float]:
    """Best of ROUNDS passes over THROUGHPUT_DAYS member-days (GC paused while timing)."""
    rng = random.Random(7)
    days = [
        member_day(rng, FIRST_DAY + timedelta(days=i % 300), i % 3 == 0)
        for i in range(THROUGHPUT_DAYS)
    ]
    candidates = [
        [Candidate(i, a, START_OF_TIME, str(i)) for i, a in enumerate(acts)] for acts in days
    ]
    value_only = with_dedup = 0.0
    gc.disable()
    try:
        for _ in range(ROUNDS):
            started = time.perf_counter()
            for acts in days:
                day_value(tally(acts), False)
            value_only = max(value_only, THROUGHPUT_DAYS / (time.perf_counter() - started))
            started = time.perf_counter()
            for acts, cands in zip(days, candidates, strict=True):
                decision = deduplicate(cands, "fitbit")
                day_value(tally([a for i, a in enumerate(acts) if decision[i] is None]), False)
            with_dedup = max(with_dedup, THROUGHPUT_DAYS / (time.perf_counter() - started))
    finally:
        gc.enable()
    return value_only, with_dedup


def ingest_latency() -> tuple[list[float], list[float]]:
    rng = random.Random(11)
    with tempfile.TemporaryDirectory(prefix="fittrack-bench-points-") as folder:
        db = open_database(f"sqlite:///{Path(folder) / 'bench.db'}")
        migrate(db)
        members = [_member(db) for _ in range(20)]
        new_day: list[float] = []
        resync: list[float] = []
        for i in range(INGEST_DAYS):
            user_id = members[i % len(members)]
            day = FIRST_DAY + timedelta(days=i // len(members))
            acts = member_day(rng, day, i % 3 == 0)
            started = time.perf_counter()
            ingest(db.unit_of_work, user_id, acts, now=NOW)
            new_day.append(time.perf_counter() - started)
            grown = [_grown(a) for a in acts[:4]]
            started = time.perf_counter()
            ingest(db.unit_of_work, user_id, grown, now=NOW)
            resync.append(time.perf_counter() - started)
        db.close()
    return new_day, resync


def _grown(activity: Activity) -> Activity:
    if activity.activity_type == "steps":
        return Activity(
            activity_type=activity.activity_type,
            start_time=activity.start_time,
            end_time=activity.end_time,
            duration_minutes=0,
            intensity=None,
            metrics={"steps": activity.steps + 1_500},
            source=activity.source,
            external_id=activity.external_id,
        )
    return Activity(
        activity_type=activity.activity_type,
        start_time=activity.start_time,
        end_time=activity.end_time,
        duration_minutes=activity.duration_minutes + 5,
        intensity=activity.intensity,
        metrics=activity.metrics,
        source=activity.source,
        external_id=activity.external_id,
    )


def _member(db: object) -> object:
    user_id = ids.new_id()
    with db.unit_of_work() as uow:  # type: ignore[attr-defined]
        uow.execute(
            "INSERT INTO users (user_id, email, email_normalized, status, created_at,"
            " updated_at) VALUES (:id, :email, :email, 'active', :at, :at)",
            {"id": ids.to_db(user_id), "email": f"{user_id.hex}@bench.local", "at": START_OF_TIME},
        )
        uow.execute(
            "INSERT INTO user_profiles (user_id, display_name, biological_sex,"
            " fitness_level, age_bracket, tier_code, completed_at, created_at,"
            " updated_at) VALUES (:id, :name, 'male', 'advanced', '30-39',"
            " 'M-30-39-ADV', :at, :at, :at)",
            {"id": ids.to_db(user_id), "name": f"bench-{user_id.hex[-12:]}", "at": START_OF_TIME},
        )
    return user_id


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))] * 1000


def main() -> None:
    value_only, with_dedup = throughput()
    new_day, resync = ingest_latency()
    record(
        "points: computation (de-dup + tally + value)",
        with_dedup,
        "member-days/s",
        target=50_000,
        better="higher",
    )
    record("points: ingest one member-day, new day p95", p(new_day, 0.95), "ms", target=20)
    record("points: ingest one member-day, re-sync p95", p(resync, 0.95), "ms")
    print("points engine")
    print(
        f"  points computation (de-dup + tally + value)  {with_dedup:>10,.0f} member-days/s"
        f"   (target >= 50,000/s; value only {value_only:,.0f}/s; "
        f"best of {ROUNDS} x {THROUGHPUT_DAYS:,} member-days)"
    )
    print(
        f"  ingest one member-day, new day      p50 {statistics.median(new_day) * 1000:6.2f} ms"
        f"   p95 {p(new_day, 0.95):6.2f} ms   (target p95 < 20 ms, SQLite, {INGEST_DAYS} days)"
    )
    print(
        f"  ingest one member-day, re-sync      p50 {statistics.median(resync) * 1000:6.2f} ms"
        f"   p95 {p(resync, 0.95):6.2f} ms   (growing totals, pays the difference)"
    )


if __name__ == "__main__":
    main()
