"""In-app notifications, their de-duplication keys and members' email preferences."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from fittrack.db import UnitOfWork, ids
from fittrack.domain.notifications import Notification

_COLUMNS = "notification_id, user_id, kind, title, body, data, read_at, created_at"


def _json(value: Any) -> Any:
    if isinstance(value, str):
        import json

        return json.loads(value)
    return value


def _from_row(row: dict[str, Any]) -> Notification:
    return Notification(
        notification_id=ids.from_db(row["notification_id"]),
        user_id=ids.from_db(row["user_id"]),
        kind=row["kind"],
        title=row["title"],
        body=row["body"],
        data=_json(row["data"]),
        read_at=row["read_at"],
        created_at=row["created_at"],
    )


def claim_key(
    uow: UnitOfWork,
    dedupe_key: str,
    *,
    user_id: uuid.UUID,
    notification_id: uuid.UUID,
    now: datetime,
) -> bool:
    """Record `dedupe_key` for this notification; False when it was already used."""
    sql = uow.dialect.upsert(
        "notification_keys",
        ("dedupe_key", "user_id", "notification_id", "created_at"),
        ("dedupe_key",),
        update=(),
    )
    changed = uow.execute(
        sql,
        {
            "dedupe_key": dedupe_key,
            "user_id": ids.to_db(user_id),
            "notification_id": ids.to_db(notification_id),
            "created_at": now,
        },
    )
    return changed == 1


def insert(uow: UnitOfWork, n: Notification) -> None:
    uow.execute(
        f"INSERT INTO notifications ({_COLUMNS}) VALUES (:id, :user_id, :kind, :title, :body,"
        " :data, NULL, :now)",
        {
            "id": ids.to_db(n.notification_id),
            "user_id": ids.to_db(n.user_id),
            "kind": n.kind,
            "title": n.title,
            "body": n.body,
            "data": uow.dialect.json(n.data),
            "now": n.created_at,
        },
    )


def get_for_user(
    uow: UnitOfWork, notification_id: uuid.UUID, user_id: uuid.UUID
) -> Notification | None:
    row = uow.query_one(
        f"SELECT {_COLUMNS} FROM notifications WHERE notification_id = :id AND user_id = :user_id",
        {"id": ids.to_db(notification_id), "user_id": ids.to_db(user_id)},
    )
    return _from_row(row) if row else None


def _where(unread_only: bool) -> str:
    return " WHERE user_id = :user_id" + (" AND read_at IS NULL" if unread_only else "")


def count(uow: UnitOfWork, user_id: uuid.UUID, unread_only: bool = False) -> int:
    return int(
        uow.scalar(
            "SELECT COUNT(*) AS n FROM notifications" + _where(unread_only),
            {"user_id": ids.to_db(user_id)},
        )
        or 0
    )


def list_page(
    uow: UnitOfWork, user_id: uuid.UUID, *, unread_only: bool, offset: int, limit: int
) -> list[Notification]:
    rows = uow.query(
        f"SELECT {_COLUMNS} FROM notifications"
        + _where(unread_only)
        + " ORDER BY created_at DESC, notification_id DESC "
        + uow.dialect.paginate(),
        {"user_id": ids.to_db(user_id), "offset": offset, "limit": limit},
    )
    return [_from_row(row) for row in rows]


def mark_read(
    uow: UnitOfWork, notification_id: uuid.UUID, user_id: uuid.UUID, now: datetime
) -> int:
    return uow.execute(
        "UPDATE notifications SET read_at = :now WHERE notification_id = :id"
        " AND user_id = :user_id AND read_at IS NULL",
        {"now": now, "id": ids.to_db(notification_id), "user_id": ids.to_db(user_id)},
    )


def mark_all_read(uow: UnitOfWork, user_id: uuid.UUID, now: datetime) -> int:
    return uow.execute(
        "UPDATE notifications SET read_at = :now WHERE user_id = :user_id AND read_at IS NULL",
        {"now": now, "user_id": ids.to_db(user_id)},
    )


def email_preferences(uow: UnitOfWork, user_id: uuid.UUID) -> dict[str, bool]:
    """The member's email switches (every switch's default when they never chose)."""
    row = uow.query_one(
        "SELECT prize_emails, drawing_emails, account_emails, tracker_emails, marketing_emails"
        " FROM notification_preferences WHERE user_id = :id",
        {"id": ids.to_db(user_id)},
    )
    if row is None:
        return {
            "prize_emails": True,
            "drawing_emails": True,
            "account_emails": True,
            "tracker_emails": True,
            "marketing_emails": False,
        }
    return {key: bool(value) for key, value in row.items()}
