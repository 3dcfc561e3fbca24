"""Admin: create, edit, schedule, open, close, draw and cancel drawings; their audit trail.

Every change is written to the hash-chained audit log with the admin as actor.
Edits are allowed while a drawing is a draft or scheduled; afterwards its terms
are frozen, and results are never edited by hand.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from fittrack.db import UnitOfWork, ids
from fittrack.domain import drawings as rules
from fittrack.domain.drawings import DrawingStatus
from fittrack.domain.eligibility import Rules
from fittrack.domain.errors import Conflict, FieldError, NotFound, ValidationFailed
from fittrack.repositories import audit, drawings, prizes, winners
from fittrack.schemas.base import Pagination
from fittrack.schemas.drawing_admin import (
    AdminDrawingList,
    AdminDrawingsQuery,
    AdminDrawingView,
    DrawingAudit,
    DrawingCreate,
    DrawingUpdate,
    ExecutionResult,
)
from fittrack.schemas.drawings import EligibilityView
from fittrack.services import audit_log, draws, lifecycle
from fittrack.services.drawing_views import results, view

if TYPE_CHECKING:
    from fittrack.platform import Platform


def _summary(d: drawings.Drawing) -> dict[str, Any]:
    return {
        "status": d.status,
        "name": d.name,
        "type": d.drawing_type,
        "ticketCostPoints": d.ticket_cost_points,
        "drawingTime": d.drawing_time.isoformat(),
        "salesCloseTime": d.sales_close_time.isoformat(),
        "opensAt": d.opens_at.isoformat() if d.opens_at else None,
        "eligibility": d.eligibility,
    }


def admin_view(uow: UnitOfWork, d: drawings.Drawing) -> AdminDrawingView:
    base = view(uow, d, None).model_dump()
    return AdminDrawingView(
        **base,
        template_id=d.template_id,
        period_key=d.period_key,
        next_ticket_number=d.next_ticket_number,
        cancel_reason=d.cancel_reason,
        created_by=d.created_by,
        created_at=d.created_at,
        updated_at=d.updated_at,
    )


def _load(uow: UnitOfWork, drawing_id: uuid.UUID, lock: bool = False) -> drawings.Drawing:
    found = drawings.get(uow, drawing_id, lock=lock)
    if found is None:
        raise NotFound("There is no drawing with this id.")
    return found


def _check_times(drawing_time: datetime, opens_at: datetime | None, now: datetime) -> None:
    errors: list[FieldError] = []
    if rules.sales_close_time(drawing_time) <= now:
        errors.append(
            FieldError(
                "drawingTime",
                "The drawing time must be more than 5 minutes "
                "in the future (sales close 5 minutes before).",
                "too_early",
            )
        )
    if drawing_time > now + rules.MAX_SCHEDULE_AHEAD:
        errors.append(
            FieldError(
                "drawingTime",
                "The drawing time must be within 5 years from now.",
                "too_late",
            )
        )
    if opens_at is not None and opens_at >= rules.sales_close_time(drawing_time):
        errors.append(
            FieldError(
                "opensAt",
                "Sales must open before they close (5 minutes before the drawing time).",
                "after_close",
            )
        )
    if errors:
        raise ValidationFailed(errors)


def _eligibility(body: EligibilityView) -> dict[str, Any]:
    return Rules(body.user_type, body.min_account_age_days).to_json()


def create(platform: Platform, admin_id: uuid.UUID, body: DrawingCreate) -> AdminDrawingView:
    now, admin = platform.clock(), admin_id
    when = body.drawing_time or rules.next_drawing_time(body.drawing_type, now)
    _check_times(when, body.opens_at, now)
    new = drawings.Drawing(
        drawing_id=ids.new_id(),
        drawing_type=body.drawing_type,
        status=DrawingStatus.DRAFT,
        name=body.name,
        description=body.description,
        ticket_cost_points=body.ticket_cost_points or rules.TICKET_COSTS[body.drawing_type],
        opens_at=body.opens_at,
        sales_close_time=rules.sales_close_time(when),
        drawing_time=when,
        eligibility=_eligibility(body.eligibility),
        created_by=admin,
    )
    with platform.db.unit_of_work() as uow:
        drawings.insert(uow, new, now)
        audit.append(
            uow,
            entity_type="drawing",
            entity_id=new.drawing_id,
            action="drawing.created",
            actor_id=admin,
            before=None,
            after=_summary(new),
            now=now,
        )
        return admin_view(uow, _load(uow, new.drawing_id))


def update(
    platform: Platform, admin_id: uuid.UUID, drawing_id: uuid.UUID, body: DrawingUpdate
) -> AdminDrawingView:
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        current = _load(uow, drawing_id, lock=True)
        if current.status not in rules.EDITABLE:
            raise Conflict(
                f"The drawing is {current.status} and can no longer be edited.",
                currentStatus=current.status,
            )
        given = body.model_fields_set
        when = body.drawing_time or current.drawing_time
        opens_at = body.opens_at if "opens_at" in given else current.opens_at
        _check_times(when, opens_at, now)
        changed = replace(
            current,
            drawing_type=body.drawing_type or current.drawing_type,
            name=body.name or current.name,
            description=body.description if "description" in given else current.description,
            ticket_cost_points=body.ticket_cost_points or current.ticket_cost_points,
            drawing_time=when,
            sales_close_time=rules.sales_close_time(when),
            opens_at=opens_at,
            eligibility=(
                _eligibility(body.eligibility) if body.eligibility else current.eligibility
            ),
        )
        if not drawings.update_details(uow, changed, rules.EDITABLE, now):
            raise Conflict("The drawing changed meanwhile; reload it and try again.")
        audit.append(
            uow,
            entity_type="drawing",
            entity_id=current.drawing_id,
            action="drawing.updated",
            actor_id=admin_id,
            before=_summary(current),
            after=_summary(changed),
            now=now,
        )
        return admin_view(uow, _load(uow, drawing_id))


def get(platform: Platform, drawing_id: uuid.UUID) -> AdminDrawingView:
    with platform.db.unit_of_work(readonly=True) as uow:
        return admin_view(uow, _load(uow, drawing_id))


def list_drawings(platform: Platform, query: AdminDrawingsQuery) -> AdminDrawingList:
    statuses = [query.status] if query.status else None
    with platform.db.unit_of_work(readonly=True) as uow:
        total = drawings.count(uow, statuses, query.drawing_type)
        page = drawings.list_page(
            uow,
            statuses,
            drawing_type=query.drawing_type,
            offset=(query.page - 1) * query.limit,
            limit=query.limit,
            newest_first=True,
        )
        items = [admin_view(uow, d) for d in page]
    return AdminDrawingList(
        drawings=items,
        pagination=Pagination(
            page=query.page,
            limit=query.limit,
            total_items=total,
            total_pages=math.ceil(total / query.limit) if total else 0,
        ),
    )


def schedule(platform: Platform, admin_id: uuid.UUID, drawing_id: uuid.UUID) -> AdminDrawingView:
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        current = _load(uow, drawing_id, lock=True)
        if current.status != DrawingStatus.DRAFT:
            raise Conflict(
                str(rules.IllegalDrawingTransition("schedule", current.status)),
                currentStatus=current.status,
            )
        if not prizes.list_for_drawing(uow, current.drawing_id):
            raise Conflict("Add at least one prize before scheduling the drawing.")
        if current.sales_close_time <= now:
            raise Conflict("The drawing time has passed; move it before scheduling.")
        drawings.move(
            uow,
            current.drawing_id,
            from_statuses=[DrawingStatus.DRAFT],
            to_status=DrawingStatus.SCHEDULED,
            now=now,
        )
        audit.append(
            uow,
            entity_type="drawing",
            entity_id=current.drawing_id,
            action="drawing.scheduled",
            actor_id=admin_id,
            before={"status": "draft"},
            after={"status": "scheduled"},
            now=now,
        )
        return admin_view(uow, _load(uow, drawing_id))


def open_now(platform: Platform, admin_id: uuid.UUID, drawing_id: uuid.UUID) -> AdminDrawingView:
    with platform.db.unit_of_work(readonly=True) as uow:
        current = _load(uow, drawing_id)
    if current.status == DrawingStatus.SCHEDULED and current.sales_close_time <= platform.clock():
        raise Conflict("Sales for this drawing would already be closed; move its time first.")
    lifecycle.open_drawing(platform, current.drawing_id, admin_id)
    return get(platform, drawing_id)


def close_now(platform: Platform, admin_id: uuid.UUID, drawing_id: uuid.UUID) -> AdminDrawingView:
    lifecycle.close_drawing(platform, drawing_id, admin_id)
    return get(platform, drawing_id)


def execute(platform: Platform, admin_id: uuid.UUID, drawing_id: uuid.UUID) -> ExecutionResult:
    """Run the draw of a closed drawing; idempotent (a completed one answers its result)."""
    draws.execute(platform, drawing_id, admin_id)
    with platform.db.unit_of_work(readonly=True) as uow:
        current = _load(uow, drawing_id)
        return ExecutionResult(
            drawing=admin_view(uow, current), results=results(uow, current, None)
        )


def cancel(
    platform: Platform, admin_id: uuid.UUID, drawing_id: uuid.UUID, reason: str | None
) -> AdminDrawingView:
    lifecycle.cancel_drawing(platform, drawing_id, admin_id, reason)
    return get(platform, drawing_id)


def audit_trail(platform: Platform, drawing_id: uuid.UUID) -> DrawingAudit:
    with platform.db.unit_of_work(readonly=True) as uow:
        current = _load(uow, drawing_id)
        related = [current.drawing_id]
        related += [p.prize_id for p in prizes.list_for_drawing(uow, current.drawing_id)]
        related += [w.winner_id for w in winners.list_for_drawing(uow, current.drawing_id)]
        entries = audit.for_entities(uow, related)
    return DrawingAudit(
        drawing_id=current.drawing_id,
        entries=[audit_log.view(e) for e in entries],
    )
