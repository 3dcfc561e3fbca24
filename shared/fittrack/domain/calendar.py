"""The program calendar: days, weeks (from Monday) and months in America/New_York.

Pure rules (no clock is read here): `fittrack.clock` supplies the current moment.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from fittrack.domain.errors import FieldError, ValidationFailed

PROGRAM_TZ = ZoneInfo("America/New_York")


def program_day(moment: datetime) -> date:
    """The America/New_York calendar day a UTC moment falls on."""
    return moment.astimezone(PROGRAM_TZ).date()


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def month_start(day: date) -> date:
    return day.replace(day=1)


def start_of_day_utc(day: date) -> datetime:
    """Midnight ET of a program day, as a UTC moment (DST-aware)."""
    return datetime.combine(day, time.min, PROGRAM_TZ).astimezone(UTC)


def next_daily_reset(moment: datetime) -> datetime:
    return start_of_day_utc(program_day(moment) + timedelta(days=1))


def next_weekly_reset(moment: datetime) -> datetime:
    return start_of_day_utc(week_start(program_day(moment)) + timedelta(days=7))


def next_monthly_reset(moment: datetime) -> datetime:
    first = month_start(program_day(moment))
    following = (first + timedelta(days=32)).replace(day=1)
    return start_of_day_utc(following)


def require_day_range(start: date | None, end: date | None) -> None:
    """A startDate/endDate filter reads forwards: the contract declares this refusal."""
    if start and end and end < start:
        raise ValidationFailed([FieldError("endDate", "Not before `startDate`.", "before_start")])
