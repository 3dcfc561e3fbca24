"""Single-use, expiring tokens sent by email (verify email, reset password).

Only the SHA-256 hash of a token is stored; the token itself exists only in
the email.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from fittrack.db import UnitOfWork, ids

Purpose = Literal["verify_email", "reset_password"]


@dataclass(frozen=True, kw_only=True)
class EmailToken:
    token_id: uuid.UUID
    user_id: uuid.UUID
    purpose: str
    expires_at: datetime
    used_at: datetime | None

    def is_usable(self, now: datetime) -> bool:
        return self.used_at is None and self.expires_at > now


def insert(
    uow: UnitOfWork,
    user_id: uuid.UUID,
    *,
    purpose: Purpose,
    token_hash: str,
    now: datetime,
    expires_at: datetime,
) -> uuid.UUID:
    token_id = ids.new_id()
    uow.execute(
        "INSERT INTO email_tokens (token_id, user_id, purpose, token_hash, expires_at,"
        " created_at) VALUES (:tid, :user_id, :purpose, :hash, :expires, :now)",
        {
            "tid": ids.to_db(token_id),
            "user_id": ids.to_db(user_id),
            "purpose": purpose,
            "hash": token_hash,
            "expires": expires_at,
            "now": now,
        },
    )
    return token_id


def find(uow: UnitOfWork, token_hash: str, purpose: Purpose) -> EmailToken | None:
    row = uow.query_one(
        "SELECT token_id, user_id, purpose, expires_at, used_at FROM email_tokens"
        " WHERE token_hash = :hash AND purpose = :purpose" + uow.dialect.for_update(),
        {"hash": token_hash, "purpose": purpose},
    )
    if row is None:
        return None
    return EmailToken(
        token_id=ids.from_db(row["token_id"]),
        user_id=ids.from_db(row["user_id"]),
        purpose=row["purpose"],
        expires_at=row["expires_at"],
        used_at=row["used_at"],
    )


def mark_used(uow: UnitOfWork, token_id: uuid.UUID, now: datetime) -> bool:
    """Spend a token; False when it was already spent (a concurrent use won)."""
    changed = uow.execute(
        "UPDATE email_tokens SET used_at = :now WHERE token_id = :tid AND used_at IS NULL",
        {"now": now, "tid": ids.to_db(token_id)},
    )
    return changed == 1


def retire_unused(uow: UnitOfWork, user_id: uuid.UUID, purpose: Purpose, now: datetime) -> int:
    """Spend every outstanding token of one purpose (a newer one replaces them)."""
    return uow.execute(
        "UPDATE email_tokens SET used_at = :now WHERE user_id = :user_id AND purpose = :purpose"
        " AND used_at IS NULL",
        {"now": now, "user_id": ids.to_db(user_id), "purpose": purpose},
    )
