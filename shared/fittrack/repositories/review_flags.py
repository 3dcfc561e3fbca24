"""The review queue: review_flags (at most one open flag per member and reason),
and the daily points the anomaly rule looks at."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from fittrack.db import UnitOfWork, ids
from fittrack.domain.review import Flag, FlagStatus

STATUSES = ("open", "cleared", "banned")
_CHUNK = 500

_FLAG_COLUMNS = (
    "f.flag_id, f.user_id, f.reason, f.status, f.details, f.created_by, f.created_at,"
    " f.resolved_by, f.resolved_at, f.resolution_note"
)


@dataclass(frozen=True, kw_only=True)
class QueueItem:
    flag: Flag
    email: str
    user_status: str
    display_name: str | None
    tier_code: str | None


@dataclass(frozen=True)
class NewFlag:
    user_id: uuid.UUID
    reason: str  # anomaly | shared_device | manual
    details: dict[str, Any]


def _flag(row: dict[str, Any]) -> Flag:
    return Flag(
        flag_id=ids.from_db(row["flag_id"]),
        user_id=ids.from_db(row["user_id"]),
        reason=row["reason"],
        status=FlagStatus(row["status"]),
        details=dict(row["details"] or {}),
        created_by=ids.from_db(row["created_by"]),
        created_at=row["created_at"],
        resolved_by=ids.from_db(row["resolved_by"]),
        resolved_at=row["resolved_at"],
        resolution_note=row["resolution_note"],
    )


def insert_many(
    uow: UnitOfWork, flags: list[NewFlag], now: datetime, created_by: uuid.UUID | None = None
) -> list[uuid.UUID]:
    new_ids = [ids.new_id() for _ in flags]
    uow.executemany(
        "INSERT INTO review_flags (flag_id, user_id, reason, status, details, created_by,"
        " created_at) VALUES (:id, :user_id, :reason, :status, :details, :actor, :now)",
        [
            {
                "id": ids.to_db(flag_id),
                "user_id": ids.to_db(flag.user_id),
                "reason": flag.reason,
                "status": "open",
                "details": uow.dialect.json(flag.details),
                "actor": ids.to_db(created_by),
                "now": now,
            }
            for flag_id, flag in zip(new_ids, flags, strict=True)
        ],
    )
    return new_ids


def _chunks(user_ids: Iterable[uuid.UUID]) -> Iterable[dict[str, bytes]]:
    items = list(dict.fromkeys(user_ids))
    for start in range(0, len(items), _CHUNK):
        yield {f"u{n}": ids.to_db(u) for n, u in enumerate(items[start : start + _CHUNK])}


def flags_of(uow: UnitOfWork, reason: str, user_ids: Iterable[uuid.UUID]) -> list[Flag]:
    """Every flag (any status) with this reason of these members."""
    found: list[Flag] = []
    for binds in _chunks(user_ids):
        found += [
            _flag(row)
            for row in uow.query(
                f"SELECT {_FLAG_COLUMNS} FROM review_flags f WHERE f.reason = :reason"
                f" AND f.user_id IN ({', '.join(':' + b for b in binds)})",
                {"reason": reason, **binds},
            )
        ]
    return found


def get(uow: UnitOfWork, flag_id: uuid.UUID) -> Flag | None:
    row = uow.query_one(
        f"SELECT {_FLAG_COLUMNS} FROM review_flags f WHERE f.flag_id = :id",
        {"id": ids.to_db(flag_id)},
    )
    return _flag(row) if row else None


def _status_filter(status: str | None, params: dict[str, Any]) -> str:
    if status is None:
        return ""
    params["status"] = status
    return " WHERE f.status = :status"


def list_queue(uow: UnitOfWork, status: str | None, offset: int, limit: int) -> list[QueueItem]:
    """Flags with their member, oldest first (None: every status)."""
    params: dict[str, Any] = {"offset": offset, "limit": limit}
    where = _status_filter(status, params)
    rows = uow.query(
        f"SELECT {_FLAG_COLUMNS}, u.email, u.status AS user_status, p.display_name,"
        " p.tier_code FROM review_flags f JOIN users u ON u.user_id = f.user_id"
        f" LEFT JOIN user_profiles p ON p.user_id = f.user_id{where}"
        f" ORDER BY f.created_at, f.flag_id {uow.dialect.paginate()}",
        params,
    )
    return [
        QueueItem(
            flag=_flag(r),
            email=r["email"],
            user_status=r["user_status"],
            display_name=r["display_name"],
            tier_code=r["tier_code"],
        )
        for r in rows
    ]


def count_queue(uow: UnitOfWork, status: str | None) -> int:
    params: dict[str, Any] = {}
    where = _status_filter(status, params)
    return int(uow.scalar(f"SELECT COUNT(*) AS n FROM review_flags f{where}", params))


def resolve(
    uow: UnitOfWork,
    flag_id: uuid.UUID,
    *,
    status: str,
    admin_id: uuid.UUID,
    note: str,
    now: datetime,
) -> bool:
    """Close an open flag; False when it was not open any more."""
    changed = uow.execute(
        "UPDATE review_flags SET status = :status, resolved_by = :admin, resolved_at = :now,"
        " resolution_note = :note WHERE flag_id = :id AND status = :open",
        {
            "status": status,
            "admin": ids.to_db(admin_id),
            "now": now,
            "note": note,
            "id": ids.to_db(flag_id),
            "open": "open",
        },
    )
    return changed == 1


def open_flag_ids(uow: UnitOfWork, user_id: uuid.UUID) -> list[uuid.UUID]:
    rows = uow.query(
        "SELECT flag_id FROM review_flags WHERE user_id = :user_id AND status = :open",
        {"user_id": ids.to_db(user_id), "open": "open"},
    )
    return [ids.from_db(row["flag_id"]) for row in rows]


def is_flagged(uow: UnitOfWork, user_id: uuid.UUID) -> bool:
    """Whether the member has an open flag (waiting for review)."""
    row = uow.query_one(
        f"SELECT flag_id FROM review_flags WHERE user_id = :user_id AND status = :open"
        f" {uow.dialect.limit()}",
        {"user_id": ids.to_db(user_id), "open": "open", "limit": 1},
    )
    return row is not None


def daily_points_by_tier(uow: UnitOfWork, day: date) -> dict[str, dict[uuid.UUID, int]]:
    """Points earned on `day` by tier, for members on the boards (the anomaly population)."""
    rows = uow.query(
        "SELECT d.user_id, p.tier_code, d.total_paid FROM daily_points d"
        " JOIN user_profiles p ON p.user_id = d.user_id JOIN users u ON u.user_id = d.user_id"
        " WHERE d.program_day = :day AND p.tier_code IS NOT NULL AND p.completed_at IS NOT NULL"
        " AND u.deleted_at IS NULL AND u.status <> :banned",
        {"day": day, "banned": "banned"},
    )
    by_tier: dict[str, dict[uuid.UUID, int]] = {}
    for row in rows:
        by_tier.setdefault(row["tier_code"], {})[ids.from_db(row["user_id"])] = row["total_paid"]
    return by_tier
