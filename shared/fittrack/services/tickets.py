"""Buying tickets, the free entry, and a member's tickets.

A purchase is one write transaction: the drawing must be open for sales and the
member eligible; the drawing's counter hands out the next `quantity` numbers
with one conditional update (only while open and before sales close); the cost
is debited through the ledger (`tickets:{block_id}`), which never lets a balance
go below zero; and the block row records the numbers. Any refusal rolls all of
it back, so no number is ever skipped and no point is lost or invented.
"""

from __future__ import annotations

import math
import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from fittrack.db import UniqueViolation, UnitOfWork, ids
from fittrack.domain import eligibility
from fittrack.domain.drawings import DrawingStatus
from fittrack.domain.errors import Conflict, DomainError, ErrorKind, NotFound
from fittrack.repositories import drawings, ledger, tickets
from fittrack.schemas.base import Pagination
from fittrack.schemas.drawings import (
    EntryReceipt,
    FreeEntryView,
    MyEntries,
    MyEntry,
    MyTickets,
    TicketBlockView,
    TicketPurchase,
)
from fittrack.services import commitments, drawing_views, review
from fittrack.services.points import InsufficientPoints

if TYPE_CHECKING:
    from fittrack.platform import Platform


class SalesClosed(DomainError):
    kind = ErrorKind.FORBIDDEN
    code = "sales-closed"
    title = "Ticket sales are closed"


class NotEligible(DomainError):
    kind = ErrorKind.FORBIDDEN
    code = "not-eligible"
    title = "Not eligible for this drawing"


class FreeEntryUsed(Conflict):
    code = "free-entry-used"
    title = "Free entry already used"


def _require_sales_open(drawing: drawings.Drawing, now: datetime) -> None:
    if drawing.status != DrawingStatus.OPEN or drawing.sales_close_time <= now:
        when = "have not opened yet" if drawing.status == DrawingStatus.SCHEDULED else "are closed"
        raise SalesClosed(
            f"Ticket sales for this drawing {when}.",
            drawingStatus=drawing.status,
            salesCloseTime=drawing.sales_close_time.isoformat(),
        )


def require_eligible(
    uow: UnitOfWork,
    drawing: drawings.Drawing,
    user_id: uuid.UUID,
    now: datetime,
    *,
    with_points: bool = True,
) -> None:
    """A 403 problem naming the first eligibility rule the member fails."""
    row = tickets.member_row(uow, user_id)
    if row is None:
        raise NotFound("There is no member with this id.")
    member = eligibility.Member(
        role=row["role"],
        status=row["status"],
        deleted=row["deleted_at"] is not None,
        email_verified=row["email_verified_at"] is not None,
        profile_complete=row["completed_at"] is not None,
        state=row["state_of_residence"],
        created_at=row["created_at"],
        premium_expires_at=row["premium_expires_at"],
        flagged=review.is_flagged(uow, user_id),
    )
    rules = eligibility.Rules.from_json(drawing.eligibility)
    refusal = eligibility.check(member, rules, now, with_points=with_points)
    if refusal is not None:
        raise NotEligible(refusal.message, rule=refusal.rule)


def buy(
    platform: Platform, user_id: uuid.UUID, drawing_id: uuid.UUID, quantity: int
) -> TicketPurchase:
    now, member = platform.clock(), user_id
    with platform.db.unit_of_work() as uow:
        drawing = drawing_views.public_drawing(uow, drawing_id)
        _require_sales_open(drawing, now)
        require_eligible(uow, drawing, member, now)
        cost = drawing.ticket_cost_points * quantity
        first = drawings.reserve_tickets(uow, drawing.drawing_id, quantity, now)
        if first is None:
            raise SalesClosed("Ticket sales for this drawing are closed.")
        block_id = ids.new_id()
        entry = ledger.post_entry(
            uow,
            member,
            entry_type="spend",
            amount=-cost,
            reason=f"{quantity} ticket(s): {drawing.name}"[:500],
            reference_type="ticket_block",
            reference_id=block_id,
            idempotency_key=f"tickets:{block_id}",
            created_by=member,
            now=now,
        )
        if entry is None:
            balance = (ledger.balances(uow, member) or (0, 0))[0]
            raise InsufficientPoints(
                f"{quantity} ticket(s) cost {cost} points; your balance is {balance}.",
                balance=balance,
                cost=cost,
            )
        receipt = commitments.record_entry(
            uow, drawing.drawing_id, member, first, first + quantity - 1, now
        )
        tickets.insert_block(
            uow,
            tickets.Block(
                block_id=block_id,
                drawing_id=drawing.drawing_id,
                user_id=member,
                first_ticket_number=first,
                last_ticket_number=first + quantity - 1,
                quantity=quantity,
                points_spent=cost,
                ledger_entry_id=entry.entry_id,
                purchased_at=now,
            ),
        )
        mine = tickets.ticket_counts(uow, [drawing.drawing_id], member)[drawing.drawing_id]
    return TicketPurchase(
        drawing_id=drawing.drawing_id,
        tickets_purchased=quantity,
        points_spent=cost,
        new_point_balance=entry.balance_after,
        total_user_tickets=mine,
        transaction_id=entry.entry_id,
        first_ticket_number=first,
        last_ticket_number=first + quantity - 1,
        receipt=_receipt_view(receipt),
    )


def free_entry(platform: Platform, user_id: uuid.UUID, drawing_id: uuid.UUID) -> FreeEntryView:
    """No purchase necessary: one free one-ticket entry per member and drawing."""
    now, member = platform.clock(), user_id
    with platform.db.unit_of_work() as uow:
        drawing = drawing_views.public_drawing(uow, drawing_id)
        _require_sales_open(drawing, now)
        require_eligible(uow, drawing, member, now, with_points=False)  # no purchase necessary
        if tickets.has_free_entry(uow, drawing.drawing_id, member):
            raise FreeEntryUsed("You have already used your free entry for this drawing.")
        number = drawings.reserve_tickets(uow, drawing.drawing_id, 1, now)
        if number is None:
            raise SalesClosed("Ticket sales for this drawing are closed.")
        entry_id = ids.new_id()
        try:
            tickets.insert_free_entry(
                uow,
                entry_id,
                drawing_id=drawing.drawing_id,
                user_id=member,
                ticket_number=number,
                now=now,
            )
        except UniqueViolation:
            raise FreeEntryUsed("You have already used your free entry for this drawing.") from None
        receipt = commitments.record_entry(uow, drawing.drawing_id, member, number, number, now)
        mine = tickets.ticket_counts(uow, [drawing.drawing_id], member)[drawing.drawing_id]
    return FreeEntryView(
        drawing_id=drawing.drawing_id,
        free_entry_id=entry_id,
        ticket_number=number,
        total_user_tickets=mine,
        receipt=_receipt_view(receipt),
    )


def _receipt_view(receipt: commitments.Receipt) -> EntryReceipt:
    return EntryReceipt(
        first_ticket_number=receipt.first,
        last_ticket_number=receipt.last,
        owner_hash=receipt.owner_hash,
        leaf=receipt.leaf,
        previous_head=receipt.previous_head,
        chain_head=receipt.chain_head,
    )


def my_tickets(platform: Platform, user_id: uuid.UUID, drawing_id: uuid.UUID) -> MyTickets:
    member = user_id
    with platform.db.unit_of_work(readonly=True) as uow:
        drawing = drawing_views.public_drawing(uow, drawing_id)
        blocks = tickets.for_user(uow, drawing.drawing_id, member)
    mine = sum(b.quantity for b in blocks)
    return MyTickets(
        drawing_id=drawing.drawing_id,
        status=drawing.status,
        total_tickets=mine,
        points_spent=sum(b.points_spent for b in blocks),
        drawing_total_tickets=drawing.total_tickets,
        my_chance=mine / drawing.total_tickets if drawing.total_tickets else None,
        blocks=[
            TicketBlockView(
                block_id=b.block_id,
                first_ticket_number=b.first_ticket_number,
                last_ticket_number=b.last_ticket_number,
                quantity=b.quantity,
                points_spent=b.points_spent,
                entry_method="free" if b.free else "purchase",
                purchased_at=b.purchased_at,
                refunded_at=b.refunded_at,
            )
            for b in blocks
        ],
    )


def my_entries(platform: Platform, user_id: uuid.UUID, page: int, limit: int) -> MyEntries:
    member = user_id
    with platform.db.unit_of_work(readonly=True) as uow:
        total = tickets.count_my_drawings(uow, member)
        rows = tickets.my_drawings(uow, member, (page - 1) * limit, limit)
        found = drawings.get_many(uow, [r.drawing_id for r in rows])
    return MyEntries(
        entries=[
            MyEntry(
                drawing_id=r.drawing_id,
                name=found[r.drawing_id].name,
                type=found[r.drawing_id].drawing_type,  # type: ignore[arg-type]
                status=found[r.drawing_id].status,
                drawing_time=found[r.drawing_id].drawing_time,
                tickets=r.tickets,
                points_spent=r.points_spent,
                blocks=r.blocks,
                last_entry_at=r.last_entry_at,
            )
            for r in rows
            if r.drawing_id in found
        ],
        pagination=Pagination(
            page=page,
            limit=limit,
            total_items=total,
            total_pages=math.ceil(total / limit) if total else 0,
        ),
    )
