"""Notification API models."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import Field

from fittrack.schemas.base import MAX_PAGE, ApiModel, Pagination


class NotificationView(ApiModel):
    notification_id: uuid.UUID
    kind: str
    title: str
    body: str
    data: dict[str, Any] | None = None
    read: bool
    read_at: datetime | None = None
    created_at: datetime


class NotificationPage(ApiModel):
    items: list[NotificationView]
    unread_count: int
    pagination: Pagination


class NotificationQuery(ApiModel):
    page: int = Field(1, ge=1, le=MAX_PAGE)
    limit: int = Field(20, ge=1, le=100)
    unread_only: bool = False


class UnreadCount(ApiModel):
    unread_count: int


class ReadAllResult(ApiModel):
    marked_read: int
    unread_count: int
