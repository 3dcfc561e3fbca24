"""Admin fulfillment: list, view, notes and address status, ship, deliver, forfeit, redraw.

Every change is one transaction with its audit_log entry (before/after) and an
admin_actions row in the winner's history.
"""

from __future__ import annotations

import math
import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any

from fittrack.db import UnitOfWork
from fittrack.domain import fulfillment as rules
from fittrack.domain.errors import Conflict
from fittrack.repositories import admin_audit, winners
from fittrack.repositories import fulfillments as repo
from fittrack.schemas.base import Pagination
from fittrack.schemas.fulfillment import (
    FulfillmentPage,
    FulfillmentView,
    ShipPrize,
    UpdateFulfillment,
)
from fittrack.services import fulfillment as core
from fittrack.services import redraws

if TYPE_CHECKING:
    from fittrack.domain.identity import Caller
    from fittrack.platform import Platform


def view(uow: UnitOfWork, f: repo.Fulfillment, detailed: bool = True) -> FulfillmentView:
    tax = repo.tax_details(uow, f.fulfillment_id) if detailed else None
    replacement = winners.replacement_of(uow, f.winner_id) if detailed else None
    redrawn = repo.get_by_winner(uow, replacement.winner_id) if replacement else None
    return FulfillmentView(
        fulfillment_id=f.fulfillment_id,
        winner_id=f.winner_id,
        user_id=f.user_id,
        prize_id=f.prize_id,
        drawing_id=f.drawing_id,
        drawing_name=f.drawing_name,
        prize_name=f.prize_name,
        prize_rank=f.prize_rank,
        value_usd=float(f.value_usd),
        fulfillment_type=f.fulfillment_type,
        status=f.status,
        held=f.status == rules.PENDING,
        shipping_address=f.shipping_address,
        delivery_email=f.delivery_email,
        address_confirmed_at=f.address_confirmed_at,
        carrier=f.carrier,
        tracking_number=f.tracking_number,
        shipped_at=f.shipped_at,
        delivered_at=f.delivered_at,
        tax_info_required=f.tax_info_required,
        tax_info_received=f.tax_info_received_at is not None,
        tax_info_received_at=f.tax_info_received_at,
        tax_id_last4=tax["tax_id_last4"] if tax else None,
        notified_at=f.notified_at,
        warning_due_at=f.warning_due_at,
        warning_sent_at=f.warning_sent_at,
        forfeit_due_at=f.forfeit_due_at,
        forfeited_at=f.forfeited_at,
        notes=f.notes,
        redrawn_fulfillment_id=redrawn.fulfillment_id if redrawn else None,
        created_at=f.created_at,
        updated_at=f.updated_at,
    )


def list_fulfillments(
    platform: Platform, status: str | None, page: int, limit: int
) -> FulfillmentPage:
    with platform.db.unit_of_work(readonly=True) as uow:
        total = repo.count(uow, status)
        items = [
            view(uow, f, detailed=False)
            for f in repo.list_page(uow, (page - 1) * limit, limit=limit, status=status)
        ]
    return FulfillmentPage(
        items=items,
        pagination=Pagination(
            page=page, limit=limit, total_items=total, total_pages=math.ceil(total / limit)
        ),
    )


def get_fulfillment(platform: Platform, fulfillment_id: uuid.UUID) -> FulfillmentView:
    with platform.db.unit_of_work(readonly=True) as uow:
        return view(uow, core.load(uow, fulfillment_id))


def _audited(
    uow: UnitOfWork,
    admin: Caller,
    *,
    action: str,
    before: repo.Fulfillment,
    after: repo.Fulfillment,
    now: datetime,
    reason: str | None = None,
    extra: dict[str, Any] | None = None,
) -> None:
    admin_id = admin.user_id
    after_doc = {**after.audit_view(), **(extra or {})}
    admin_audit.record_audit(
        uow,
        entity_type="fulfillment",
        entity_id=before.fulfillment_id,
        action=f"fulfillment.{action}",
        actor_id=admin_id,
        before=before.audit_view(),
        after=after_doc,
        now=now,
    )
    admin_audit.record_admin_action(
        uow,
        admin_id=admin_id,
        action=f"fulfillment.{action}",
        target_user_id=before.user_id,
        reason=reason,
        before={"fulfillmentId": str(before.fulfillment_id), **before.audit_view()},
        after={"fulfillmentId": str(before.fulfillment_id), **after_doc},
        now=now,
    )


def update_fulfillment(
    platform: Platform, admin: Caller, fulfillment_id: uuid.UUID, body: UpdateFulfillment
) -> FulfillmentView:
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        f = core.load(uow, fulfillment_id)
        changes: dict[str, Any] = {}
        if "notes" in body.model_fields_set:
            changes["notes"] = body.notes
        target = f.status
        if body.address_status == "invalid":
            target = rules.ADDRESS_INVALID
            due = rules.deadlines(now)  # the winner gets a fresh 7/14 days to correct it
            changes.update(
                warning_due_at=due.warning_due_at,
                forfeit_due_at=due.forfeit_due_at,
                warning_sent_at=None,
            )
        elif body.address_status == "confirmed":
            if f.shipping_address is None and f.delivery_email is None:
                raise Conflict("The winner has not given an address or email yet.")
            target = rules.ADDRESS_CONFIRMED
            changes["address_confirmed_at"] = now
        done = (
            core.transition(uow, f, target=target, changes=changes, now=now)
            if body.address_status
            else core.update_fields(uow, f, changes, now)
        )
        _audited(uow, admin, action="updated", before=f, after=done, now=now)
        if target == rules.ADDRESS_INVALID:
            core.tell(uow, done, kind="system", now=now, key_suffix=f":invalid:{now.isoformat()}")
        return view(uow, done)


def ship(
    platform: Platform, admin: Caller, fulfillment_id: uuid.UUID, body: ShipPrize
) -> FulfillmentView:
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        f = core.load(uow, fulfillment_id)
        rules.check_ship(f.status, f.tax_info_required, f.tax_info_received_at is not None)
        done = core.transition(
            uow,
            f,
            target=rules.SHIPPED,
            changes={
                "carrier": body.carrier,
                "tracking_number": body.tracking_number,
                "shipped_at": now,
            },
            now=now,
        )
        _audited(uow, admin, action="shipped", before=f, after=done, now=now)
        core.tell(uow, done, kind="prize_shipped", now=now)
        return view(uow, done)


def deliver(platform: Platform, admin: Caller, fulfillment_id: uuid.UUID) -> FulfillmentView:
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        f = core.load(uow, fulfillment_id)
        done = core.transition(
            uow, f, target=rules.DELIVERED, changes={"delivered_at": now}, now=now
        )
        _audited(uow, admin, action="delivered", before=f, after=done, now=now)
        core.tell(uow, done, kind="prize_delivered", now=now)
        return view(uow, done)


def forfeit(
    platform: Platform, admin: Caller, fulfillment_id: uuid.UUID, reason: str
) -> FulfillmentView:
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        f = core.load(uow, fulfillment_id)
        done = core.forfeit(uow, f, reason=reason, actor_id=admin.user_id, now=now)
        admin_audit.record_admin_action(
            uow,
            admin_id=admin.user_id,
            action="fulfillment.forfeited",
            target_user_id=f.user_id,
            reason=reason,
            before={"fulfillmentId": str(f.fulfillment_id), **f.audit_view()},
            after={"fulfillmentId": str(f.fulfillment_id), **done.audit_view()},
            now=now,
        )
        return view(uow, done)


def redraw(platform: Platform, admin: Caller, fulfillment_id: uuid.UUID) -> FulfillmentView:
    """Give a forfeited prize to the drawing's next alternate; the new winner's fulfillment."""
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        f = core.load(uow, fulfillment_id)
        new_id = redraws.redraw(uow, f, now)
        if new_id is None:
            raise Conflict("No eligible alternate is left for this prize.", reason="no_alternates")
        new = core.load(uow, new_id)
        _audited(
            uow,
            admin,
            action="redrawn",
            before=f,
            after=f,
            now=now,
            extra={"newFulfillmentId": str(new_id), "newWinnerId": str(new.winner_id)},
        )
        return view(uow, new)
