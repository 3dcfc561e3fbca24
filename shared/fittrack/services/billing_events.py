"""Stripe's webhook: signed events, each handled once, in any order (docs/billing.md).

The `Stripe-Signature` header is checked with the library's webhook helper against
the endpoint secret (timestamped HMAC-SHA256, five minutes' tolerance); anything else
is a 400 problem and changes nothing. An event only says *that* a subscription
changed: its current state is read back from Stripe, so a late or repeated event
applies today's state, never an old one, and the order of arrival does not matter.
Each event id is stored in the transaction that applies it; a redelivery is
acknowledged and ignored.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from fittrack import log
from fittrack.adapters import stripe_api
from fittrack.db import UniqueViolation, UnitOfWork
from fittrack.domain.billing import Subscription
from fittrack.domain.errors import FieldError, ServiceUnavailable, ValidationFailed
from fittrack.repositories import billing as repo
from fittrack.repositories import users
from fittrack.schemas.billing import WebhookReceipt
from fittrack.services import billing, billing_changes

if TYPE_CHECKING:
    import stripe

    from fittrack.platform import Platform

logger = log.get_logger("fittrack.billing")
SIGNATURE_HEADER = "stripe-signature"
SUBSCRIPTION_EVENTS = frozenset(
    {
        "checkout.session.completed",
        "customer.subscription.created",
        "customer.subscription.updated",
        "customer.subscription.deleted",
        "invoice.paid",
        "invoice.payment_failed",
    }
)


class BadSignature(ValidationFailed):
    code = "bad-signature"
    title = "Webhook signature not valid"

    def __init__(self, detail: str) -> None:
        super().__init__([FieldError("Stripe-Signature", detail, "signature_invalid")], detail)


def receive(platform: Platform, signature: str | None, body: bytes) -> WebhookReceipt:
    event = _verified(platform, signature, body)
    obj = event.to_dict()["data"]["object"]  # plain data from here on
    subscription_id = (
        _subscription_id(event.type, obj) if event.type in SUBSCRIPTION_EVENTS else None
    )
    current = _fetch(platform, subscription_id) if subscription_id else None
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        try:
            repo.record_event(
                uow,
                event_id=event.id,
                event_type=event.type,
                subscription_id=subscription_id,
                created_at=_instant(event.created) or now,
                now=now,
            )
        except UniqueViolation:
            logger.info("stripe event replayed", extra={"event": event.id})
            return WebhookReceipt(received=True, duplicate=True)
        if event.type == "checkout.session.completed":
            _link_customer(uow, obj, now)
        if current is not None:
            _apply(platform, uow, current, event.id, now)
    logger.info("stripe event handled", extra={"event": event.id, "type": event.type})
    return WebhookReceipt(received=True, duplicate=False)


def _verified(platform: Platform, signature: str | None, body: bytes) -> stripe.Event:
    import stripe

    secret = platform.secrets.get(stripe_api.WEBHOOK_SECRET)
    client = stripe_api.client(platform.settings, platform.secrets)
    try:
        return client.construct_event(
            body, signature, secret, stripe_api.SIGNATURE_TOLERANCE_SECONDS
        )
    except stripe.SignatureVerificationError as bad:
        logger.warning("stripe event refused", extra={"reason": str(bad).split(" (")[0]})
        raise BadSignature(
            "The Stripe-Signature header does not match this body, or it is too old."
        ) from None
    except (ValueError, UnicodeDecodeError):
        raise BadSignature("The body is not a Stripe event.") from None


def _subscription_id(event_type: str, obj: dict[str, Any]) -> str | None:
    if event_type.startswith("customer.subscription."):
        return _id(obj.get("id"))
    if event_type == "checkout.session.completed":
        return _id(obj.get("subscription"))
    parent = obj.get("parent") or {}  # invoices: the subscription is under parent
    details = parent.get("subscription_details") or {}
    return _id(details.get("subscription")) or _id(obj.get("subscription"))


def _id(value: Any) -> str | None:
    if isinstance(value, str) and value:
        return value
    if isinstance(value, dict):  # expanded
        found = value.get("id")
        return found if isinstance(found, str) and found else None
    return None


def _fetch(platform: Platform, subscription_id: str) -> dict[str, Any]:
    import stripe

    client = stripe_api.client(platform.settings, platform.secrets)
    try:
        return client.v1.subscriptions.retrieve(subscription_id).to_dict()
    except (stripe.APIConnectionError, stripe.APIError, stripe.RateLimitError):
        # Not stored as handled: Stripe sends the event again later.
        raise ServiceUnavailable("Stripe cannot be read right now; send the event again.") from None


def _link_customer(uow: UnitOfWork, session: dict[str, Any], now: datetime) -> None:
    """The customer of a completed checkout is the member it names, if we missed it."""
    customer = _id(session.get("customer"))
    member = _member_id(session.get("client_reference_id"))
    if customer and member and users.get(uow, member) is not None:
        repo.save_customer(uow, member, customer, now)


def _member_id(raw: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(raw))
    except ValueError:
        return None


def _apply(
    platform: Platform, uow: UnitOfWork, current: dict[str, Any], event_id: str, now: datetime
) -> None:
    sub = _subscription(platform, current)
    member = repo.member_of_customer(uow, sub.customer_id)
    if member is None:
        logger.warning("stripe subscription of no member", extra={"event": event_id})
        return
    billing_changes.apply(uow, member, sub, billing.grace(platform), event_id=event_id, now=now)


def _subscription(platform: Platform, current: dict[str, Any]) -> Subscription:
    """Stripe's subscription as we keep it; the period is the first item's (API
    2025-03-31 and later keep current_period_* on the items)."""
    items = (current.get("items") or {}).get("data") or []
    item = items[0] if items else {}
    price = item.get("price") or {}
    return Subscription(
        subscription_id=str(current["id"]),
        customer_id=_id(current.get("customer")) or "",
        status=str(current.get("status")),
        plan=billing.plan_of_price(platform, price.get("id")),
        price_id=price.get("id"),
        current_period_start=_instant(item.get("current_period_start")),
        current_period_end=_instant(item.get("current_period_end")),
        cancel_at_period_end=bool(current.get("cancel_at_period_end")),
    )


def _instant(epoch: Any) -> datetime | None:
    return datetime.fromtimestamp(int(epoch), UTC) if isinstance(epoch, int) else None
