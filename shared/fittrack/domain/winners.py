"""Winners: a drawing's picks and their status (awarded, held for review, forfeited)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class WinnerStatus(StrEnum):
    AWARDED = "awarded"
    HELD = "held"
    FORFEITED = "forfeited"


@dataclass(frozen=True, kw_only=True)
class Winner:
    winner_id: uuid.UUID
    drawing_id: uuid.UUID
    prize_id: uuid.UUID
    user_id: uuid.UUID
    ticket_number: int
    draw_index: int
    status: str  # awarded | held | forfeited
    selected_at: datetime
    notified_at: datetime | None = None
    forfeited_at: datetime | None = None
    forfeit_reason: str | None = None
    replaces_winner_id: uuid.UUID | None = None
