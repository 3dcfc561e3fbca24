"""Appeals of suspended and banned members (migration 0017, docs/admin.md).

A public-form appeal is stored `unconfirmed` with the SHA-256 of its emailed token
until the link is opened; only `pending` ones reach the admins' queue. The unique
index ux_appeals_open allows one pending appeal per member.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fittrack.db import UnitOfWork, ids

_COLUMNS = (
    "a.appeal_id, a.user_id, u.email, a.channel, a.message, a.status, a.confirm_expires_at,"
    " a.decided_by, a.decision_note, a.decided_at, a.created_at"
)
_FROM = " FROM appeals a JOIN users u ON u.user_id = a.user_id"


@dataclass(frozen=True, kw_only=True)
class Appeal:
    appeal_id: uuid.UUID
    user_id: uuid.UUID
    email: str
    channel: str
    message: str
    status: str
    confirm_expires_at: datetime | None
    decided_by: uuid.UUID | None
    decision_note: str | None
    decided_at: datetime | None
    created_at: datetime


def _from_row(row: dict[str, Any]) -> Appeal:
    return Appeal(
        appeal_id=ids.from_db(row["appeal_id"]),
        user_id=ids.from_db(row["user_id"]),
        email=row["email"],
        channel=row["channel"],
        message=row["message"],
        status=row["status"],
        confirm_expires_at=row["confirm_expires_at"],
        decided_by=ids.from_db(row["decided_by"]),
        decision_note=row["decision_note"],
        decided_at=row["decided_at"],
        created_at=row["created_at"],
    )


def insert(
    uow: UnitOfWork,
    *,
    user_id: uuid.UUID,
    channel: str,
    message: str,
    status: str,
    now: datetime,
    token_hash: str | None = None,
    expires_at: datetime | None = None,
) -> uuid.UUID:
    """A new appeal; UniqueViolation when the member already has a pending one."""
    appeal_id = ids.new_id()
    uow.execute(
        "INSERT INTO appeals (appeal_id, user_id, channel, message, status, confirm_token_hash,"
        " confirm_expires_at, created_at) VALUES (:id, :user_id, :channel, :message, :status,"
        " :hash, :expires, :now)",
        {
            "id": ids.to_db(appeal_id),
            "user_id": ids.to_db(user_id),
            "channel": channel,
            "message": message,
            "status": status,
            "hash": token_hash,
            "expires": expires_at,
            "now": now,
        },
    )
    return appeal_id


def get(uow: UnitOfWork, appeal_id: uuid.UUID, *, for_update: bool = False) -> Appeal | None:
    lock = uow.dialect.for_update() if for_update else ""
    row = uow.query_one(
        f"SELECT {_COLUMNS}{_FROM} WHERE a.appeal_id = :id{lock}",
        {"id": ids.to_db(appeal_id)},
    )
    return _from_row(row) if row else None


def find_unconfirmed(uow: UnitOfWork, token_hash: str) -> Appeal | None:
    row = uow.query_one(
        f"SELECT {_COLUMNS}{_FROM} WHERE a.confirm_token_hash = :hash"
        " AND a.status = 'unconfirmed'" + uow.dialect.for_update(),
        {"hash": token_hash},
    )
    return _from_row(row) if row else None


def drop_unconfirmed(uow: UnitOfWork, user_id: uuid.UUID) -> int:
    """Forget a member's unconfirmed appeals (a newer form replaces them)."""
    return uow.execute(
        "DELETE FROM appeals WHERE user_id = :user_id AND status = 'unconfirmed'",
        {"user_id": ids.to_db(user_id)},
    )


def confirm(uow: UnitOfWork, appeal_id: uuid.UUID) -> bool:
    """Move an unconfirmed appeal to the queue and spend its token; False if already moved."""
    changed = uow.execute(
        "UPDATE appeals SET status = 'pending', confirm_token_hash = NULL,"
        " confirm_expires_at = NULL WHERE appeal_id = :id AND status = 'unconfirmed'",
        {"id": ids.to_db(appeal_id)},
    )
    return changed == 1


def has_pending(uow: UnitOfWork, user_id: uuid.UUID) -> bool:
    row = uow.query_one(
        "SELECT COUNT(*) AS n FROM appeals WHERE user_id = :user_id AND status = 'pending'",
        {"user_id": ids.to_db(user_id)},
    )
    return bool(row and row["n"])


def decide(
    uow: UnitOfWork,
    appeal_id: uuid.UUID,
    *,
    status: str,
    admin_id: uuid.UUID,
    note: str,
    now: datetime,
) -> bool:
    """Record the decision; False when the appeal is no longer pending."""
    changed = uow.execute(
        "UPDATE appeals SET status = :status, decided_by = :admin, decision_note = :note,"
        " decided_at = :now WHERE appeal_id = :id AND status = 'pending'",
        {
            "status": status,
            "admin": ids.to_db(admin_id),
            "note": note,
            "now": now,
            "id": ids.to_db(appeal_id),
        },
    )
    return changed == 1


def for_member(uow: UnitOfWork, user_id: uuid.UUID, limit: int = 100) -> list[Appeal]:
    """A member's confirmed appeals, newest first (at most `limit`)."""
    rows = uow.query(
        f"SELECT {_COLUMNS}{_FROM} WHERE a.user_id = :user_id AND a.status <> 'unconfirmed'"
        " ORDER BY a.created_at DESC, a.appeal_id DESC " + uow.dialect.limit(),
        {"user_id": ids.to_db(user_id), "limit": limit},
    )
    return [_from_row(r) for r in rows]


def _status_clause(status: str | None) -> tuple[str, dict[str, Any]]:
    if status:
        return " WHERE a.status = :status", {"status": status}
    return " WHERE a.status <> 'unconfirmed'", {}


def count_queue(uow: UnitOfWork, status: str | None) -> int:
    where, params = _status_clause(status)
    row = uow.query_one(f"SELECT COUNT(*) AS n FROM appeals a{where}", params)
    return int(row["n"]) if row else 0


def queue_page(uow: UnitOfWork, status: str | None, offset: int, limit: int) -> list[Appeal]:
    """Appeals of one status (all confirmed ones when None), oldest first: a queue."""
    where, params = _status_clause(status)
    rows = uow.query(
        f"SELECT {_COLUMNS}{_FROM}{where} ORDER BY a.created_at, a.appeal_id "
        + uow.dialect.paginate(),
        {**params, "offset": offset, "limit": limit},
    )
    return [_from_row(r) for r in rows]
