"""The 15-minute sync pipeline: queue what is due, consume queue batches, webhooks.

- `queue_due` (scheduled every 15 minutes): active connections whose `next_sync_at`
  has come (15 minutes after their last sync, or the end of a back-off) get one
  `sync-jobs` message each; `next_sync_at` moves 15 minutes on, so a lost message is
  simply queued again by a later tick.
- `consume` (the queue consumer): each message is one attempt (`services.sync_job`).
  Delivery is at least once: a message whose connection synced after it was queued
  is skipped, a connection leased by another worker is skipped (that worker reads
  everything since the cursor), and ingestion pays each day only what it still owes.
  A connection that keeps failing is backed off exponentially; after MAX_ATTEMPTS
  consecutive failures its message is dead-lettered: the batch is reported failed so
  the queue redelivers it until its dead-letter count moves it to the DLQ (the
  other messages of the batch are skipped cheaply on redelivery).
- `google_health_webhook`: the subscriber endpoint. The verification handshake gets
  201 with the shared secret in `Authorization` and 401 without it; a data-change
  notification queues a sync for the member it names (at most one per minute).
"""

from __future__ import annotations

import hmac
import json
import secrets
from collections import Counter
from typing import TYPE_CHECKING, Any

from fittrack import log
from fittrack.domain.connections import ConnectionStatus
from fittrack.domain.errors import FieldError, Unauthorized, ValidationFailed
from fittrack.domain.sync import SYNC_INTERVAL, WEBHOOK_DEBOUNCE
from fittrack.repositories import connections
from fittrack.services import sync_job
from fittrack.services.sync_queue import QUEUE, enqueue, message

__all__ = ["QUEUE", "enqueue", "message"]  # the queue's vocabulary, used with this module
if TYPE_CHECKING:
    from fittrack.platform import Platform

logger = log.get_logger("fittrack.sync")
TRIGGERS = ("scheduled", "forced", "initial", "webhook")
DUE_LIMIT = 5000
WEBHOOK_SECRET = "google-health-webhook-secret"  # noqa: S105 - a secret's name


class SyncGaveUp(RuntimeError):
    """Raised after a batch whose messages must go to the dead-letter queue."""


def queue_due(platform: Platform) -> dict[str, int]:
    now = platform.clock()
    with platform.db.unit_of_work() as uow:
        due = connections.due(uow, now, DUE_LIMIT)
        connections.mark_queued(uow, [d.connection_id for d in due], now, now + SYNC_INTERVAL)
    for item in due:
        enqueue(
            platform,
            item.connection_id,
            user_id=item.user_id,
            provider=item.provider,
            trigger="scheduled",
            now=now,
        )
    if due:
        logger.info("due syncs queued", extra={"count": len(due)})
    return {"queued": len(due)}


def consume(platform: Platform, messages: list[Any]) -> dict[str, int]:
    """Run every message of a batch; raise SyncGaveUp at the end if one must be dead-lettered."""
    outcomes: Counter[str] = Counter()
    for raw in messages:
        body = raw.get("body") if isinstance(raw, dict) and "body" in raw else raw
        job = sync_job.parse(body)
        if job is None:
            logger.error("unreadable sync message dropped")
            outcomes["unreadable"] += 1
            continue
        outcomes[sync_job.run(platform, job).kind] += 1
    if outcomes["dead"]:
        raise SyncGaveUp(f"{outcomes['dead']} sync job(s) gave up; dead-lettering")
    return dict(outcomes)


def _health_user_ids(payload: dict[str, Any]) -> set[str]:
    """The Google Health user ids a notification names (`healthUserId`, or a `user`
    resource name `users/{id}`, at the top level or inside `data`)."""
    found: set[str] = set()
    nested = payload.get("data")
    for part in (payload, nested if isinstance(nested, dict) else {}):
        direct = part.get("healthUserId")
        if isinstance(direct, str) and direct:
            found.add(direct)
        user = part.get("user")
        if isinstance(user, str) and user.startswith("users/") and len(user) > 6:
            found.add(user.split("/")[1])
    return found


def webhook_secret(platform: Platform) -> str:
    """The full Authorization value Google Health sends (scheme included)."""
    return platform.secrets.get_or_create(
        WEBHOOK_SECRET, lambda: "Bearer " + secrets.token_urlsafe(32)
    )


def google_health_webhook(platform: Platform, authorization: str | None, body: bytes) -> int:
    """201 for a verified handshake, 204 for a notification handled; 401 without the
    shared secret (so the second verification request fails as Google expects)."""
    expected = webhook_secret(platform)
    if not authorization or not hmac.compare_digest(authorization.encode(), expected.encode()):
        raise Unauthorized("This endpoint needs the subscriber's shared secret.")
    try:
        payload = json.loads(body) if body else {}
    except (UnicodeDecodeError, json.JSONDecodeError):
        payload = None
    if not isinstance(payload, dict):
        raise ValidationFailed([FieldError("body", "send a JSON object", "invalid_json")])
    if payload.get("type") == "verification":
        return 201
    now, queued = platform.clock(), []
    with platform.db.unit_of_work() as uow:
        for health_id in sorted(_health_user_ids(payload)):
            for found in connections.find_by_external(uow, "fitbit", health_id):
                in_backoff = found.backoff_until is not None and found.backoff_until > now
                if (
                    found.status == ConnectionStatus.ACTIVE
                    and not in_backoff
                    and connections.claim_webhook(
                        uow, found.connection_id, now, now - WEBHOOK_DEBOUNCE
                    )
                ):
                    queued.append(found)
    for found in queued:
        enqueue(
            platform,
            found.connection_id,
            user_id=found.user_id,
            provider=found.provider,
            trigger="webhook",
            now=now,
        )
    logger.info("health notification", extra={"queued": len(queued)})
    return 204
