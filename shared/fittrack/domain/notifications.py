"""In-app notifications."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True, kw_only=True)
class Notification:
    notification_id: uuid.UUID
    user_id: uuid.UUID
    kind: str
    title: str
    body: str
    data: dict[str, Any] | None
    read_at: datetime | None
    created_at: datetime
