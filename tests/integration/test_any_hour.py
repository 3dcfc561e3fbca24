"""The time-sensitive flows at the instants that break calendars.

Each flow runs on a platform whose clock stands still at one awkward moment: a minute
after and a minute before midnight in New York, the first of a month, New Year's Eve
and Day, and both daylight-saving switch days (inside the repeated hour, on either
side of it, and after the missing one). Expected values are worked out here from
zoneinfo and the simulator's own data, not from the code under test.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from fittrack import config
from fittrack.db import ids, migrate
from fittrack.domain import profiles as profile_rules
from fittrack.domain.activities import Activity
from fittrack.domain.errors import DomainError
from fittrack.local.server import LocalPlatform
from fittrack.local.simulators import sim_data
from fittrack.platform import Platform
from fittrack.repositories import daily_points, drawings, profiles, templates, users
from fittrack.services import fulfillment, ingest, lifecycle, points, tickets
from fittrack.services import profiles as profile_service
from tests.fixtures import prize_rows
from tests.fixtures.db import insert_user
from tests.fixtures.drawings import Clock
from tests.fixtures.trackers import drain, link, new_member, quiet_platform

NEW_YORK = ZoneInfo("America/New_York")


def new_york(*parts: int, fold: int = 0) -> datetime:
    return datetime(*parts, tzinfo=NEW_YORK, fold=fold).astimezone(UTC)  # type: ignore[misc]


INSTANTS = {
    "00:01": new_york(2026, 6, 10, 0, 1),
    "23:59": new_york(2026, 6, 10, 23, 59),
    "first-of-month": new_york(2026, 7, 1, 0, 1),
    "dec-31-23:59": new_york(2026, 12, 31, 23, 59),
    "jan-1-00:01": new_york(2027, 1, 1, 0, 1),
    "spring-forward-01:59-est": new_york(2027, 3, 14, 1, 59),
    "spring-forward-03:00-edt": new_york(2027, 3, 14, 3, 0),
    "fall-back-01:30-edt": new_york(2026, 11, 1, 1, 30, fold=0),
    "fall-back-01:30-est-repeated": new_york(2026, 11, 1, 1, 30, fold=1),
    "fall-back-23:59": new_york(2026, 11, 1, 23, 59),
}


def et_day(moment: datetime) -> date:
    return moment.astimezone(NEW_YORK).date()


def et_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), NEW_YORK).astimezone(UTC)


@pytest.fixture(params=list(INSTANTS.values()), ids=list(INSTANTS))
def at(
    request: pytest.FixtureRequest, fittrack_home: object, monkeypatch: pytest.MonkeyPatch
) -> datetime:
    instant: datetime = request.param
    monkeypatch.setenv("FITTRACK_CLOCK_START", instant.isoformat())
    config.reset()
    return instant


@pytest.fixture
def platform(at: datetime) -> Iterator[Platform]:
    found = Platform(config.settings(), clock=Clock(at))
    migrate(found.db)
    yield found
    found.close()


@pytest.fixture
def local(at: datetime) -> Iterator[LocalPlatform]:
    started = quiet_platform()
    assert abs(started.platform.clock() - at) < timedelta(seconds=30)
    started.platform.clock = Clock(at)  # the simulators read the platform's clock
    yield started
    started.shutdown()


def paid_days(platform: Platform, user_id: uuid.UUID, since: date) -> dict[date, int]:
    with platform.db.unit_of_work(readonly=True) as uow:
        rows = daily_points.since(uow, user_id, since)
    return {row.program_day: row.total_paid for row in rows}


def ledger_total(platform: Platform, user_id: uuid.UUID) -> int:
    with platform.db.unit_of_work(readonly=True) as uow:
        return int(
            uow.scalar(
                "SELECT COALESCE(SUM(amount), 0) FROM point_ledger WHERE user_id = :u",
                {"u": user_id.bytes},
            )
            or 0
        )


# ---- ingest and pay, through the sync pipeline and the tracker simulator ----------------


def test_a_first_sync_pays_only_from_the_day_the_member_joined(
    local: LocalPlatform, at: datetime
) -> None:
    platform = local.platform
    member = new_member(platform)
    link(platform, member, "fitbit", sim_user="ana@example.com")
    assert drain(platform) == {"synced": 1}
    today = et_day(at)
    days = paid_days(platform, member, today - timedelta(days=8))
    assert {day for day, paid in days.items() if paid > 0} <= {today}
    assert today - timedelta(days=6) in days  # the backfill was read, valued, not paid
    balance = points.balance(platform, member)
    assert balance.earning_from == today
    assert balance.balance == ledger_total(platform, member) == days.get(today, 0)
    expected_steps, _ = sim_data.totals_so_far("ana@example.com", today, at)
    with platform.db.unit_of_work(readonly=True) as uow:
        row = daily_points.get(uow, member, today)
    assert (row.steps if row else 0) == expected_steps
    if at.astimezone(NEW_YORK).hour == 23:
        assert balance.balance > 0  # a whole day of walking


def test_a_second_delivery_of_the_same_data_pays_nothing(
    local: LocalPlatform, at: datetime
) -> None:
    platform = local.platform
    member = new_member(platform)
    link(platform, member, "fitbit", sim_user="ben@example.com")
    drain(platform)
    before = ledger_total(platform, member)
    from fittrack.repositories import connections
    from fittrack.services import sync

    with platform.db.unit_of_work(readonly=True) as uow:
        conn = connections.find(uow, member, "fitbit")
    assert conn is not None
    sync.enqueue(
        platform,
        conn.connection_id,
        user_id=member,
        provider="fitbit",
        trigger="forced",
        now=platform.clock(),
    )
    drain(platform)
    assert ledger_total(platform, member) == before


# ---- streaks: seven program days in a row, whatever the clocks did ---------------------


def _edge_minutes(day: date, n: int) -> Activity:
    """30 moderate minutes hugging one end of the day's New York midnight."""
    start = (
        et_midnight(day)
        if n % 2 == 0
        else et_midnight(day + timedelta(days=1)) - timedelta(minutes=31)
    )
    return Activity(
        activity_type="active_minutes",
        start_time=start,
        end_time=start + timedelta(minutes=30),
        duration_minutes=30,
        intensity="moderate",
        metrics={},
        source="fitbit",
        external_id=f"edge-{day.isoformat()}",
    )


def test_a_streak_of_seven_program_days_pays_once_on_the_seventh(
    platform: Platform, at: datetime
) -> None:
    last = et_day(at) - timedelta(days=1)  # a whole day, even at 00:01
    first = last - timedelta(days=6)
    user_id = _member(platform, completed=et_midnight(first - timedelta(days=1)))
    result = ingest.ingest(
        platform, user_id, [_edge_minutes(first + timedelta(days=n), n) for n in range(7)]
    )
    assert result.earning_from == first - timedelta(days=1)
    with platform.db.unit_of_work(readonly=True) as uow:
        rows = {r.program_day: r for r in daily_points.since(uow, user_id, first)}
    assert sorted(rows) == [first + timedelta(days=n) for n in range(7)]
    assert all(rows[day].active_day for day in rows)
    assert [rows[day].streak_points for day in sorted(rows)] == [0] * 6 + [250]
    assert points.streak(platform, user_id).current_streak == 7


# ---- leaderboard periods ---------------------------------------------------------------


def test_leaderboard_periods_reset_at_new_york_midnight(at: datetime) -> None:
    from fittrack.domain import leaderboard

    today = et_day(at)
    monday = today - timedelta(days=today.weekday())
    first = today.replace(day=1)
    next_month = (first + timedelta(days=32)).replace(day=1)
    expected = {
        "daily": (today, today, et_midnight(today + timedelta(days=1))),
        "weekly": (monday, monday + timedelta(days=6), et_midnight(monday + timedelta(days=7))),
        "monthly": (first, next_month - timedelta(days=1), et_midnight(next_month)),
    }
    for period, (first_day, last_day, reset) in expected.items():
        win = leaderboard.window(period, at)
        assert (win.first_day, win.last_day, win.reset_at) == (first_day, last_day, reset)
        assert win.origin == et_midnight(first_day)
        assert win.reset_at.astimezone(NEW_YORK).time() == time(0)  # type: ignore[union-attr]


# ---- drawing lifecycle -----------------------------------------------------------------


def _template(platform: Platform, drawing_type: str) -> None:
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        templates.insert(
            uow,
            templates.Template(
                template_id=ids.new_id(),
                name=f"Test {drawing_type}",
                drawing_type=drawing_type,
                description=None,
                ticket_cost_points=100,
                eligibility={"user_type": "all", "min_account_age_days": 0},
                prizes=[
                    {
                        "rank": 1,
                        "name": "Prize",
                        "value_usd": "25.00",
                        "quantity": 1,
                        "fulfillment_type": "digital",
                    }
                ],
            ),
            now,
        )


def _next_draw_day(drawing_type: str, at: datetime) -> date:
    """The first draw day whose sales (closing 20:55 ET) are still open at `at`."""
    day = et_day(at)
    while True:
        last_of_month = (day.replace(day=1) + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        fits = {
            "daily": True,
            "weekly": day.weekday() == 6,
            "monthly": day == last_of_month,
            "annual": (day.month, day.day) == (12, 31),
        }[drawing_type]
        closes = datetime.combine(day, time(20, 55), NEW_YORK).astimezone(UTC)
        if fits and closes > at:
            return day
        day += timedelta(days=1)


@pytest.mark.parametrize("drawing_type", ["daily", "weekly", "monthly", "annual"])
def test_recurring_drawings_fall_at_21_new_york_time(
    platform: Platform, at: datetime, drawing_type: str
) -> None:
    _template(platform, drawing_type)
    assert lifecycle.create_recurring(platform) >= 1
    assert lifecycle.create_recurring(platform) == 0  # idempotent per period
    with platform.db.unit_of_work(readonly=True) as uow:
        created = drawings.list_page(uow, None, drawing_type=None, offset=0, limit=100)
    day = _next_draw_day(drawing_type, at)
    first = min(created, key=lambda d: d.drawing_time)
    assert first.drawing_time == datetime.combine(day, time(21), NEW_YORK).astimezone(UTC)
    assert first.sales_close_time == first.drawing_time - timedelta(minutes=5)
    assert first.sales_close_time > at
    assert all(d.drawing_time.astimezone(NEW_YORK).time() == time(21) for d in created)


def test_the_lifecycle_opens_closes_and_draws_on_time(platform: Platform, at: datetime) -> None:
    clock: Clock = platform.clock  # type: ignore[assignment]
    _template(platform, "daily")
    lifecycle.create_recurring(platform)
    with platform.db.unit_of_work(readonly=True) as uow:
        first = min(
            drawings.list_page(uow, None, drawing_type=None, offset=0, limit=100),
            key=lambda d: d.drawing_time,
        )
    clock.now = max(at, first.opens_at)
    lifecycle.run(platform)
    assert _status(platform, first.drawing_id) == "open"
    buyer = _member(platform, completed=at - timedelta(days=30), balance=300)
    clock.now = first.sales_close_time - timedelta(seconds=1)
    tickets.buy(platform, buyer, first.drawing_id, 2)  # the last second still sells
    lifecycle.run(platform)
    assert _status(platform, first.drawing_id) == "open"
    clock.now = first.sales_close_time
    with pytest.raises(DomainError):
        tickets.buy(platform, buyer, first.drawing_id, 1)
    lifecycle.run(platform)
    assert _status(platform, first.drawing_id) == "closed"
    clock.now = first.drawing_time
    lifecycle.run(platform)
    assert _status(platform, first.drawing_id) == "completed"
    assert ledger_total(platform, buyer) == 100


def _status(platform: Platform, drawing_id: uuid.UUID) -> str:
    with platform.db.unit_of_work(readonly=True) as uow:
        found = drawings.get(uow, drawing_id)
    assert found is not None
    return found.status


# ---- fulfillment deadlines -------------------------------------------------------------


def test_prize_deadlines_count_whole_days_of_elapsed_time(platform: Platform, at: datetime) -> None:
    clock: Clock = platform.clock  # type: ignore[assignment]
    with platform.db.unit_of_work() as uow:
        user_id = insert_user(uow)
        drawing_id = prize_rows.drawing(uow, at)
        prize_id = prize_rows.prize(uow, drawing_id, at)
        winner_id = prize_rows.winner(uow, drawing_id, prize_id, user_id, 0, at)
        fid = fulfillment.create_for_winner(
            uow,
            drawing_id=drawing_id,
            prize_id=prize_id,
            winner_id=winner_id,
            user_id=user_id,
            held=False,
            now=at,
        )
    steps = [
        (timedelta(days=7) - timedelta(seconds=1), "warned", 0),
        (timedelta(days=7), "warned", 1),
        (timedelta(days=14) - timedelta(seconds=1), "forfeited", 0),
        (timedelta(days=14), "forfeited", 1),
    ]
    for elapsed, outcome, expected in steps:
        clock.now = at + elapsed
        assert fulfillment.run_timeouts(platform)[outcome] == expected, elapsed
    with platform.db.unit_of_work(readonly=True) as uow:
        assert fulfillment.load(uow, fid).status == "forfeited"


# ---- birthdays and tiers ---------------------------------------------------------------


@pytest.mark.parametrize("birthday_offset, bracket", [(0, "30-39"), (1, "18-29")])
def test_a_birthday_moves_the_tier_on_the_new_york_day(
    platform: Platform, at: datetime, birthday_offset: int, bracket: str
) -> None:
    birthday = et_day(at) + timedelta(days=birthday_offset)
    if (birthday.month, birthday.day) == (2, 29):
        pytest.fail("pick instants whose birthdays exist in every year")
    dob = birthday.replace(year=birthday.year - 30)
    user_id = _member(
        platform, completed=at - timedelta(days=2), dob=dob, today=et_day(at) - timedelta(days=2)
    )
    profile_service.refresh_tiers(platform)
    profile_service.refresh_tiers(platform)  # idempotent
    with platform.db.unit_of_work(readonly=True) as uow:
        member = profiles.get_member(uow, user_id)
    assert member is not None and member.profile is not None
    found = member.profile
    assert (found.age_bracket, found.tier_code) == (bracket, f"F-{bracket}-INT")


# ---- helpers ---------------------------------------------------------------------------


def _member(
    platform: Platform,
    *,
    completed: datetime,
    dob: date = date(1990, 6, 15),
    today: date | None = None,
    balance: int = 0,
) -> uuid.UUID:
    """An active member whose profile was completed at `completed` (its bracket as of
    `today`, default the completion day)."""
    from tests.fixtures.drawings import give

    standing = profile_rules.standing(dob, "female", "intermediate", today or et_day(completed))
    with platform.db.unit_of_work() as uow:
        user_id = users.insert(
            uow,
            users.NewUser(
                email=f"{uuid.uuid4().hex[:12]}@example.com",
                password_hash=None,
                date_of_birth=dob,
                state_of_residence="CA",
                terms_version="2026-01",
                rules_version="2026-01",
                role="user",
                status="active",
                email_verified_at=completed,
            ),
            completed,
        )
        profiles.save(
            uow,
            user_id,
            profiles.Profile(
                display_name=f"Member {user_id.hex[-8:]}",
                biological_sex="female",
                fitness_level="intermediate",
                age_bracket=standing.age_bracket,
                tier_code=standing.tier_code,
                completed_at=completed,
            ),
            completed,
        )
        if balance:
            give(uow, user_id, balance, completed)
    return user_id
