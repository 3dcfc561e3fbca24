"""Sessions: one per device, and the rotating refresh tokens that keep them alive."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

# A rotated refresh token presented again this soon, while none of its successors was ever
# used, is a response the client never received (a reload over an in-flight refresh, two
# tabs refreshing at once), not a stolen copy: it gets one more successor instead of
# revoking the family. At most a few such successors; using any one retires the others.
REUSE_GRACE = timedelta(seconds=30)
REUSE_GRACE_SUCCESSORS = 3


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


def is_lost_response_retry(
    token: RefreshToken, successors: Sequence[RefreshToken], now: datetime
) -> bool:
    """True for a rotated token retried within the grace while no successor was ever used."""
    if token.revoked_at is not None or token.rotated_at is None:
        return False
    if now - token.rotated_at > REUSE_GRACE or len(successors) >= REUSE_GRACE_SUCCESSORS:
        return False
    return all(s.rotated_at is None and s.revoked_at is None for s in successors)
