"""Premium from subscriptions and admin grants (domain/billing.py), and the free entry
that premium-only drawings keep open (domain/eligibility.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from fittrack.domain import eligibility
from fittrack.domain.billing import Premium, Subscription, combine, describe_change, premium_until

NOW = datetime(2026, 6, 10, 16, tzinfo=UTC)
GRACE = timedelta(days=7)
ACTIVE = Subscription(
    subscription_id="sub_1",
    customer_id="cus_1",
    status="active",
    plan="monthly",
    price_id="price_m",
    current_period_start=NOW,
    current_period_end=NOW + timedelta(days=30),
    cancel_at_period_end=False,
)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("active", NOW + timedelta(days=30)),
        ("trialing", NOW + timedelta(days=30)),
        ("past_due", NOW + GRACE),  # the paid period ended where the unpaid one starts
        ("canceled", None),
        ("unpaid", None),
        ("incomplete", None),
        ("incomplete_expired", None),
        ("paused", None),
    ],
)
def test_what_a_subscription_gives(status: str, expected: datetime | None) -> None:
    assert premium_until(replace(ACTIVE, status=status), GRACE) == expected


def test_the_later_live_end_wins() -> None:
    later, sooner = NOW + timedelta(days=60), NOW + timedelta(days=3)
    assert combine({"admin": later, "subscription": sooner}, NOW) == Premium(later, "admin")
    assert combine({"admin": sooner, "subscription": later}, NOW) == Premium(later, "subscription")
    past = {"admin": NOW - timedelta(seconds=1), "subscription": NOW}
    assert combine(past, NOW) == Premium(None, None)
    assert combine({}, NOW) == Premium(None, None)


def test_changes_worth_telling() -> None:
    end = ACTIVE.current_period_end
    started = describe_change(None, ACTIVE, end)
    assert started is not None and started.action == "billing.subscription_started"
    assert describe_change(ACTIVE, ACTIVE, end) is None  # a replay or a late event
    cancel = replace(ACTIVE, cancel_at_period_end=True)
    assert describe_change(ACTIVE, cancel, end).action == "billing.cancel_scheduled"  # type: ignore[union-attr]
    assert describe_change(cancel, ACTIVE, end).action == "billing.cancel_withdrawn"  # type: ignore[union-attr]
    renewed = replace(ACTIVE, current_period_end=end + timedelta(days=30))  # type: ignore[operator]
    assert describe_change(ACTIVE, renewed, end).action == "billing.renewed"  # type: ignore[union-attr]
    failed = replace(ACTIVE, status="past_due")
    told = describe_change(ACTIVE, failed, NOW + GRACE)
    assert told is not None and told.action == "billing.payment_failed"
    assert "June 17, 2026" in told.message
    assert describe_change(failed, ACTIVE, end).action == "billing.subscription_recovered"  # type: ignore[union-attr]
    ended = replace(ACTIVE, status="canceled")
    assert describe_change(ACTIVE, ended, None).action == "billing.subscription_ended"  # type: ignore[union-attr]
    assert describe_change(None, replace(ACTIVE, status="incomplete"), None) is None


MEMBER = eligibility.Member(
    role="user",
    status="active",
    deleted=False,
    email_verified=True,
    profile_complete=True,
    state="CA",
    created_at=NOW - timedelta(days=30),
    premium_expires_at=None,
    flagged=False,
)


def test_premium_only_limits_points_never_the_free_entry() -> None:
    rules = eligibility.Rules(user_type="premium", min_account_age_days=0)
    refusal = eligibility.check(MEMBER, rules, NOW)
    assert refusal is not None and refusal.rule == "premium_only"
    assert eligibility.check(MEMBER, rules, NOW, with_points=False) is None
    banned = replace(MEMBER, status="banned")  # every other rule still applies to it
    assert eligibility.check(banned, rules, NOW, with_points=False).rule == "account_not_active"  # type: ignore[union-attr]
    assert any("free entry is open" in line for line in rules.describe())
