"""The sync pipeline's jobs: queue due syncs every 15 minutes, consume sync-jobs batches."""

from __future__ import annotations

from fittrack.http.jobs import Job
from fittrack.http.registry import function
from fittrack.services import sync


@function("sync.enqueue_due", schedule="*/15 * * * *", timeout=120)
def enqueue_due(job: Job) -> dict[str, int]:
    """Queue one sync-jobs message per connection that is due."""
    return sync.queue_due(job.platform)


@function("sync.consume", queue="sync-jobs", memory=512, timeout=120)
def consume(job: Job) -> dict[str, int]:
    """Sync each connection of a batch: fetch since its cursor, ingest, record."""
    return sync.consume(job.platform, job.messages)
