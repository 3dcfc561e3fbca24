"""Stripe customers, subscriptions and handled events (migration 0020, docs/billing.md)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from fittrack.db import UnitOfWork, ids
from fittrack.domain.billing import Subscription

_SUBSCRIPTION_COLUMNS = (
    "subscription_id, user_id, customer_id, status, plan, price_id, current_period_start,"
    " current_period_end, cancel_at_period_end, premium_until"
)


def customer_id(uow: UnitOfWork, user_id: uuid.UUID) -> str | None:
    row = uow.query_one(
        "SELECT customer_id FROM billing_customers WHERE user_id = :user_id",
        {"user_id": ids.to_db(user_id)},
    )
    return row["customer_id"] if row else None


def member_of_customer(uow: UnitOfWork, customer: str) -> uuid.UUID | None:
    row = uow.query_one(
        "SELECT user_id FROM billing_customers WHERE customer_id = :customer",
        {"customer": customer},
    )
    return ids.from_db(row["user_id"]) if row else None


def save_customer(uow: UnitOfWork, user_id: uuid.UUID, customer: str, now: datetime) -> None:
    """Remember the member's customer; an existing one stays (UniqueViolation never)."""
    uow.execute(
        uow.dialect.upsert(
            "billing_customers", ("user_id", "customer_id", "created_at"), ("user_id",), ()
        ),
        {"user_id": ids.to_db(user_id), "customer_id": customer, "created_at": now},
    )


def _subscription(row: dict[str, Any]) -> Subscription:
    return Subscription(
        subscription_id=row["subscription_id"],
        customer_id=row["customer_id"],
        status=row["status"],
        plan=row["plan"],
        price_id=row["price_id"],
        current_period_start=row["current_period_start"],
        current_period_end=row["current_period_end"],
        cancel_at_period_end=bool(row["cancel_at_period_end"]),
    )


def subscription(uow: UnitOfWork, subscription_id: str) -> Subscription | None:
    row = uow.query_one(
        f"SELECT {_SUBSCRIPTION_COLUMNS} FROM billing_subscriptions"
        f" WHERE subscription_id = :id {uow.dialect.for_update()}",
        {"id": subscription_id},
    )
    return _subscription(row) if row else None


def latest_subscription(
    uow: UnitOfWork, user_id: uuid.UUID
) -> tuple[Subscription, datetime | None] | None:
    """The member's most recently changed subscription and the premium it gives."""
    row = uow.query_one(
        f"SELECT {_SUBSCRIPTION_COLUMNS} FROM billing_subscriptions WHERE user_id = :user_id"
        f" ORDER BY updated_at DESC, subscription_id {uow.dialect.limit()}",
        {"user_id": ids.to_db(user_id), "limit": 1},
    )
    return (_subscription(row), row["premium_until"]) if row else None


def subscription_premium(uow: UnitOfWork, user_id: uuid.UUID) -> datetime | None:
    """The latest end any of the member's subscriptions gives."""
    row = uow.query_one(
        "SELECT MAX(premium_until) AS until FROM billing_subscriptions WHERE user_id = :user_id",
        {"user_id": ids.to_db(user_id)},
    )
    return row["until"] if row else None


def save_subscription(
    uow: UnitOfWork,
    user_id: uuid.UUID,
    sub: Subscription,
    *,
    premium_until: datetime | None,
    now: datetime,
) -> None:
    columns = (
        "subscription_id",
        "user_id",
        "customer_id",
        "status",
        "plan",
        "price_id",
        "current_period_start",
        "current_period_end",
        "cancel_at_period_end",
        "premium_until",
        "created_at",
        "updated_at",
    )
    update = [c for c in columns if c not in ("subscription_id", "created_at")]
    uow.execute(
        uow.dialect.upsert("billing_subscriptions", columns, ("subscription_id",), update),
        {
            "subscription_id": sub.subscription_id,
            "user_id": ids.to_db(user_id),
            "customer_id": sub.customer_id,
            "status": sub.status,
            "plan": sub.plan,
            "price_id": sub.price_id,
            "current_period_start": sub.current_period_start,
            "current_period_end": sub.current_period_end,
            "cancel_at_period_end": 1 if sub.cancel_at_period_end else 0,
            "premium_until": premium_until,
            "created_at": now,
            "updated_at": now,
        },
    )


def record_event(
    uow: UnitOfWork,
    *,
    event_id: str,
    event_type: str,
    subscription_id: str | None,
    created_at: datetime,
    now: datetime,
) -> None:
    """UniqueViolation when the event was handled before."""
    uow.execute(
        "INSERT INTO billing_events (event_id, event_type, subscription_id, created_at,"
        " received_at) VALUES (:id, :type, :subscription_id, :created_at, :now)",
        {
            "id": event_id,
            "type": event_type,
            "subscription_id": subscription_id,
            "created_at": created_at,
            "now": now,
        },
    )
