"""Admin changes to members: status (with reason), premium grants, and premium expiry.

Every change lands, in its own transaction, in the users table, the member's action
history (admin_actions) and the hash-chained audit log, with before and after.
"""

from __future__ import annotations

import time
import uuid
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from fittrack import log
from fittrack.db import UnitOfWork
from fittrack.domain.accounts import UserStatus
from fittrack.domain.errors import Conflict, FieldError, ValidationFailed
from fittrack.repositories import admin_audit, profiles, sessions, users
from fittrack.repositories import admin_users as repo
from fittrack.schemas.admin_users import AdminUserStatus, PremiumExpiry
from fittrack.services import leaderboard_boards, notifications, premium
from fittrack.services.admin_members import existing_member

if TYPE_CHECKING:
    from fittrack.domain.identity import Caller
    from fittrack.platform import Platform

logger = log.get_logger("fittrack.admin_users")

# Statuses that end every session at once (access tokens name their session).
ENDS_SESSIONS = frozenset({UserStatus.SUSPENDED, UserStatus.BANNED})
_AUDIT_ACTION = {
    "active": "user.reinstated",
    "suspended": "user.suspended",
    "banned": "user.banned",
}
# An admin grant ends within 5 years (as a drawing time does): a far end is a typo, and
# a year 9999 with a negative offset would not even fit a timestamp in UTC.
PREMIUM_GRANT_MAX = timedelta(days=5 * 365)
EXPIRY_BATCH = 200
_ENDED = "Your premium membership has ended."
EXPIRY_TIME_BUDGET_SECONDS = 240.0


def _record(
    uow: UnitOfWork,
    *,
    admin_id: uuid.UUID | None,
    user_id: uuid.UUID,
    action: str,
    audit_action: str,
    reason: str | None,
    before: dict[str, Any],
    after: dict[str, Any],
    now: datetime,
) -> uuid.UUID:
    action_id = admin_audit.record_admin_action(
        uow,
        admin_id=admin_id,
        action=action,
        target_user_id=user_id,
        reason=reason,
        before=before,
        after=after,
        now=now,
    )
    admin_audit.record_audit(
        uow,
        entity_type="user",
        entity_id=user_id,
        action=audit_action,
        actor_id=admin_id,
        before=before,
        after={**after, "actionId": str(action_id)},
        now=now,
    )
    return action_id


def _answer(uow: UnitOfWork, user_id: uuid.UUID, revoked: int = 0) -> AdminUserStatus:
    user = users.get(uow, user_id)
    assert user is not None
    return AdminUserStatus(
        user_id=user.user_id,
        role=user.role,
        status=user.status,
        premium_expires_at=user.premium_expires_at,
        sessions_revoked=revoked,
    )


def change_status(
    platform: Platform, admin: Caller, user_id: uuid.UUID, *, status: str, reason: str
) -> AdminUserStatus:
    """Suspend, ban or reinstate a member; suspending or banning ends their sessions."""
    with platform.db.unit_of_work() as uow:
        answer = apply_status_change(
            uow, admin, user_id, status=UserStatus(status), reason=reason, now=platform.clock()
        )
    leaderboard_boards.resync_member(platform, user_id)  # a ban leaves the boards at once
    return answer


def apply_status_change(
    uow: UnitOfWork,
    admin: Caller,
    user_id: uuid.UUID,
    *,
    status: UserStatus,
    reason: str,
    now: datetime,
) -> AdminUserStatus:
    """change_status inside the caller's transaction (an appeal's reinstatement)."""
    existing_member(uow, user_id)
    user = users.get(uow, user_id)
    assert user is not None
    _check_status_change(admin, user, status)
    users.change_status(
        uow, user, to_status=status, reason=reason, changed_by=admin.user_id, now=now
    )
    revoked = 0
    if status in ENDS_SESSIONS:
        revoked = sessions.revoke_user_sessions(uow, user_id, now=now, reason=f"{status}")
    action_id = _record(
        uow,
        admin_id=admin.user_id,
        user_id=user_id,
        action="user.status",
        audit_action=_AUDIT_ACTION[status],
        reason=reason,
        before={"status": user.status},
        after={"status": status, "sessionsRevoked": revoked},
        now=now,
    )
    notifications.account_status_changed(
        uow,
        user_id=user_id,
        old_status=user.status,
        new_status=status,
        reason=reason,
        now=now,
        change_id=str(action_id),
    )
    return _answer(uow, user_id, revoked)


def _check_status_change(admin: Caller, user: users.User, target: UserStatus) -> None:
    if user.user_id == admin.user_id:
        raise Conflict("You cannot change the status of your own account.")
    if user.status == target:
        raise Conflict(f"The member is already {target}.")
    if user.status == UserStatus.PENDING and target == UserStatus.ACTIVE:
        raise Conflict("A pending member becomes active by verifying their email address.")


def grant_premium(
    platform: Platform, admin: Caller, user_id: uuid.UUID, *, until: datetime
) -> AdminUserStatus:
    """Make a member premium until `until` (or move the end of a grant)."""
    now = platform.clock()
    _check_until(until, now)
    with platform.db.unit_of_work() as uow:
        member = existing_member(uow, user_id)
        if member.role == "admin":
            raise Conflict("An admin's role does not change with premium.")
        if member.status == UserStatus.BANNED:
            raise Conflict("A banned member cannot be granted premium.")
        _change_premium(uow, admin.user_id, member, until=until, now=now)
        return _answer(uow, user_id)


def _check_until(until: datetime, now: datetime) -> None:
    if until <= now:
        error = FieldError("until", "The premium end must be in the future.", "in_past")
    elif until > now + PREMIUM_GRANT_MAX:
        error = FieldError("until", "At most 5 years after now.", "too_late")
    else:
        return
    raise ValidationFailed([error])


def end_premium(platform: Platform, admin: Caller, user_id: uuid.UUID) -> AdminUserStatus:
    """End a member's premium now; they are a `user` again."""
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        member = existing_member(uow, user_id)
        if member.role != "premium":
            raise Conflict("This member has no premium to end.")
        if premium.only_from_subscription(uow, user_id, now):
            raise Conflict("This member's premium comes from their subscription; they cancel it.")
        _change_premium(uow, admin.user_id, member, until=None, now=now)
        return _answer(uow, user_id)


def _change_premium(
    uow: UnitOfWork,
    admin_id: uuid.UUID,
    member: profiles.Member,
    *,
    until: datetime | None,
    now: datetime,
) -> None:
    """Grant (until a time) or end (None) the admin grant, recorded and told to the
    member; a subscription's premium stays, and the later end wins (docs/billing.md)."""
    verb = "granted" if until else "ended"
    until = premium.set_source(uow, member.user_id, "admin", until, now).expires_at
    role = "premium" if until else "user"
    _record(
        uow,
        admin_id=admin_id,
        user_id=member.user_id,
        action=f"premium.{verb}",
        audit_action=f"user.premium_{verb}",
        reason=None,
        before=_premium_state(member.role, member.premium_expires_at),
        after=_premium_state(role, until),
        now=now,
    )
    body = (
        f"You have premium until {until:%B} {until.day}, {until.year} (UTC)." if until else _ENDED
    )
    _notify_premium(uow, member.user_id, body, now)


def _premium_state(role: str, until: datetime | None) -> dict[str, Any]:
    return {"role": role, "premiumExpiresAt": until.isoformat() if until else None}


def _notify_premium(uow: UnitOfWork, user_id: uuid.UUID, body: str, now: datetime) -> None:
    notifications.notify(
        uow,
        user_id=user_id,
        kind="premium",
        title="Your premium membership",
        body=body,
        data=None,
        email=True,
        now=now,
        dedupe_key=f"premium:{user_id}:{now.isoformat()}",
    )


def expire_premium(
    platform: Platform,
    *,
    batch: int = EXPIRY_BATCH,
    time_budget_seconds: float = EXPIRY_TIME_BUDGET_SECONDS,
) -> PremiumExpiry:
    """The daily job: members whose premium ended go back to `user`, one transaction
    each (recorded as a system action), until none is left or the budget is spent."""
    now, expired = platform.clock(), 0
    deadline = time.monotonic() + time_budget_seconds
    while time.monotonic() < deadline:
        with platform.db.unit_of_work(readonly=True) as uow:
            due = repo.expired_premium(uow, now, batch)
        for user_id, until in due:
            with platform.db.unit_of_work() as uow:
                if not repo.end_expired_premium(uow, user_id, now):
                    continue
                _record(
                    uow,
                    admin_id=None,
                    user_id=user_id,
                    action="premium.expired",
                    audit_action="user.premium_expired",
                    reason="premium grant expired",
                    before=_premium_state("premium", until),
                    after=_premium_state("user", None),
                    now=now,
                )
                _notify_premium(uow, user_id, _ENDED, now)
            expired += 1
        if len(due) < batch:
            break
    logger.info("premium expiry finished", extra={"expired": expired})
    return PremiumExpiry(expired=expired)
