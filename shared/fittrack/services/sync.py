"""The 15-minute sync pipeline: queue what is due, consume queue batches.

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

The Google Health webhook that also queues syncs is `services.health_webhooks`.
"""

from __future__ import annotations

import time
from collections import Counter
from typing import TYPE_CHECKING, Any

from fittrack import log
from fittrack.domain.sync import MAX_ATTEMPTS, SYNC_INTERVAL
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
# A page of due connections per transaction; a run stops queueing after its budget (the
# function's timeout is 120 s), so 100,000 connections fit one 15-minute run.
DUE_PAGE = 1000
DUE_BUDGET_SECONDS = 90.0
MAX_UNEXPECTED_FAILURES = 3  # an exception (not a provider failure) this often: parked
REQUEUE_DELAY_SECONDS = 60


def queue_due(
    platform: Platform, *, page_size: int = DUE_PAGE, budget_seconds: float = DUE_BUDGET_SECONDS
) -> dict[str, int]:
    """Queue every connection that is due, a page at a time (claimed in one transaction,
    then sent in batches) until none is left or the time budget of this run is spent;
    what is left is due at the next run."""
    started, queued = time.monotonic(), 0
    while time.monotonic() - started < budget_seconds:
        now = platform.clock()
        with platform.db.unit_of_work() as uow:
            due = connections.due(uow, now, page_size)
            connections.mark_queued(uow, [d.connection_id for d in due], now, now + SYNC_INTERVAL)
        if not due:
            break
        bodies = [
            message(
                d.connection_id, d.user_id, provider=d.provider, trigger="scheduled", queued_at=now
            )
            for d in due
        ]
        platform.queue.send_many(QUEUE, bodies)
        queued += len(due)
        if len(due) < page_size:
            break
    if queued:
        logger.info("due syncs queued", extra={"count": queued})
    return {"queued": queued}


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
