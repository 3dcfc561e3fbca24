"""Accounts: register, verify the email, resend the verification, reset and change passwords.

Argon2 hashing runs before the transaction opens, so the write lock is held only
for the writes. Emails go through the outbox in the same transaction.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from fittrack import log
from fittrack.adapters.mail import EmailMessage, enqueue_email
from fittrack.clock import program_day
from fittrack.db import UniqueViolation
from fittrack.domain import accounts
from fittrack.domain.accounts import UserStatus
from fittrack.domain.constants import (
    RESET_PASSWORD_TOKEN_TTL,
    SWEEPSTAKES_RULES_VERSION,
    TERMS_VERSION,
    VERIFY_EMAIL_TOKEN_TTL,
)
from fittrack.domain.errors import (
    Conflict,
    FieldConflict,
    FieldError,
    Unauthorized,
    ValidationFailed,
)
from fittrack.repositories import email_tokens, users
from fittrack.repositories import sessions as session_repo
from fittrack.schemas.auth import (
    CompleteRegistrationRequest,
    RegisterRequest,
    RegisterResponse,
    VerifyEmailResponse,
)
from fittrack.services.passwords import hash_password, verify_password
from fittrack.services.sessions import hash_token, is_session_active, new_opaque_token
from fittrack.services.sign_in import count_failure, locked_error

if TYPE_CHECKING:
    from fittrack.db import UnitOfWork
    from fittrack.domain.identity import Caller
    from fittrack.platform import Platform

logger = log.get_logger("fittrack.accounts")


def _already_registered() -> Conflict:
    return Conflict("An account with this email already exists.")


def _bad_token() -> FieldConflict:
    """A well-formed token the records do not hold as usable: 409, the field named."""
    return FieldConflict(
        [FieldError("token", "This link is invalid, used or expired.", "invalid_token")]
    )


def _link(platform: Platform, page: str, token: str) -> str:
    return f"{platform.settings.public_base_url.rstrip('/')}/{page}?token={token}"


# ---- registration and email verification ------------------------------------------


def register(platform: Platform, form: RegisterRequest) -> RegisterResponse:
    now = platform.clock()
    registration, errors = accounts.check_registration(
        form.email,
        form.password,
        date_of_birth=form.date_of_birth,
        state=form.state_of_residence,
        accepted_terms=form.accepted_terms,
        accepted_rules=form.accepted_sweepstakes_rules,
        today=program_day(now),
    )
    if registration is None:
        raise ValidationFailed(errors)
    with platform.db.unit_of_work(readonly=True) as uow:
        if users.find_by_email(uow, registration.email) is not None:
            raise _already_registered()
    password_hash = hash_password(registration.password)
    try:
        with platform.db.unit_of_work() as uow:
            if users.find_by_email(uow, registration.email) is not None:
                raise _already_registered()
            user_id = users.insert(
                uow,
                users.NewUser(
                    email=registration.email,
                    password_hash=password_hash,
                    date_of_birth=registration.date_of_birth,
                    state_of_residence=registration.state_of_residence,
                    terms_version=TERMS_VERSION,
                    rules_version=SWEEPSTAKES_RULES_VERSION,
                ),
                now,
            )
            _send_verification(uow, platform, user_id=user_id, email=registration.email, now=now)
    except UniqueViolation:
        raise _already_registered() from None
    logger.info("member registered", extra={"userId": str(user_id)})
    return RegisterResponse(user_id=str(user_id), email=registration.email, status="pending")


def _send_verification(
    uow: UnitOfWork, platform: Platform, *, user_id: uuid.UUID, email: str, now: datetime
) -> None:
    token = new_opaque_token()
    email_tokens.insert(
        uow,
        user_id,
        purpose="verify_email",
        token_hash=hash_token(token),
        now=now,
        expires_at=now + VERIFY_EMAIL_TOKEN_TTL,
    )
    link = _link(platform, "verify-email", token)
    enqueue_email(
        uow,
        EmailMessage(
            to=email,
            subject="Confirm your FitTrack email address",
            text=(
                "Welcome to FitTrack!\n\nConfirm your email address within 24 hours by opening"
                f" this link:\n\n{link}\n\nIf you did not create an account, ignore this email.\n"
            ),
            template="verify_email",
            user_id=user_id,
        ),
        now,
    )


def verify_email(platform: Platform, token: str) -> VerifyEmailResponse:
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        found = email_tokens.find(uow, hash_token(token), "verify_email")
        user = users.get(uow, found.user_id) if found else None
        if (
            found is None
            or user is None
            or not found.is_usable(now)
            or not email_tokens.mark_used(uow, found.token_id, now)
        ):
            raise _bad_token()
        users.mark_email_verified(uow, user.user_id, now)
        status = user.status
        if user.status == UserStatus.PENDING:
            users.change_status(
                uow,
                user,
                to_status="active",
                reason="email verified",
                changed_by=user.user_id,
                now=now,
            )
            status = "active"
    return VerifyEmailResponse(user_id=str(user.user_id), status=status)


def complete_registration(
    platform: Platform, caller: Caller, form: CompleteRegistrationRequest
) -> VerifyEmailResponse:
    """Give an account made by social sign-in the details every member needs."""
    now = platform.clock()
    details, errors = accounts.check_details(
        form.date_of_birth,
        form.state_of_residence,
        accepted_terms=form.accepted_terms,
        accepted_rules=form.accepted_sweepstakes_rules,
        today=program_day(now),
    )
    if details is None:
        raise ValidationFailed(errors)
    with platform.db.unit_of_work() as uow:
        user = users.get(uow, caller.user_id)
        if user is None or user.deleted_at is not None:
            raise Unauthorized("This account no longer exists.")
        if not users.set_registration_details(
            uow,
            user.user_id,
            date_of_birth=details.date_of_birth,
            state=details.state_of_residence,
            terms_version=TERMS_VERSION,
            rules_version=SWEEPSTAKES_RULES_VERSION,
            now=now,
        ):
            raise Conflict(
                "Registration details are already on file; a date of birth cannot change."
            )
        status = user.status
        if user.status == UserStatus.PENDING and user.is_verified:
            users.change_status(
                uow,
                user,
                to_status="active",
                reason="registration completed",
                changed_by=user.user_id,
                now=now,
            )
            status = "active"
    return VerifyEmailResponse(user_id=str(user.user_id), status=status)


def resend_verification(platform: Platform, email: str) -> None:
    """A fresh link for an unverified account; silently nothing otherwise."""
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        user = users.find_by_email(uow, email)
        if (
            user is None
            or user.is_verified
            or user.deleted_at is not None
            or user.status == UserStatus.BANNED
        ):
            return
        _send_verification(uow, platform, user_id=user.user_id, email=user.email, now=now)


# ---- passwords --------------------------------------------------------------------


def forgot_password(platform: Platform, email: str) -> None:
    """Email a single-use reset link when the account exists; silently nothing otherwise."""
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        user = users.find_by_email(uow, email)
        if user is None or user.deleted_at is not None or user.status == UserStatus.BANNED:
            return
        email_tokens.retire_unused(uow, user.user_id, "reset_password", now)
        token = new_opaque_token()
        email_tokens.insert(
            uow,
            user.user_id,
            purpose="reset_password",
            token_hash=hash_token(token),
            now=now,
            expires_at=now + RESET_PASSWORD_TOKEN_TTL,
        )
        link = _link(platform, "reset-password", token)
        enqueue_email(
            uow,
            EmailMessage(
                to=user.email,
                subject="Reset your FitTrack password",
                text=(
                    "Someone asked to reset the password of your FitTrack account. The link"
                    f" works once, within one hour:\n\n{link}\n\nIf it was not you, ignore this"
                    " email: your password stays as it is.\n"
                ),
                template="reset_password",
                user_id=user.user_id,
            ),
            now,
        )


def reset_password(platform: Platform, token: str, password: str) -> None:
    """Set a new password from an emailed token; every session of the account ends."""
    weak = accounts.password_error("password", password)
    if weak:
        raise ValidationFailed([weak])
    password_hash = hash_password(password)
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        found = email_tokens.find(uow, hash_token(token), "reset_password")
        if (
            found is None
            or not found.is_usable(now)
            or not email_tokens.mark_used(uow, found.token_id, now)
        ):
            raise _bad_token()
        users.set_password(
            uow, found.user_id, password_hash=password_hash, now=now, clear_lockout=True
        )
        session_repo.revoke_user_sessions(uow, found.user_id, now=now, reason="password_reset")
    logger.info("password reset", extra={"userId": str(found.user_id)})


def _count_wrong_password(platform: Platform, user: users.User, now: datetime) -> None:
    """A wrong current password counts as a failed sign-in: a stolen access token
    cannot guess the password faster than the sign-in form could (423 when locked)."""
    with platform.db.unit_of_work() as uow:
        locked = count_failure(uow, user, now)
    if locked is not None:
        raise locked


def change_password(platform: Platform, caller: Caller, current: str, new: str) -> None:
    """Change a signed-in member's password; their other sessions end, this one stays."""
    now = platform.clock()
    user_id = caller.user_id
    with platform.db.unit_of_work(readonly=True) as uow:
        if not is_session_active(uow, caller.session_id, now):
            raise Unauthorized("This session has ended; sign in again.")
        user = users.get(uow, user_id)
    if user is None:
        raise Unauthorized("This account no longer exists.")
    weak = accounts.password_error("newPassword", new)
    if user.locked_until is not None and accounts.lock_remaining(user.locked_until, now):
        if weak:  # bad input is a 400 whatever the account's state
            raise ValidationFailed([weak])
        raise locked_error(user.locked_until, now)
    errors: list[FieldError] = []
    if not verify_password(user.password_hash, current):
        _count_wrong_password(platform, user, now)
        errors.append(
            FieldError("currentPassword", "The current password is incorrect.", "wrong_password")
        )
    if weak:
        raise ValidationFailed([*errors, weak])
    if errors:
        raise FieldConflict(errors)  # well formed, but not the password the account has
    password_hash = hash_password(new)
    keep = caller.session_id if caller.session_id else None
    with platform.db.unit_of_work() as uow:
        users.set_password(uow, user_id, password_hash=password_hash, now=now)
        session_repo.revoke_user_sessions(
            uow, user_id, now=now, reason="password_changed", keep=keep
        )
    logger.info("password changed", extra={"userId": str(user_id)})
