"""Points on the wire: balance, ledger, today's progress, streak, admin adjustments."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import Field, StrictStr, field_validator

from fittrack.schemas.base import MAX_PAGE, ApiModel, Pagination, ProgramDate
from fittrack.schemas.values import JsonInt

EntryType = Literal["earn", "spend", "adjust", "refund"]
MAX_ADJUSTMENT = 1_000_000


class PointsBalance(ApiModel):
    balance: int
    lifetime_points: int
    points_today: int
    daily_cap: int
    earning_from: date | None = Field(
        description="The first program day (America/New_York) that pays: the day the "
        "profile was completed, or the day a suspension ended. Null while the "
        "member cannot earn (profile incomplete, pending, suspended, banned)."
    )
    as_of: datetime


class LedgerEntryView(ApiModel):
    entry_id: uuid.UUID
    entry_type: str
    amount: int
    balance_after: int
    reason: str | None
    reference_type: str | None
    reference_id: uuid.UUID | None
    created_at: datetime


class TransactionsQuery(ApiModel):
    start_date: ProgramDate | None = None
    end_date: ProgramDate | None = None
    type: EntryType | None = None
    page: int = Field(1, ge=1, le=MAX_PAGE)
    limit: int = Field(20, ge=1, le=100)

    contract_refusals = {("endDate", "before_start"): "Not before `startDate`."}


class TransactionList(ApiModel):
    transactions: list[LedgerEntryView]
    pagination: Pagination


class DailyQuery(ApiModel):
    day: ProgramDate | None = Field(None, alias="date")


class StepsProgress(ApiModel):
    steps: int
    counted_steps: int
    steps_cap: int
    points: int
    cap: int
    remaining: int


class MinutesProgress(ApiModel):
    light_minutes: int
    moderate_minutes: int
    vigorous_minutes: int
    active_minutes: int
    light_points: int
    moderate_points: int
    vigorous_points: int
    points: int
    cap: int | None = None  # no cap of its own: only the daily cap


class WorkoutProgress(ApiModel):
    workouts: int
    qualifying_workouts: int
    bonuses: int
    max_bonuses: int
    min_minutes: int
    points: int
    cap: int
    remaining: int


class StepGoalProgress(ApiModel):
    goal: int
    reached: bool
    points: int
    cap: int


class StreakProgress(ApiModel):
    streak_days: int
    earned_today: bool
    points: int
    cap: int


class DailyProgress(ApiModel):
    program_day: date
    daily_cap: int
    day_value: int
    points_paid: int
    remaining: int
    active_day: bool
    active_minutes_for_active_day: int
    steps: StepsProgress
    active_minutes: MinutesProgress
    workouts: WorkoutProgress
    step_goal: StepGoalProgress
    streak: StreakProgress


class StreakView(ApiModel):
    current_streak: int
    active_today: bool
    active_minutes_today: int
    active_minutes_needed: int
    streak_length: int
    bonus_points: int
    days_to_next_bonus: int
    longest_streak: int
    last_bonus_day: date | None
    as_of: datetime


class AdjustPoints(ApiModel):
    """POST /admin/users/{userId}/adjust-points: positive credits, negative debits."""

    amount: JsonInt = Field(
        ge=-MAX_ADJUSTMENT, le=MAX_ADJUSTMENT, json_schema_extra={"not": {"const": 0}}
    )
    reason: StrictStr = Field(min_length=3, max_length=500)

    @field_validator("amount")
    @classmethod
    def _not_zero(cls, value: int) -> int:
        if value == 0:
            raise ValueError("amount must not be 0")
        return value


class AdjustmentView(ApiModel):
    user_id: uuid.UUID
    amount: int
    balance: int
    reason: str
    entry: LedgerEntryView
    action_id: uuid.UUID
