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
  consecutive failures its message is parked in `sync-jobs-parked`. Every message is
  handled on its own and the batch always succeeds: Connector Hub redelivers a failed
  batch whole, so one poison message would carry its healthy batch-mates into the
  dead-letter queue. An unreadable message is parked at once; one that raises is sent
  back with a growing delay and parked after MAX_UNEXPECTED_FAILURES.
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
from fittrack.domain.sync import MAX_ATTEMPTS, SYNC_INTERVAL, WEBHOOK_DEBOUNCE
from fittrack.repositories import connections
from fittrack.services import sync_job
from fittrack.services.sync_queue import PARKED_QUEUE, QUEUE, enqueue, message, park, requeue

__all__ = [
    "PARKED_QUEUE",
    "QUEUE",
    "enqueue",
    "message",
]  # the queue's vocabulary, used with this module
if TYPE_CHECKING:
    from fittrack.platform import Platform

logger = log.get_logger("fittrack.sync")
TRIGGERS = ("scheduled", "forced", "initial", "webhook")
DUE_LIMIT = 5000
WEBHOOK_SECRET = "google-health-webhook-secret"  # noqa: S105 - a secret's name
MAX_UNEXPECTED_FAILURES = 3  # an exception (not a provider failure) this often: parked
REQUEUE_DELAY_SECONDS = 60


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
    """Run every message of a batch on its own: the batch as a whole always succeeds, so
    Connector Hub never redelivers healthy messages with a poison one. A message that
    gave up, cannot be read or keeps failing unexpectedly is parked; one that failed
    unexpectedly for the first times is sent back with a delay."""
    outcomes: Counter[str] = Counter()
    for raw in messages:
        body = raw.get("body") if isinstance(raw, dict) and "body" in raw else raw
        outcomes[_consume_one(platform, body)] += 1
    return dict(outcomes)


def _consume_one(platform: Platform, body: Any) -> str:
    job = sync_job.parse(body)
    if job is None:
        logger.error("unreadable sync message parked")
        park(platform, body, "unreadable", platform.clock())
        return "unreadable"
    try:
        kind = sync_job.run(platform, job).kind
    except Exception as failed:  # one message's failure must not fail its batch-mates
        return _failed_unexpectedly(platform, body, failed)
    if kind == "dead":
        logger.error("sync job gave up; parked", extra={"connectionId": str(job.connection_id)})
        park(platform, body, f"gave up after {MAX_ATTEMPTS} attempts", platform.clock())
    return kind


def _failed_unexpectedly(platform: Platform, body: dict[str, Any], failed: Exception) -> str:
    failures = int(body.get("failures") or 0) + 1
    logger.exception("sync message failed", extra={"failures": failures})
    if failures >= MAX_UNEXPECTED_FAILURES:
        park(platform, body, f"failed {failures} times: {type(failed).__name__}", platform.clock())
        return "parked"
    requeue(platform, body, failures=failures, delay_seconds=REQUEUE_DELAY_SECONDS * failures)
    return "requeued"


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
