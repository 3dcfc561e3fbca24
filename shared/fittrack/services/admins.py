"""Creating admins (the `fittrack create-admin` command and the demo seed).

Idempotent: an email that already has an account is promoted to admin (its
password is left as it is); otherwise a verified, active admin account is created.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from fittrack import log
from fittrack.db import UniqueViolation
from fittrack.domain import accounts
from fittrack.domain.accounts import UserStatus
from fittrack.domain.constants import SWEEPSTAKES_RULES_VERSION, TERMS_VERSION
from fittrack.domain.errors import FieldError, ValidationFailed
from fittrack.repositories import users
from fittrack.services.passwords import hash_password

if TYPE_CHECKING:
    from fittrack.db import UnitOfWork
    from fittrack.platform import Platform

logger = log.get_logger("fittrack.admins")


@dataclass(frozen=True)
class AdminResult:
    user_id: uuid.UUID
    created: bool


def create_admin(
    platform: Platform,
    email: str,
    *,
    password: str,
    date_of_birth: date | None = None,
    state_of_residence: str | None = None,
) -> AdminResult:
    """Create the admin `email`, or promote the account that already has it."""
    errors: list[FieldError] = []
    if not accounts.is_valid_email(email.strip()):
        errors.append(FieldError("email", "Enter a valid email address.", "invalid_email"))
    weak = accounts.password_error("password", password)
    if weak:
        errors.append(weak)
    if errors:
        raise ValidationFailed(errors)
    with platform.db.unit_of_work() as uow:
        existing = _promote(uow, platform, email)
    if existing is not None:
        return AdminResult(existing, created=False)
    password_hash = hash_password(password)
    try:
        with platform.db.unit_of_work() as uow:
            existing = _promote(uow, platform, email)
            if existing is not None:
                return AdminResult(existing, created=False)
            now = platform.clock()
            user_id = users.insert(
                uow,
                users.NewUser(
                    email=email,
                    password_hash=password_hash,
                    date_of_birth=date_of_birth,
                    state_of_residence=state_of_residence,
                    terms_version=TERMS_VERSION,
                    rules_version=SWEEPSTAKES_RULES_VERSION,
                    role="admin",
                    status="active",
                    email_verified_at=now,
                ),
                now,
            )
    except UniqueViolation:
        return create_admin(
            platform,
            email,
            password=password,
            date_of_birth=date_of_birth,
            state_of_residence=state_of_residence,
        )
    logger.info("admin created", extra={"userId": str(user_id)})
    return AdminResult(user_id, created=True)


def _promote(uow: UnitOfWork, platform: Platform, email: str) -> uuid.UUID | None:
    user = users.find_by_email(uow, email)
    if user is None:
        return None
    now = platform.clock()
    if user.role != "admin":
        users.set_role(uow, user.user_id, "admin", now)
        logger.info("account promoted to admin", extra={"userId": str(user.user_id)})
    if user.status == UserStatus.PENDING:
        users.mark_email_verified(uow, user.user_id, now)
        users.change_status(
            uow, user, to_status="active", reason="promoted to admin", changed_by=None, now=now
        )
    return user.user_id
