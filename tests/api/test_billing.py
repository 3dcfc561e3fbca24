"""Premium subscriptions over real HTTP: our billing routes through the `stripe`
library to the Stripe simulator, its hosted Checkout and Portal pages, and the signed
webhooks it delivers back to us (docs/billing.md)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from fittrack.local.server import LocalPlatform
from tests.api.billing_steps import (
    BILLING,
    deliveries,
    pay,
    start_checkout,
    subscribe,
    subscription,
)
from tests.api.conftest import Client
from tests.api.drawing_steps import ok
from tests.fixtures.members import Member, MemberFactory, session_token

USERS = "/api/v1/admin/users"


@pytest.fixture
def admin(member_factory: MemberFactory) -> Member:
    return member_factory(role="admin")


def fresh(local_platform: LocalPlatform, member: Member) -> Member:
    """The member with a new token (after the clock moved past the old session)."""
    token = session_token(local_platform.platform, member.user_id, role=member.role)
    return Member(member.user_id, member.email, member.role, token, None, None)


def history(api: Client, admin: Member, member: Member) -> list[dict[str, Any]]:
    page = ok(api.get(f"{USERS}/{member.user_id}/actions?limit=100", headers=admin.headers))
    return list(page["items"])


def notices(api: Client, member: Member) -> list[str]:
    page = ok(api.get("/api/v1/notifications?limit=100", headers=member.headers))
    return [n["body"] for n in page["items"] if n["kind"] == "premium"]


def test_plans_come_from_config(api: Client, member_factory: MemberFactory) -> None:
    member = member_factory()
    plans = ok(api.get(f"{BILLING}/plans", headers=member.headers))
    assert plans["graceDays"] == 7
    assert [(p["plan"], p["amountCents"], p["interval"]) for p in plans["plans"]] == [
        ("monthly", 499, "month"),
        ("annual", 4999, "year"),
    ]


def test_the_whole_upgrade(
    api: Client, admin: Member, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    member = member_factory()
    assert subscription(api, member) == {
        "status": "none",
        "plan": None,
        "currentPeriodEnd": None,
        "cancelAtPeriodEnd": False,
        "premium": False,
        "premiumExpiresAt": None,
        "premiumSource": None,
        "canManage": False,
    }
    declined = pay(api, start_checkout(api, member), card="4000 0000 0000 0341")
    assert declined.status_code == 402 and "declined" in declined.text
    assert subscription(api, member)["status"] == "none"

    now = local_platform.platform.clock()
    state = subscribe(api, member, "monthly")
    assert state["status"] == "active" and state["plan"] == "monthly"
    assert state["premium"] is True and state["premiumSource"] == "subscription"
    assert state["canManage"] is True and state["cancelAtPeriodEnd"] is False
    period_end = state["currentPeriodEnd"]
    assert period_end == state["premiumExpiresAt"]
    assert timedelta(days=29) < _at(period_end) - now < timedelta(days=31)
    assert {d["status"] for d in deliveries(api)} == {200}

    detail = ok(api.get(f"{USERS}/{member.user_id}", headers=admin.headers))
    assert (detail["role"], detail["premiumSource"]) == ("premium", "subscription")
    assert [a["action"] for a in history(api, admin, member)] == ["billing.subscription_started"]
    [told] = notices(api, member)
    assert told.startswith("You have premium until")

    again = api.post(f"{BILLING}/checkout", json={"plan": "annual"}, headers=member.headers)
    assert again.status_code == 409 and again.json()["reason"] == "subscription_exists"
    assert len(local_platform.stripe.state.customers) == 1  # type: ignore[union-attr]


def _at(text: str) -> Any:
    from datetime import datetime

    return datetime.fromisoformat(text.replace("Z", "+00:00"))
