"""The admin review queue (anti-gaming flags)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from fittrack.schemas.base import MAX_PAGE, ApiModel, Pagination


class ReviewQueueQuery(ApiModel):
    status: Literal["open", "cleared", "banned", "all"] = "open"
    page: int = Field(default=1, ge=1, le=MAX_PAGE)
    limit: int = Field(default=20, ge=1, le=100)


class ReviewFlagView(ApiModel):
    flag_id: uuid.UUID
    user_id: uuid.UUID
    email: str | None = None
    display_name: str | None = None
    tier_code: str | None = None
    user_status: str | None = None
    reason: str  # anomaly | shared_device | manual
    status: str  # open | cleared | banned
    details: dict[str, Any]
    created_at: datetime
    resolved_at: datetime | None = None
    resolved_by: uuid.UUID | None = None
    resolution_note: str | None = None


class ReviewQueuePage(ApiModel):
    items: list[ReviewFlagView]
    pagination: Pagination


class ResolveFlag(ApiModel):
    decision: Literal["clear", "ban"]
    note: str = Field(min_length=1, max_length=1000)
