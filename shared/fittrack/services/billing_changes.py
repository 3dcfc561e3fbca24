"""A subscription's new state applied to a member: stored, premium recomputed from all
sources, and (when something changed) recorded in the action history and audit log
and told to the member (docs/billing.md)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from fittrack.db import UnitOfWork
from fittrack.domain.billing import STATUSES, Premium, Subscription, describe_change, premium_until
from fittrack.repositories import admin_audit
from fittrack.repositories import billing as repo
from fittrack.services import notifications, premium


def apply(
    uow: UnitOfWork,
    user_id: uuid.UUID,
    sub: Subscription,
    grace: timedelta,
    *,
    event_id: str,
    now: datetime,
) -> None:
    if sub.status not in STATUSES:
        raise ValueError(f"unknown subscription status {sub.status!r}")
    before = repo.subscription(uow, sub.subscription_id)
    held_before = premium.current(uow, user_id, now)
    until = premium_until(sub, grace)
    repo.save_subscription(uow, user_id, sub, premium_until=until, now=now)
    held = premium.set_source(
        uow, user_id, "subscription", repo.subscription_premium(uow, user_id), now
    )
    change = describe_change(before, sub, until)
    if change is None:
        return
    state_before = _state(before, held_before)
    state_after = {**_state(sub, held), "eventId": event_id}
    action_id = admin_audit.record_admin_action(
        uow,
        admin_id=None,
        action=change.action,
        target_user_id=user_id,
        reason=None,
        before=state_before,
        after=state_after,
        now=now,
    )
    admin_audit.record_audit(
        uow,
        entity_type="user",
        entity_id=user_id,
        action=f"user.{change.action.replace('.', '_')}",
        actor_id=None,
        before=state_before,
        after={**state_after, "actionId": str(action_id)},
        now=now,
    )
    notifications.notify(
        uow,
        user_id=user_id,
        kind="premium",
        title="Your premium membership",
        body=change.message,
        data={"subscriptionStatus": sub.status},
        email=True,
        now=now,
        dedupe_key=f"billing:{event_id}",
    )


def _state(sub: Subscription | None, held: Premium) -> dict[str, Any]:
    return {
        "subscriptionStatus": sub.status if sub else None,
        "plan": sub.plan if sub else None,
        "currentPeriodEnd": _iso(sub.current_period_end if sub else None),
        "cancelAtPeriodEnd": sub.cancel_at_period_end if sub else False,
        "role": "premium" if held.expires_at else "user",
        "premiumExpiresAt": _iso(held.expires_at),
        "premiumSource": held.source,
    }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None
