"""Premium subscriptions: plans, Stripe-hosted checkout and portal, the member's
subscription, and Stripe's webhook answer (docs/billing.md)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

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


class WebhookReceipt(ApiModel):
    received: bool
    duplicate: bool  # the event was handled before; nothing changed
