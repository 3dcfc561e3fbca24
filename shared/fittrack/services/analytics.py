"""Admin analytics: the overview of the platform now and series over New York time."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from pydantic import BaseModel

from fittrack.domain.calendar import month_start, program_day, start_of_day_utc, week_start
from fittrack.domain.errors import FieldError, ValidationFailed
from fittrack.repositories import analytics
from fittrack.schemas.analytics import (
    MAX_RANGE_DAYS,
    ActivityBucket,
    ActivitySeries,
    DrawingBucket,
    DrawingSeries,
    Interval,
    Overview,
    PointsFigures,
    RegistrationBucket,
    RegistrationSeries,
    SeriesQuery,
)

if TYPE_CHECKING:
    from fittrack.platform import Platform

DEFAULT_RANGE_DAYS = 30


def overview(platform: Platform) -> Overview:
    now = platform.clock()
    today = start_of_day_utc(program_day(now))
    month_ago = now - timedelta(days=30)
    with platform.db.unit_of_work(readonly=True) as uow:
        return Overview(
            members_by_status=analytics.counts_by(uow, "status"),
            members_by_role=analytics.counts_by(uow, "role"),
            daily_active=analytics.active_members(uow, today),
            monthly_active=analytics.active_members(uow, month_ago),
            points=PointsFigures(
                earned_today=analytics.points_moved(uow, "earn", today),
                spent_today=analytics.points_moved(uow, "spend", today),
                earned_30_days=analytics.points_moved(uow, "earn", month_ago),
                spent_30_days=analytics.points_moved(uow, "spend", month_ago),
            ),
            tickets_sold_30_days=analytics.tickets_sold(uow, month_ago),
            free_entries_30_days=analytics.free_entries(uow, month_ago),
            open_drawings=analytics.open_drawings(uow),
            pending_fulfillments=analytics.pending_fulfillments(uow),
            open_review_flags=analytics.open_review_flags(uow),
            open_appeals=analytics.open_appeals(uow),
        )


def date_range(platform: Platform, query: SeriesQuery) -> tuple[date, date]:
    """The New York days asked for, refused when reversed or longer than allowed."""
    last = query.to_date or program_day(platform.clock())
    first = query.from_date or last - timedelta(days=DEFAULT_RANGE_DAYS - 1)
    if last < first:
        raise ValidationFailed([FieldError("to", "Not before `from`.", "before_from")])
    if (last - first).days >= MAX_RANGE_DAYS:
        message = f"At most {MAX_RANGE_DAYS} days after `from`."
        raise ValidationFailed([FieldError("to", message, "range_too_long")])
    return first, last


def bucket_of(day: date, interval: Interval) -> date:
    if interval == "week":
        return week_start(day)
    if interval == "month":
        return month_start(day)
    return day


def bucket_starts(first: date, last: date, interval: Interval) -> list[date]:
    """Every bucket the range touches, in order (the first may start before `first`)."""
    starts: list[date] = []
    day = first
    while day <= last:
        start = bucket_of(day, interval)
        if not starts or starts[-1] != start:
            starts.append(start)
        day += timedelta(days=1)
    return starts


def day_of_hour(hour: str) -> date:
    """The New York day of a UTC hour written 'YYYY-MM-DDTHH'."""
    return program_day(datetime.strptime(hour, "%Y-%m-%dT%H").replace(tzinfo=UTC))


def fold_hours(hours: dict[str, int], interval: Interval) -> dict[date, int]:
    """UTC hour counts ('YYYY-MM-DDTHH') summed into New York buckets."""
    folded: dict[date, int] = {}
    for hour, n in hours.items():
        start = bucket_of(day_of_hour(hour), interval)
        folded[start] = folded.get(start, 0) + n
    return folded


def _window(first: date, last: date) -> tuple[datetime, datetime]:
    return start_of_day_utc(first), start_of_day_utc(last + timedelta(days=1))


def registrations(platform: Platform, query: SeriesQuery) -> RegistrationSeries:
    first, last = date_range(platform, query)
    since, until = _window(first, last)
    with platform.db.unit_of_work(readonly=True) as uow:
        hours = analytics.registrations_by_hour(uow, since, until)
    folded = fold_hours(hours, query.interval)
    return RegistrationSeries(
        first_day=first,
        last_day=last,
        interval=query.interval,
        buckets=[
            RegistrationBucket(period_start=start, registrations=folded.get(start, 0))
            for start in bucket_starts(first, last, query.interval)
        ],
    )


def activity(platform: Platform, query: SeriesQuery) -> ActivitySeries:
    first, last = date_range(platform, query)
    since, until = _window(first, last)
    with platform.db.unit_of_work(readonly=True) as uow:
        syncs = analytics.syncs_by_hour(uow, since, until)
        earned = analytics.points_by_hour(uow, "earn", since, until)
        spent = analytics.points_by_hour(uow, "spend", since, until)
    syncs_in, earned_in, spent_in = (fold_hours(h, query.interval) for h in (syncs, earned, spent))
    return ActivitySeries(
        first_day=first,
        last_day=last,
        interval=query.interval,
        buckets=[
            ActivityBucket(
                period_start=start,
                syncs=syncs_in.get(start, 0),
                points_earned=earned_in.get(start, 0),
                points_spent=spent_in.get(start, 0),
            )
            for start in bucket_starts(first, last, query.interval)
        ],
    )


def _drawing_bucket(start: date, totals: dict[str, int]) -> DrawingBucket:
    entries = totals["tickets"] + totals["free"]
    participants = totals["participants"]
    return DrawingBucket(
        period_start=start,
        drawings=totals["drawings"],
        participants=participants,
        tickets_sold=totals["tickets"],
        free_entries=totals["free"],
        tickets_per_participant=round(entries / participants, 2) if participants else 0.0,
    )


def drawings(platform: Platform, query: SeriesQuery) -> DrawingSeries:
    first, last = date_range(platform, query)
    since, until = _window(first, last)
    with platform.db.unit_of_work(readonly=True) as uow:
        hours = analytics.drawing_hours(uow, since, until)
        per_drawing = {
            "tickets": analytics.tickets_per_drawing(uow, since, until),
            "free": analytics.free_entries_per_drawing(uow, since, until),
            "participants": analytics.participants_per_drawing(uow, since, until),
        }
    starts = bucket_starts(first, last, query.interval)
    totals = {start: dict.fromkeys(("drawings", *per_drawing), 0) for start in starts}
    for drawing_id, hour in hours.items():
        bucket = totals[bucket_of(day_of_hour(hour), query.interval)]
        bucket["drawings"] += 1
        for name, counts in per_drawing.items():
            bucket[name] += counts.get(drawing_id, 0)
    return DrawingSeries(
        first_day=first,
        last_day=last,
        interval=query.interval,
        buckets=[_drawing_bucket(start, totals[start]) for start in starts],
    )


def to_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def overview_csv(figures: Overview) -> bytes:
    """One `metric,value` row per figure; nested figures are named `group.key`."""
    rows: list[tuple[str, int]] = []
    for name, value in figures.model_dump(by_alias=True).items():
        if isinstance(value, dict):
            rows.extend((f"{name}.{key}", int(n)) for key, n in sorted(value.items()))
        else:
            rows.append((name, int(value)))
    return to_csv(("metric", "value"), rows)


def series_csv(buckets: Sequence[BaseModel]) -> bytes:
    """One row per bucket, the columns named as in the JSON (`periodStart`, ...)."""
    rows = [bucket.model_dump(mode="json", by_alias=True) for bucket in buckets]
    header = list(rows[0]) if rows else ["periodStart"]
    return to_csv(header, ([row[name] for name in header] for row in rows))
