"""Units of work on a real, migrated SQLite file: transactions, types, fragments.

Constraint enforcement is in test_db_constraints.py, concurrency in test_db_concurrency.py.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest

from fittrack import config
from fittrack.db import (
    Database,
    NotNullViolation,
    ids,
    open_database,
)
from fittrack.db.base import UnitOfWork
from fittrack.db.binds import BindMismatch
from tests.fixtures.db import NOW, insert_user


def balance(db: Database, user_id: uuid.UUID) -> int:
    with db.unit_of_work(readonly=True) as uow:
        return int(
            uow.scalar(
                "SELECT point_balance FROM users WHERE user_id = :id", {"id": ids.to_db(user_id)}
            )
        )


def test_commit_on_clean_exit(database: Database) -> None:
    with database.unit_of_work() as uow:
        user_id = insert_user(uow, balance=5)
    assert balance(database, user_id) == 5


def test_rollback_on_exception(database: Database) -> None:
    with database.unit_of_work() as uow:
        user_id = insert_user(uow, balance=5)
    with pytest.raises(RuntimeError, match="boom"), database.unit_of_work() as uow:
        uow.execute(
            "UPDATE users SET point_balance = 99 WHERE user_id = :id", {"id": ids.to_db(user_id)}
        )
        raise RuntimeError("boom")
    assert balance(database, user_id) == 5


def test_execute_returns_rowcount(database: Database) -> None:
    with database.unit_of_work() as uow:
        first, second = insert_user(uow), insert_user(uow)
        changed = uow.execute("UPDATE users SET lifetime_points = 1")
        missing = uow.execute(
            "UPDATE users SET lifetime_points = 2 WHERE user_id = :id",
            {"id": ids.to_db(ids.new_id())},
        )
    assert (changed, missing) == (2, 0)
    assert first != second


def test_readonly_unit_refuses_writes(database: Database) -> None:
    with database.unit_of_work(readonly=True) as uow, pytest.raises(RuntimeError, match="read"):
        uow.execute("DELETE FROM users")


def test_nested_write_units_are_refused(database: Database) -> None:
    with (
        database.unit_of_work(),
        pytest.raises(RuntimeError, match="nested"),
        database.unit_of_work(),
    ):
        pass
    with database.unit_of_work() as uow:  # the guard resets afterwards
        insert_user(uow)


def test_rows_are_dicts_with_lower_case_keys(database: Database) -> None:
    with database.unit_of_work() as uow:
        insert_user(uow)
        row = uow.query_one("SELECT COUNT(*) AS Total, MAX(email) AS LastEmail FROM users")
        nothing = uow.query_one("SELECT user_id FROM users WHERE 1 = 0")
    assert row is not None and set(row) == {"total", "lastemail"}
    assert nothing is None


def test_values_round_trip(database: Database) -> None:
    day = date(2026, 3, 14)
    eastern = timezone(timedelta(hours=-5))
    with database.unit_of_work() as uow:
        user_id = insert_user(uow)
        uow.execute(
            "INSERT INTO user_profiles (user_id, goals, open_leaderboard, display_name)"
            " VALUES (:id, :goals, :open, :name)",
            {
                "id": ids.to_db(user_id),
                "goals": uow.dialect.json(["endurance", {"k": 1.5}]),
                "open": True,
                "name": "Runner",
            },
        )
        uow.execute(
            "UPDATE users SET date_of_birth = :dob, locked_until = :until WHERE user_id = :id",
            {"dob": day, "until": NOW.astimezone(eastern), "id": user_id},  # UUIDs bind too
        )
        row = uow.query_one(
            "SELECT u.user_id, u.date_of_birth, u.created_at, u.locked_until, u.deleted_at,"
            " p.goals, p.open_leaderboard FROM users u"
            " JOIN user_profiles p ON p.user_id = u.user_id WHERE u.user_id = :id",
            {"id": ids.to_db(user_id)},
        )
    assert row is not None
    assert ids.from_db(row["user_id"]) == user_id
    assert row["date_of_birth"] == day
    assert row["created_at"] == NOW and row["created_at"].tzinfo is UTC
    assert row["locked_until"] == NOW and row["locked_until"].tzinfo is UTC
    assert row["deleted_at"] is None
    assert row["goals"] == ["endurance", {"k": 1.5}]
    assert row["open_leaderboard"] is True


def test_decimal_round_trip(database: Database) -> None:
    with database.unit_of_work() as uow:
        drawing_id = _add_drawing(uow)
        uow.execute(
            "INSERT INTO prizes (prize_id, drawing_id, rank, name, value_usd, fulfillment_type)"
            " VALUES (:id, :drawing, 1, 'Watch', :value, 'physical')",
            {"id": ids.new_id(), "drawing": drawing_id, "value": Decimal("649.99")},
        )
        value = uow.scalar("SELECT value_usd FROM prizes")
    assert value == Decimal("649.99")


def test_naive_datetimes_are_refused(database: Database) -> None:
    with database.unit_of_work() as uow, pytest.raises(ValueError, match="naive"):
        uow.execute("UPDATE users SET locked_until = :t", {"t": datetime(2026, 1, 1)})


def test_timestamps_sort_as_text_and_default_to_now(database: Database) -> None:
    moments = [NOW + timedelta(microseconds=n * 7919) for n in (3, 0, 2, 1)] + [
        NOW.replace(microsecond=0)
    ]
    with database.unit_of_work() as uow:
        for moment in moments:
            uow.execute(
                "INSERT INTO outbox (email_id, to_address, subject, body_text, created_at)"
                " VALUES (:id, 'a@b.c', 's', 't', :at)",
                {"id": ids.new_id(), "at": moment},
            )
        stored = [
            r["created_at"] for r in uow.query("SELECT created_at FROM outbox ORDER BY created_at")
        ]
        later = uow.scalar(f"SELECT COUNT(*) FROM outbox WHERE created_at < {uow.dialect.now_sql}")
        uow.execute(
            "INSERT INTO local_queue (message_id, queue_name, body, visible_at)"
            " VALUES (:id, 'q', :body, :at)",
            {"id": ids.new_id(), "body": uow.dialect.json({}), "at": NOW},
        )
        default = uow.scalar("SELECT created_at FROM local_queue")
    assert stored == sorted(moments)
    assert later == len(moments)
    assert abs(default - datetime.now(UTC)) < timedelta(seconds=5)


def test_paginate_and_limit(database: Database) -> None:
    with database.unit_of_work() as uow:
        emails = sorted(f"{n:02d}@example.com" for n in range(7))
        for email in emails:
            insert_user(uow, email=email)
        sql = "SELECT email FROM users ORDER BY email "
        page = uow.query(sql + uow.dialect.paginate(), {"limit": 3, "offset": 3})
        top = uow.query(sql + uow.dialect.limit(), {"limit": 2})
        locked = uow.query(sql + uow.dialect.for_update())
    assert [r["email"] for r in page] == emails[3:6]
    assert [r["email"] for r in top] == emails[:2]
    assert len(locked) == 7


def test_upsert_inserts_then_updates(database: Database) -> None:
    day = date(2026, 3, 14)
    with database.unit_of_work() as uow:
        user_id = insert_user(uow)
        sql = uow.dialect.upsert(
            "daily_points",
            ["user_id", "program_day", "steps", "total_paid"],
            key=["user_id", "program_day"],
        )
        params: dict[str, Any] = {"user_id": user_id, "program_day": day}
        uow.execute(sql, {**params, "steps": 4000, "total_paid": 40})
        uow.execute(sql, {**params, "steps": 9000, "total_paid": 90})
        keep = uow.dialect.upsert(
            "daily_points",
            ["user_id", "program_day", "steps"],
            key=["user_id", "program_day"],
            update=[],
        )
        uow.execute(keep, {**params, "steps": 1})
        rows = uow.query("SELECT steps, total_paid, program_day FROM daily_points")
    assert rows == [{"steps": 9000, "total_paid": 90, "program_day": day}]


def test_json_value_reads_a_path(database: Database) -> None:
    with database.unit_of_work() as uow:
        _add_drawing(uow, {"user_type": "premium", "min_account_age_days": 30})
        _add_drawing(uow, {"user_type": "all"})
        kind = uow.dialect.json_value("eligibility", "$.user_type")
        days = uow.dialect.json_value("eligibility", "$.min_account_age_days", "number")
        premium = uow.query(
            f"SELECT {days} AS days FROM drawings WHERE {kind} = :kind", {"kind": "premium"}
        )
    assert premium == [{"days": 30}]


def test_executemany(database: Database) -> None:
    with database.unit_of_work() as uow:
        user_id = insert_user(uow, balance=0)
        rows = [{"id": ids.new_id(), "member": user_id, "kind": "system", "n": n} for n in range(5)]
        inserted = uow.executemany(
            "INSERT INTO notifications (notification_id, user_id, kind, title, body)"
            " VALUES (:id, :member, :kind, 'hello', :n)",
            rows,
        )
        assert inserted == 5
        assert uow.executemany("DELETE FROM notifications", []) == 0


def test_ping_and_production_guard(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    database.ping()
    database.assert_production_ready(config.settings())
    monkeypatch.setenv("FITTRACK_ENV", "production")
    config.reset()
    with pytest.raises(RuntimeError, match="production"):
        database.assert_production_ready(config.settings())


def test_open_database_defaults_to_settings(fittrack_home: Any) -> None:
    db = open_database()
    try:
        db.ping()
        assert db.dialect.name == "sqlite"
        assert (fittrack_home / "fittrack.db").exists()
    finally:
        db.close()
    with pytest.raises(RuntimeError, match="closed"):
        db.ping()


def test_open_database_rejects_unknown_urls() -> None:
    with pytest.raises(ValueError, match="unsupported"):
        open_database("postgres://x")


def _add_drawing(uow: UnitOfWork, eligibility: dict[str, Any] | None = None) -> bytes:
    drawing_id = ids.to_db(ids.new_id())
    uow.execute(
        "INSERT INTO drawings (drawing_id, drawing_type, name, ticket_cost_points,"
        " sales_close_time, drawing_time, eligibility) VALUES (:id, 'daily', 'Daily', 100,"
        " :close, :draw, :eligibility)",
        {
            "id": drawing_id,
            "close": NOW,
            "draw": NOW + timedelta(minutes=5),
            "eligibility": uow.dialect.json(eligibility or {"user_type": "all"}),
        },
    )
    return drawing_id


def test_a_stray_bind_is_refused_as_oracle_would_and_changes_nothing(database: Database) -> None:
    with database.unit_of_work() as uow:
        user_id = insert_user(uow, balance=5)
    with pytest.raises(BindMismatch, match="now"), database.unit_of_work() as uow:
        uow.execute(
            "UPDATE users SET point_balance = 9 WHERE user_id = :id",
            {"id": ids.to_db(user_id), "now": NOW},
        )
    with pytest.raises(BindMismatch, match="extra"), database.unit_of_work() as uow:
        uow.executemany(
            "UPDATE users SET point_balance = :b WHERE user_id = :id",
            [{"id": ids.to_db(user_id), "b": 9, "extra": 1}],
        )
    assert balance(database, user_id) == 5


def test_an_empty_string_is_null_as_on_oracle(database: Database) -> None:
    with database.unit_of_work() as uow:
        user_id = insert_user(uow)
        uow.execute(
            "UPDATE users SET terms_version = :v WHERE user_id = :id",
            {"v": "", "id": ids.to_db(user_id)},
        )
        assert (
            uow.scalar(
                "SELECT COUNT(*) FROM users WHERE terms_version IS NULL AND user_id = :id",
                {"id": ids.to_db(user_id)},
            )
            == 1
        )
    with pytest.raises(NotNullViolation), database.unit_of_work() as uow:
        uow.execute(
            "UPDATE users SET email = :e WHERE user_id = :id", {"e": "", "id": ids.to_db(user_id)}
        )
