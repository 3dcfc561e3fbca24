"""leaderboard_totals: the week, month and all-time standings that ingestion keeps beside
daily_points, checked against a fresh re-sum of daily_points (repositories.rebuild, the
migration's backfill) after real ingests, late data and de-duplication included."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from fittrack.db import Database
from fittrack.repositories import leaderboard_totals
from fittrack.services.ingest import ingest
from tests.integration.test_ingest import NOW, add_member, steps

# Days on both sides of a week boundary (Mon 2026-03-09, Mon 03-16) and a month boundary.
DAYS = [date(2026, 2, 27) + timedelta(days=n) for n in range(22)]


def totals(database: Database) -> list[dict[str, Any]]:
    with database.unit_of_work(readonly=True) as uow:
        return uow.query(
            "SELECT period, period_key, user_id, points, reached_at, active_days"
            " FROM leaderboard_totals ORDER BY period, period_key, user_id"
        )


def test_ingest_keeps_the_totals_equal_to_a_fresh_sum(database: Database) -> None:
    rng = random.Random(5)
    with database.unit_of_work() as uow:
        members = [add_member(uow) for _ in range(4)]
    for round_ in range(30):  # growing days, re-syncs, a second source, days out of order
        member, day = rng.choice(members), rng.choice(DAYS)
        source = rng.choice(["fitbit", "google_fit"])
        activity = steps(rng.randrange(1_000, 30_000), day, source)
        ingest(database.unit_of_work, member, [activity], now=NOW + timedelta(minutes=round_))
    kept = totals(database)
    assert {row["period"] for row in kept} == {"weekly", "monthly", "alltime"}
    assert any(row["points"] > 0 for row in kept)
    with database.unit_of_work() as uow:
        leaderboard_totals.rebuild(uow)
    assert totals(database) == kept


def test_a_week_and_a_month_hold_only_their_own_days(database: Database) -> None:
    with database.unit_of_work() as uow:
        member = add_member(uow)
    sunday, monday = date(2026, 3, 15), date(2026, 3, 16)
    for day in (sunday, monday):
        ingest(database.unit_of_work, member, [steps(10_000, day)], now=NOW)
    by_key = {(row["period"], row["period_key"]): row for row in totals(database)}
    week_before, week_after = by_key[("weekly", "2026-03-09")], by_key[("weekly", "2026-03-16")]
    alltime = by_key[("alltime", "all")]
    assert week_before["points"] > 0 and week_after["points"] > 0
    assert alltime["points"] == week_before["points"] + week_after["points"]
    assert by_key[("monthly", "2026-03")]["points"] == alltime["points"]
