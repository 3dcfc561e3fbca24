"""Forfeit and redraw: a prize that its winner lost goes to the next alternate.

It sits above both the draw (which picks the alternate) and fulfillment (which
delivers the prize), so neither of them imports the other.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from fittrack import log
from fittrack.db import UnitOfWork
from fittrack.domain import fulfillment as rules
from fittrack.domain.errors import Conflict, DomainError
from fittrack.repositories import fulfillments as repo
from fittrack.repositories import review_flags, winners
from fittrack.services import draws, fulfillment

logger = log.get_logger("fittrack.redraws")


def redraw(uow: UnitOfWork, f: repo.Fulfillment, now: datetime) -> uuid.UUID | None:
    """Draw the next alternate for a forfeited win; the new fulfillment's id (None: no one left)."""
    if f.status != rules.FORFEITED:
        raise Conflict("Only a forfeited prize can be redrawn.", currentStatus=f.status)
    if winners.replacement_of(uow, f.winner_id) is not None:
        raise Conflict("This prize was already redrawn.")
    new = draws.redraw(
        uow, f.drawing_id, prize_id=f.prize_id, forfeited_winner_id=f.winner_id, now=now
    )
    if new is None:
        return None
    winner_id, user_id = _winner_ids(new)
    return fulfillment.create_for_winner(
        uow,
        drawing_id=f.drawing_id,
        prize_id=f.prize_id,
        winner_id=winner_id,
        user_id=user_id,
        held=review_flags.is_flagged(uow, user_id),
        now=now,
    )


def _winner_ids(new: Any) -> tuple[uuid.UUID, uuid.UUID]:
    get = new.get if isinstance(new, dict) else lambda name: getattr(new, name)
    return uuid.UUID(str(get("winner_id"))), uuid.UUID(str(get("user_id")))


def forfeit_held(uow: UnitOfWork, user_id: uuid.UUID, now: datetime) -> int:
    """A review banned the member: forfeit their held wins and redraw each prize."""
    uid = user_id
    held = repo.held_for_user(uow, uid, rules.PENDING)
    for fid in held:
        done = fulfillment.forfeit(
            uow, fulfillment.load(uow, fid), reason="review_banned", actor_id=None, now=now
        )
        try:
            redraw(uow, done, now)
        except DomainError as refused:  # the ban stands; an admin can redraw later
            logger.warning(
                "redraw after ban refused",
                extra={"fulfillmentId": str(fid), "reason": refused.detail},
            )
    return len(held)
