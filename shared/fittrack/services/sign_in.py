"""Signing in with a password: the credential check, failure counts and lockout.

Unknown emails fail, count and lock exactly like registered ones, so status, body and
timing never tell which emails have accounts (docs/auth.md). A correct password opens
a session (`sessions.open_session`).
"""

from __future__ import annotations

import contextlib
import hashlib
import secrets
import uuid
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING

from fittrack import log
from fittrack.adapters.cache import CacheUnavailable
from fittrack.domain import accounts
from fittrack.domain.accounts import UserStatus
from fittrack.domain.errors import DomainError, Forbidden, Locked, Unauthorized
from fittrack.repositories import users
from fittrack.schemas.auth import AuthTokens
from fittrack.services.failure_counters import counters_from_json, counters_to_json
from fittrack.services.passwords import hash_password, needs_rehash, verify_password
from fittrack.services.sessions import OpenedSession, issue_tokens, open_session

if TYPE_CHECKING:
    from fittrack.adapters.cache import Cache
    from fittrack.db import UnitOfWork
    from fittrack.platform import Platform

logger = log.get_logger("fittrack.sessions")
# Unknown emails' failure counters outlive the longest lockout they can reach in a day.
UNKNOWN_COUNTERS_TTL = 7 * 24 * 3600


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return hash_password(secrets.token_urlsafe(16))


def _bad_credentials() -> Unauthorized:
    return Unauthorized("The email or password is incorrect.")


def locked_error(locked_until: datetime, now: datetime) -> Locked:
    remaining = accounts.lock_remaining(locked_until, now)
    seconds = accounts.retry_after_seconds(remaining) if remaining else 1
    return Locked(
        "Too many failed sign-ins: this account is locked for a while.",
        retry_after_seconds=seconds,
        retryAfterSeconds=seconds,
    )


def login(
    platform: Platform,
    email: str,
    *,
    password: str,
    device_id: str | None,
    user_agent: str | None,
    ip: str | None,
) -> AuthTokens:
    """Check the credentials (Argon2 outside any transaction), then record the outcome."""
    now = platform.clock()
    with platform.db.unit_of_work(readonly=True) as uow:
        user = users.find_by_email(uow, email)
    if user is None or user.deleted_at is not None or user.password_hash is None:
        verify_password(_dummy_hash(), password)  # the same work as for a real account
        raise _unknown_account_failure(platform.cache, email, now)
    if user.locked_until is not None and accounts.lock_remaining(user.locked_until, now):
        raise locked_error(user.locked_until, now)
    correct = verify_password(user.password_hash, password)
    rehashed = hash_password(password) if correct and needs_rehash(user.password_hash) else None
    with platform.db.unit_of_work() as uow:
        outcome = _record_login(
            uow,
            user.user_id,
            correct=correct,
            rehashed=rehashed,
            device_id=device_id,
            user_agent=user_agent,
            ip=ip,
            now=now,
        )
    if isinstance(outcome, DomainError):
        raise outcome
    return issue_tokens(platform.tokens, outcome, now)


def _unknown_account_failure(cache: Cache, email: str, now: datetime) -> DomainError:
    """Failures for an email with no password account count and lock exactly as for a
    real one, so status, body and timing never tell which emails are registered. The
    counters live in the cache: there is nothing to lose if it forgets them."""
    key = "login-unknown:" + hashlib.sha256(email.strip().lower().encode()).hexdigest()
    try:
        counters = counters_from_json(cache.get_json(key))
    except CacheUnavailable:
        return _bad_credentials()
    if counters.locked_until is not None and accounts.lock_remaining(counters.locked_until, now):
        return locked_error(counters.locked_until, now)
    counters = accounts.after_failure(counters, now)
    with contextlib.suppress(CacheUnavailable):
        cache.set_json(key, counters_to_json(counters), ttl_seconds=UNKNOWN_COUNTERS_TTL)
    if counters.locked_until is not None and accounts.lock_remaining(counters.locked_until, now):
        return locked_error(counters.locked_until, now)
    return _bad_credentials()


def count_failure(uow: UnitOfWork, user: users.User, now: datetime) -> Locked | None:
    """Count one wrong password against the account; the lock when this one set it."""
    counters = accounts.after_failure(
        accounts.LoginCounters(user.failed_login_count, user.lockout_count, user.locked_until),
        now,
    )
    users.record_login_failure(
        uow,
        user.user_id,
        failed_count=counters.failed_count,
        lockout_count=counters.lockout_count,
        locked_until=counters.locked_until,
        now=now,
    )
    if counters.locked_until is None or not accounts.lock_remaining(counters.locked_until, now):
        return None
    logger.warning(
        "account locked after failed sign-ins",
        extra={"userId": str(user.user_id), "lockouts": counters.lockout_count},
    )
    return locked_error(counters.locked_until, now)


def _record_login(
    uow: UnitOfWork,
    user_id: uuid.UUID,
    *,
    correct: bool,
    rehashed: str | None,
    device_id: str | None,
    user_agent: str | None,
    ip: str | None,
    now: datetime,
) -> OpenedSession | DomainError:
    user = users.get(uow, user_id)
    if user is None:
        return _bad_credentials()
    if user.locked_until is not None and accounts.lock_remaining(user.locked_until, now):
        return locked_error(user.locked_until, now)
    if not correct:
        return count_failure(uow, user, now) or _bad_credentials()
    if user.status == UserStatus.BANNED:
        return Forbidden("This account has been banned.")
    users.record_login_success(uow, user.user_id, now, rehashed)
    return open_session(uow, user, device_id=device_id, user_agent=user_agent, ip=ip, now=now)
