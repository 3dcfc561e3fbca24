"""What makes a member premium (premium_sources, migration 0020) and the users row
that follows the latest end (docs/billing.md)."""

from __future__ import annotations

import uuid
from datetime import datetime

from fittrack.db import UnitOfWork, ids


def sources(uow: UnitOfWork, user_id: uuid.UUID) -> dict[str, datetime]:
    rows = uow.query(
        "SELECT source, expires_at FROM premium_sources WHERE user_id = :user_id",
        {"user_id": ids.to_db(user_id)},
    )
    return {row["source"]: row["expires_at"] for row in rows}


def set_source(
    uow: UnitOfWork, user_id: uuid.UUID, source: str, until: datetime | None, now: datetime
) -> None:
    """Set (or, with None, drop) one source's end."""
    if until is None:
        uow.execute(
            "DELETE FROM premium_sources WHERE user_id = :user_id AND source = :source",
            {"user_id": ids.to_db(user_id), "source": source},
        )
        return
    uow.execute(
        uow.dialect.upsert(
            "premium_sources",
            ("user_id", "source", "expires_at", "updated_at"),
            ("user_id", "source"),
        ),
        {"user_id": ids.to_db(user_id), "source": source, "expires_at": until, "updated_at": now},
    )


def set_member_premium(
    uow: UnitOfWork, user_id: uuid.UUID, until: datetime | None, now: datetime
) -> None:
    """Role premium until `until`, or user again; an admin's role never changes."""
    uow.execute(
        "UPDATE users SET role = :role, premium_expires_at = :until, updated_at = :now"
        " WHERE user_id = :id AND role <> :admin",
        {
            "role": "premium" if until else "user",
            "until": until,
            "now": now,
            "id": ids.to_db(user_id),
            "admin": "admin",
        },
    )
