"""The points ledger: every change to a balance, with the balance after it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class LedgerEntry:
    entry_id: uuid.UUID
    user_id: uuid.UUID
    entry_type: str
    amount: int
    balance_after: int
    reason: str | None
    reference_type: str | None
    reference_id: uuid.UUID | None
    idempotency_key: str
    created_by: uuid.UUID | None
    created_at: datetime
    replayed: bool = False  # True when the key had already been posted (nothing changed)
