"""Daily points: one row per member and program day (America/New_York).

The row holds what the day is worth now, by source (`steps_points` ...
`streak_points`, whose sum is the day's value after the 1,000 cap), and
`total_paid`, what the ledger has credited for the day so far. `total_paid` only
grows, so it is "points earned" for leaderboards and summaries; it may exceed the
current value when a higher-priority duplicate later replaced a record that had
already been paid (points paid are never taken back). `first_reached_at` is when
`total_paid` last grew (the moment the day reached its total: a leaderboard
tie-break); `active_day` says the day had 30+ active minutes (streaks).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from fittrack.db import UnitOfWork, ids
from fittrack.domain.points import DailyPoints, DayValue

_COLUMNS = (
    "user_id, program_day, steps, active_minutes, workout_bonuses, steps_points,"
    " minutes_points, workout_points, step_goal_points, streak_points, total_paid,"
    " active_day, first_reached_at, updated_at"
)
_SAVED = (
    "user_id",
    "program_day",
    "steps",
    "active_minutes",
    "workout_bonuses",
    "steps_points",
    "minutes_points",
    "workout_points",
    "step_goal_points",
    "streak_points",
    "total_paid",
    "active_day",
    "first_reached_at",
    "updated_at",
)


def _from_row(row: dict[str, Any]) -> DailyPoints:
    return DailyPoints(
        user_id=ids.from_db(row["user_id"]),
        program_day=row["program_day"],
        steps=row["steps"],
        active_minutes=row["active_minutes"],
        workout_bonuses=row["workout_bonuses"],
        steps_points=row["steps_points"],
        minutes_points=row["minutes_points"],
        workout_points=row["workout_points"],
        step_goal_points=row["step_goal_points"],
        streak_points=row["streak_points"],
        total_paid=row["total_paid"],
        active_day=bool(row["active_day"]),
        first_reached_at=row["first_reached_at"],
        updated_at=row["updated_at"],
    )


def get(uow: UnitOfWork, user_id: uuid.UUID, day: date) -> DailyPoints | None:
    row = uow.query_one(
        f"SELECT {_COLUMNS} FROM daily_points WHERE user_id = :user_id AND program_day = :day",
        {"user_id": ids.to_db(user_id), "day": day},
    )
    return _from_row(row) if row else None


def between(uow: UnitOfWork, user_id: uuid.UUID, first: date, last: date) -> list[DailyPoints]:
    """A member's days first..last (inclusive), ascending; days without a row are absent."""
    rows = uow.query(
        f"SELECT {_COLUMNS} FROM daily_points WHERE user_id = :user_id"
        " AND program_day BETWEEN :first AND :last ORDER BY program_day",
        {"user_id": ids.to_db(user_id), "first": first, "last": last},
    )
    return [_from_row(row) for row in rows]


def since(uow: UnitOfWork, user_id: uuid.UUID, first: date, limit: int = 400) -> list[DailyPoints]:
    """A member's days from `first` on, ascending, at most `limit` rows."""
    rows = uow.query(
        f"SELECT {_COLUMNS} FROM daily_points WHERE user_id = :user_id AND program_day >= :first"
        f" ORDER BY program_day {uow.dialect.limit()}",
        {"user_id": ids.to_db(user_id), "first": first, "limit": limit},
    )
    return [_from_row(row) for row in rows]


def active_days_before(
    uow: UnitOfWork, user_id: uuid.UUID, before: date, limit: int = 400
) -> list[date]:
    """The member's active days before `before`, latest first (at most `limit`)."""
    rows = uow.query(
        "SELECT program_day FROM daily_points WHERE user_id = :user_id AND program_day < :before"
        f" AND active_day = :yes ORDER BY program_day DESC {uow.dialect.limit()}",
        {"user_id": ids.to_db(user_id), "before": before, "yes": True, "limit": limit},
    )
    return [row["program_day"] for row in rows]


def active_days(uow: UnitOfWork, user_id: uuid.UUID, first: date, last: date) -> list[date]:
    """The member's active days in first..last, ascending."""
    rows = uow.query(
        "SELECT program_day FROM daily_points WHERE user_id = :user_id AND active_day = :yes"
        " AND program_day BETWEEN :first AND :last ORDER BY program_day",
        {"user_id": ids.to_db(user_id), "yes": True, "first": first, "last": last},
    )
    return [row["program_day"] for row in rows]


def save(
    uow: UnitOfWork,
    user_id: uuid.UUID,
    *,
    day: date,
    value: DayValue,
    total_paid: int,
    first_reached_at: datetime | None,
    now: datetime,
) -> None:
    """Insert or replace a day's row (the caller holds the member's write lock)."""
    uow.execute(
        uow.dialect.upsert("daily_points", _SAVED, ["user_id", "program_day"]),
        {
            "user_id": ids.to_db(user_id),
            "program_day": day,
            "steps": value.tally.steps,
            "active_minutes": value.tally.active_minutes,
            "workout_bonuses": value.workout_bonuses,
            "steps_points": value.steps_points,
            "minutes_points": value.minutes_points,
            "workout_points": value.workout_points,
            "step_goal_points": value.step_goal_points,
            "streak_points": value.streak_points,
            "total_paid": total_paid,
            "active_day": value.active_day,
            "first_reached_at": first_reached_at,
            "updated_at": now,
        },
    )


@dataclass(frozen=True, slots=True)
class PeriodTotal:
    """One member's points earned over days first..last."""

    user_id: uuid.UUID
    points: int
    active_days: int
    reached_at: datetime | None  # when the member's last paying day of the period was paid


def period_totals(
    uow: UnitOfWork, first: date, last: date, user_ids: list[uuid.UUID] | None = None
) -> list[PeriodTotal]:
    """Points earned (sum of total_paid), active days and the time the total was
    reached, per member over program days first..last; members without rows are absent."""
    params: dict[str, Any] = {"first": first, "last": last, "yes": True}
    members = ""
    if user_ids is not None:
        if not user_ids:
            return []
        binds = {f"u{i}": ids.to_db(u) for i, u in enumerate(user_ids)}
        params.update(binds)
        members = f" AND user_id IN ({', '.join(':' + b for b in binds)})"
    rows = uow.query(
        "SELECT user_id, SUM(total_paid) AS points,"
        " SUM(CASE WHEN active_day = :yes THEN 1 ELSE 0 END) AS active_days,"
        " MAX(first_reached_at) AS reached_at FROM daily_points"
        f" WHERE program_day BETWEEN :first AND :last{members} GROUP BY user_id",
        params,
    )
    return [
        PeriodTotal(
            ids.from_db(r["user_id"]),
            int(r["points"] or 0),
            int(r["active_days"] or 0),
            _as_timestamp(r["reached_at"]),
        )
        for r in rows
    ]


def _as_timestamp(value: Any) -> datetime | None:
    """MAX() of a TIMESTAMP comes back as text on SQLite."""
    if value is None or isinstance(value, datetime):
        return value
    parsed = datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
