"""What time it is: the clock services are given, and the program calendar they use.

The calendar itself (days, weeks and months in America/New_York) is a domain rule
in `fittrack.domain.calendar`, re-exported here for the layers above the domain.
"""

from __future__ import annotations

import time as _time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from fittrack.domain.calendar import (
    PROGRAM_TZ,
    month_start,
    next_daily_reset,
    next_monthly_reset,
    next_weekly_reset,
    program_day,
    start_of_day_utc,
    week_start,
)

__all__ = [
    "PROGRAM_TZ",
    "Clock",
    "month_start",
    "next_daily_reset",
    "next_monthly_reset",
    "next_weekly_reset",
    "program_day",
    "running_from",
    "start_of_day_utc",
    "utc_now",
    "week_start",
]

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def running_from(start: datetime) -> Clock:
    """A clock that reads `start` now and then moves with real time.

    The local platform and the tests use it to run on a calendar they choose (a
    suite that passes at noon must pass at 00:05 ET too) while time still passes.
    """
    origin = _time.monotonic()

    def now() -> datetime:
        return start + timedelta(seconds=_time.monotonic() - origin)

    return now
