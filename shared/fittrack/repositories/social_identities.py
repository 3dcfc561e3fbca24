"""Social identities: a provider's subject (Google/Apple `sub`) linked to a member."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fittrack.db import UnitOfWork, ids

_COLUMNS = (
    "identity_id, user_id, provider, subject, email, private_email, display_name, created_at,"
    " last_login_at"
)


@dataclass(frozen=True, kw_only=True)
class SocialIdentity:
    identity_id: uuid.UUID
    user_id: uuid.UUID
    provider: str
    subject: str
    email: str | None
    private_email: bool  # an Apple private relay address (docs/social-login.md)
    display_name: str | None  # the name the provider gave at the first authorization
    created_at: datetime
    last_login_at: datetime | None


def _from_row(row: dict[str, Any]) -> SocialIdentity:
    return SocialIdentity(
        identity_id=ids.from_db(row["identity_id"]),
        user_id=ids.from_db(row["user_id"]),
        provider=row["provider"],
        subject=row["subject"],
        email=row["email"],
        private_email=bool(row["private_email"]),
        display_name=row["display_name"],
        created_at=row["created_at"],
        last_login_at=row["last_login_at"],
    )


def find(uow: UnitOfWork, provider: str, subject: str) -> SocialIdentity | None:
    row = uow.query_one(
        f"SELECT {_COLUMNS} FROM social_identities WHERE provider = :provider"
        " AND subject = :subject",
        {"provider": provider, "subject": subject},
    )
    return _from_row(row) if row else None


def for_user(uow: UnitOfWork, user_id: uuid.UUID) -> list[SocialIdentity]:
    rows = uow.query(
        f"SELECT {_COLUMNS} FROM social_identities WHERE user_id = :id ORDER BY created_at",
        {"id": ids.to_db(user_id)},
    )
    return [_from_row(row) for row in rows]


def insert(
    uow: UnitOfWork,
    user_id: uuid.UUID,
    *,
    provider: str,
    subject: str,
    email: str | None,
    private_email: bool = False,
    display_name: str | None = None,
    now: datetime,
) -> uuid.UUID:
    """Link; a subject already linked (to anyone) raises UniqueViolation."""
    identity_id = ids.new_id()
    uow.execute(
        "INSERT INTO social_identities (identity_id, user_id, provider, subject, email,"
        " private_email, display_name, created_at, last_login_at) VALUES (:id, :user_id,"
        " :provider, :subject, :email, :private_email, :display_name, :now, :now)",
        {
            "id": ids.to_db(identity_id),
            "user_id": ids.to_db(user_id),
            "provider": provider,
            "subject": subject,
            "email": email,
            "private_email": private_email,
            "display_name": display_name,
            "now": now,
        },
    )
    return identity_id


def record_login(
    uow: UnitOfWork,
    identity_id: uuid.UUID,
    email: str | None,
    now: datetime,
    *,
    private_email: bool = False,
) -> None:
    """Note the sign-in and the email the provider reports today (and whether it is a
    private relay address; a sign-in without an email keeps what was known)."""
    uow.execute(
        "UPDATE social_identities SET last_login_at = :now, email = COALESCE(:email, email),"
        " private_email = CASE WHEN :email IS NULL THEN private_email ELSE :private_email END"
        " WHERE identity_id = :id",
        {
            "now": now,
            "email": email,
            "private_email": private_email,
            "id": ids.to_db(identity_id),
        },
    )


def delete(uow: UnitOfWork, identity_id: uuid.UUID) -> None:
    uow.execute(
        "DELETE FROM social_identities WHERE identity_id = :id", {"id": ids.to_db(identity_id)}
    )
