"""Privacy retention on a real SQLite database with a moving clock (docs/privacy-retention.md).

Each limit is checked a minute on either side: just inside is kept, just outside
is removed. Points, daily points and the ledger never change; a second run
changes nothing; small batches finish over several runs.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from fittrack import config
from fittrack.db import UnitOfWork, ids, migrate
from fittrack.platform import Platform, set_platform
from fittrack.services import retention
from tests.fixtures import prize_rows
from tests.fixtures.db import insert_user
from tests.fixtures.members import run_job

START = datetime(2026, 6, 10, 16, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)
NINETY_DAYS = timedelta(days=90)
ADDRESS = {"line1": "1 Main St", "city": "Springfield", "state": "IL", "zip": "62701"}


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def platform(fittrack_home: Path, clock: Clock) -> Iterator[Platform]:
    platform = Platform(config.settings(), clock=clock)
    migrate(platform.db)
    yield platform
    platform.close()
    set_platform(None)


# ---- rows written straight to the tables --------------------------------------------


def _member(platform: Platform) -> uuid.UUID:
    with platform.db.unit_of_work() as uow:
        return insert_user(uow)


def _prize(uow: UnitOfWork, drawing_id: uuid.UUID, rank: int) -> uuid.UUID:
    prize_id = ids.new_id()
    uow.execute(
        "INSERT INTO prizes (prize_id, drawing_id, rank, name, value_usd, fulfillment_type)"
        " VALUES (:id, :d, :r, 'Prize', 750, 'physical')",
        {"id": ids.to_db(prize_id), "d": ids.to_db(drawing_id), "r": rank},
    )
    return prize_id


def _settled_fulfillment(
    platform: Platform, user_id: uuid.UUID, *, status: str, settled_at: datetime
) -> uuid.UUID:
    """A fulfillment delivered (or forfeited) at `settled_at`, with address and tax details."""
    fulfillment_id = ids.new_id()
    with platform.db.unit_of_work() as uow:
        drawing_id = prize_rows.drawing(uow, START - timedelta(days=200))
        prize_id = _prize(uow, drawing_id, rank=1)
        winner_id = prize_rows.winner(uow, drawing_id, prize_id, user_id, 0, START)
        uow.execute(
            "INSERT INTO fulfillments (fulfillment_id, winner_id, user_id, prize_id, status,"
            " shipping_address, delivery_email, carrier, tracking_number, shipped_at,"
            " delivered_at, forfeited_at, tax_info_required, tax_info_received_at)"
            " VALUES (:id, :w, :u, :p, :status, :address, :email, 'UPS', '1Z999', :shipped,"
            " :delivered, :forfeited, :yes, :settled)",
            {
                "id": ids.to_db(fulfillment_id),
                "w": ids.to_db(winner_id),
                "u": ids.to_db(user_id),
                "p": ids.to_db(prize_id),
                "status": status,
                "address": uow.dialect.json(ADDRESS),
                "email": "winner@example.com",
                "shipped": settled_at - timedelta(days=3) if status == "delivered" else None,
                "delivered": settled_at if status == "delivered" else None,
                "forfeited": settled_at if status == "forfeited" else None,
                "yes": True,
                "settled": settled_at,
            },
        )
        uow.execute(
            "INSERT INTO fulfillment_tax_details (fulfillment_id, details_encrypted,"
            " tax_id_last4, received_at) VALUES (:id, :blob, '1234', :at)",
            {"id": ids.to_db(fulfillment_id), "blob": b"sealed-details", "at": settled_at},
        )
    return fulfillment_id


def _activity(platform: Platform, user_id: uuid.UUID, started_at: datetime) -> uuid.UUID:
    activity_id = ids.new_id()
    with platform.db.unit_of_work() as uow:
        uow.execute(
            "INSERT INTO activities (activity_id, user_id, activity_type, start_time, end_time,"
            " duration_minutes, metrics, source, external_id, program_day)"
            " VALUES (:id, :u, 'steps', :began, :ended, 30, :metrics, 'fitbit', :ext, :day)",
            {
                "id": ids.to_db(activity_id),
                "u": ids.to_db(user_id),
                "began": started_at,
                "ended": started_at + timedelta(minutes=30),
                "metrics": uow.dialect.json({"steps": 4000}),
                "ext": activity_id.hex,
                "day": started_at.date(),
            },
        )
    return activity_id


def _points_for_day(platform: Platform, user_id: uuid.UUID, day: date) -> None:
    """A paid day and its ledger entry, as ingest leaves them."""
    with platform.db.unit_of_work() as uow:
        bound = {"u": ids.to_db(user_id), "day": day}
        uow.execute(
            "INSERT INTO daily_points (user_id, program_day, steps, steps_points, total_paid,"
            " active_day) VALUES (:u, :day, 4000, 40, 40, :yes)",
            {**bound, "yes": True},
        )
        uow.execute(
            "INSERT INTO point_ledger (entry_id, user_id, entry_type, amount, balance_after,"
            " reference_type, idempotency_key) VALUES (:id, :u, 'earn', 40, 40,"
            " 'daily_points', :key)",
            {"id": ids.to_db(ids.new_id()), "u": bound["u"], "key": f"daily:{user_id}:{day}:40"},
        )
        uow.execute(
            "UPDATE users SET point_balance = 40, lifetime_points = 40 WHERE user_id = :u",
            {"u": bound["u"]},
        )


def _session(platform: Platform, user_id: uuid.UUID, last_seen_at: datetime) -> uuid.UUID:
    session_id = ids.new_id()
    with platform.db.unit_of_work() as uow:
        uow.execute(
            "INSERT INTO auth_sessions (session_id, user_id, device_id, user_agent, ip_address,"
            " created_at, last_seen_at, expires_at) VALUES (:id, :u, :device, 'Firefox',"
            " '203.0.113.7', :seen, :seen, :expires)",
            {
                "id": ids.to_db(session_id),
                "u": ids.to_db(user_id),
                "device": session_id.hex,
                "seen": last_seen_at,
                "expires": last_seen_at + timedelta(days=30),
            },
        )
    return session_id


# ---- reading back --------------------------------------------------------------------


def _row(platform: Platform, sql: str, key: uuid.UUID) -> dict[str, Any]:
    with platform.db.unit_of_work(readonly=True) as uow:
        row = uow.query_one(sql, {"id": ids.to_db(key)})
    assert row is not None
    return row


def _fulfillment(platform: Platform, fulfillment_id: uuid.UUID) -> dict[str, Any]:
    return _row(
        platform,
        "SELECT f.status, f.shipping_address, f.delivery_email, f.carrier, f.tracking_number,"
        " f.delivered_at, f.forfeited_at, f.tax_info_received_at, f.personal_data_purged_at,"
        " (SELECT COUNT(*) FROM fulfillment_tax_details t"
        "  WHERE t.fulfillment_id = f.fulfillment_id) AS tax_rows"
        " FROM fulfillments f WHERE f.fulfillment_id = :id",
        fulfillment_id,
    )


def _activity_exists(platform: Platform, activity_id: uuid.UUID) -> bool:
    with platform.db.unit_of_work(readonly=True) as uow:
        return bool(
            uow.scalar(
                "SELECT COUNT(*) FROM activities WHERE activity_id = :id",
                {"id": ids.to_db(activity_id)},
            )
        )


def _session_ip(platform: Platform, session_id: uuid.UUID) -> str | None:
    row = _row(
        platform,
        "SELECT ip_address, user_agent FROM auth_sessions WHERE session_id = :id",
        session_id,
    )
    assert row["user_agent"] == "Firefox"  # the session itself stays
    return row["ip_address"]


def _snapshot(platform: Platform) -> dict[str, list[dict[str, Any]]]:
    """Every row of the tables retention must leave alone, and of those it changes."""
    tables = {
        "daily_points": "user_id, program_day",
        "point_ledger": "entry_id",
        "users": "user_id",
        "fulfillments": "fulfillment_id",
        "fulfillment_tax_details": "fulfillment_id",
        "activities": "activity_id",
        "auth_sessions": "session_id",
        "audit_log": "seq",
    }
    with platform.db.unit_of_work(readonly=True) as uow:
        return {
            table: uow.query(f"SELECT * FROM {table} ORDER BY {order}")
            for table, order in tables.items()
        }


def _money_tables(platform: Platform) -> dict[str, list[dict[str, Any]]]:
    snap = _snapshot(platform)
    return {
        "daily_points": snap["daily_points"],
        "point_ledger": snap["point_ledger"],
        "balances": [
            {"user_id": u["user_id"], "balance": u["point_balance"], "life": u["lifetime_points"]}
            for u in snap["users"]
        ],
    }


def _audit_actions(platform: Platform) -> list[str]:
    with platform.db.unit_of_work(readonly=True) as uow:
        rows = uow.query("SELECT action FROM audit_log ORDER BY seq")
    return [row["action"] for row in rows]


# ---- the rules -------------------------------------------------------------------------


def test_addresses_and_tax_details_are_purged_90_days_after_delivery_or_forfeit(
    platform: Platform, clock: Clock
) -> None:
    user_id = _member(platform)
    cutoff = START - NINETY_DAYS
    kept_delivered = _settled_fulfillment(
        platform, user_id, status="delivered", settled_at=cutoff + MINUTE
    )
    gone_delivered = _settled_fulfillment(
        platform, user_id, status="delivered", settled_at=cutoff - MINUTE
    )
    kept_forfeited = _settled_fulfillment(
        platform, user_id, status="forfeited", settled_at=cutoff + MINUTE
    )
    gone_forfeited = _settled_fulfillment(
        platform, user_id, status="forfeited", settled_at=cutoff - MINUTE
    )
    in_transit = _settled_fulfillment(
        platform, user_id, status="shipped", settled_at=cutoff - timedelta(days=30)
    )

    run = retention.apply_retention(platform)

    assert run.fulfillments_purged == 2
    assert run.complete
    for fid in (kept_delivered, kept_forfeited, in_transit):
        row = _fulfillment(platform, fid)
        assert row["shipping_address"] == ADDRESS
        assert row["delivery_email"] == "winner@example.com"
        assert row["tax_rows"] == 1
        assert row["personal_data_purged_at"] is None
    for fid, status in ((gone_delivered, "delivered"), (gone_forfeited, "forfeited")):
        row = _fulfillment(platform, fid)
        assert row["shipping_address"] is None
        assert row["delivery_email"] is None
        assert row["tax_rows"] == 0
        assert row["personal_data_purged_at"] == START
        # The record of what happened stays: status, carrier, tracking, dates.
        assert row["status"] == status
        assert (row["carrier"], row["tracking_number"]) == ("UPS", "1Z999")
        assert row["tax_info_received_at"] == cutoff - MINUTE
    assert _audit_actions(platform) == ["fulfillment.personal_data_purged"] * 2

    clock.now = START + 2 * MINUTE
    assert retention.apply_retention(platform).fulfillments_purged == 2
    assert _fulfillment(platform, kept_delivered)["tax_rows"] == 0
    assert _fulfillment(platform, kept_forfeited)["shipping_address"] is None
    assert _fulfillment(platform, in_transit)["tax_rows"] == 1


def test_activities_older_than_two_years_are_deleted_and_points_stay(
    platform: Platform, clock: Clock
) -> None:
    user_id = _member(platform)
    two_years_ago = datetime(2024, 6, 10, 16, 0, tzinfo=UTC)
    kept = _activity(platform, user_id, two_years_ago + MINUTE)
    gone = _activity(platform, user_id, two_years_ago - MINUTE)
    recent = _activity(platform, user_id, START - timedelta(days=1))
    _points_for_day(platform, user_id, two_years_ago.date())
    money = _money_tables(platform)

    run = retention.apply_retention(platform)

    assert run.activities_deleted == 1
    assert not _activity_exists(platform, gone)
    assert _activity_exists(platform, kept)
    assert _activity_exists(platform, recent)
    assert _money_tables(platform) == money

    clock.now = START + 2 * MINUTE
    assert retention.apply_retention(platform).activities_deleted == 1
    assert not _activity_exists(platform, kept)
    assert _activity_exists(platform, recent)
    assert _money_tables(platform) == money


def test_two_years_before_a_leap_day_is_february_28() -> None:
    leap_day = datetime(2028, 2, 29, 12, 0, tzinfo=UTC)
    assert retention.years_before(leap_day, 2) == datetime(2026, 2, 28, 12, 0, tzinfo=UTC)


def test_sign_in_ip_addresses_are_nulled_90_days_after_last_seen(
    platform: Platform, clock: Clock
) -> None:
    user_id = _member(platform)
    cutoff = START - NINETY_DAYS
    kept = _session(platform, user_id, cutoff + MINUTE)
    gone = _session(platform, user_id, cutoff - MINUTE)

    run = retention.apply_retention(platform)

    assert run.ip_addresses_cleared == 1
    assert _session_ip(platform, kept) == "203.0.113.7"
    assert _session_ip(platform, gone) is None

    clock.now = START + 2 * MINUTE
    assert retention.apply_retention(platform).ip_addresses_cleared == 1
    assert _session_ip(platform, kept) is None


def _everything_due(platform: Platform) -> uuid.UUID:
    user_id = _member(platform)
    long_ago = START - timedelta(days=800)
    _settled_fulfillment(platform, user_id, status="delivered", settled_at=long_ago)
    _settled_fulfillment(platform, user_id, status="forfeited", settled_at=long_ago)
    for n in range(5):
        _activity(platform, user_id, long_ago + n * MINUTE)
        _session(platform, user_id, long_ago + n * MINUTE)
    _points_for_day(platform, user_id, long_ago.date())
    return user_id


def test_a_second_run_changes_nothing(platform: Platform) -> None:
    _everything_due(platform)
    first = retention.apply_retention(platform)
    assert (first.fulfillments_purged, first.activities_deleted, first.ip_addresses_cleared) == (
        2,
        5,
        5,
    )
    after_first = _snapshot(platform)

    again = retention.apply_retention(platform)

    assert again == retention.RetentionRun(0, 0, 0, complete=True)
    assert _snapshot(platform) == after_first


def test_batches_smaller_than_the_backlog_finish_over_several_runs(platform: Platform) -> None:
    _everything_due(platform)
    money = _money_tables(platform)

    runs = [retention.apply_retention(platform, batch_size=2, max_batches=1) for _ in range(4)]

    assert [r.activities_deleted for r in runs] == [2, 2, 1, 0]
    assert [r.ip_addresses_cleared for r in runs] == [2, 2, 1, 0]
    assert [r.fulfillments_purged for r in runs] == [2, 0, 0, 0]
    assert [r.complete for r in runs] == [False, False, True, True]
    assert _money_tables(platform) == money


def test_one_run_loops_over_batches_until_done(platform: Platform) -> None:
    _everything_due(platform)
    run = retention.apply_retention(platform, batch_size=2)
    assert (run.activities_deleted, run.ip_addresses_cleared, run.complete) == (5, 5, True)


def test_a_spent_time_budget_stops_the_run_and_the_next_one_carries_on(
    platform: Platform,
) -> None:
    _everything_due(platform)
    stopped = retention.apply_retention(platform, time_budget_seconds=0)
    assert stopped == retention.RetentionRun(0, 0, 0, complete=False)
    assert retention.apply_retention(platform).complete


def test_the_scheduled_job_through_fdk(platform: Platform) -> None:
    _everything_due(platform)
    set_platform(platform)

    assert run_job("retention.apply") == {
        "fulfillments_purged": 2,
        "activities_deleted": 5,
        "ip_addresses_cleared": 5,
        "complete": True,
    }
    assert run_job("retention.apply") == {
        "fulfillments_purged": 0,
        "activities_deleted": 0,
        "ip_addresses_cleared": 0,
        "complete": True,
    }
