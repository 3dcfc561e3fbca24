"""Premium subscriptions, member side: plans, Stripe Checkout, the Customer Portal and
the member's subscription (docs/billing.md). Card data never reaches us: Stripe hosts
both pages, we only create their sessions."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from fittrack import log
from fittrack.adapters import stripe_api
from fittrack.domain.billing import OPEN_STATUSES
from fittrack.domain.errors import Conflict, ServiceUnavailable
from fittrack.repositories import billing as repo
from fittrack.repositories import users
from fittrack.schemas.billing import CheckoutSession, Plan, Plans, PortalSession, SubscriptionView
from fittrack.services import premium

if TYPE_CHECKING:
    import uuid

    import stripe

    from fittrack.domain.identity import Caller
    from fittrack.platform import Platform

logger = log.get_logger("fittrack.billing")
INTERVALS = {"monthly": "month", "annual": "year"}
# Where Stripe sends the browser back to (the web app's pages, docs/frontend.md).
SUCCESS_PATH = "/billing/success?session_id={CHECKOUT_SESSION_ID}"
CANCEL_PATH = "/billing/cancel"
PORTAL_RETURN_PATH = "/settings/billing"


def grace(platform: Platform) -> timedelta:
    return timedelta(days=platform.settings.billing_grace_days)


def plans(platform: Platform) -> Plans:
    amounts = platform.settings.billing_amounts
    return Plans(
        plans=[
            Plan(plan=name, amount_cents=amounts[name], currency="usd", interval=interval)  # type: ignore[arg-type]
            for name, interval in INTERVALS.items()
        ],
        grace_days=platform.settings.billing_grace_days,
    )


def plan_of_price(platform: Platform, price_id: str | None) -> str | None:
    return next(
        (p for p, price in platform.settings.stripe_prices.items() if price == price_id), None
    )


def checkout(platform: Platform, caller: Caller, plan: str) -> CheckoutSession:
    """A Checkout Session in subscription mode for the member's one Stripe customer."""
    if caller.is_admin:
        raise Conflict("Admin accounts do not subscribe to premium.")
    with platform.db.unit_of_work(readonly=True) as uow:
        latest = repo.latest_subscription(uow, caller.user_id)
        customer = repo.customer_id(uow, caller.user_id)
        user = users.get(uow, caller.user_id)
    if latest is not None and latest[0].status in OPEN_STATUSES:
        raise Conflict(
            "You already have a subscription; change or cancel it under Manage billing.",
            reason="subscription_exists",
        )
    assert user is not None
    stripe_client = stripe_api.client(platform.settings, platform.secrets)
    base = platform.settings.public_base_url.rstrip("/")
    try:
        customer = customer or _create_customer(platform, stripe_client, caller.user_id, user.email)
        session = stripe_client.v1.checkout.sessions.create(
            params={
                "mode": "subscription",
                "customer": customer,
                "client_reference_id": str(caller.user_id),
                "line_items": [{"price": platform.settings.stripe_prices[plan], "quantity": 1}],
                "subscription_data": {"metadata": {"user_id": str(caller.user_id)}},
                "metadata": {"user_id": str(caller.user_id), "plan": plan},
                "success_url": base + SUCCESS_PATH,
                "cancel_url": base + CANCEL_PATH,
            }
        )
    except _stripe_errors() as failed:
        raise _unavailable(failed) from None
    if not session.url:
        raise ServiceUnavailable("Stripe did not return a checkout page; try again.")
    return CheckoutSession(checkout_url=session.url)


def _create_customer(
    platform: Platform, stripe_client: stripe.StripeClient, user_id: uuid.UUID, email: str
) -> str:
    """Once per member: the idempotency key makes a retried or concurrent first checkout
    get the same customer from Stripe, and the stored row keeps the first one."""
    created = stripe_client.v1.customers.create(
        params={"email": email, "metadata": {"user_id": str(user_id)}},
        options={"idempotency_key": f"fittrack-customer-{user_id}"},
    )
    with platform.db.unit_of_work() as uow:
        repo.save_customer(uow, user_id, created.id, platform.clock())
        stored = repo.customer_id(uow, user_id)
    return stored or created.id


def portal(platform: Platform, caller: Caller) -> PortalSession:
    with platform.db.unit_of_work(readonly=True) as uow:
        customer = repo.customer_id(uow, caller.user_id)
    if customer is None:
        raise Conflict("You have no subscription to manage yet.", reason="no_customer")
    stripe_client = stripe_api.client(platform.settings, platform.secrets)
    return_url = platform.settings.public_base_url.rstrip("/") + PORTAL_RETURN_PATH
    try:
        session = stripe_client.v1.billing_portal.sessions.create(
            params={"customer": customer, "return_url": return_url}
        )
    except _stripe_errors() as failed:
        raise _unavailable(failed) from None
    return PortalSession(portal_url=session.url)


def subscription(platform: Platform, caller: Caller) -> SubscriptionView:
    now = platform.clock()
    with platform.db.unit_of_work(readonly=True) as uow:
        latest = repo.latest_subscription(uow, caller.user_id)
        customer = repo.customer_id(uow, caller.user_id)
        held = premium.current(uow, caller.user_id, now)
    sub = latest[0] if latest else None
    return SubscriptionView(
        status=sub.status if sub else "none",  # type: ignore[arg-type]
        plan=sub.plan if sub else None,  # type: ignore[arg-type]
        current_period_end=sub.current_period_end if sub else None,
        cancel_at_period_end=sub.cancel_at_period_end if sub else False,
        premium=held.expires_at is not None,
        premium_expires_at=held.expires_at,
        premium_source=held.source,  # type: ignore[arg-type]
        can_manage=customer is not None,
    )


def stop_renewal(platform: Platform, user_id: uuid.UUID) -> bool:
    """Before an account is deleted: its open subscription ends with the period already
    paid and never renews, since Stripe would otherwise keep charging a member who is
    gone. Raises ServiceUnavailable when Stripe cannot be told, so the deletion waits
    (nothing is deleted); True when a renewal was stopped."""
    with platform.db.unit_of_work(readonly=True) as uow:
        latest = repo.latest_subscription(uow, user_id)
    sub = latest[0] if latest else None
    if sub is None or sub.cancel_at_period_end or sub.status not in OPEN_STATUSES:
        return False
    stripe_client = stripe_api.client(platform.settings, platform.secrets)
    try:
        stripe_client.v1.subscriptions.update(
            sub.subscription_id, params={"cancel_at_period_end": True}
        )
    except _stripe_errors() as failed:
        raise _unavailable(failed) from None
    logger.info("renewal stopped before an account deletion", extra={"userId": str(user_id)})
    return True


def _stripe_errors() -> tuple[type[Exception], ...]:
    import stripe

    return (stripe.APIConnectionError, stripe.APIError, stripe.RateLimitError)


def _unavailable(failed: Exception) -> ServiceUnavailable:
    logger.warning("stripe call failed", extra={"error": type(failed).__name__})
    return ServiceUnavailable("Payments are not reachable right now; try again in a minute.")
