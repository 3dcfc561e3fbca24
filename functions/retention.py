"""Jobs: privacy retention (PRD 10.3, docs/privacy-retention.md)."""

from __future__ import annotations

from fittrack.http.jobs import Job
from fittrack.http.registry import function
from fittrack.services import retention


@function(
    "retention.apply",
    schedule="45 3 * * *",
)
def apply(job: Job) -> dict:
    """Clear shipping and tax details 90 days after delivery or forfeit, delete activities
    older than 2 years and null sign-in IP addresses after 90 days (daily, 03:45 ET)."""
    return retention.apply_retention(job.platform).as_dict()
