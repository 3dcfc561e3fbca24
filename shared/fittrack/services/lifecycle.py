"""Moving drawings through their life: open, close, cancel with refunds, and the job.

The lifecycle job (every minute) creates the upcoming recurring drawings from the
active templates, opens scheduled drawings whose time has come, closes sales at
`sales_close_time` (freezing the snapshot), runs due draws, finishes interrupted
awards and refunds. Each drawing moves in a transaction of its own, with
conditional updates, so overlapping runs (or an admin acting at the same time)
never move a drawing twice; one failing drawing is logged and the others go on.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from fittrack import log
from fittrack.db import UniqueViolation, UnitOfWork, ids
from fittrack.domain import drawings as rules
from fittrack.domain import selection
from fittrack.domain.drawings import DrawingStatus
from fittrack.domain.errors import Conflict, NotFound
from fittrack.repositories import audit, drawings, ledger, prizes, templates, tickets
from fittrack.services import awards, commitments, draws, transparency

if TYPE_CHECKING:
    from fittrack.platform import Platform

logger = log.get_logger("fittrack.lifecycle")
REFUND_BATCH = 200


def _locked(uow: UnitOfWork, drawing_id: uuid.UUID) -> drawings.Drawing:
    found = drawings.get(uow, drawing_id, lock=True)
    if found is None:
        raise NotFound("There is no drawing with this id.")
    return found


def _illegal(action: str, status: str) -> Conflict:
    return Conflict(str(rules.IllegalDrawingTransition(action, status)), currentStatus=status)


def open_drawing(platform: Platform, drawing_id: uuid.UUID, actor_id: uuid.UUID | None) -> None:
    """scheduled -> open: commit to the terms, the beacon chain and round included."""
    info = platform.beacon.info()  # before the transaction: it may ask the relays
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        drawing = _locked(uow, drawing_id)
        if drawing.status != DrawingStatus.SCHEDULED:
            raise _illegal("open", drawing.status)
        terms, commitment, round_number = commitments.commit_terms(uow, drawing, info)
        if not drawings.move(
            uow,
            drawing_id,
            from_statuses=[DrawingStatus.SCHEDULED],
            to_status=DrawingStatus.OPEN,
            now=now,
            opens_at=now,
            seed_commitment=commitment,
            algorithm=selection.V2,
            beacon_chain_hash=info.chain_hash,
            beacon_round=round_number,
            terms=terms,
        ):
            raise _illegal("open", drawing.status)
        audit.append(
            uow,
            entity_type="drawing",
            entity_id=drawing_id,
            action="drawing.opened",
            actor_id=actor_id,
            before={"status": "scheduled"},
            after={
                "status": "open",
                "seedCommitment": commitment,
                "algorithm": selection.V2,
                "beacon": {"chainHash": info.chain_hash, "round": round_number},
            },
            now=now,
        )
        transparency.record(
            uow,
            "drawing.opened",
            drawing_id,
            {
                "seedCommitment": commitment,
                "algorithm": selection.V2,
                "beaconChainHash": info.chain_hash,
                "beaconRound": round_number,
            },
            now,
        )


def close_drawing(platform: Platform, drawing_id: uuid.UUID, actor_id: uuid.UUID | None) -> None:
    """open -> closed: stop sales and freeze the snapshot (publish its Merkle root)."""
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        drawing = _locked(uow, drawing_id)
        if not drawings.move(
            uow,
            drawing_id,
            from_statuses=[DrawingStatus.OPEN],
            to_status=DrawingStatus.CLOSED,
            now=now,
            sales_close_time=min(drawing.sales_close_time, now),
        ):
            raise _illegal("close", drawing.status)
        snapshot = commitments.freeze(uow, drawing, now)
        audit.append(
            uow,
            entity_type="drawing",
            entity_id=drawing_id,
            action="drawing.closed",
            actor_id=actor_id,
            before={"status": "open"},
            after={
                "status": "closed",
                "merkleRoot": snapshot.merkle_root,
                "entriesHead": drawing.entries_head,
                "totalTickets": snapshot.total_tickets,
                "blockCount": snapshot.block_count,
                "entrantCount": snapshot.entrant_count,
            },
            now=now,
        )
        transparency.record(
            uow,
            "drawing.closed",
            drawing_id,
            {
                "entriesHead": drawing.entries_head,
                "merkleRoot": snapshot.merkle_root,
                "totalTickets": snapshot.total_tickets,
            },
            now,
        )


def cancel_drawing(
    platform: Platform, drawing_id: uuid.UUID, actor_id: uuid.UUID | None, reason: str | None
) -> int:
    """Cancel (any status before completed) and refund every ticket; blocks refunded now."""
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        drawing = _locked(uow, drawing_id)
        if drawing.status != DrawingStatus.CANCELLED:
            if not drawings.move(
                uow,
                drawing_id,
                from_statuses=[
                    DrawingStatus.DRAFT,
                    DrawingStatus.SCHEDULED,
                    DrawingStatus.OPEN,
                    DrawingStatus.CLOSED,
                ],
                to_status=DrawingStatus.CANCELLED,
                now=now,
                cancelled_at=now,
                cancel_reason=reason,
            ):
                raise _illegal("cancel", drawing.status)
            audit.append(
                uow,
                entity_type="drawing",
                entity_id=drawing_id,
                action="drawing.cancelled",
                actor_id=actor_id,
                before={"status": drawing.status},
                after={
                    "status": "cancelled",
                    "reason": reason,
                    "totalTickets": drawing.total_tickets,
                },
                now=now,
            )
            transparency.record(
                uow,
                "drawing.cancelled",
                drawing_id,
                {"fromStatus": drawing.status, "totalTickets": drawing.total_tickets},
                now,
            )
            for user_id in tickets.free_entrant_ids(uow, drawing_id):
                _tell_cancelled(uow, drawing, user_id, now)
    return refund_pending(platform, drawing_id)


def _tell_cancelled(
    uow: UnitOfWork, drawing: drawings.Drawing, user_id: uuid.UUID, now: datetime
) -> None:
    from fittrack.services import notifications

    notifications.notify(
        uow,
        user_id=user_id,
        kind="drawing_cancelled",
        title=f"{drawing.name} was cancelled",
        body=(
            f"{drawing.name} was cancelled. The points you spent on its tickets have been "
            "refunded to your balance."
        ),
        data={"drawingId": str(drawing.drawing_id)},
        email=True,
        now=now,
        dedupe_key=f"drawing_cancelled:{drawing.drawing_id}:{user_id}",
    )


def refund_pending(platform: Platform, drawing_id: uuid.UUID) -> int:
    """Refund a cancelled drawing's unrefunded blocks, a batch per transaction."""
    refunded = 0
    while True:
        now = platform.clock()
        with platform.db.unit_of_work() as uow:
            drawing = drawings.get(uow, drawing_id)
            if drawing is None or drawing.status != DrawingStatus.CANCELLED:
                return refunded
            batch = tickets.unrefunded(uow, drawing_id, REFUND_BATCH)
            for block in batch:
                ledger.post_entry(
                    uow,
                    block.user_id,
                    entry_type="refund",
                    amount=block.points_spent,
                    reason=f"Refund: {drawing.name} was cancelled"[:500],
                    reference_type="ticket_block",
                    reference_id=block.block_id,
                    idempotency_key=f"refund:{block.block_id}",
                    created_by=None,
                    now=now,
                )
                tickets.mark_refunded(uow, block.block_id, now)
                _tell_cancelled(uow, drawing, block.user_id, now)
        refunded += len(batch)
        if len(batch) < REFUND_BATCH:
            return refunded


def create_recurring(platform: Platform) -> int:
    """Create the upcoming drawings of every active template (idempotent per period)."""
    now, created = platform.clock(), 0
    with platform.db.unit_of_work(readonly=True) as uow:
        active = templates.list_all(uow, active_only=True)
    for template in active:
        for occurrence in rules.upcoming(template.drawing_type, now):
            try:
                with platform.db.unit_of_work() as uow:
                    created += _create_from(uow, template, occurrence, now)
            except UniqueViolation:
                continue  # another run created it meanwhile
    return created


def _create_from(
    uow: UnitOfWork, template: templates.Template, occ: rules.Occurrence, now: datetime
) -> int:
    if drawings.find_for_period(uow, template.template_id, occ.period_key) is not None:
        return 0
    drawing_id = ids.new_id()
    drawings.insert(
        uow,
        drawings.Drawing(
            drawing_id=drawing_id,
            drawing_type=template.drawing_type,
            status=DrawingStatus.SCHEDULED if template.prizes else DrawingStatus.DRAFT,
            name=rules.drawing_name(template.name, template.drawing_type, occ.day),
            description=template.description,
            ticket_cost_points=template.ticket_cost_points,
            opens_at=occ.opens_at,
            sales_close_time=occ.sales_close_time,
            drawing_time=occ.drawing_time,
            eligibility=template.eligibility,
            template_id=template.template_id,
            period_key=occ.period_key,
        ),
        now,
    )
    for spec in template.prizes:
        prizes.insert(
            uow,
            prizes.Prize(
                prize_id=ids.new_id(),
                drawing_id=drawing_id,
                rank=int(spec["rank"]),
                name=spec["name"],
                description=spec.get("description"),
                value_usd=Decimal(str(spec["value_usd"])),
                quantity=int(spec.get("quantity", 1)),
                fulfillment_type=spec["fulfillment_type"],
                sponsor_id=uuid.UUID(spec["sponsor_id"]) if spec.get("sponsor_id") else None,
                image_url=spec.get("image_url"),
            ),
            now,
        )
    audit.append(
        uow,
        entity_type="drawing",
        entity_id=drawing_id,
        action="drawing.created",
        actor_id=None,
        before=None,
        after={
            "templateId": str(template.template_id),
            "periodKey": occ.period_key,
            "drawingTime": occ.drawing_time.isoformat(),
            "prizes": len(template.prizes),
        },
        now=now,
    )
    return 1


def _each(step: str, drawing_ids: list[uuid.UUID], action: Callable[[uuid.UUID], Any]) -> int:
    done = 0
    for drawing_id in drawing_ids:
        try:
            action(drawing_id)
            done += 1
        except draws.BeaconPending as waiting:
            logger.info(
                "draw waits for its beacon round",
                extra={"drawingId": str(drawing_id), "round": waiting.round_number},
            )
        except Conflict:
            continue  # moved by someone else meanwhile
        except Exception:
            logger.exception(
                "drawing lifecycle step failed", extra={"step": step, "drawingId": str(drawing_id)}
            )
    return done


def run(platform: Platform) -> dict[str, int]:
    """One pass of the every-minute lifecycle job; counts of what it did."""
    result = {"created": create_recurring(platform)}

    def due(what: str) -> list[uuid.UUID]:
        with platform.db.unit_of_work(readonly=True) as uow:
            return drawings.due_ids(uow, what, platform.clock())

    result["opened"] = _each("open", due("open"), lambda d: open_drawing(platform, d, None))
    result["closed"] = _each("close", due("close"), lambda d: close_drawing(platform, d, None))
    result["drawn"] = _each("draw", due("draw"), lambda d: draws.execute(platform, d, None))
    result["awarded"] = awards.award_pending(platform)
    with platform.db.unit_of_work(readonly=True) as uow:
        cancelled = tickets.drawings_with_unrefunded(uow)
    result["refunded"] = sum(refund_pending(platform, d) for d in cancelled)
    return result
