"""Awarding a drawing's winners: each in a transaction of its own, once.

`award` stamps the winner's `notified_at` once, creates the fulfillment (idempotent
per winner) and notifies (idempotent per dedupe key `prize_won:{winner_id}`), so
`award_pending` run again, or by the lifecycle job, finishes whatever a crash left.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from fittrack.db import UnitOfWork
from fittrack.domain.winners import WinnerStatus
from fittrack.repositories import drawings, prizes, winners
from fittrack.services import fulfillment, notifications

if TYPE_CHECKING:
    from fittrack.platform import Platform

Checkpoint = Callable[[str], None]  # the crash drills' hook: called after each step


def no_checkpoint(step: str) -> None:
    return None


def award_pending(
    platform: Platform, drawing_id: uuid.UUID | None = None, checkpoint: Checkpoint = no_checkpoint
) -> int:
    """Award every winner not notified yet (of one drawing, or all); how many were."""
    with platform.db.unit_of_work(readonly=True) as uow:
        pending = [
            w
            for w in winners.pending_awards(uow)
            if drawing_id is None or w.drawing_id == drawing_id
        ]
    done = 0
    for winner in pending:
        with platform.db.unit_of_work() as uow:
            current = winners.get(uow, winner.winner_id)
            drawing = drawings.get(uow, winner.drawing_id)
            if current is not None and drawing is not None:
                done += award(uow, drawing, current, platform.clock())
                checkpoint(f"awarding:{winner.draw_index}")
        checkpoint(f"awarded:{winner.draw_index}")
    return done


def award(
    uow: UnitOfWork, drawing: drawings.Drawing, winner: winners.Winner, now: datetime
) -> bool:
    """Create the fulfillment and tell the winner, once (False when already done)."""
    if not winners.claim_notification(uow, winner.winner_id, now):
        return False
    prize = prizes.get(uow, winner.prize_id)
    if prize is None:
        raise RuntimeError(f"winner {winner.winner_id} has no prize")
    held = winner.status == WinnerStatus.HELD
    fulfillment.create_for_winner(
        uow,
        drawing_id=drawing.drawing_id,
        prize_id=prize.prize_id,
        winner_id=winner.winner_id,
        user_id=winner.user_id,
        held=held,
        now=now,
    )
    claim = (
        "Confirm your delivery email"
        if prize.fulfillment_type == "digital"
        else "Confirm your shipping address"
    )
    body = f"Ticket #{winner.ticket_number} won {prize.name} in {drawing.name}. " + (
        "Your prize is on hold while your account is reviewed."
        if held
        else f"{claim} within 14 days to receive it."
    )
    notifications.notify(
        uow,
        user_id=winner.user_id,
        kind="prize_won",
        title=f"You won {prize.name}!",
        body=body,
        data={
            "drawingId": str(drawing.drawing_id),
            "prizeId": str(prize.prize_id),
            "winnerId": str(winner.winner_id),
            "ticketNumber": winner.ticket_number,
            "held": held,
        },
        email=True,
        now=now,
        dedupe_key=f"prize_won:{winner.winner_id}",
    )
    return True
