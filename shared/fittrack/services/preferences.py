"""The member's notification preferences: email on or off per kind, in-app always on.

Choices are stored per kind (`notification_email_choices`); `notifications._email`
reads them when it decides whether to send. A kind the member never chose keeps the
earlier behaviour (the category switch, on by default). The kinds whose email a member
must get (`notifications.MANDATORY_EMAIL`) cannot be switched off.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from fittrack.domain.constants import MANDATORY_EMAIL
from fittrack.domain.errors import FieldError, ValidationFailed
from fittrack.repositories import notifications as notices
from fittrack.repositories import preferences as repo
from fittrack.schemas.preferences import (
    EmailChoices,
    KindPreference,
    NotificationPreferences,
    NotificationPreferencesUpdate,
)
from fittrack.services.notifications import email_wanted
from fittrack.services.profiles import member_or_gone

if TYPE_CHECKING:
    from fittrack.db import UnitOfWork
    from fittrack.platform import Platform

LABELS = {
    "prize_won": "Prize won",
    "forfeit_warning": "Prize about to be forfeited",
    "prize_shipped": "Prize shipped",
    "account_status": "Account status changed",
}


def _view(uow: UnitOfWork, user_id: uuid.UUID) -> NotificationPreferences:
    choices = repo.email_choices(uow, user_id)
    categories = notices.email_preferences(uow, user_id)
    return NotificationPreferences(
        kinds=[
            KindPreference(
                kind=kind,  # type: ignore[arg-type]
                label=label,
                email=email_wanted(kind, choices, categories),
                email_required=kind in MANDATORY_EMAIL,
                in_app=True,
            )
            for kind, label in LABELS.items()
        ],
        updated_at=repo.latest_change(uow, user_id),
    )


def get_mine(platform: Platform, user_id: uuid.UUID) -> NotificationPreferences:
    with platform.db.unit_of_work(readonly=True) as uow:
        member = member_or_gone(uow, user_id)
        return _view(uow, member.user_id)


def _refusals(changes: dict[str, bool]) -> list[FieldError]:
    return [
        FieldError(
            f"email.{EmailChoices.model_fields[k].alias or k}",
            f"{LABELS[k]} emails cannot be switched off.",
            "required",
        )
        for k, on in changes.items()
        if not on and k in MANDATORY_EMAIL
    ]


def update_mine(
    platform: Platform, user_id: uuid.UUID, body: NotificationPreferencesUpdate
) -> NotificationPreferences:
    changes: dict[str, bool] = body.email.model_dump(exclude_none=True)
    refused = _refusals(changes)
    if refused:
        raise ValidationFailed(refused)
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        member = member_or_gone(uow, user_id)
        for kind, enabled in changes.items():
            repo.save_email_choice(uow, member.user_id, kind=kind, enabled=enabled, now=now)
        return _view(uow, member.user_id)
