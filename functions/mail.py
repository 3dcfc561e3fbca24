"""Email dispatch: sends what the transactional outbox holds."""

from __future__ import annotations

from fittrack.http.jobs import Job
from fittrack.http.registry import function


@function("mail.dispatch", schedule="* * * * *", timeout=60)
def dispatch(job: Job) -> dict:
    """Send pending outbox emails (every minute)."""
    from fittrack.services import email

    return {"sent": email.dispatch_pending(job.platform)}
