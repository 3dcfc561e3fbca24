"""A member's activities: list, one activity, the today/week/month summary; and the
local developer feed into ingestion."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import TYPE_CHECKING

from fittrack.clock import month_start, program_day, week_start
from fittrack.domain import points as rules
from fittrack.domain import streaks
from fittrack.domain.calendar import require_day_range
from fittrack.domain.errors import NotFound
from fittrack.repositories import activities as store
from fittrack.repositories import daily_points
from fittrack.repositories.daily_points import DailyPoints
from fittrack.schemas.activities import (
    ActivitiesQuery,
    ActivityList,
    ActivitySummary,
    ActivityView,
    DayPaymentView,
    DaySummary,
    DevActivities,
    IngestView,
    PeriodSummary,
)
from fittrack.services import ingest
from fittrack.services.points import STREAK_WINDOW, pagination

if TYPE_CHECKING:
    from fittrack.platform import Platform


def view(stored: store.StoredActivity) -> ActivityView:
    activity = stored.activity
    return ActivityView(
        activity_id=stored.activity_id,
        activity_type=activity.activity_type,
        start_time=activity.start_time,
        end_time=activity.end_time,
        duration_minutes=activity.duration_minutes,
        intensity=activity.intensity,
        metrics=dict(activity.metrics),
        source=activity.source,
        external_id=activity.external_id,
        program_day=stored.program_day,
        is_duplicate=stored.is_duplicate,
        superseded_by=stored.superseded_by,
        received_at=stored.received_at,
        updated_at=stored.updated_at,
    )


def list_activities(platform: Platform, user_id: uuid.UUID, query: ActivitiesQuery) -> ActivityList:
    """The member's activities, newest first; dates are program days (inclusive)."""
    require_day_range(query.start_date, query.end_date)
    with platform.db.unit_of_work(readonly=True) as uow:
        found, total = store.list_page(
            uow,
            user_id,
            first=query.start_date,
            last=query.end_date,
            activity_type=query.type,
            include_duplicates=query.include_duplicates,
            limit=query.limit,
            offset=(query.page - 1) * query.limit,
        )
    return ActivityList(
        activities=[view(s) for s in found], pagination=pagination(query.page, query.limit, total)
    )


def get_activity(platform: Platform, user_id: uuid.UUID, activity_id: uuid.UUID) -> ActivityView:
    """One of the member's own activities; anyone else's is not found (404 problem)."""
    try:
        wanted = activity_id
    except ValueError:
        raise NotFound("There is no such activity.") from None
    with platform.db.unit_of_work(readonly=True) as uow:
        found = store.get_for_user(uow, user_id, wanted)
    if found is None:
        raise NotFound("There is no such activity.")
    return view(found)


def summary(platform: Platform, user_id: uuid.UUID) -> ActivitySummary:
    """Today, this week (from Monday) and this month, in program days."""
    now = platform.clock()
    today = program_day(now)
    starts = {"today": today, "week": week_start(today), "month": month_start(today)}
    first = min(starts.values())
    with platform.db.unit_of_work(readonly=True) as uow:
        rows = daily_points.between(uow, user_id, first, today)
        workouts = store.workouts_per_day(uow, user_id, first, today)
        active = daily_points.active_days(uow, user_id, today - STREAK_WINDOW, today)
    periods = {name: _period(start, today, rows, workouts) for name, start in starts.items()}
    today_row = next((row for row in rows if row.program_day == today), None)
    paid_today = today_row.total_paid if today_row else 0
    return ActivitySummary(
        today=periods["today"],
        week=periods["week"],
        month=periods["month"],
        daily_cap=rules.DAILY_CAP,
        points_today=paid_today,
        remaining_today=max(
            0, rules.DAILY_CAP - max(paid_today, today_row.value if today_row else 0)
        ),
        streak_days=streaks.current_streak(active, today),
        as_of=now,
        days=_days(first, today, rows, workouts),
    )


def _days(
    first: date, last: date, rows: list[DailyPoints], workouts: dict[date, int]
) -> list[DaySummary]:
    """Every program day first..last, oldest first; a day without a row counts zero."""
    by_day = {row.program_day: row for row in rows}
    found: list[DaySummary] = []
    for n in range((last - first).days + 1):
        day = first + timedelta(days=n)
        row = by_day.get(day)
        found.append(
            DaySummary(
                program_day=day,
                steps=row.steps if row else 0,
                active_minutes=row.active_minutes if row else 0,
                workouts=workouts.get(day, 0),
                points_earned=row.total_paid if row else 0,
                active_day=bool(row and row.active_day),
            )
        )
    return found


def _period(
    start: date, end: date, rows: list[DailyPoints], workouts: dict[date, int]
) -> PeriodSummary:
    inside = [row for row in rows if start <= row.program_day <= end]
    return PeriodSummary(
        start_date=start,
        end_date=end,
        steps=sum(r.steps for r in inside),
        active_minutes=sum(r.active_minutes for r in inside),
        workouts=sum(n for day, n in workouts.items() if start <= day <= end),
        points_earned=sum(r.total_paid for r in inside),
        active_days=sum(1 for r in inside if r.active_day),
    )


def dev_ingest(platform: Platform, body: DevActivities) -> IngestView:
    """POST /_dev/activities: the ingestion service, as tracker sync will call it."""
    result = ingest.ingest(platform, body.user_id, [a.to_domain() for a in body.activities])
    return IngestView(
        user_id=result.user_id,
        eligible=result.eligible,
        earning_from=result.earning_from,
        received=result.received,
        stored=result.stored,
        replaced=result.replaced,
        unchanged=result.unchanged,
        duplicates=result.duplicates,
        points_awarded=result.points_awarded,
        balance=result.balance,
        days=[
            DayPaymentView(
                program_day=d.program_day,
                points_paid=d.points_paid,
                total_paid=d.total_paid,
                day_value=d.day_value,
                active_day=d.active_day,
            )
            for d in result.days
        ],
    )
