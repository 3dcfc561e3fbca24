"""Notifications: in-app rows plus email through the outbox, in the caller's transaction.

`notify` is what other services call (draws, fulfillment, drawings, accounts). It is
idempotent per `dedupe_key`: the key is claimed first, so a re-run draw or job that
calls it again adds neither a second row nor a second email.
"""

from __future__ import annotations

import math
import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any

from fittrack import log
from fittrack.adapters.mail import EmailMessage, enqueue_email
from fittrack.db import UniqueViolation, UnitOfWork, ids
from fittrack.domain.constants import MANDATORY_EMAIL
from fittrack.domain.errors import NotFound
from fittrack.repositories import notifications as repo
from fittrack.repositories import preferences, users
from fittrack.schemas.base import Pagination
from fittrack.schemas.notifications import (
    NotificationPage,
    NotificationView,
    ReadAllResult,
    UnreadCount,
)

if TYPE_CHECKING:
    from fittrack.platform import Platform

logger = log.get_logger("fittrack.notifications")

KINDS = frozenset(
    {
        "prize_won",
        "forfeit_warning",
        "prize_forfeited",
        "prize_shipped",
        "prize_delivered",
        "drawing_result",
        "drawing_cancelled",
        "account_status",
        "points_adjusted",
        "premium",
        "tracker_error",
        "tracker_retired",
        "system",
    }
)
_PREFERENCE = {"prize": "prize_emails", "drawing": "drawing_emails", "tracker": "tracker_emails"}


def _preference(kind: str) -> str:
    return _PREFERENCE.get(kind.split("_", 1)[0], "account_emails")


def email_wanted(kind: str, choices: dict[str, bool], categories: dict[str, bool]) -> bool:
    """Whether a `kind` notice also goes by email: always for the mandatory kinds; else the
    member's choice for the kind when they made one; else their category switch (on by
    default, so a member without preferences gets every email)."""
    if kind in MANDATORY_EMAIL:
        return True
    if kind in choices:
        return choices[kind]
    return categories[_preference(kind)]


def notify(
    uow: UnitOfWork,
    *,
    user_id: uuid.UUID,
    kind: str,
    title: str,
    body: str,
    data: dict[str, Any] | None,
    email: bool,
    now: datetime,
    dedupe_key: str,
) -> None:
    """Add an in-app notification (and an outbox email when `email`), once per dedupe_key."""
    if kind not in KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    uid = user_id
    notification_id = ids.new_id()
    try:
        if not repo.claim_key(
            uow, dedupe_key, user_id=uid, notification_id=notification_id, now=now
        ):
            return
    except UniqueViolation:  # a concurrent caller claimed it first (Oracle MERGE race)
        return
    repo.insert(
        uow,
        repo.Notification(
            notification_id=notification_id,
            user_id=uid,
            kind=kind,
            title=title,
            body=body,
            data=data,
            read_at=None,
            created_at=now,
        ),
    )
    if email:
        _email(uow, uid, kind=kind, title=title, body=body, now=now)


def _email(
    uow: UnitOfWork, user_id: uuid.UUID, *, kind: str, title: str, body: str, now: datetime
) -> None:
    user = users.get(uow, user_id)
    if user is None or user.deleted_at is not None:
        return
    if kind not in MANDATORY_EMAIL and not email_wanted(
        kind, preferences.email_choices(uow, user_id), repo.email_preferences(uow, user_id)
    ):
        return
    text = f"{body}\n\nSee it in FitTrack: open the app and check your notifications.\n"
    enqueue_email(
        uow,
        EmailMessage(
            to=user.email, subject=f"FitTrack: {title}", text=text, template=kind, user_id=user_id
        ),
        now,
    )


def account_status_changed(
    uow: UnitOfWork,
    *,
    user_id: uuid.UUID,
    old_status: str,
    new_status: str,
    reason: str | None,
    now: datetime,
    change_id: str | None = None,
) -> None:
    """The 'account status change' notice; call it next to users.change_status."""
    detail = f" Reason: {reason}" if reason else ""
    notify(
        uow,
        user_id=user_id,
        kind="account_status",
        title=f"Your account is now {new_status}",
        body=f"Your FitTrack account status changed from {old_status} to {new_status}." + detail,
        data={"from": old_status, "to": new_status},
        email=True,
        now=now,
        dedupe_key=f"account_status:{user_id}:{change_id or now.isoformat()}:{new_status}",
    )


# ---- the member's inbox -----------------------------------------------------------------


def _view(n: repo.Notification) -> NotificationView:
    return NotificationView(
        notification_id=n.notification_id,
        kind=n.kind,
        title=n.title,
        body=n.body,
        data=n.data,
        read=n.read_at is not None,
        read_at=n.read_at,
        created_at=n.created_at,
    )


def list_mine(
    platform: Platform, user_id: uuid.UUID, *, page: int, limit: int, unread_only: bool
) -> NotificationPage:
    uid = user_id
    with platform.db.unit_of_work(readonly=True) as uow:
        total = repo.count(uow, uid, unread_only)
        items = repo.list_page(
            uow, uid, unread_only=unread_only, offset=(page - 1) * limit, limit=limit
        )
        unread = repo.count(uow, uid, unread_only=True)
    return NotificationPage(
        items=[_view(n) for n in items],
        unread_count=unread,
        pagination=Pagination(
            page=page, limit=limit, total_items=total, total_pages=math.ceil(total / limit)
        ),
    )


def unread_count(platform: Platform, user_id: uuid.UUID) -> UnreadCount:
    with platform.db.unit_of_work(readonly=True) as uow:
        return UnreadCount(unread_count=repo.count(uow, user_id, unread_only=True))


def mark_read(
    platform: Platform, user_id: uuid.UUID, notification_id: uuid.UUID
) -> NotificationView:
    nid, uid = notification_id, user_id
    with platform.db.unit_of_work() as uow:
        repo.mark_read(uow, nid, uid, platform.clock())
        found = repo.get_for_user(uow, nid, uid)
    if found is None:
        raise NotFound("There is no notification with this id.")
    return _view(found)


def mark_all_read(platform: Platform, user_id: uuid.UUID) -> ReadAllResult:
    with platform.db.unit_of_work() as uow:
        changed = repo.mark_all_read(uow, user_id, platform.clock())
    return ReadAllResult(marked_read=changed, unread_count=0)
