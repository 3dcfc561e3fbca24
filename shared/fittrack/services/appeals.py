"""Appeals (PRD US-055, docs/admin.md): a suspended member appeals signed in; a banned
member, who cannot sign in, through the public form and an emailed single-use link;
admins uphold the decision or reinstate the account.

The public form answers the same whether or not the address has a banned account
(as forgot-password does, docs/auth.md), so it names no account.
"""

from __future__ import annotations

import math
import uuid
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from fittrack import log
from fittrack.adapters.mail import EmailMessage, enqueue_email
from fittrack.db import UniqueViolation
from fittrack.domain.accounts import UserStatus
from fittrack.domain.errors import Conflict, FieldConflict, FieldError, NotFound
from fittrack.repositories import admin_audit, users
from fittrack.repositories import appeals as repo
from fittrack.schemas.appeals import (
    AdminAppealPage,
    AdminAppealView,
    AppealView,
    ConfirmedAppeal,
    MyAppeals,
)
from fittrack.schemas.base import Pagination
from fittrack.services import leaderboard_boards, notifications
from fittrack.services.admin_users import apply_status_change
from fittrack.services.sessions import hash_token, new_opaque_token

if TYPE_CHECKING:
    from fittrack.db import UnitOfWork
    from fittrack.domain.identity import Caller
    from fittrack.platform import Platform

logger = log.get_logger("fittrack.appeals")

CONFIRM_TTL = timedelta(hours=24)
_DECIDED = {"uphold": "upheld", "reinstate": "reinstated"}


def _one_open() -> Conflict:
    return Conflict("You already have an appeal waiting for a decision.")


def _view(appeal: repo.Appeal) -> AppealView:
    return AppealView.model_validate(appeal, from_attributes=True)


def _admin_view(appeal: repo.Appeal) -> AdminAppealView:
    return AdminAppealView.model_validate(appeal, from_attributes=True)


# ---- a suspended member, signed in ---------------------------------------------------


def submit(platform: Platform, caller: Caller, message: str) -> AppealView:
    now = platform.clock()
    try:
        with platform.db.unit_of_work() as uow:
            user = users.get(uow, caller.user_id)
            if user is None or user.status != UserStatus.SUSPENDED:
                raise Conflict("Only a suspended account can be appealed.")
            if repo.has_pending(uow, user.user_id):
                raise _one_open()
            appeal_id = repo.insert(
                uow,
                user_id=user.user_id,
                channel="member",
                message=message,
                status="pending",
                now=now,
            )
            found = repo.get(uow, appeal_id)
    except UniqueViolation:
        raise _one_open() from None
    assert found is not None
    logger.info("appeal submitted", extra={"appealId": str(appeal_id)})
    return _view(found)


def mine(platform: Platform, caller: Caller) -> MyAppeals:
    with platform.db.unit_of_work(readonly=True) as uow:
        return MyAppeals(items=[_view(a) for a in repo.for_member(uow, caller.user_id)])


# ---- a banned member, through the public form ----------------------------------------


def submit_public(platform: Platform, email: str, message: str) -> None:
    """Email a confirmation link when the address has a banned account with no open
    appeal; silently nothing otherwise."""
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        user = users.find_by_email(uow, email)
        if (
            user is None
            or user.deleted_at is not None
            or user.status != UserStatus.BANNED
            or repo.has_pending(uow, user.user_id)
        ):
            return
        repo.drop_unconfirmed(uow, user.user_id)
        token = new_opaque_token()
        repo.insert(
            uow,
            user_id=user.user_id,
            channel="public",
            message=message,
            status="unconfirmed",
            now=now,
            token_hash=hash_token(token),
            expires_at=now + CONFIRM_TTL,
        )
        _send_confirmation(uow, platform, user.user_id, user.email, token, now)


def _send_confirmation(
    uow: UnitOfWork,
    platform: Platform,
    user_id: uuid.UUID,
    email: str,
    token: str,
    now: datetime,
) -> None:
    link = f"{platform.settings.public_base_url.rstrip('/')}/appeal-confirm?token={token}"
    enqueue_email(
        uow,
        EmailMessage(
            to=email,
            subject="Confirm your FitTrack appeal",
            text=(
                "We received an appeal of the ban on your FitTrack account. Send it to our"
                f" team by opening this link within 24 hours (it works once):\n\n{link}\n\n"
                "If you did not write it, ignore this email: nothing is sent.\n"
            ),
            template="appeal_confirm",
            user_id=user_id,
        ),
        now,
    )


def confirm(platform: Platform, token: str) -> ConfirmedAppeal:
    """The emailed link: the appeal joins the admins' queue (409 for a spent token)."""
    now = platform.clock()
    try:
        with platform.db.unit_of_work() as uow:
            found = repo.find_unconfirmed(uow, hash_token(token))
            if (
                found is None
                or found.confirm_expires_at is None
                or found.confirm_expires_at <= now
                or not repo.confirm(uow, found.appeal_id)
            ):
                raise FieldConflict(
                    [FieldError("token", "This link is invalid, used or expired.", "invalid_token")]
                )
    except UniqueViolation:
        raise _one_open() from None
    logger.info("appeal confirmed", extra={"appealId": str(found.appeal_id)})
    return ConfirmedAppeal(appeal_id=found.appeal_id, status="pending")


# ---- admins --------------------------------------------------------------------------


def queue(platform: Platform, status: str | None, page: int, limit: int) -> AdminAppealPage:
    with platform.db.unit_of_work(readonly=True) as uow:
        total = repo.count_queue(uow, status)
        items = repo.queue_page(uow, status, (page - 1) * limit, limit)
    return AdminAppealPage(
        items=[_admin_view(a) for a in items],
        pagination=Pagination(
            page=page, limit=limit, total_items=total, total_pages=math.ceil(total / limit)
        ),
    )


def decide(
    platform: Platform, admin: Caller, appeal_id: uuid.UUID, *, decision: str, note: str
) -> AdminAppealView:
    """Uphold (the status stays) or reinstate (the account is active again); the member
    is told in-app and by email, and the decision is audited with before and after."""
    now, outcome = platform.clock(), _DECIDED[decision]
    with platform.db.unit_of_work() as uow:
        appeal = repo.get(uow, appeal_id, for_update=True)
        if appeal is None or appeal.status == "unconfirmed":
            raise NotFound("There is no appeal with this id.")
        if not repo.decide(
            uow, appeal_id, status=outcome, admin_id=admin.user_id, note=note, now=now
        ):
            raise Conflict(f"This appeal was already decided ({appeal.status}).")
        _record_decision(uow, admin, appeal, outcome, note, now)
        if outcome == "reinstated" and _restricted(uow, appeal.user_id):
            apply_status_change(
                uow,
                admin,
                appeal.user_id,
                status=UserStatus.ACTIVE,
                reason=f"appeal reinstated: {note}",
                now=now,
            )
        else:  # upheld, or reinstated by hand meanwhile: the status stays as it is
            _notify_decision(uow, appeal, outcome, note, now)
        decided = repo.get(uow, appeal_id)
    assert decided is not None
    leaderboard_boards.resync_member(platform, decided.user_id)  # a reinstated ban returns
    return _admin_view(decided)


def _record_decision(
    uow: UnitOfWork, admin: Caller, appeal: repo.Appeal, outcome: str, note: str, now: datetime
) -> None:
    before = {"appealId": str(appeal.appeal_id), "status": appeal.status}
    after = {"appealId": str(appeal.appeal_id), "status": outcome}
    admin_audit.record_admin_action(
        uow,
        admin_id=admin.user_id,
        action=f"appeal.{outcome}",
        target_user_id=appeal.user_id,
        reason=note,
        before=before,
        after=after,
        now=now,
    )
    # The audit log's entity types are fixed (migration 0005): an appeal is the member's.
    admin_audit.record_audit(
        uow,
        entity_type="user",
        entity_id=appeal.user_id,
        action=f"appeal.{outcome}",
        actor_id=admin.user_id,
        before=before,
        after=after,
        now=now,
    )


def _restricted(uow: UnitOfWork, user_id: uuid.UUID) -> bool:
    user = users.get(uow, user_id)
    return user is not None and user.status in (UserStatus.SUSPENDED, UserStatus.BANNED)


_DECISION_TEXT = {
    "upheld": "We reviewed your appeal and the decision stands.",
    "reinstated": "We reviewed your appeal: your account is active.",
}


def _notify_decision(
    uow: UnitOfWork, appeal: repo.Appeal, outcome: str, note: str, now: datetime
) -> None:
    notifications.notify(
        uow,
        user_id=appeal.user_id,
        kind="account_status",
        title="Your appeal was reviewed",
        body=f"{_DECISION_TEXT[outcome]} Note: {note}",
        data={"appealId": str(appeal.appeal_id), "decision": outcome},
        email=True,
        now=now,
        dedupe_key=f"appeal:{appeal.appeal_id}:{outcome}",
    )
