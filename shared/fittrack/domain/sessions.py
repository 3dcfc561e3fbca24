"""Sessions: one per device, and the rotating refresh tokens that keep them alive."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, kw_only=True)
class Session:
    session_id: uuid.UUID
    user_id: uuid.UUID
    device_id: str
    user_agent: str | None
    ip_address: str | None
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    revoked_reason: str | None

    def is_active(self, now: datetime) -> bool:
        return self.revoked_at is None and self.expires_at > now


@dataclass(frozen=True, kw_only=True)
class RefreshToken:
    token_id: uuid.UUID
    session_id: uuid.UUID
    user_id: uuid.UUID
    family_id: uuid.UUID
    parent_token_id: uuid.UUID | None
    issued_at: datetime
    expires_at: datetime
    rotated_at: datetime | None
    revoked_at: datetime | None
