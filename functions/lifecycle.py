"""The drawing lifecycle job (every minute, America/New_York)."""

from __future__ import annotations

from fittrack.http.jobs import Job
from fittrack.http.registry import function
from fittrack.services import lifecycle


@function("lifecycle.drawings", schedule="* * * * *", memory=512, timeout=120)
def drawings(job: Job) -> dict:
    """Create upcoming recurring drawings, open, close sales, draw, award, refund."""
    return lifecycle.run(job.platform)
