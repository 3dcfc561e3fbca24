"""Members' email choices per notification kind (`notification_email_choices`)."""

from __future__ import annotations

import uuid
from datetime import datetime

from fittrack.db import UnitOfWork, ids


def email_choices(uow: UnitOfWork, user_id: uuid.UUID) -> dict[str, bool]:
    """The kinds the member chose for, with their choice (kinds never chosen are absent)."""
    rows = uow.query(
        "SELECT kind, email_enabled FROM notification_email_choices WHERE user_id = :user_id",
        {"user_id": ids.to_db(user_id)},
    )
    return {row["kind"]: bool(row["email_enabled"]) for row in rows}


def latest_change(uow: UnitOfWork, user_id: uuid.UUID) -> datetime | None:
    row = uow.query_one(
        "SELECT updated_at FROM notification_email_choices WHERE user_id = :user_id"
        " ORDER BY updated_at DESC " + uow.dialect.limit(),
        {"user_id": ids.to_db(user_id), "limit": 1},
    )
    return row["updated_at"] if row else None


def save_email_choice(
    uow: UnitOfWork, user_id: uuid.UUID, *, kind: str, enabled: bool, now: datetime
) -> None:
    uow.execute(
        uow.dialect.upsert(
            "notification_email_choices",
            ("user_id", "kind", "email_enabled", "updated_at"),
            ("user_id", "kind"),
        ),
        {"user_id": ids.to_db(user_id), "kind": kind, "email_enabled": enabled, "updated_at": now},
    )
