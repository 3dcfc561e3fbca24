"""Privacy retention (PRD 10.3): the daily job that applies the retention table.

- shipping address, delivery email and tax details: 90 days after delivery or
  forfeit, then cleared (the tax details row deleted);
- activities: 2 years from their start, then deleted (points, daily points and
  the ledger stay);
- sign-in IP addresses: 90 days after the session was last seen, then nulled.

Deleted accounts are purged 30 days after deletion by `privacy.purge_deleted`
(the `users.purge` job), which this job does not repeat. docs/privacy-retention.md
is the full account.

Every batch is one unit of work over at most `batch_size` rows, oldest first; a
run stops after `max_batches` batches of a rule or when its time budget is spent,
and the next run carries on where it stopped. A rule changes only rows that are
still due, so a repeated or overlapping run changes nothing twice.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from fittrack import log
from fittrack.db import UnitOfWork
from fittrack.repositories import admin_audit, retention

if TYPE_CHECKING:
    from fittrack.platform import Platform

SHIPPING_AND_TAX_KEPT = timedelta(days=90)
ACTIVITIES_KEPT_YEARS = 2
SIGN_IN_IP_KEPT = timedelta(days=90)

BATCH_SIZE = 500
MAX_BATCHES_PER_RULE = 200
# The job's timeout is 300 s (JOB_DEFAULTS); stop starting batches well before it.
TIME_BUDGET_SECONDS = 240.0

logger = log.get_logger("fittrack.retention")

# Select at most `limit` due rows, then change them: both in the batch's unit of work.
Finder = Callable[[UnitOfWork, int], list[uuid.UUID]]
Changer = Callable[[UnitOfWork, Sequence[uuid.UUID]], int]


@dataclass(frozen=True)
class Cutoffs:
    """Rows older than these instants are due."""

    settled_before: datetime
    activities_before: datetime
    ips_last_seen_before: datetime


@dataclass(frozen=True)
class RetentionRun:
    """What one run changed, and whether it reached the end of everything due."""

    fulfillments_purged: int
    activities_deleted: int
    ip_addresses_cleared: int
    complete: bool

    def as_dict(self) -> dict[str, int | bool]:
        return asdict(self)


class Budget:
    """How many more batches a rule may run, and until when (monotonic time)."""

    def __init__(self, max_batches: int, seconds: float) -> None:
        self.max_batches = max_batches
        self.deadline = time.monotonic() + seconds

    def allows(self, batches_done: int) -> bool:
        return batches_done < self.max_batches and time.monotonic() < self.deadline


def years_before(moment: datetime, years: int) -> datetime:
    """The same instant `years` calendar years earlier (February 29 becomes the 28th)."""
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:
        return moment.replace(year=moment.year - years, day=28)


def cutoffs(now: datetime) -> Cutoffs:
    return Cutoffs(
        settled_before=now - SHIPPING_AND_TAX_KEPT,
        activities_before=years_before(now, ACTIVITIES_KEPT_YEARS),
        ips_last_seen_before=now - SIGN_IN_IP_KEPT,
    )


def apply_retention(
    platform: Platform,
    *,
    batch_size: int = BATCH_SIZE,
    max_batches: int = MAX_BATCHES_PER_RULE,
    time_budget_seconds: float = TIME_BUDGET_SECONDS,
) -> RetentionRun:
    """Apply every retention rule once, the most sensitive data first."""
    now = platform.clock()
    due = cutoffs(now)
    budget = Budget(max_batches, time_budget_seconds)

    def run(find: Finder, change: Changer) -> tuple[int, bool]:
        return _run_rule(platform, find=find, change=change, batch_size=batch_size, budget=budget)

    fulfillments, fulfillments_done = run(
        lambda uow, limit: retention.fulfillments_due(
            uow, settled_before=due.settled_before, limit=limit
        ),
        lambda uow, found: _purge_fulfillments(uow, found, now),
    )
    ips, ips_done = run(
        lambda uow, limit: retention.sessions_with_ip_due(
            uow, last_seen_before=due.ips_last_seen_before, limit=limit
        ),
        lambda uow, found: retention.clear_session_ips(
            uow, found, last_seen_before=due.ips_last_seen_before
        ),
    )
    activities, activities_done = run(
        lambda uow, limit: retention.activities_due(
            uow, started_before=due.activities_before, limit=limit
        ),
        lambda uow, found: retention.delete_activities(
            uow, found, started_before=due.activities_before
        ),
    )
    result = RetentionRun(
        fulfillments_purged=fulfillments,
        activities_deleted=activities,
        ip_addresses_cleared=ips,
        complete=fulfillments_done and ips_done and activities_done,
    )
    logger.info("retention applied", extra=result.as_dict())
    return result


def _run_rule(
    platform: Platform, *, find: Finder, change: Changer, batch_size: int, budget: Budget
) -> tuple[int, bool]:
    """Batches until nothing is due (True) or the budget is spent (False); rows changed."""
    changed = 0
    batches = 0
    while budget.allows(batches):
        with platform.db.unit_of_work() as uow:
            found = find(uow, batch_size)
            changed += change(uow, found) if found else 0
        batches += 1
        if len(found) < batch_size:
            return changed, True
    return changed, False


def _purge_fulfillments(
    uow: UnitOfWork, fulfillment_ids: Sequence[uuid.UUID], now: datetime
) -> int:
    """Clear the personal data of these fulfillments and note each in the audit log."""
    purged = 0
    for fulfillment_id in fulfillment_ids:
        if retention.purge_fulfillment_personal_data(uow, fulfillment_id, now):
            _audit_purge(uow, fulfillment_id, now)
            purged += 1
    return purged


def _audit_purge(uow: UnitOfWork, fulfillment_id: uuid.UUID, now: datetime) -> None:
    admin_audit.record_audit(
        uow,
        entity_type="fulfillment",
        entity_id=fulfillment_id,
        action="fulfillment.personal_data_purged",
        actor_id=None,
        before=None,
        after={"personalDataPurgedAt": now.isoformat()},
        now=now,
    )
