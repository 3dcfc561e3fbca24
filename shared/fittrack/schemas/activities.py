"""Activities on the wire: the normalised input, the member's views, the dev feed."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

from pydantic import Field

from fittrack.domain.activities import Activity
from fittrack.schemas.base import MAX_PAGE, ApiModel, Pagination, ProgramDate
from fittrack.schemas.values import JsonDatetime, JsonInt

ActivityType = Literal["steps", "workout", "active_minutes"]
Intensity = Literal["light", "moderate", "vigorous"]
Source = Literal["fitbit", "google_fit"]
MetricValue = float | int | str | None


class ActivityIn(ApiModel):
    """A normalised activity (SPEC section 3), camelCase."""

    activity_type: ActivityType
    start_time: JsonDatetime
    end_time: JsonDatetime
    duration_minutes: JsonInt = Field(ge=0, le=24 * 60)
    intensity: Intensity | None = None
    metrics: dict[str, MetricValue] = Field(default_factory=dict)
    source: Source
    external_id: str = Field(min_length=1, max_length=200)

    def to_domain(self) -> Activity:
        return Activity(
            activity_type=self.activity_type,
            start_time=self.start_time,
            end_time=self.end_time,
            duration_minutes=self.duration_minutes,
            intensity=self.intensity,
            metrics=dict(self.metrics),
            source=self.source,
            external_id=self.external_id,
        )


class DevActivities(ApiModel):
    """POST /_dev/activities: feed the ingestion service (local platform only)."""

    user_id: uuid.UUID
    activities: list[ActivityIn] = Field(max_length=5000)


class DayPaymentView(ApiModel):
    program_day: date
    points_paid: int
    total_paid: int
    day_value: int
    active_day: bool


class IngestView(ApiModel):
    user_id: uuid.UUID
    eligible: bool
    earning_from: date | None = Field(
        description="The first program day (America/New_York) that pays; null while the "
        "member cannot earn. Days before it are stored but never paid."
    )
    received: int
    stored: int
    replaced: int
    unchanged: int
    duplicates: int
    points_awarded: int
    balance: int
    days: list[DayPaymentView]


class ActivityView(ApiModel):
    activity_id: uuid.UUID
    activity_type: str
    start_time: datetime
    end_time: datetime
    duration_minutes: int
    intensity: str | None
    metrics: dict[str, Any]
    source: str
    external_id: str
    program_day: date
    is_duplicate: bool
    superseded_by: uuid.UUID | None = None
    received_at: datetime
    updated_at: datetime


class ActivitiesQuery(ApiModel):
    start_date: ProgramDate | None = None
    end_date: ProgramDate | None = None
    type: ActivityType | None = None
    include_duplicates: bool = False
    page: int = Field(1, ge=1, le=MAX_PAGE)
    limit: int = Field(20, ge=1, le=100)

    contract_refusals = {("endDate", "before_start"): "Not before `startDate`."}


class ActivityList(ApiModel):
    activities: list[ActivityView]
    pagination: Pagination


class PeriodSummary(ApiModel):
    start_date: ProgramDate
    end_date: ProgramDate
    steps: int
    active_minutes: int
    workouts: int
    points_earned: int = Field(
        description="Points paid for the period's program days (points are settled per day)."
    )
    active_days: int


class DaySummary(ApiModel):
    """One program day (America/New_York) and the points it paid."""

    program_day: ProgramDate
    steps: int
    active_minutes: int
    workouts: int
    points_earned: int = Field(
        description="Points paid for this program day. Points are settled per day, not per"
        " activity: the day's steps, active minutes and workouts make one value, capped"
        " daily; a later sync of the same day pays only the difference."
    )
    active_day: bool


class ActivitySummary(ApiModel):
    today: PeriodSummary
    week: PeriodSummary
    month: PeriodSummary
    daily_cap: int
    points_today: int
    remaining_today: int
    streak_days: int
    as_of: datetime
    days: list[DaySummary] = Field(
        description="Every program day from the earlier of the week's and the month's first"
        " day to today, oldest first (days without activity count zero). Points are"
        " settled per day."
    )
