"""What settling a member's days produced: the record an ingest returns."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class DayPayment:
    """One program day an ingest recomputed."""

    program_day: date
    points_paid: int  # credited by this ingest (0 when nothing more was due)
    total_paid: int  # everything credited for the day so far (daily_points.total_paid)
    day_value: int  # what the day is worth now, after the 1,000 cap
    active_day: bool
    first_reached_at: datetime | None  # when total_paid last grew
    entry_id: uuid.UUID | None  # the earn ledger entry, when points_paid > 0


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestResult:
    user_id: uuid.UUID
    eligible: bool  # whether the member could earn at the time of the ingest
    earning_from: date | None  # the first program day that pays (None: cannot earn now)
    received: int  # activities in the request (after collapsing repeats of one record)
    stored: int  # new records
    replaced: int  # known records whose content changed
    unchanged: int  # known records sent again as they were
    duplicates: int  # records of this batch kept only as cross-source duplicates
    days: tuple[DayPayment, ...]  # every recomputed day, ascending
    balance: int  # the member's point balance afterwards

    @property
    def points_awarded(self) -> int:
        return sum(day.points_paid for day in self.days)

    @property
    def paid_days(self) -> tuple[DayPayment, ...]:
        return tuple(day for day in self.days if day.points_paid > 0)
