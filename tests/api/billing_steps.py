"""Steps of a premium subscription over real HTTP: our billing routes, the Stripe
simulator's hosted pages and its test controls (docs/billing.md)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from fittrack.local.server import LocalPlatform
from fittrack.local.simulators.stripe_webhooks import signature_header
from tests.api.conftest import Client
from tests.api.drawing_steps import ok
from tests.fixtures.members import Member

BILLING = "/api/v1/billing"
SIM = "/_sim/stripe"
GOOD_CARD = "4242 4242 4242 4242"


def local_path(url: str) -> str:
    """A browser URL of the local platform as a path (the client adds the base)."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def start_checkout(api: Client, member: Member, plan: str = "monthly") -> str:
    answer = ok(api.post(f"{BILLING}/checkout", json={"plan": plan}, headers=member.headers))
    return local_path(answer["checkoutUrl"])


def pay(api: Client, checkout_path: str, card: str = GOOD_CARD) -> Any:
    """The tester types the card on the hosted page and presses Subscribe."""
    page = api.get(checkout_path)
    assert page.status_code == 200 and "Card number" in page.text
    return api.post(checkout_path, data={"card": card, "action": "pay"}, allow_redirects=False)


def subscribe(api: Client, member: Member, plan: str = "monthly") -> dict[str, Any]:
    paid = pay(api, start_checkout(api, member, plan))
    assert paid.status_code == 303, paid.text
    assert re.search(r"/billing/success\?session_id=cs_test_", paid.headers["Location"])
    return subscription(api, member)


def subscription(api: Client, member: Member) -> dict[str, Any]:
    return dict(ok(api.get(f"{BILLING}/subscription", headers=member.headers)))


def subscription_id(local_platform: LocalPlatform, member: Member) -> str:
    assert local_platform.stripe is not None
    state = local_platform.stripe.state
    customers = {
        c
        for c, found in state.customers.items()
        if found["metadata"].get("user_id") == str(member.user_id)
    }
    [sub] = [s["id"] for s in state.subscriptions.values() if s["customer"] in customers]
    return sub


def control(api: Client, action: str, **options: Any) -> dict[str, Any]:
    return dict(ok(api.post(f"{SIM}/control/{action}", json=options)))


def deliveries(api: Client) -> list[dict[str, Any]]:
    return list(ok(api.get(f"{SIM}/control/deliveries"))["deliveries"])


def post_event(api: Client, body: bytes, secret: str, timestamp: int | None = None) -> Any:
    return api.post(
        f"{BILLING}/webhook",
        data=body,
        headers={
            "Content-Type": "application/json",
            "Stripe-Signature": signature_header(body, secret, timestamp),
        },
    )
