"""Tracker connections: a member's link to a provider, its status and its sync state."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class ConnectionStatus(StrEnum):
    ACTIVE = "active"
    ERROR = "error"
    RETIRED = "retired"
    REVOKED = "revoked"


class SyncStatus(StrEnum):
    IDLE = "idle"
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    RETRYING = "retrying"
    FAILED = "failed"


@dataclass(frozen=True, kw_only=True)
class Connection:
    connection_id: uuid.UUID
    user_id: uuid.UUID
    provider: str
    status: str
    external_user_id: str | None
    access_token_enc: bytes | None = field(repr=False)
    refresh_token_enc: bytes | None = field(repr=False)
    token_expires_at: datetime | None
    scopes: str | None
    is_primary: bool
    last_sync_at: datetime | None
    next_sync_at: datetime | None
    forced_sync_at: datetime | None
    last_error: str | None
    linked_at: datetime
    revoked_at: datetime | None
    retired_at: datetime | None
    sync_status: str
    sync_cursor: datetime | None
    failure_count: int
    backoff_until: datetime | None
    lease_owner: str | None
    lease_expires_at: datetime | None
