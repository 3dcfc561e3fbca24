"""The prize fulfillment state machine (SPEC.md section 7) and its deadlines. Pure rules.

    pending -> winner_notified -> address_confirmed -> shipped -> delivered
                     |                 ^   |
                     v                 |   v
                address_invalid -------+  (admin: the address turned out bad)
    any state before shipped -> forfeited

`pending` is a held win: the winner waits for an open review flag to be resolved.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from fittrack.domain.errors import Conflict


class FulfillmentStatus(StrEnum):
    PENDING = "pending"
    WINNER_NOTIFIED = "winner_notified"
    ADDRESS_CONFIRMED = "address_confirmed"
    ADDRESS_INVALID = "address_invalid"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    FORFEITED = "forfeited"


PENDING = FulfillmentStatus.PENDING
WINNER_NOTIFIED = FulfillmentStatus.WINNER_NOTIFIED
ADDRESS_CONFIRMED = FulfillmentStatus.ADDRESS_CONFIRMED
ADDRESS_INVALID = FulfillmentStatus.ADDRESS_INVALID
SHIPPED = FulfillmentStatus.SHIPPED
DELIVERED = FulfillmentStatus.DELIVERED
FORFEITED = FulfillmentStatus.FORFEITED

STATUSES = (
    PENDING,
    WINNER_NOTIFIED,
    ADDRESS_CONFIRMED,
    ADDRESS_INVALID,
    SHIPPED,
    DELIVERED,
    FORFEITED,
)

TRANSITIONS: dict[str, frozenset[str]] = {
    PENDING: frozenset({WINNER_NOTIFIED, FORFEITED}),
    WINNER_NOTIFIED: frozenset({ADDRESS_CONFIRMED, ADDRESS_INVALID, FORFEITED}),
    ADDRESS_INVALID: frozenset({ADDRESS_CONFIRMED, FORFEITED}),
    ADDRESS_CONFIRMED: frozenset({SHIPPED, ADDRESS_INVALID, FORFEITED}),
    SHIPPED: frozenset({DELIVERED}),
    DELIVERED: frozenset(),
    FORFEITED: frozenset(),
}

# Waiting for the winner: the timeout job warns and forfeits only in these states.
AWAITING_WINNER = (WINNER_NOTIFIED, ADDRESS_INVALID)
# The winner may (re)submit an address or email in these states.
WINNER_MAY_CONFIRM = (WINNER_NOTIFIED, ADDRESS_INVALID, ADDRESS_CONFIRMED)

WARNING_AFTER = timedelta(days=7)
FORFEIT_AFTER = timedelta(days=14)
TAX_THRESHOLD_USD = Decimal("600.00")


class IllegalFulfillmentTransition(Conflict):
    code = "illegal-transition"
    title = "Illegal fulfillment transition"


def can_transition(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())


def check_transition(current: str, target: str) -> None:
    """Raise a 409 problem unless `current -> target` is an arrow of the machine."""
    if not can_transition(current, target):
        allowed = sorted(TRANSITIONS.get(current, frozenset()))
        raise IllegalFulfillmentTransition(
            f"A fulfillment cannot go from {current} to {target}.",
            currentStatus=current,
            targetStatus=target,
            allowedTransitions=allowed,
        )


def tax_info_required(value_usd: Decimal) -> bool:
    """Prizes worth $600 or more need the winner's tax details (IRS Form 1099-MISC)."""
    return value_usd >= TAX_THRESHOLD_USD


@dataclass(frozen=True)
class Deadlines:
    warning_due_at: datetime
    forfeit_due_at: datetime


def deadlines(started_at: datetime) -> Deadlines:
    """Warning 7 days and forfeit 14 days after the winner was told (or asked again)."""
    return Deadlines(started_at + WARNING_AFTER, started_at + FORFEIT_AFTER)


def timeout_action(
    status: str,
    now: datetime,
    *,
    warning_due_at: datetime | None,
    warning_sent_at: datetime | None,
    forfeit_due_at: datetime | None,
) -> str | None:
    """'forfeit', 'warn' or None for one fulfillment at `now` (the daily job's rule)."""
    if status not in AWAITING_WINNER:
        return None
    if forfeit_due_at is not None and now >= forfeit_due_at:
        return "forfeit"
    if warning_due_at is not None and warning_sent_at is None and now >= warning_due_at:
        return "warn"
    return None


def check_ship(status: str, tax_required: bool, tax_received: bool) -> None:
    check_transition(status, SHIPPED)
    if tax_required and not tax_received:
        raise Conflict(
            "This prize is worth $600 or more: the winner's tax details are"
            " needed before it ships.",
            reason="tax_details_missing",
        )


@dataclass(frozen=True, kw_only=True)
class Fulfillment:
    fulfillment_id: uuid.UUID
    winner_id: uuid.UUID
    user_id: uuid.UUID
    prize_id: uuid.UUID
    drawing_id: uuid.UUID
    status: str
    shipping_address: dict[str, Any] | None
    delivery_email: str | None
    address_confirmed_at: datetime | None
    carrier: str | None
    tracking_number: str | None
    shipped_at: datetime | None
    delivered_at: datetime | None
    tax_info_required: bool
    tax_info_received_at: datetime | None
    notified_at: datetime | None
    warning_due_at: datetime | None
    warning_sent_at: datetime | None
    forfeit_due_at: datetime | None
    forfeited_at: datetime | None
    notes: str | None
    created_at: datetime
    updated_at: datetime
    prize_name: str
    prize_rank: int
    value_usd: Decimal
    fulfillment_type: str
    image_url: str | None
    drawing_name: str

    def audit_view(self) -> dict[str, Any]:
        """State for the audit log: no address, email or tax data."""
        return {
            "status": self.status,
            "carrier": self.carrier,
            "trackingNumber": self.tracking_number,
            "hasAddress": self.shipping_address is not None or self.delivery_email is not None,
            "notes": self.notes,
        }
