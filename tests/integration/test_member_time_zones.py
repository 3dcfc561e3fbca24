"""Members outside Eastern time (issue 15 item 6): Google Health's civil days are the
member's own, so the adapter asks for physical hours and sums them into program days
(America/New_York); Google Fit, its points summed into New York days, agrees about each day."""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from fittrack.clock import program_day
from fittrack.local.server import LocalPlatform
from fittrack.local.simulators import sim_data
from tests.fixtures.trackers import drain, link, new_member, quiet_platform


@pytest.fixture
def local(fittrack_home: object) -> Iterator[LocalPlatform]:
    platform = quiet_platform()
    yield platform
    platform.shutdown()


def _steps_by_day(local: LocalPlatform, member: uuid.UUID, source: str) -> dict[date, int]:
    with local.platform.db.unit_of_work(readonly=True) as uow:
        rows = uow.query(
            "SELECT start_time, metrics FROM activities WHERE user_id = :u AND source = :s"
            " AND activity_type = 'steps'",
            {"u": member.bytes, "s": source},
        )
    found: dict[date, int] = {}
    for row in rows:
        metrics = row["metrics"] if isinstance(row["metrics"], dict) else json.loads(row["metrics"])
        start = row["start_time"]
        found[program_day(start)] = int(metrics["steps"])
    return found


def _expected(user: str, days: list[date], now: object, share: float = 1.0) -> dict[date, int]:
    """The user's hourly steps, placed by the physical hour, summed per program day."""
    totals: Counter[date] = Counter()
    for civil in sim_data.days_between(days[0] - timedelta(days=1), days[-1] + timedelta(days=1)):
        for start, steps, _ in sim_data.hourly_so_far(user, civil, now):  # type: ignore[arg-type]
            totals[program_day(start)] += int(steps * share)
    return {day: totals[day] for day in days if totals[day]}


@pytest.mark.parametrize(
    "user", ["ana+Europe_Berlin@example.com", "bo+America_Los_Angeles@example.com"]
)
def test_program_days_hold_the_hours_that_fell_in_them(local: LocalPlatform, user: str) -> None:
    platform = local.platform
    member = new_member(platform)
    link(platform, member, "fitbit", sim_user=user)
    link(platform, member, "google_fit", sim_user=user)
    assert drain(platform) == {"synced": 2}
    now = platform.clock()
    fitbit = _steps_by_day(local, member, "fitbit")
    days = sorted(fitbit)
    assert len(days) >= 7
    assert fitbit == _expected(user, days, now)
    # Google Fit (3% fewer steps, points placed on New York days) agrees about every day.
    assert _steps_by_day(local, member, "google_fit") == _expected(user, days, now, 0.97)


def test_civil_days_are_the_members_own_in_the_simulator() -> None:
    berlin = "ana+Europe_Berlin@example.com"
    assert str(sim_data.user_zone(berlin)) == "Europe/Berlin"
    assert str(sim_data.user_zone("plain@example.com")) == "America/New_York"
    first_hour = sim_data.hourly_so_far(
        berlin, date(2026, 6, 10), sim_data.local_hour_start(date(2026, 6, 12), 0)
    )[0][0]
    assert first_hour.isoformat() == "2026-06-09T22:00:00+00:00"  # Berlin midnight, CEST
