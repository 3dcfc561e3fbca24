"""Tracker connection API models. Tokens never appear in any of them."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from fittrack.schemas.base import ApiModel

Action = Literal["none", "reconnect", "link_fitbit"]


class ConnectionView(ApiModel):
    """One linked tracker. `status`: active | error (reconnect) | retired (the provider's
    API is gone; link another) | revoked (unlinked). `action` says what the member
    should do next."""

    provider: str
    display_name: str
    status: str
    is_primary: bool
    sync_status: str
    last_sync_at: datetime | None = None
    next_sync_at: datetime | None = None
    last_error: str | None = None
    linked_at: datetime
    retired_at: datetime | None = None
    action: Action = "none"


class ProviderOption(ApiModel):
    provider: str
    display_name: str


class ConnectionList(ApiModel):
    connections: list[ConnectionView]
    available: list[ProviderOption]  # providers the member can link (or link again)


class ConnectionAuthorization(ApiModel):
    """Where to send the member's browser, and the state the callback must bring back."""

    authorization_url: str
    state: str


class ConnectionCallbackRequest(ApiModel):
    code: str = Field(min_length=1, max_length=2048, repr=False)
    state: str = Field(min_length=1, max_length=256)


class SyncRequested(ApiModel):
    provider: str
    queued: bool
    trigger: str
    next_allowed_at: datetime | None = None  # when the member may force the next sync
