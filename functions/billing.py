"""Premium subscriptions with Stripe: plans, checkout, portal, the member's
subscription, and Stripe's webhook (docs/billing.md)."""

from __future__ import annotations

from fittrack.http.registry import function
from fittrack.http.request import Request
from fittrack.schemas.billing import (
    CheckoutRequest,
    CheckoutSession,
    Plans,
    PortalSession,
    StripeEvent,
    SubscriptionView,
    WebhookReceipt,
)
from fittrack.services import billing, billing_events


@function("billing.plans", http=("GET", "/billing/plans"), response=Plans)
def plans(req: Request) -> Plans:
    """The premium plans and their prices."""
    return billing.plans(req.platform)


@function(
    "billing.checkout",
    http=("POST", "/billing/checkout"),
    request=CheckoutRequest,
    response=CheckoutSession,
    problems=(409, 503),  # already subscribed or an admin; Stripe unreachable
)
def checkout(req: Request, body: CheckoutRequest) -> CheckoutSession:
    """A Stripe Checkout page for the plan; the browser goes there to pay."""
    return billing.checkout(req.platform, req.user, body.plan)


@function(
    "billing.portal",
    http=("POST", "/billing/portal"),
    response=PortalSession,
    problems=(409, 503),  # never subscribed; Stripe unreachable
)
def portal(req: Request) -> PortalSession:
    """Stripe's Customer Portal for the member: cancel, change plan, update the card."""
    return billing.portal(req.platform, req.user)


@function("billing.subscription", http=("GET", "/billing/subscription"), response=SubscriptionView)
def subscription(req: Request) -> SubscriptionView:
    """The member's subscription and their premium from every source."""
    return billing.subscription(req.platform, req.user)


@function(
    "billing.webhook",
    http=("POST", "/billing/webhook"),
    auth="public",
    rate_limited=False,
    request=StripeEvent,
    response=WebhookReceipt,
    problems=(503,),  # Stripe unreadable (Stripe sends the event again)
)
def webhook(req: Request, body: StripeEvent) -> WebhookReceipt:
    """Stripe's events, signed with the endpoint secret; each handled once, in any order.
    The raw body is what the signature covers, so that is what gets verified."""
    return billing_events.receive(
        req.platform, req.header(billing_events.SIGNATURE_HEADER), req.body
    )
