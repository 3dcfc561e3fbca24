"""The Stripe simulator's objects and what happens to them, in Stripe's shapes (API
version 2025-03-31 and later: a subscription's period is on its items, an invoice
names its subscription under `parent.subscription_details`).

Every change returns the events Stripe would send for it, in the order Stripe
usually sends them; the simulator delivers them.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

API_VERSION = "2026-10-28.endive"
INTERVAL_SECONDS = {"month": 30 * 86400, "year": 365 * 86400}


def new_id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(12)}"


@dataclass
class Price:
    price_id: str
    amount: int
    interval: str  # month | year

    def as_object(self) -> dict[str, Any]:
        return {
            "id": self.price_id,
            "object": "price",
            "active": True,
            "currency": "usd",
            "unit_amount": self.amount,
            "type": "recurring",
            "recurring": {"interval": self.interval, "interval_count": 1},
            "livemode": False,
        }


@dataclass
class State:
    prices: dict[str, Price] = field(default_factory=dict)
    customers: dict[str, dict[str, Any]] = field(default_factory=dict)
    sessions: dict[str, dict[str, Any]] = field(default_factory=dict)
    portals: dict[str, dict[str, Any]] = field(default_factory=dict)
    subscriptions: dict[str, dict[str, Any]] = field(default_factory=dict)
    invoices: dict[str, dict[str, Any]] = field(default_factory=dict)
    events: dict[str, dict[str, Any]] = field(default_factory=dict)

    def event(
        self, kind: str, obj: dict[str, Any], now: int, previous: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        data: dict[str, Any] = {"object": _copy(obj)}
        if previous:
            data["previous_attributes"] = previous
        event_id = new_id("evt")
        event: dict[str, Any] = {
            "id": event_id,
            "object": "event",
            "api_version": API_VERSION,
            "created": now,
            "data": data,
            "livemode": False,
            "pending_webhooks": 1,
            "request": {"id": None, "idempotency_key": None},
            "type": kind,
        }
        self.events[event_id] = event
        return event

    # ---- checkout -----------------------------------------------------------------------

    def complete_checkout(self, session: dict[str, Any], now: int) -> list[dict[str, Any]]:
        """The tester paid: an active subscription, its first invoice paid."""
        price = self.prices[session["line_items"][0]["price"]]
        sub = self._subscription(session, price, now)
        invoice = self._invoice(sub, price, "subscription_create", now, paid=True)
        sub["latest_invoice"] = invoice["id"]
        session.update(status="complete", payment_status="paid", subscription=sub["id"])
        return [
            self.event("customer.subscription.created", sub, now),
            self.event("invoice.paid", invoice, now),
            self.event("checkout.session.completed", session, now),
        ]

    def _subscription(self, session: dict[str, Any], price: Price, now: int) -> dict[str, Any]:
        sub_id = new_id("sub")
        sub = {
            "id": sub_id,
            "object": "subscription",
            "customer": session["customer"],
            "status": "active",
            "cancel_at_period_end": False,
            "cancel_at": None,
            "canceled_at": None,
            "ended_at": None,
            "created": now,
            "start_date": now,
            "currency": "usd",
            "collection_method": "charge_automatically",
            "metadata": dict(session.get("subscription_data", {}).get("metadata", {})),
            "latest_invoice": None,
            "livemode": False,
            "items": {
                "object": "list",
                "data": [
                    {
                        "id": new_id("si"),
                        "object": "subscription_item",
                        "subscription": sub_id,
                        "price": price.as_object(),
                        "quantity": 1,
                        "current_period_start": now,
                        "current_period_end": now + INTERVAL_SECONDS[price.interval],
                    }
                ],
                "has_more": False,
                "url": f"/v1/subscription_items?subscription={sub_id}",
            },
        }
        self.subscriptions[sub_id] = sub
        return sub

    def _invoice(
        self, sub: dict[str, Any], price: Price, reason: str, now: int, *, paid: bool
    ) -> dict[str, Any]:
        item = sub["items"]["data"][0]
        invoice = {
            "id": new_id("in"),
            "object": "invoice",
            "customer": sub["customer"],
            "status": "paid" if paid else "open",
            "billing_reason": reason,
            "currency": "usd",
            "amount_due": price.amount,
            "amount_paid": price.amount if paid else 0,
            "amount_remaining": 0 if paid else price.amount,
            "attempt_count": 1,
            "attempted": True,
            "created": now,
            "period_start": item["current_period_start"],
            "period_end": item["current_period_end"],
            "parent": {
                "type": "subscription_details",
                "quote_details": None,
                "subscription_details": {
                    "subscription": sub["id"],
                    "metadata": dict(sub["metadata"]),
                },
            },
            "lines": {
                "object": "list",
                "data": [
                    {
                        "id": new_id("il"),
                        "object": "line_item",
                        "amount": price.amount,
                        "currency": "usd",
                        "period": {
                            "start": item["current_period_start"],
                            "end": item["current_period_end"],
                        },
                    }
                ],
                "has_more": False,
            },
            "livemode": False,
        }
        self.invoices[invoice["id"]] = invoice
        return invoice

    # ---- the subscription's life ----------------------------------------------------------

    def renew(self, sub: dict[str, Any], paid: bool, now: int) -> list[dict[str, Any]]:
        """The period ends: the subscription ends if cancelled at period end; otherwise
        the next period starts and its invoice is paid or fails (past_due)."""
        if sub["status"] in ("canceled", "incomplete_expired"):
            raise ValueError("This subscription has ended.")
        if sub["cancel_at_period_end"]:
            return self.end(sub, now)
        item = sub["items"]["data"][0]
        price = self.prices[item["price"]["id"]]
        previous = {
            "current_period_start": item["current_period_start"],
            "current_period_end": item["current_period_end"],
            "status": sub["status"],
        }
        item["current_period_start"] = item["current_period_end"]
        item["current_period_end"] += INTERVAL_SECONDS[price.interval]
        invoice = self._invoice(sub, price, "subscription_cycle", now, paid=paid)
        sub["latest_invoice"] = invoice["id"]
        sub["status"] = "active" if paid else "past_due"
        invoice_event = "invoice.paid" if paid else "invoice.payment_failed"
        return [
            self.event(invoice_event, invoice, now),
            self.event("customer.subscription.updated", sub, now, previous),
        ]

    def retry(self, sub: dict[str, Any], paid: bool, now: int) -> list[dict[str, Any]]:
        """Smart Retries of a past-due invoice: paid recovers the subscription; a final
        failure cancels it (the default 'cancel the subscription' setting)."""
        if sub["status"] != "past_due":
            raise ValueError("Only a past-due subscription has a payment to retry.")
        invoice = self.invoices[sub["latest_invoice"]]
        invoice["attempt_count"] += 1
        if not paid:
            return [self.event("invoice.payment_failed", invoice, now), *self.end(sub, now)]
        invoice.update(status="paid", amount_paid=invoice["amount_due"], amount_remaining=0)
        sub["status"] = "active"
        return [
            self.event("invoice.paid", invoice, now),
            self.event("customer.subscription.updated", sub, now, {"status": "past_due"}),
        ]

    def end(self, sub: dict[str, Any], now: int) -> list[dict[str, Any]]:
        sub.update(status="canceled", ended_at=now, canceled_at=sub["canceled_at"] or now)
        return [self.event("customer.subscription.deleted", sub, now)]

    def set_cancel_at_period_end(
        self, sub: dict[str, Any], cancel: bool, now: int
    ) -> list[dict[str, Any]]:
        if sub["status"] in ("canceled", "incomplete_expired"):
            raise ValueError("This subscription has ended.")
        previous = {"cancel_at_period_end": sub["cancel_at_period_end"]}
        item = sub["items"]["data"][0]
        sub.update(
            cancel_at_period_end=cancel,
            cancel_at=item["current_period_end"] if cancel else None,
            canceled_at=now if cancel else None,
        )
        return [self.event("customer.subscription.updated", sub, now, previous)]

    def switch_price(self, sub: dict[str, Any], price_id: str, now: int) -> list[dict[str, Any]]:
        item = sub["items"]["data"][0]
        previous = {"items": _copy(sub["items"])}
        item["price"] = self.prices[price_id].as_object()
        return [self.event("customer.subscription.updated", sub, now, previous)]


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value
