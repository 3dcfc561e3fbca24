"""Normalised activities: the activities table.

One row per (member, source, provider id); cross-source duplicates stay stored
with `is_duplicate` and `superseded_by` pointing at the record that is kept.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from fittrack.db import UnitOfWork, ids
from fittrack.domain.activities import Activity

_COLUMNS = (
    "activity_id, user_id, connection_id, activity_type, start_time, end_time,"
    " duration_minutes, intensity, metrics, source, external_id, program_day, is_duplicate,"
    " superseded_by, received_at, updated_at"
)
_IN_CHUNK = 200


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredActivity:
    activity_id: uuid.UUID
    user_id: uuid.UUID
    activity: Activity
    program_day: date
    is_duplicate: bool
    superseded_by: uuid.UUID | None
    received_at: datetime
    updated_at: datetime
    connection_id: uuid.UUID | None = None


def _from_row(row: dict[str, Any]) -> StoredActivity:
    activity = Activity(
        activity_type=row["activity_type"],
        start_time=row["start_time"],
        end_time=row["end_time"],
        duration_minutes=row["duration_minutes"],
        intensity=row["intensity"],
        metrics=row["metrics"] or {},
        source=row["source"],
        external_id=row["external_id"],
    )
    return StoredActivity(
        activity_id=ids.from_db(row["activity_id"]),
        user_id=ids.from_db(row["user_id"]),
        activity=activity,
        program_day=row["program_day"],
        is_duplicate=bool(row["is_duplicate"]),
        superseded_by=ids.from_db(row["superseded_by"]),
        received_at=row["received_at"],
        updated_at=row["updated_at"],
        connection_id=ids.from_db(row["connection_id"]),
    )


def find_by_external_ids(
    uow: UnitOfWork, user_id: uuid.UUID, keys: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], StoredActivity]:
    """The stored records among (source, external_id) keys of one member."""
    wanted = set(keys)
    external = sorted({external_id for _, external_id in wanted})
    found: dict[tuple[str, str], StoredActivity] = {}
    for start in range(0, len(external), _IN_CHUNK):
        chunk = external[start : start + _IN_CHUNK]
        binds = {f"x{i}": value for i, value in enumerate(chunk)}
        rows = uow.query(
            f"SELECT {_COLUMNS} FROM activities WHERE user_id = :user_id"
            f" AND external_id IN ({', '.join(':' + name for name in binds)})",
            {"user_id": ids.to_db(user_id), **binds},
        )
        for row in rows:
            stored = _from_row(row)
            key = (stored.activity.source, stored.activity.external_id)
            if key in wanted:
                found[key] = stored
    return found


def _values(
    activity_id: uuid.UUID,
    user_id: uuid.UUID,
    *,
    activity: Activity,
    day: date,
    connection_id: uuid.UUID | None,
    now: datetime,
    uow: UnitOfWork,
) -> dict[str, Any]:
    return {
        "activity_id": ids.to_db(activity_id),
        "user_id": ids.to_db(user_id),
        "connection_id": ids.to_db(connection_id),
        "activity_type": activity.activity_type,
        "start_time": activity.start_time,
        "end_time": activity.end_time,
        "duration_minutes": activity.duration_minutes,
        "intensity": activity.intensity,
        "metrics": uow.dialect.json(dict(activity.metrics)),
        "source": activity.source,
        "external_id": activity.external_id,
        "program_day": day,
        "now": now,
    }


@dataclass(frozen=True, slots=True)
class NewRecord:
    activity_id: uuid.UUID
    activity: Activity
    program_day: date
    connection_id: uuid.UUID | None


def insert_many(
    uow: UnitOfWork, user_id: uuid.UUID, records: Sequence[NewRecord], now: datetime
) -> None:
    uow.executemany(
        "INSERT INTO activities (activity_id, user_id, connection_id, activity_type, start_time,"
        " end_time, duration_minutes, intensity, metrics, source, external_id, program_day,"
        " is_duplicate, received_at, updated_at) VALUES (:activity_id, :user_id, :connection_id,"
        " :activity_type, :start_time, :end_time, :duration_minutes, :intensity, :metrics,"
        " :source, :external_id, :program_day, :no, :now, :now)",
        [
            {
                **_values(
                    r.activity_id,
                    user_id,
                    activity=r.activity,
                    day=r.program_day,
                    connection_id=r.connection_id,
                    now=now,
                    uow=uow,
                ),
                "no": False,
            }
            for r in records
        ],
    )


def replace_many(
    uow: UnitOfWork, user_id: uuid.UUID, records: Sequence[NewRecord], now: datetime
) -> None:
    """New content for existing records (a provider's growing total); the time it was
    first received is kept, it is what de-duplication's last tie-break compares."""
    uow.executemany(
        "UPDATE activities SET connection_id = COALESCE(:connection_id, connection_id),"
        " activity_type = :activity_type, start_time = :start_time, end_time = :end_time,"
        " duration_minutes = :duration_minutes, intensity = :intensity, metrics = :metrics,"
        " program_day = :program_day, updated_at = :now"
        " WHERE activity_id = :activity_id AND user_id = :user_id"
        " AND source = :source AND external_id = :external_id",
        [
            _values(
                r.activity_id,
                user_id,
                activity=r.activity,
                day=r.program_day,
                connection_id=r.connection_id,
                now=now,
                uow=uow,
            )
            for r in records
        ],
    )


def between_days(
    uow: UnitOfWork, user_id: uuid.UUID, *, first: date, last: date, kept_only: bool = False
) -> list[StoredActivity]:
    """A member's activities on program days first..last (inclusive)."""
    kept = " AND is_duplicate = :no" if kept_only else ""
    params: dict[str, Any] = {"user_id": ids.to_db(user_id), "first": first, "last": last}
    if kept_only:
        params["no"] = False
    rows = uow.query(
        f"SELECT {_COLUMNS} FROM activities WHERE user_id = :user_id"
        f" AND program_day BETWEEN :first AND :last{kept}"
        " ORDER BY program_day, start_time, activity_id",
        params,
    )
    return [_from_row(row) for row in rows]


def set_duplicates(
    uow: UnitOfWork, changes: Sequence[tuple[uuid.UUID, uuid.UUID | None]], now: datetime
) -> None:
    """(activity_id, superseded_by or None) pairs: mark duplicates, or keep again."""
    uow.executemany(
        "UPDATE activities SET is_duplicate = :dup, superseded_by = :superseded,"
        " updated_at = :now WHERE activity_id = :id",
        [
            {
                "dup": by is not None,
                "superseded": ids.to_db(by),
                "now": now,
                "id": ids.to_db(activity_id),
            }
            for activity_id, by in changes
        ],
    )


def _filters(
    user_id: uuid.UUID,
    first: date | None,
    *,
    last: date | None,
    activity_type: str | None,
    include_duplicates: bool,
) -> tuple[str, dict[str, Any]]:
    sql = " WHERE user_id = :user_id"
    params: dict[str, Any] = {"user_id": ids.to_db(user_id)}
    if first is not None:
        sql += " AND program_day >= :first"
        params["first"] = first
    if last is not None:
        sql += " AND program_day <= :last"
        params["last"] = last
    if activity_type is not None:
        sql += " AND activity_type = :type"
        params["type"] = activity_type
    if not include_duplicates:
        sql += " AND is_duplicate = :no"
        params["no"] = False
    return sql, params


def list_page(
    uow: UnitOfWork,
    user_id: uuid.UUID,
    *,
    first: date | None,
    last: date | None,
    activity_type: str | None,
    include_duplicates: bool,
    limit: int,
    offset: int,
) -> tuple[list[StoredActivity], int]:
    """One page of a member's activities, newest first, and the total count."""
    where, params = _filters(
        user_id,
        first,
        last=last,
        activity_type=activity_type,
        include_duplicates=include_duplicates,
    )
    total = int(uow.scalar(f"SELECT COUNT(*) FROM activities{where}", params) or 0)
    rows = uow.query(
        f"SELECT {_COLUMNS} FROM activities{where}"
        f" ORDER BY start_time DESC, activity_id DESC {uow.dialect.paginate()}",
        {**params, "limit": limit, "offset": offset},
    )
    return [_from_row(row) for row in rows], total


def get_for_user(
    uow: UnitOfWork, user_id: uuid.UUID, activity_id: uuid.UUID
) -> StoredActivity | None:
    """One activity, only when it belongs to the member."""
    row = uow.query_one(
        f"SELECT {_COLUMNS} FROM activities WHERE activity_id = :id AND user_id = :user_id",
        {"id": ids.to_db(activity_id), "user_id": ids.to_db(user_id)},
    )
    return _from_row(row) if row else None


def workouts_per_day(
    uow: UnitOfWork, user_id: uuid.UUID, first: date, last: date
) -> dict[date, int]:
    """Kept workouts per program day in first..last."""
    rows = uow.query(
        "SELECT program_day, COUNT(*) AS n FROM activities WHERE user_id = :user_id"
        " AND activity_type = :type AND is_duplicate = :no"
        " AND program_day BETWEEN :first AND :last GROUP BY program_day",
        {
            "user_id": ids.to_db(user_id),
            "type": "workout",
            "no": False,
            "first": first,
            "last": last,
        },
    )
    return {_as_date(row["program_day"]): int(row["n"]) for row in rows}


def _as_date(value: Any) -> date:
    """Grouped DATE columns may come back as text on SQLite."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
