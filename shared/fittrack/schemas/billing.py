"""Premium subscriptions: plans, Stripe-hosted checkout and portal, the member's
subscription, and Stripe's webhook answer (docs/billing.md)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar, Literal

from pydantic import Field

from fittrack.schemas.base import ApiModel

PlanName = Literal["monthly", "annual"]
SubscriptionStatus = Literal[
    "none",
    "incomplete",
    "incomplete_expired",
    "trialing",
    "active",
    "past_due",
    "canceled",
    "unpaid",
    "paused",
]


class Plan(ApiModel):
    plan: PlanName
    amount_cents: int  # per interval, in `currency`
    currency: Literal["usd"]
    interval: Literal["month", "year"]


class Plans(ApiModel):
    plans: list[Plan]
    grace_days: int  # premium kept after a failed renewal while the card is retried


class CheckoutRequest(ApiModel):
    plan: PlanName


class CheckoutSession(ApiModel):
    checkout_url: str  # Stripe's hosted page; the browser goes there


class PortalSession(ApiModel):
    portal_url: str  # Stripe's Customer Portal: cancel, change plan, update the card


class SubscriptionView(ApiModel):
    status: SubscriptionStatus  # "none": the member never subscribed
    plan: PlanName | None = None
    current_period_end: datetime | None = None
    cancel_at_period_end: bool = False
    # The member's premium from every source (subscription or admin grant), later wins.
    premium: bool
    premium_expires_at: datetime | None = None
    premium_source: Literal["admin", "subscription"] | None = None
    can_manage: bool  # a Stripe customer exists, so the portal opens


class StripeEventData(ApiModel):
    object: dict[str, Any]


class StripeEvent(ApiModel):
    """A Stripe event as its webhook delivers it (only what we read is described);
    its `Stripe-Signature` header must sign the raw body."""

    id: str = Field(min_length=1, max_length=255)
    object: Literal["event"]
    type: str = Field(min_length=1, max_length=100)
    created: int
    data: StripeEventData

    contract_refusals: ClassVar[dict[tuple[str, str], str]] = {
        ("Stripe-Signature", "signature_invalid"): (
            "Signed by Stripe with the endpoint secret over this body, at most five minutes"
            " ago (t=<unix seconds>,v1=<hex HMAC-SHA256 of t.body>)."
        ),
    }


class WebhookReceipt(ApiModel):
    received: bool
    duplicate: bool  # the event was handled before; nothing changed
