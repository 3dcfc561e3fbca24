"""Sign-in sessions: open, refresh with rotation, log out, list and revoke sessions.
(Checking a password and locking out guessers is `sign_in`.)

A session is one signed-in device (one active session per device id). Its refresh
tokens form a family: each use rotates the token, and presenting a rotated one
again revokes the whole family and its session (except a retry of a response the
client never received: `domain.sessions.REUSE_GRACE`). Access tokens carry the session
id (`sid`), so member endpoints can refuse a revoked session at once.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from fittrack import log
from fittrack.clock import utc_now
from fittrack.db import ids
from fittrack.domain import accounts
from fittrack.domain.accounts import UserStatus
from fittrack.domain.errors import DomainError, Forbidden, NotFound, Unauthorized
from fittrack.domain.sessions import is_lost_response_retry
from fittrack.repositories import devices, users
from fittrack.repositories import sessions as repo
from fittrack.schemas.auth import AuthTokens, AuthUser, SessionList, SessionView
from fittrack.services.tokens import REFRESH_TOKEN_TTL

if TYPE_CHECKING:
    from fittrack.db import UnitOfWork
    from fittrack.domain.identity import Caller
    from fittrack.platform import Platform
    from fittrack.services.tokens import TokenService

logger = log.get_logger("fittrack.sessions")


# ---- opaque tokens ----------------------------------------------------------------


def new_opaque_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """What the database keeps of an opaque token: its SHA-256, hex."""
    return hashlib.sha256(token.encode()).hexdigest()


# ---- the contract other sign-in flows use -----------------------------------------


def auth_user(user: users.User, now: datetime) -> AuthUser:
    return AuthUser(
        user_id=str(user.user_id),
        email=user.email,
        role=accounts.effective_role(user.role, user.premium_expires_at, now),
        status=user.status,
        point_balance=user.point_balance,
    )


@dataclass(frozen=True)
class OpenedSession:
    """A session written to the database, whose access token is still to be signed."""

    user: users.User
    session_id: uuid.UUID
    refresh_token: str


def start_session(
    uow: UnitOfWork,
    tokens: TokenService,
    *,
    user: users.User,
    device_id: str | None,
    user_agent: str | None,
    ip: str | None,
    now: datetime,
) -> AuthTokens:
    return issue_tokens(
        tokens,
        open_session(uow, user, device_id=device_id, user_agent=user_agent, ip=ip, now=now),
        now,
    )


def open_session(
    uow: UnitOfWork,
    user: users.User,
    *,
    device_id: str | None,
    user_agent: str | None,
    ip: str | None,
    now: datetime,
) -> OpenedSession:
    """Open a session for `user` on a device (replacing the device's active session) and
    start its refresh token family."""
    if device_id:
        # A device named by the client is remembered: one device on many accounts is flagged.
        devices.record_device(uow, user.user_id, device_id, now)
    device = device_id or secrets.token_urlsafe(16)
    repo.revoke_device_sessions(
        uow, user.user_id, device_id=device, now=now, reason="replaced_on_device"
    )
    expires_at = now + REFRESH_TOKEN_TTL
    session_id = repo.insert_session(
        uow,
        user.user_id,
        device_id=device,
        user_agent=user_agent,
        ip_address=ip,
        now=now,
        expires_at=expires_at,
    )
    refresh_token = new_opaque_token()
    repo.insert_refresh_token(
        uow,
        session_id,
        user_id=user.user_id,
        family_id=ids.new_id(),
        parent_token_id=None,
        token_hash=hash_token(refresh_token),
        now=now,
        expires_at=expires_at,
    )
    return OpenedSession(user, session_id, refresh_token)


def issue_tokens(tokens: TokenService, opened: OpenedSession, now: datetime) -> AuthTokens:
    """The token pair of a session. Signing needs no database, so hot paths call this
    after their transaction has committed and released SQLite's single writer."""
    who = auth_user(opened.user, now)
    access = tokens.issue_access(
        opened.user.user_id, who.role, opened.user.status, opened.session_id
    )
    return AuthTokens(
        access_token=access.token,
        refresh_token=opened.refresh_token,
        expires_in=access.expires_in,
        user=who,
    )


def is_session_active(
    uow: UnitOfWork, session_id: uuid.UUID | None, now: datetime | None = None
) -> bool:
    if session_id is None:
        return False
    try:
        session = repo.get_session(uow, session_id)
    except ValueError:
        return False
    return session is not None and session.is_active(now or utc_now())


def _require_active_session(uow: UnitOfWork, caller: Caller, now: datetime) -> uuid.UUID:
    if caller.session_id is None or not is_session_active(uow, caller.session_id, now):
        raise Unauthorized("This session has ended; sign in again.")
    return caller.session_id


# ---- refresh ----------------------------------------------------------------------


def refresh(platform: Platform, refresh_token: str, ip: str | None) -> AuthTokens:
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        outcome = _rotate(uow, hash_token(refresh_token), ip, now)
    if isinstance(outcome, DomainError):
        raise outcome
    return issue_tokens(platform.tokens, outcome, now)


def _invalid_refresh() -> Unauthorized:
    return Unauthorized("The refresh token is not valid; sign in again.")


def _rotate(
    uow: UnitOfWork, token_hash: str, ip: str | None, now: datetime
) -> OpenedSession | DomainError:
    token = repo.find_refresh_token(uow, token_hash)
    if token is None:
        return _invalid_refresh()
    retry = token.rotated_at is not None and is_lost_response_retry(
        token, repo.successors(uow, token), now
    )
    if (token.rotated_at is not None or token.revoked_at is not None) and not retry:
        _revoke_family(uow, token, now)
        return _invalid_refresh()
    session = repo.get_session(uow, token.session_id)
    if token.expires_at <= now or session is None or not session.is_active(now):
        return _invalid_refresh()
    user = users.get(uow, token.user_id)
    if user is None or user.deleted_at is not None:
        repo.revoke_session(uow, token.session_id, now, "account_closed")
        return _invalid_refresh()
    if user.status == UserStatus.BANNED:
        repo.revoke_session(uow, token.session_id, now, "banned")
        return Forbidden("This account has been banned.")
    if not retry and not repo.mark_rotated(uow, token.token_id, now):
        _revoke_family(uow, token, now)
        return _invalid_refresh()
    repo.retire_siblings(uow, token, now)
    expires_at = now + REFRESH_TOKEN_TTL
    fresh = new_opaque_token()
    repo.insert_refresh_token(
        uow,
        token.session_id,
        user_id=token.user_id,
        family_id=token.family_id,
        parent_token_id=token.token_id,
        token_hash=hash_token(fresh),
        now=now,
        expires_at=expires_at,
    )
    repo.touch_session(uow, token.session_id, now=now, expires_at=expires_at, ip_address=ip)
    return OpenedSession(user, token.session_id, fresh)


def _revoke_family(uow: UnitOfWork, token: repo.RefreshToken, now: datetime) -> None:
    """A retired token came back: someone holds a copy, so the whole family dies."""
    for session_id in repo.revoke_family(uow, token.family_id, now):
        repo.revoke_session(uow, session_id, now, "refresh_token_reuse")
    if token.rotated_at is not None:
        logger.warning(
            "refresh token reuse: family revoked",
            extra={"userId": str(token.user_id), "familyId": str(token.family_id)},
        )


# ---- log out, list, revoke ---------------------------------------------------------


def logout(platform: Platform, caller: Caller) -> None:
    """End the caller's session (answers the same when it has already ended)."""
    if caller.session_id is None:
        return
    with platform.db.unit_of_work() as uow:
        try:
            repo.revoke_session(uow, caller.session_id, platform.clock(), "logout")
        except ValueError:
            return


def logout_all(platform: Platform, caller: Caller) -> int:
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        _require_active_session(uow, caller, now)
        return repo.revoke_user_sessions(uow, caller.user_id, now=now, reason="logout_all")


def list_sessions(platform: Platform, caller: Caller) -> SessionList:
    now = platform.clock()
    with platform.db.unit_of_work(readonly=True) as uow:
        current = _require_active_session(uow, caller, now)
        active = repo.list_active(uow, caller.user_id, now)
    return SessionList(
        sessions=[
            SessionView(
                session_id=str(s.session_id),
                device_id=s.device_id,
                user_agent=s.user_agent,
                ip_address=s.ip_address,
                created_at=s.created_at,
                last_seen_at=s.last_seen_at,
                current=s.session_id == current,
            )
            for s in active
        ]
    )


def revoke_session(platform: Platform, caller: Caller, session_id: uuid.UUID) -> None:
    """Revoke one of the caller's sessions; anyone else's id is simply not found."""
    now = platform.clock()
    try:
        wanted = session_id
    except ValueError:
        raise NotFound("No such session.") from None
    with platform.db.unit_of_work() as uow:
        _require_active_session(uow, caller, now)
        session = repo.get_session(uow, wanted)
        if session is None or session.user_id != caller.user_id or not session.is_active(now):
            raise NotFound("No such session.")
        repo.revoke_session(uow, wanted, now, "revoked_by_member")
