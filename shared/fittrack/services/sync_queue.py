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
# Messages the consumer gave up on, parked by the consumer itself: Connector Hub
# redelivers a whole batch when the function fails, so one poison message must never
# fail its batch (docs/DEPLOYMENT.md, "Queue delivery").
PARKED_QUEUE = "sync-jobs-parked"


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


def park(platform: Platform, body: Any, reason: str, now: datetime) -> str:
    """Set a message aside for an operator: the original body, why, and when."""
    return platform.queue.send(
        PARKED_QUEUE, {"body": body, "reason": reason, "parkedAt": now.isoformat()}
    )


def requeue(platform: Platform, body: dict[str, Any], *, failures: int, delay_seconds: int) -> str:
    """Send a message that failed unexpectedly back, counting the failures in it: after
    a delay where the queue has one (the local queue), at once on OCI Queue (which has
    no per-message delay and refuses one), never failing the batch for it."""
    again = {**body, "failures": failures}
    try:
        return platform.queue.send(QUEUE, again, delay_seconds=delay_seconds)
    except ValueError:
        return platform.queue.send(QUEUE, again)
