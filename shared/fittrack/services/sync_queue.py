"""The sync-jobs queue: one message per sync attempt, and how to send one.

Shared by the scheduler side (`services.sync`) and the consumer (`services.sync_job`),
which re-queues delayed retries.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fittrack.platform import Platform

QUEUE = "sync-jobs"


def message(
    connection_id: uuid.UUID,
    user_id: uuid.UUID,
    *,
    provider: str,
    trigger: str,
    queued_at: datetime,
) -> dict[str, Any]:
    return {
        "connectionId": str(connection_id),
        "userId": str(user_id),
        "provider": provider,
        "trigger": trigger,
        "queuedAt": queued_at.isoformat(),
    }


def enqueue(
    platform: Platform,
    connection_id: uuid.UUID,
    *,
    user_id: uuid.UUID,
    provider: str,
    trigger: str,
    now: datetime,
    delay_seconds: int = 0,
) -> str:
    """Queue one sync attempt (after the caller's transaction has committed)."""
    return platform.queue.send(
        QUEUE,
        message(connection_id, user_id, provider=provider, trigger=trigger, queued_at=now),
        delay_seconds=delay_seconds,
    )
