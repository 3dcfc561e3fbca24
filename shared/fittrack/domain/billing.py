"""Premium from Stripe subscriptions and admin grants (docs/billing.md); no I/O.

A subscription gives premium until the end of the period it has paid for. When a
renewal fails Stripe moves the subscription to `past_due` and starts the new, unpaid
period, so the paid period ended at the new period's start: premium lasts a grace
period past it while Stripe retries the card. A cancelled or unpaid subscription gives
nothing. Every source (admin grant, subscription) keeps its own end; the member is
premium until the latest of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

PLANS = ("monthly", "annual")
SOURCES = ("admin", "subscription")
# Statuses whose current period is paid (trialing: paid by the trial).
PAID_STATUSES = frozenset({"active", "trialing"})
# Statuses a member cannot start a second checkout from (they manage the one they have).
OPEN_STATUSES = frozenset({"active", "trialing", "past_due", "incomplete", "unpaid", "paused"})
STATUSES = (
    "incomplete",
    "incomplete_expired",
    "trialing",
    "active",
    "past_due",
    "canceled",
    "unpaid",
    "paused",
)


@dataclass(frozen=True, kw_only=True)
class Subscription:
    """A Stripe subscription as far as premium goes."""

    subscription_id: str
    customer_id: str
    status: str
    plan: str | None
    price_id: str | None
    current_period_start: datetime | None
    current_period_end: datetime | None
    cancel_at_period_end: bool


def premium_until(sub: Subscription, grace: timedelta) -> datetime | None:
    """The end of the premium a subscription gives; None when it gives none."""
    if sub.status in PAID_STATUSES:
        return sub.current_period_end
    if sub.status == "past_due" and sub.current_period_start is not None:
        return sub.current_period_start + grace
    return None


@dataclass(frozen=True)
class Premium:
    """What the sources add up to: premium until `expires_at` by `source`, or not."""

    expires_at: datetime | None
    source: str | None


def combine(sources: dict[str, datetime], now: datetime) -> Premium:
    """The later expiry wins; ends already past give nothing."""
    live = {name: end for name, end in sources.items() if end > now}
    if not live:
        return Premium(None, None)
    source = max(live, key=lambda name: (live[name], name))
    return Premium(live[source], source)


@dataclass(frozen=True)
class Change:
    """A change a member hears about: its action name and what to tell them."""

    action: str
    message: str


def _day(moment: datetime) -> str:
    return f"{moment:%B} {moment.day}, {moment.year} (UTC)"


def describe_change(
    before: Subscription | None, after: Subscription, until: datetime | None
) -> Change | None:
    """The change from `before` to `after` worth recording, or None (same state)."""
    if before is not None and _same(before, after):
        return None
    if after.status in PAID_STATUSES and until is not None:
        if before is None or before.status not in PAID_STATUSES:
            verb = "started" if before is None or before.status != "past_due" else "recovered"
            return Change(f"billing.subscription_{verb}", f"You have premium until {_day(until)}.")
        if after.cancel_at_period_end and not before.cancel_at_period_end:
            return Change(
                "billing.cancel_scheduled",
                f"Your premium ends on {_day(until)}; it will not renew.",
            )
        if before.cancel_at_period_end and not after.cancel_at_period_end:
            return Change("billing.cancel_withdrawn", f"Your premium renews on {_day(until)}.")
        if after.current_period_end != before.current_period_end:
            return Change("billing.renewed", f"Your premium renewed until {_day(until)}.")
        return Change("billing.plan_changed", f"Your premium plan is now {after.plan or 'custom'}.")
    if after.status == "past_due" and until is not None:
        return Change(
            "billing.payment_failed",
            "Your premium renewal payment failed. Update your card under Manage billing;"
            f" premium continues until {_day(until)}.",
        )
    if before is not None and before.status in OPEN_STATUSES:
        return Change("billing.subscription_ended", "Your premium subscription has ended.")
    return None


def _same(a: Subscription, b: Subscription) -> bool:
    return _key(a) == _key(b)


def _key(sub: Subscription) -> tuple[object, ...]:
    return (
        sub.status,
        sub.plan,
        sub.current_period_start,
        sub.current_period_end,
        sub.cancel_at_period_end,
    )
