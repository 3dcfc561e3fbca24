"""Winners for fulfillment API tests, made without the draw: drawing, prize and
drawing_winners rows in SQL, then the fulfillment service the draw itself calls."""

from __future__ import annotations

import uuid
from typing import Any

from fittrack.local.server import LocalPlatform
from fittrack.services import fulfillment
from tests.fixtures import prize_rows


def win(
    local: LocalPlatform,
    user_id: uuid.UUID,
    *,
    value: str = "50.00",
    kind: str = "physical",
    held: bool = False,
    drawing_id: uuid.UUID | None = None,
    rank: int = 1,
) -> dict[str, Any]:
    """A fulfillment for `user_id`; returns its ids (fulfillmentId, winnerId, ...)."""
    platform = local.platform
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        drawing_id = drawing_id or prize_rows.drawing(uow, now)
        prize_id = prize_rows.prize(uow, drawing_id, now, rank=rank, value=value, kind=kind)
        index = int(
            uow.scalar(
                "SELECT COUNT(*) FROM drawing_winners WHERE drawing_id = :d",
                {"d": drawing_id.bytes},
            )
            or 0
        )
        winner_id = prize_rows.winner(
            uow, drawing_id, prize_id, user_id, index, now, status="held" if held else "awarded"
        )
        fid = fulfillment.create_for_winner(
            uow,
            drawing_id=drawing_id,
            prize_id=prize_id,
            winner_id=winner_id,
            user_id=user_id,
            held=held,
            now=now,
        )
    return {
        "fulfillmentId": str(fid),
        "winnerId": winner_id,
        "prizeId": prize_id,
        "drawingId": drawing_id,
    }


ADDRESS = {
    "name": "Ann Lee",
    "street1": "1 Main St",
    "city": "Springfield",
    "state": "IL",
    "zip": "62701",
}
