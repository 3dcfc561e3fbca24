"""Premium subscriptions over real HTTP: our billing routes through the `stripe`
library to the Stripe simulator, its hosted Checkout and Portal pages, and the signed
webhooks it delivers back to us (docs/billing.md)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import pytest

from fittrack.local.server import LocalPlatform
from fittrack.local.simulators.stripe_webhooks import signature_header
from tests.api.billing_steps import (
    BILLING,
    control,
    deliveries,
    local_path,
    pay,
    post_event,
    start_checkout,
    subscribe,
    subscription,
    subscription_id,
)
from tests.api.conftest import Client
from tests.api.drawing_steps import DRAWINGS, buy, fund, ok, open_drawing
from tests.fixtures.auth import FakeClock
from tests.fixtures.members import Member, MemberFactory, run_job, session_token

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


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def actions(api: Client, admin: Member, member: Member) -> list[str]:
    return [a["action"] for a in history(api, admin, member)]


def test_a_failed_renewal_keeps_premium_for_the_grace_period(
    api: Client,
    admin: Member,
    member_factory: MemberFactory,
    local_platform: LocalPlatform,
    fake_clock: FakeClock,
) -> None:
    member = member_factory()
    first_end = _at(subscribe(api, member)["currentPeriodEnd"])
    sub = subscription_id(local_platform, member)

    fake_clock.now = first_end
    control(api, "renew", subscription=sub, outcome="failed")
    member, admin = fresh(local_platform, member), fresh(local_platform, admin)
    state = subscription(api, member)
    assert state["status"] == "past_due" and state["premium"] is True
    assert _at(state["premiumExpiresAt"]) == first_end + timedelta(days=7)  # the grace
    assert _at(state["currentPeriodEnd"]) > first_end + timedelta(days=29)  # unpaid period
    assert "payment failed" in notices(api, member)[0]
    assert actions(api, admin, member)[0] == "billing.payment_failed"

    fake_clock.advance(timedelta(days=7, seconds=1))  # the grace is over, still unpaid
    assert run_job("admin_users.expire_premium") == {"expired": 1}
    member, admin = fresh(local_platform, member), fresh(local_platform, admin)
    assert subscription(api, member)["premium"] is False
    assert ok(api.get(f"{USERS}/{member.user_id}", headers=admin.headers))["role"] == "user"

    control(api, "retry", subscription=sub, outcome="paid")  # the card works again
    state = subscription(api, member)
    assert state["status"] == "active" and state["premium"] is True
    assert state["premiumExpiresAt"] == state["currentPeriodEnd"]
    assert actions(api, admin, member)[0] == "billing.subscription_recovered"


def test_cancellation_takes_effect_at_period_end(
    api: Client,
    admin: Member,
    member_factory: MemberFactory,
    local_platform: LocalPlatform,
    fake_clock: FakeClock,
) -> None:
    member = member_factory()
    assert api.post(f"{BILLING}/portal", headers=member.headers).status_code == 409
    end = subscribe(api, member, "annual")["currentPeriodEnd"]
    portal = local_path(ok(api.post(f"{BILLING}/portal", headers=member.headers))["portalUrl"])
    page = api.get(portal)
    assert page.status_code == 200 and "Cancel plan" in page.text
    assert "script" not in page.text and "style=" not in page.text  # the site's CSP holds
    cancelled = api.post(portal, data={"action": "cancel"}, allow_redirects=False)
    assert cancelled.status_code == 303 and cancelled.headers["Location"].endswith(
        "/settings/billing"
    )
    state = subscription(api, member)
    assert state["cancelAtPeriodEnd"] is True and state["status"] == "active"
    assert state["premium"] is True and state["premiumExpiresAt"] == end
    assert actions(api, admin, member)[0] == "billing.cancel_scheduled"

    fake_clock.now = _at(end)
    control(api, "renew", subscription=subscription_id(local_platform, member))
    member, admin = fresh(local_platform, member), fresh(local_platform, admin)
    state = subscription(api, member)
    assert (state["status"], state["premium"], state["premiumSource"]) == (
        "canceled",
        False,
        None,
    )
    assert actions(api, admin, member)[0] == "billing.subscription_ended"
    assert notices(api, member)[0] == "Your premium subscription has ended."
    assert ok(api.get(f"{USERS}/{member.user_id}", headers=admin.headers))["role"] == "user"


def _changes(local_platform: LocalPlatform) -> dict[str, int]:
    with local_platform.platform.db.unit_of_work(readonly=True) as uow:
        return {
            table: uow.query_one(f"SELECT COUNT(*) AS n FROM {table}", {})["n"]  # type: ignore[index]
            for table in ("billing_events", "admin_actions", "notifications", "audit_log")
        }


def test_replayed_events_are_ignored_and_forged_or_stale_ones_refused(
    api: Client, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    member = member_factory()
    before = subscribe(api, member)
    assert local_platform.stripe is not None
    [event] = [
        e for e in local_platform.stripe.state.events.values() if e["type"] == "invoice.paid"
    ]
    counted = _changes(local_platform)

    control(api, "resend", event=event["id"])  # Stripe delivers at least once
    assert deliveries(api)[-1]["status"] == 200
    body = json.dumps(event).encode()
    secret = local_platform.stripe.webhooks.secret
    replayed = ok(post_event(api, body, secret))
    assert replayed == {"received": True, "duplicate": True}

    forged = {**event, "id": "evt_forged", "type": "customer.subscription.deleted"}
    refusals = [
        post_event(api, json.dumps(forged).encode(), "whsec_not-ours"),
        api.post(  # changed after signing
            f"{BILLING}/webhook",
            data=body.replace(b'"paid"', b'"void"'),
            headers={"Stripe-Signature": signature_header(body, secret)},
        ),
        post_event(api, body, secret, timestamp=int(datetime.now().timestamp()) - 600),  # stale
        api.post(f"{BILLING}/webhook", data=body),  # unsigned
    ]
    for refused in refusals:
        assert refused.status_code == 400, refused.text
        problem = refused.json()
        assert problem["type"].endswith("/bad-signature")
        assert [e["field"] for e in problem["errors"]] == ["Stripe-Signature"]
    not_an_event = post_event(api, b'{"id": "evt_1"}', secret)
    assert not_an_event.status_code == 400
    assert not_an_event.json()["type"].endswith("/validation-error")
    assert _changes(local_platform) == counted
    assert subscription(api, member) == before


def test_events_in_any_order_and_retried_deliveries_end_in_stripes_state(
    api: Client, admin: Member, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    member = member_factory()
    control(api, "webhooks", hold=True)
    paid = pay(api, start_checkout(api, member, "monthly"))
    assert paid.status_code == 303
    assert subscription(api, member)["status"] == "none"  # nothing has arrived yet
    portal = local_path(ok(api.post(f"{BILLING}/portal", headers=member.headers))["portalUrl"])
    api.post(portal, data={"action": "cancel"}, allow_redirects=False)
    control(api, "webhooks", hold=False, apiFaults=3)  # the first read-back fails (3 tries)
    assert control(api, "release", order="reverse")["delivered"] == 4

    log = deliveries(api)
    assert log[0]["event_type"] == "customer.subscription.updated"  # the newest came first
    assert [d["status"] for d in log[:2]] == [503, 200]  # refused while Stripe was down, retried
    assert {d["status"] for d in log[1:]} == {200}
    state = subscription(api, member)
    assert (state["status"], state["cancelAtPeriodEnd"], state["premium"]) == (
        "active",
        True,
        True,
    )
    assert actions(api, admin, member) == ["billing.subscription_started"]


def test_premium_only_drawings_keep_the_free_entry_open(
    api: Client, admin: Member, member_factory: MemberFactory
) -> None:
    member = member_factory()
    fund(api, admin, member, 1_000)
    drawing_id = open_drawing(
        api, admin, eligibility={"userType": "premium", "minAccountAgeDays": 0}
    )
    listed = ok(api.get(DRAWINGS, headers=member.headers))
    assert drawing_id in [d["drawingId"] for d in listed["drawings"]]
    rules = ok(api.get(f"{DRAWINGS}/{drawing_id}/rules"))
    assert "free entry is open to every eligible member" in json.dumps(rules)

    refused = buy(api, member, drawing_id, 1)
    assert refused.status_code == 403 and refused.json()["rule"] == "premium_only"
    free = ok(api.post(f"{DRAWINGS}/{drawing_id}/free-entry", headers=member.headers), 201)
    assert free["totalUserTickets"] == 1

    subscribe(api, member)
    bought = ok(buy(api, member, drawing_id, 2), 201)
    assert bought["totalUserTickets"] == 3


def test_admin_grants_and_subscriptions_coexist_the_later_end_wins(
    api: Client, admin: Member, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    member = member_factory()
    now = local_platform.platform.clock()
    grant_end = (now + timedelta(days=60)).replace(microsecond=0)
    granted = api.request(
        "PUT",
        f"{USERS}/{member.user_id}/premium",
        json={"until": grant_end.isoformat()},
        headers=admin.headers,
    )
    ok(granted)
    state = subscribe(api, member, "monthly")  # ends in about 30 days: the grant is later
    assert _at(state["premiumExpiresAt"]) == grant_end and state["premiumSource"] == "admin"
    detail = ok(api.get(f"{USERS}/{member.user_id}", headers=admin.headers))
    assert _at(detail["premiumExpiresAt"]) == grant_end and detail["premiumSource"] == "admin"

    ended = ok(api.request("DELETE", f"{USERS}/{member.user_id}/premium", headers=admin.headers))
    assert ended["role"] == "premium"  # the subscription still gives premium
    assert _at(ended["premiumExpiresAt"]) == _at(state["currentPeriodEnd"])
    detail = ok(api.get(f"{USERS}/{member.user_id}", headers=admin.headers))
    assert detail["premiumSource"] == "subscription"
    again = api.request("DELETE", f"{USERS}/{member.user_id}/premium", headers=admin.headers)
    assert again.status_code == 409  # no grant to end; the member cancels the subscription

    short = (now + timedelta(days=3)).replace(microsecond=0)
    ok(
        api.request(
            "PUT",
            f"{USERS}/{member.user_id}/premium",
            json={"until": short.isoformat()},
            headers=admin.headers,
        )
    )
    detail = ok(api.get(f"{USERS}/{member.user_id}", headers=admin.headers))
    assert detail["premiumSource"] == "subscription"  # a shorter grant does not cut it short
    assert _at(detail["premiumExpiresAt"]) == _at(state["currentPeriodEnd"])


def test_deleting_the_account_stops_the_renewal(
    api: Client, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    """Stripe would keep charging a member who is gone: the paid period runs out, no more."""
    member = member_factory()
    subscribe(api, member)
    sub = subscription_id(local_platform, member)
    assert local_platform.stripe is not None
    assert local_platform.stripe.state.subscriptions[sub]["cancel_at_period_end"] is False
    deleted = api.request("DELETE", "/api/v1/users/me", headers=member.headers)
    assert deleted.status_code == 204, deleted.text
    assert local_platform.stripe.state.subscriptions[sub]["cancel_at_period_end"] is True


def test_an_account_is_not_deleted_while_stripe_cannot_be_told(
    api: Client, member_factory: MemberFactory, local_platform: LocalPlatform
) -> None:
    member = member_factory()
    subscribe(api, member)
    control(api, "webhooks", apiFaults=10)  # Stripe's API answers 500 for a while
    refused = api.request("DELETE", "/api/v1/users/me", headers=member.headers)
    assert refused.status_code == 503, refused.text
    assert refused.headers["Content-Type"].startswith("application/problem+json")
    control(api, "webhooks", apiFaults=0)
    assert ok(api.get("/api/v1/users/me", headers=member.headers))["userId"] == str(member.user_id)
