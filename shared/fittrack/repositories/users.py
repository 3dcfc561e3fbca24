"""Members' accounts: the users table and its status history."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from fittrack.db import UnitOfWork, ids
from fittrack.domain.accounts import User, UserStatus

_COLUMNS = (
    "user_id, email, email_normalized, password_hash, role, premium_expires_at, status,"
    " date_of_birth, state_of_residence, email_verified_at, failed_login_count, locked_until,"
    " lockout_count, last_login_at, point_balance, lifetime_points, deleted_at, created_at"
)


def normalize_email(email: str) -> str:
    return email.strip().lower()


def _from_row(row: dict[str, Any]) -> User:
    return User(
        user_id=ids.from_db(row["user_id"]),
        email=row["email"],
        role=row["role"],
        status=UserStatus(row["status"]),
        password_hash=row["password_hash"],
        premium_expires_at=row["premium_expires_at"],
        date_of_birth=row["date_of_birth"],
        state_of_residence=row["state_of_residence"],
        email_verified_at=row["email_verified_at"],
        failed_login_count=row["failed_login_count"],
        locked_until=row["locked_until"],
        lockout_count=row["lockout_count"],
        last_login_at=row["last_login_at"],
        point_balance=row["point_balance"],
        lifetime_points=row["lifetime_points"],
        deleted_at=row["deleted_at"],
        created_at=row["created_at"],
    )


def get(uow: UnitOfWork, user_id: uuid.UUID) -> User | None:
    row = uow.query_one(
        f"SELECT {_COLUMNS} FROM users WHERE user_id = :id", {"id": ids.to_db(user_id)}
    )
    return _from_row(row) if row else None


def find_by_email(uow: UnitOfWork, email: str) -> User | None:
    row = uow.query_one(
        f"SELECT {_COLUMNS} FROM users WHERE email_normalized = :email",
        {"email": normalize_email(email)},
    )
    return _from_row(row) if row else None


@dataclass(frozen=True, kw_only=True)
class NewUser:
    email: str
    password_hash: str | None
    date_of_birth: date | None
    state_of_residence: str | None
    terms_version: str | None
    rules_version: str | None
    role: str = "user"
    status: str = "pending"
    email_verified_at: datetime | None = None


def insert(uow: UnitOfWork, new: NewUser, now: datetime) -> uuid.UUID:
    """Insert a member; a second account for the same email raises UniqueViolation."""
    user_id = ids.new_id()
    consented = now if new.terms_version else None
    uow.execute(
        "INSERT INTO users (user_id, email, email_normalized, password_hash, role, status,"
        " date_of_birth, state_of_residence, terms_version, terms_accepted_at,"
        " sweepstakes_rules_version, sweepstakes_rules_accepted_at, email_verified_at,"
        " created_at, updated_at)"
        " VALUES (:id, :email, :normalized, :hash, :role, :status, :dob, :state, :terms,"
        " :terms_at, :rules, :rules_at, :verified_at, :now, :now)",
        {
            "id": ids.to_db(user_id),
            "email": new.email.strip(),
            "normalized": normalize_email(new.email),
            "hash": new.password_hash,
            "role": new.role,
            "status": new.status,
            "dob": new.date_of_birth,
            "state": new.state_of_residence,
            "terms": new.terms_version,
            "terms_at": consented,
            "rules": new.rules_version,
            "rules_at": now if new.rules_version else None,
            "verified_at": new.email_verified_at,
            "now": now,
        },
    )
    return user_id


def change_status(
    uow: UnitOfWork,
    user: User,
    *,
    to_status: str,
    reason: str,
    changed_by: uuid.UUID | None,
    now: datetime,
) -> None:
    """Every status change records who, when and why."""
    uow.execute(
        "UPDATE users SET status = :status, updated_at = :now WHERE user_id = :id",
        {"status": to_status, "now": now, "id": ids.to_db(user.user_id)},
    )
    uow.execute(
        "INSERT INTO user_status_changes (change_id, user_id, from_status, to_status, reason,"
        " changed_by, created_at) VALUES (:cid, :id, :from_status, :to_status, :reason, :actor,"
        " :now)",
        {
            "cid": ids.to_db(ids.new_id()),
            "id": ids.to_db(user.user_id),
            "from_status": user.status,
            "to_status": to_status,
            "reason": reason,
            "actor": ids.to_db(changed_by) if changed_by else None,
            "now": now,
        },
    )


def record_login_failure(
    uow: UnitOfWork,
    user_id: uuid.UUID,
    *,
    failed_count: int,
    lockout_count: int,
    locked_until: datetime | None,
    now: datetime,
) -> None:
    uow.execute(
        "UPDATE users SET failed_login_count = :failed, lockout_count = :lockouts,"
        " locked_until = :until, updated_at = :now WHERE user_id = :id",
        {
            "failed": failed_count,
            "lockouts": lockout_count,
            "until": locked_until,
            "now": now,
            "id": ids.to_db(user_id),
        },
    )


def record_login_success(
    uow: UnitOfWork, user_id: uuid.UUID, now: datetime, new_password_hash: str | None = None
) -> None:
    """Clear the lockout counters, stamp the sign-in, and store a rehashed password."""
    uow.execute(
        "UPDATE users SET failed_login_count = 0, lockout_count = 0, locked_until = NULL,"
        " last_login_at = :now, password_hash = COALESCE(:hash, password_hash),"
        " updated_at = :now WHERE user_id = :id",
        {"now": now, "hash": new_password_hash, "id": ids.to_db(user_id)},
    )


def set_password(
    uow: UnitOfWork,
    user_id: uuid.UUID,
    *,
    password_hash: str,
    now: datetime,
    clear_lockout: bool = False,
) -> None:
    lockout = ", failed_login_count = 0, locked_until = NULL" if clear_lockout else ""
    uow.execute(
        f"UPDATE users SET password_hash = :hash, updated_at = :now{lockout} WHERE user_id = :id",
        {"hash": password_hash, "now": now, "id": ids.to_db(user_id)},
    )


def mark_email_verified(uow: UnitOfWork, user_id: uuid.UUID, now: datetime) -> None:
    uow.execute(
        "UPDATE users SET email_verified_at = COALESCE(email_verified_at, :now),"
        " updated_at = :now WHERE user_id = :id",
        {"now": now, "id": ids.to_db(user_id)},
    )


def set_registration_details(
    uow: UnitOfWork,
    user_id: uuid.UUID,
    *,
    date_of_birth: date,
    state: str,
    terms_version: str,
    rules_version: str,
    now: datetime,
) -> bool:
    """Record DOB, residence and consents once; a date of birth never changes."""
    changed = uow.execute(
        "UPDATE users SET date_of_birth = :dob, state_of_residence = :state,"
        " terms_version = :terms, terms_accepted_at = :now,"
        " sweepstakes_rules_version = :rules, sweepstakes_rules_accepted_at = :now,"
        " updated_at = :now WHERE user_id = :id AND date_of_birth IS NULL",
        {
            "dob": date_of_birth,
            "state": state,
            "terms": terms_version,
            "rules": rules_version,
            "now": now,
            "id": ids.to_db(user_id),
        },
    )
    return changed == 1


def set_role(uow: UnitOfWork, user_id: uuid.UUID, role: str, now: datetime) -> None:
    uow.execute(
        "UPDATE users SET role = :role, updated_at = :now WHERE user_id = :id",
        {"role": role, "now": now, "id": ids.to_db(user_id)},
    )
