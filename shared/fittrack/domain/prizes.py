"""Prizes: what a drawing gives away, by rank."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True, kw_only=True)
class Prize:
    prize_id: uuid.UUID
    drawing_id: uuid.UUID
    rank: int
    name: str
    description: str | None
    value_usd: Decimal
    quantity: int
    fulfillment_type: str
    sponsor_id: uuid.UUID | None
    image_url: str | None

    def audit_view(self) -> dict[str, Any]:
        return {
            "drawingId": str(self.drawing_id),
            "rank": self.rank,
            "name": self.name,
            "valueUsd": str(self.value_usd),
            "quantity": self.quantity,
            "fulfillmentType": self.fulfillment_type,
            "sponsorId": str(self.sponsor_id) if self.sponsor_id else None,
        }
