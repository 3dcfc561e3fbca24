"""Anti-gaming detection (the nightly job feeding the admin review queue)."""

from __future__ import annotations

from datetime import date

from fittrack.http.jobs import Job
from fittrack.http.registry import function
from fittrack.services import review


@function("review.detect_anomalies", schedule="30 1,2,3,4 * * *", memory=512)
def detect_anomalies(job: Job) -> dict:
    """Flag yesterday's 3-sigma outliers per tier and shared devices (nightly from 01:30 ET).

    Runs in batches within the 300 s timeout; the hourly runs until 04:30 ET carry on
    where the last one stopped. A payload {"day": "YYYY-MM-DD"} checks that program day
    instead (from the start)."""
    payload = job.payload if isinstance(job.payload, dict) else {}
    day = date.fromisoformat(payload["day"]) if payload.get("day") else None
    return review.detect_anomalies(job.platform, day)
