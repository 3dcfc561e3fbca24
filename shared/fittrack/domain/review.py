"""Review flags: members waiting for an admin's decision (anomalies, shared devices)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any


class FlagStatus(StrEnum):
    OPEN = "open"
    CLEARED = "cleared"
    BANNED = "banned"


@dataclass(frozen=True, kw_only=True)
class Flag:
    flag_id: uuid.UUID
    user_id: uuid.UUID
    reason: str
    status: str
    details: dict[str, Any]
    created_by: uuid.UUID | None
    created_at: datetime
    resolved_by: uuid.UUID | None
    resolved_at: datetime | None
    resolution_note: str | None
