"""Admins' TOTP authenticators (table mfa_authenticators; the secret sealed at rest)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from fittrack.db import UnitOfWork, ids


@dataclass(frozen=True, kw_only=True)
class Authenticator:
    user_id: uuid.UUID
    secret_enc: bytes
    last_used_step: int | None
    confirmed_at: datetime | None

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None


def find(uow: UnitOfWork, user_id: uuid.UUID, *, lock: bool = False) -> Authenticator | None:
    row = uow.query_one(
        "SELECT user_id, secret_enc, last_used_step, confirmed_at FROM mfa_authenticators"
        " WHERE user_id = :id" + (uow.dialect.for_update() if lock else ""),
        {"id": ids.to_db(user_id)},
    )
    if row is None:
        return None
    step = row["last_used_step"]
    return Authenticator(
        user_id=ids.from_db(row["user_id"]),
        secret_enc=bytes(row["secret_enc"]),
        last_used_step=None if step is None else int(step),
        confirmed_at=row["confirmed_at"],
    )


def replace(
    uow: UnitOfWork,
    user_id: uuid.UUID,
    secret_enc: bytes,
    now: datetime,
    *,
    confirmed: bool = False,
) -> None:
    """Store a new authenticator for the admin, in place of any earlier one."""
    uow.execute("DELETE FROM mfa_authenticators WHERE user_id = :id", {"id": ids.to_db(user_id)})
    uow.execute(
        "INSERT INTO mfa_authenticators (user_id, secret_enc, last_used_step, confirmed_at,"
        " created_at) VALUES (:id, :secret, NULL, :confirmed, :now)",
        {
            "id": ids.to_db(user_id),
            "secret": secret_enc,
            "confirmed": now if confirmed else None,
            "now": now,
        },
    )


def use_step(uow: UnitOfWork, user_id: uuid.UUID, step: int, now: datetime) -> bool:
    """Spend time step `step` (and confirm the authenticator if it was pending); False
    when that step or a later one was already used (a replayed code)."""
    changed = uow.execute(
        "UPDATE mfa_authenticators SET last_used_step = :step,"
        " confirmed_at = COALESCE(confirmed_at, :now)"
        " WHERE user_id = :id AND (last_used_step IS NULL OR last_used_step < :step)",
        {"id": ids.to_db(user_id), "step": step, "now": now},
    )
    return changed == 1
