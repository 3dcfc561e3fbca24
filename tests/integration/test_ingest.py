"""Ingestion on a real SQLite database: paying exactly once, the ledger, streaks,
eligibility, de-duplication, and concurrent ingests and adjustments for one member."""

from __future__ import annotations

import sqlite3
import tempfile
import threading
import uuid
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fittrack.clock import PROGRAM_TZ
from fittrack.db import Database, UnitOfWork, ids, open_database
from fittrack.domain.activities import Activity
from fittrack.domain.errors import ValidationFailed
from fittrack.domain.points import value_of
from fittrack.repositories import activities as store
from fittrack.repositories import daily_points, ledger
from fittrack.services import points
from fittrack.services.ingest import ingest
from tests.unit.test_points_domain import deliveries, growing_day

DAY = date(2026, 3, 14)
NOW = datetime(2026, 3, 20, 16, 0, tzinfo=UTC)
PROFILE_DONE = datetime(2026, 3, 1, 15, 0, tzinfo=UTC)


def add_member(
    uow: UnitOfWork, status: str = "active", completed_at: datetime | None = PROFILE_DONE
) -> uuid.UUID:
    user_id = ids.new_id()
    uow.execute(
        "INSERT INTO users (user_id, email, email_normalized, status, created_at, updated_at)"
        " VALUES (:id, :email, :email, :status, :now, :now)",
        {
            "id": ids.to_db(user_id),
            "email": f"{user_id.hex}@example.com",
            "status": status,
            "now": PROFILE_DONE,
        },
    )
    uow.execute(
        "INSERT INTO user_profiles (user_id, display_name, biological_sex, fitness_level,"
        " age_bracket, tier_code, completed_at, created_at, updated_at) VALUES (:id, :name,"
        " 'female', 'beginner', '30-39', 'F-30-39-BEG', :done, :now, :now)",
        {
            "id": ids.to_db(user_id),
            "name": f"m-{user_id.hex[-12:]}",
            "done": completed_at,
            "now": PROFILE_DONE,
        },
    )
    return user_id


@pytest.fixture
def member(database: Database) -> uuid.UUID:
    with database.unit_of_work() as uow:
        return add_member(uow)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A moment of a program day, as UTC."""
    return datetime.combine(day, time(hour, minute), PROGRAM_TZ).astimezone(UTC)


def steps(count: int, day: date = DAY, source: str = "fitbit") -> Activity:
    return Activity(
        activity_type="steps",
        start_time=at(day, 0),
        end_time=at(day, 20),
        duration_minutes=0,
        intensity=None,
        metrics={"steps": count},
        source=source,
        external_id=f"steps-{day}",
    )


def minutes(count: int, intensity: str, day: date = DAY, source: str = "fitbit") -> Activity:
    return Activity(
        activity_type="active_minutes",
        start_time=at(day, 0),
        end_time=at(day, 20),
        duration_minutes=count,
        intensity=intensity,
        metrics={},
        source=source,
        external_id=f"minutes-{intensity}-{day}",
    )


def workout(
    duration: int, hour: int, day: date = DAY, source: str = "fitbit", metrics: dict | None = None
) -> Activity:
    return Activity(
        activity_type="workout",
        start_time=at(day, hour),
        end_time=at(day, hour) + timedelta(minutes=duration),
        duration_minutes=duration,
        intensity=None,
        metrics=metrics or {"calories": 250},
        source=source,
        external_id=f"w-{day}-{hour}",
    )


WORKED = [
    steps(12_345),
    minutes(30, "moderate"),
    minutes(20, "vigorous"),
    workout(25, 7),
    workout(25, 18),
]


def balances(db: Database, user_id: uuid.UUID) -> tuple[int, int, int]:
    """(balance, lifetime points, ledger sum)."""
    with db.unit_of_work(readonly=True) as uow:
        balance, lifetime = ledger.balances(uow, user_id) or (0, 0)
        return balance, lifetime, ledger.ledger_sum(uow, user_id)


def test_worked_example_pays_440_then_the_difference_to_520(
    database: Database, member: uuid.UUID
) -> None:
    first = ingest(database.unit_of_work, member, WORKED, now=NOW)
    assert first.points_awarded == 440 and first.stored == 5 and first.eligible
    assert [(d.program_day, d.points_paid, d.total_paid) for d in first.days] == [(DAY, 440, 440)]
    again = ingest(database.unit_of_work, member, WORKED, now=NOW)
    assert again.points_awarded == 0 and again.unchanged == 5
    grown = ingest(database.unit_of_work, member, [steps(25_000)], now=NOW)
    assert grown.points_awarded == 80 and grown.replaced == 1 and grown.balance == 520
    assert balances(database, member) == (520, 520, 520)
    with database.unit_of_work(readonly=True) as uow:
        row = daily_points.get(uow, member, DAY)
        entries, total = ledger.list_page(
            uow, member, since=None, until=None, entry_type=None, limit=10, offset=0
        )
    assert row is not None and (row.total_paid, row.value, row.steps) == (520, 520, 25_000)
    assert row.first_reached_at == NOW and row.active_day
    assert total == 2 and sorted(e.balance_after for e in entries) == [440, 520]
    assert {e.idempotency_key for e in entries} == {
        f"daily:{member}:{DAY}:440",
        f"daily:{member}:{DAY}:520",
    }


def test_a_day_is_capped_at_1000(database: Database, member: uuid.UUID) -> None:
    result = ingest(
        database.unit_of_work, member, [steps(30_000), minutes(400, "vigorous")], now=NOW
    )
    assert result.points_awarded == 1_000
    assert (
        ingest(database.unit_of_work, member, [minutes(500, "vigorous")], now=NOW).points_awarded
        == 0
    )


def test_cross_source_duplicates_are_kept_but_never_paid(
    database: Database, member: uuid.UUID
) -> None:
    ingest(database.unit_of_work, member, [workout(40, 7)], now=NOW)
    copy = workout(38, 7, source="google_fit", metrics={"calories": 240})
    # Received later, with as many metrics and no primary tracker: the first one stays.
    result = ingest(database.unit_of_work, member, [copy], now=NOW + timedelta(minutes=5))
    assert result.points_awarded == 0 and result.duplicates == 1
    with database.unit_of_work(readonly=True) as uow:
        stored = store.between_days(uow, member, first=DAY, last=DAY)
    assert sorted((s.activity.source, s.is_duplicate) for s in stored) == [
        ("fitbit", False),
        ("google_fit", True),
    ]


def test_the_primary_tracker_replaces_a_paid_duplicate_without_taking_points_back(
    database: Database, member: uuid.UUID
) -> None:
    ingest(database.unit_of_work, member, [steps(15_000, source="google_fit")], now=NOW)
    with database.unit_of_work() as uow:
        uow.execute(
            "INSERT INTO tracker_connections (connection_id, user_id, provider,"
            " is_primary) VALUES (:c, :u, 'fitbit', :yes)",
            {"c": ids.to_db(ids.new_id()), "u": ids.to_db(member), "yes": True},
        )
    result = ingest(database.unit_of_work, member, [steps(11_000)], now=NOW)
    assert result.points_awarded == 0 and result.days[0].day_value == 210
    assert result.days[0].total_paid == 250
    assert balances(database, member) == (250, 250, 250)


@pytest.mark.parametrize(
    ("status", "completed_at"),
    [("pending", PROFILE_DONE), ("suspended", PROFILE_DONE), ("active", None)],
)
def test_members_who_cannot_earn_get_their_activities_stored_but_no_points(
    database: Database, status: str, completed_at: datetime | None
) -> None:
    with database.unit_of_work() as uow:
        user_id = add_member(uow, status, completed_at)
    result = ingest(database.unit_of_work, user_id, WORKED, now=NOW)
    assert not result.eligible and result.points_awarded == 0 and result.stored == 5
    assert result.days[0].day_value == 440 and result.days[0].total_paid == 0
    # once eligible, the next ingest touching the day pays it in full
    with database.unit_of_work() as uow:
        uow.execute(
            "UPDATE users SET status = 'active' WHERE user_id = :id", {"id": ids.to_db(user_id)}
        )
        uow.execute(
            "UPDATE user_profiles SET completed_at = :done WHERE user_id = :id",
            {"id": ids.to_db(user_id), "done": PROFILE_DONE},
        )
    assert ingest(database.unit_of_work, user_id, WORKED, now=NOW).points_awarded == 440


def test_days_before_the_profile_was_completed_never_pay(database: Database) -> None:
    with database.unit_of_work() as uow:
        user_id = add_member(uow, completed_at=at(DAY + timedelta(days=1), 9))
    result = ingest(
        database.unit_of_work,
        user_id,
        [steps(5_000), steps(5_000, DAY + timedelta(days=1))],
        now=NOW,
    )
    assert [(d.program_day, d.points_paid) for d in result.days] == [
        (DAY, 0),
        (DAY + timedelta(days=1), 50),
    ]


def active_week(first: date, count: int, skip: tuple[int, ...] = ()) -> list[Activity]:
    return [minutes(30, "light", first + timedelta(days=n)) for n in range(count) if n not in skip]


def test_streak_pays_250_on_the_7th_and_14th_active_day(
    database: Database, member: uuid.UUID
) -> None:
    first = date(2026, 3, 1)
    result = ingest(database.unit_of_work, member, active_week(first, 15), now=NOW)
    paid = {d.program_day: d.points_paid for d in result.days}
    assert paid[first + timedelta(days=6)] == 280 and paid[first + timedelta(days=13)] == 280
    assert sum(paid.values()) == 15 * 30 + 2 * 250


def test_a_late_day_that_joins_two_runs_moves_the_bonus(
    database: Database, member: uuid.UUID
) -> None:
    first = date(2026, 3, 1)
    ingest(database.unit_of_work, member, active_week(first, 11, skip=(3,)), now=NOW)
    assert balances(database, member)[0] == 10 * 30 + 250  # days 5..11 made a run of 7
    late = ingest(database.unit_of_work, member, active_week(first, 4)[3:], now=NOW)
    paid = {d.program_day: d.points_paid for d in late.days}
    assert paid == {
        first + timedelta(days=3): 30,
        first + timedelta(days=6): 250,
        first + timedelta(days=10): 0,
    }
    assert balances(database, member) == (11 * 30 + 500, 11 * 30 + 500, 11 * 30 + 500)


def test_invalid_activities_are_refused_with_field_errors(
    database: Database, member: uuid.UUID
) -> None:
    future = Activity(
        activity_type="workout",
        start_time=NOW + timedelta(days=1),
        end_time=NOW + timedelta(days=1, hours=1),
        duration_minutes=30,
        intensity=None,
        metrics={},
        source="fitbit",
        external_id="later",
    )
    with pytest.raises(ValidationFailed) as refused:
        ingest(database.unit_of_work, member, [steps(100), future], now=NOW)
    assert [e.field for e in refused.value.errors] == ["activities.1.startTime"]


def test_parallel_ingests_and_adjustments_keep_one_consistent_ledger(
    database: Database, member: uuid.UUID
) -> None:
    with database.unit_of_work() as uow:
        admin = add_member(uow)
    platform = SimpleNamespace(db=database, clock=lambda: NOW)
    days = [DAY - timedelta(days=n) for n in range(4)]
    errors: list[BaseException] = []
    refused = []

    def syncs(worker: int) -> None:
        try:
            for step in range(1, 16):
                day = days[(worker + step) % len(days)]
                ingest(
                    database.unit_of_work,
                    member,
                    [steps(1_000 * step * (worker + 1), day), minutes(5 * step, "moderate", day)],
                    now=NOW,
                )
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    def adjustments(worker: int) -> None:
        for n in range(15):
            try:
                points.adjust_points(
                    platform,
                    admin,
                    user_id=member,
                    amount=-400 if n % 2 else 150,
                    reason=f"worker {worker} #{n}",
                )
            except points.InsufficientPoints:
                refused.append(n)
            except BaseException as error:  # pragma: no cover - reported below
                errors.append(error)

    threads = [threading.Thread(target=syncs, args=(w,)) for w in range(4)]
    threads += [threading.Thread(target=adjustments, args=(w,)) for w in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    balance, lifetime, total = balances(database, member)
    assert balance == total >= 0
    with database.unit_of_work(readonly=True) as uow:
        rows = uow.query(
            "SELECT entry_type, amount, balance_after FROM point_ledger WHERE user_id = :id",
            {"id": ids.to_db(member)},
        )
        paid = sum(r.total_paid for r in daily_points.between(uow, member, days[-1], days[0]))
    assert all(r["balance_after"] >= 0 for r in rows)
    assert lifetime == paid == sum(r["amount"] for r in rows if r["entry_type"] == "earn")
    # the last syncs of every day are the largest readings: each day is paid its value
    with database.unit_of_work(readonly=True) as uow:
        for day in days:
            kept = [s.activity for s in store.between_days(uow, member, first=day, last=day)]
            row = daily_points.get(uow, member, day)
            assert row is not None and row.total_paid >= value_of(kept).total


def _fresh_database(template: Path, folder: str) -> Database:
    target = Path(folder) / "property.db"
    source, copy = sqlite3.connect(template), sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        source.close()
        copy.close()
    return open_database(f"sqlite:///{target}")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from fittrack.db import migrate

    path = tmp_path_factory.mktemp("ingest-template") / "template.db"
    db = open_database(f"sqlite:///{path}")
    migrate(db)
    db.close()
    return path


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_any_sequence_of_syncs_pays_exactly_the_day_value_through_the_service(
    template: Path, data: st.DataObject
) -> None:
    records = data.draw(growing_day())
    syncs = data.draw(deliveries(records, in_order=True))
    with tempfile.TemporaryDirectory() as folder:
        db = _fresh_database(template, folder)
        try:
            with db.unit_of_work() as uow:
                user_id = add_member(uow)
            # the unit-test days are 2026-03-14 too; ingest them as of a later moment
            for batch in syncs:
                ingest(db.unit_of_work, user_id, batch, now=NOW)
            final = value_of([readings[-1] for readings in records]).total
            balance, lifetime, total = balances(db, user_id)
            assert balance == lifetime == total == final <= 1_000
        finally:
            db.close()
