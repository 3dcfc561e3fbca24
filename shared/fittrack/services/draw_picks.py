"""A drawing's pick sequence with the member behind each pick, and the winner rows
picks make (services/draws.py draws and redraws with them)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from fittrack.db import UnitOfWork, ids
from fittrack.domain import selection
from fittrack.domain.accounts import UserStatus
from fittrack.repositories import drawings, review_flags, snapshots, users, winners

INELIGIBLE = "ineligible"


def algorithm(drawing: drawings.Drawing) -> str:
    return selection.V2 if drawing.beacon_round is not None else selection.V1


class PickSequence:
    """The drawing's pick sequence with each pick's member, computed as far as asked."""

    def __init__(
        self,
        uow: UnitOfWork,
        drawing: drawings.Drawing,
        seed: bytes,
        snapshot: snapshots.Snapshot,
    ) -> None:
        self._uow, self._drawing_id = uow, drawing.drawing_id
        self._iter: Iterator[selection.Pick] = selection.frozen_picks(
            seed,
            bytes.fromhex(snapshot.merkle_root),
            drawing.drawing_id,
            snapshot.lasts,
            snapshot.owner_index,
            [bytes.fromhex(owner) for owner in snapshot.owners],
            algorithm(drawing),
        )
        self._seen: list[selection.Pick] = []

    def at(self, index: int) -> tuple[selection.Pick, uuid.UUID] | None:
        while len(self._seen) <= index:
            nxt = next(self._iter, None)
            if nxt is None:
                return None
            self._seen.append(nxt)
        pick = self._seen[index]
        owner = pick.owner.hex()
        entrant = snapshots.entrants_by_hash(self._uow, self._drawing_id, [owner]).get(owner)
        if entrant is None:
            raise RuntimeError(f"drawing {self._drawing_id}: no entrant behind {owner}")
        return pick, entrant.user_id


def standing_of(uow: UnitOfWork, user_id: uuid.UUID) -> str:
    """awarded, held (under review) or ineligible (banned or closed)."""
    user = users.get(uow, user_id)
    if user is None or user.deleted_at is not None or user.status == UserStatus.BANNED:
        return INELIGIBLE
    return "held" if review_flags.is_flagged(uow, user_id) else "awarded"


def winner_row(
    uow: UnitOfWork,
    drawing_id: uuid.UUID,
    *,
    prize_id: uuid.UUID,
    found: tuple[selection.Pick, uuid.UUID],
    now: datetime,
    replaces: uuid.UUID | None,
) -> winners.Winner:
    """The winner row a pick makes: forfeited at once when its member is ineligible."""
    pick, user_id = found
    standing = standing_of(uow, user_id)
    forfeited = standing == INELIGIBLE
    return winners.Winner(
        winner_id=ids.new_id(),
        drawing_id=drawing_id,
        prize_id=prize_id,
        user_id=user_id,
        ticket_number=pick.ticket_number,
        draw_index=pick.index,
        status="forfeited" if forfeited else standing,
        selected_at=now,
        forfeited_at=now if forfeited else None,
        forfeit_reason=f"{INELIGIBLE}: account banned or closed" if forfeited else None,
        replaces_winner_id=replaces,
    )


def winner_doc(w: winners.Winner, owner: str | None = None) -> dict[str, Any]:
    return {
        "drawIndex": w.draw_index,
        "ticketNumber": w.ticket_number,
        "prizeId": str(w.prize_id),
        "status": w.status,
        "winnerId": str(w.winner_id),
        **({"ownerHash": owner} if owner else {}),
    }
