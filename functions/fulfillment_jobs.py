"""Jobs: fulfillment timeouts (warning at 7 days, forfeit at 14 without a confirmation)."""

from __future__ import annotations

from fittrack.http.jobs import Job
from fittrack.http.registry import function
from fittrack.services import fulfillment


@function(
    "fulfillment_jobs.timeouts",
    schedule="15 6 * * *",
)
def timeouts(job: Job) -> dict:
    """Warn winners at 7 days and forfeit at 14 days without confirmation (daily, 06:15 ET)."""
    return fulfillment.run_timeouts(job.platform)
