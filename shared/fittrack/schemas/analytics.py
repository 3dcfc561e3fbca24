"""GET /admin/analytics/*: platform figures for admins, as JSON or CSV."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from fittrack.schemas.base import ApiModel, ProgramDate

Interval = Literal["day", "week", "month"]
Format = Literal["json", "csv"]

#: The longest range one request may ask for (about two years of days).
MAX_RANGE_DAYS = 731


class OverviewQuery(ApiModel):
    format: Format = "json"


class SeriesQuery(ApiModel):
    """America/New_York days, both included; without them, the last 30 days."""

    from_date: ProgramDate | None = Field(None, alias="from")
    to_date: ProgramDate | None = Field(None, alias="to")
    interval: Interval = "day"
    format: Format = "json"

    contract_refusals = {
        ("to", "before_from"): "Not before `from`.",
        ("to", "range_too_long"): f"At most {MAX_RANGE_DAYS} days after `from`.",
    }


class PointsFigures(ApiModel):
    earned_today: int
    spent_today: int
    earned_30_days: int
    spent_30_days: int


class Overview(ApiModel):
    """Figures as of now; "today" is the New York day, "30 days" ends now."""

    members_by_status: dict[str, int]
    members_by_role: dict[str, int]
    daily_active: int = Field(description="Members who signed in or synced today.")
    monthly_active: int = Field(description="Members who signed in or synced in 30 days.")
    points: PointsFigures
    tickets_sold_30_days: int
    free_entries_30_days: int
    open_drawings: int
    pending_fulfillments: int
    open_review_flags: int
    open_appeals: int = Field(description="Appeals confirmed and awaiting a decision.")


class RegistrationBucket(ApiModel):
    period_start: date
    registrations: int


class RegistrationSeries(ApiModel):
    first_day: date
    last_day: date
    interval: Interval
    buckets: list[RegistrationBucket]


class ActivityBucket(ApiModel):
    period_start: date
    syncs: int = Field(description="Tracker sync runs started.")
    points_earned: int
    points_spent: int


class ActivitySeries(ApiModel):
    first_day: date
    last_day: date
    interval: Interval
    buckets: list[ActivityBucket]


class DrawingBucket(ApiModel):
    """Drawings whose draw time falls in the bucket (drafts and cancelled ones left out)."""

    period_start: date
    drawings: int
    participants: int = Field(description="Members entered, summed over the drawings.")
    tickets_sold: int
    free_entries: int
    tickets_per_participant: float = Field(
        description="(tickets sold + free entries) / participants, two decimals; 0 if none."
    )


class DrawingSeries(ApiModel):
    first_day: date
    last_day: date
    interval: Interval
    buckets: list[DrawingBucket]
