"""Leaderboard ordering: the one rule, and its encoding into a Redis sorted set.

The order of a board (SPEC section 5), best first:

1. more points earned in the period;
2. then who reached that total first: the earlier *reach tick*, the moment the
   member's period total last grew, counted in whole ticks from the period's
   origin (ticks of 1 second for daily, weekly and monthly boards, of 1 hour since
   the program epoch for all-time; a member with no points counts as tick 0);
3. then more active days in the period;
4. then the smaller user id (its 16 bytes, as the database compares them).

Redis keeps a board as a sorted set read with ZREVRANGE, which orders by score
descending and breaks score ties by member *descending*. The encoding is

    score  = (points * ticks + (ticks - 1 - reach_tick)) * day_radix + active_days
    member = the user id's 32 hex digits, each digit d replaced by 15 - d

The score is an integer below 2**53, so the double Redis stores holds it exactly,
and it is a mixed-radix number whose digits are (points, inverted reach tick,
active days): comparing scores compares those three keys in order. Equal scores
mean equal keys, and then the inverted member sorts descending exactly when the
user id sorts ascending. So ZREVRANGE order == `sort_key` order. The member is
derived from the user id alone, so ZREVRANK needs nothing but the user id.

The tick sizes are what fit in 53 bits: a month of seconds with 31 active days and
4 million points is 2**48.4; all-time in seconds would not fit at all, hence hours.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from fittrack.domain.calendar import (
    month_start,
    next_daily_reset,
    next_monthly_reset,
    next_weekly_reset,
    program_day,
    start_of_day_utc,
    week_start,
)

PERIODS = ("daily", "weekly", "monthly", "alltime")
PROGRAM_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)  # all-time reach ticks count from here
MAX_POINTS = 1 << 22  # points in a period stay below this (11 years at the daily cap)
SCORE_LIMIT = 1 << 53  # doubles hold every integer below this exactly
SENTINEL_SCORE = -1  # below every real score (scores are >= 0)

_INVERT = str.maketrans("0123456789abcdef", "fedcba9876543210")


@dataclass(frozen=True)
class Scale:
    """The radices of one period's score."""

    tick: timedelta  # resolution of the reach time
    ticks: int  # reach ticks run 0 .. ticks - 1
    day_radix: int  # active days run 0 .. day_radix - 1

    def __post_init__(self) -> None:
        if MAX_POINTS * self.ticks * self.day_radix > SCORE_LIMIT:
            raise ValueError("scale does not fit in a double's 53-bit mantissa")


_SECOND = timedelta(seconds=1)
SCALES = {
    "daily": Scale(_SECOND, 25 * 3600, 2),  # a program day lasts up to 25 hours (DST)
    "weekly": Scale(_SECOND, 7 * 86400 + 3600, 8),
    "monthly": Scale(_SECOND, 31 * 86400 + 3600, 32),
    "alltime": Scale(timedelta(hours=1), 1 << 18, 1 << 13),  # 29 years; 22 years of days
}


@dataclass(frozen=True, kw_only=True)
class Window:
    """One instance of a period: the program days it sums and how its score is built."""

    period: str
    key: str  # '2026-03-14' daily, '2026-03-09' weekly (its Monday), '2026-03', 'all'
    first_day: date
    last_day: date
    origin: datetime  # reach tick 0 starts here (UTC, on a whole tick)
    reset_at: datetime | None  # when the next period starts (None for all-time)
    scale: Scale

    def contains(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day

    @property
    def latest_tick_start(self) -> datetime:
        """Reach times at or after this moment all count as the last tick."""
        return self.origin + self.scale.tick * (self.scale.ticks - 1)


def is_period(period: str) -> bool:
    return period in PERIODS


def window(period: str, now: datetime) -> Window:
    """The current `period` at UTC moment `now`."""
    today = program_day(now)
    if period == "daily":
        return Window(
            period=period,
            key=today.isoformat(),
            first_day=today,
            last_day=today,
            origin=start_of_day_utc(today),
            reset_at=next_daily_reset(now),
            scale=SCALES[period],
        )
    if period == "weekly":
        first = week_start(today)
        return Window(
            period=period,
            key=first.isoformat(),
            first_day=first,
            last_day=first + timedelta(days=6),
            origin=start_of_day_utc(first),
            reset_at=next_weekly_reset(now),
            scale=SCALES[period],
        )
    if period == "monthly":
        first = month_start(today)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return Window(
            period=period,
            key=first.strftime("%Y-%m"),
            first_day=first,
            last_day=last,
            origin=start_of_day_utc(first),
            reset_at=next_monthly_reset(now),
            scale=SCALES[period],
        )
    if period == "alltime":
        return Window(
            period=period,
            key="all",
            first_day=date(1970, 1, 1),
            last_day=date(9999, 12, 31),
            origin=PROGRAM_EPOCH,
            reset_at=None,
            scale=SCALES[period],
        )
    raise ValueError(f"unknown period {period!r}")


def windows(now: datetime) -> list[Window]:
    return [window(period, now) for period in PERIODS]


def windows_containing(days: Iterable[date], periods: Iterable[str]) -> list[Window]:
    """Each distinct window of `periods` that one of `days` falls in."""
    found: dict[tuple[str, str], Window] = {}
    for day in days:
        for period in periods:
            win = window(period, start_of_day_utc(day))
            found.setdefault((win.period, win.key), win)
    return list(found.values())


@dataclass(frozen=True, slots=True)
class Standing:
    """A member's result in one window."""

    user_id: uuid.UUID
    points: int
    reached_at: datetime | None  # when the period total last grew (None: no points)
    active_days: int


def reach_tick(reached_at: datetime | None, win: Window) -> int:
    """Whole ticks from the window's origin, clamped to 0 .. ticks - 1."""
    if reached_at is None:
        return 0
    tick = (reached_at - win.origin) // win.scale.tick
    return min(max(tick, 0), win.scale.ticks - 1)


def sort_key(standing: Standing, win: Window) -> tuple[int, int, int, bytes]:
    """The board order as a Python sort key (ascending = best first)."""
    return (
        -standing.points,
        reach_tick(standing.reached_at, win),
        -standing.active_days,
        standing.user_id.bytes,
    )


def rank_order(standings: Iterable[Standing], win: Window) -> list[Standing]:
    return sorted(standings, key=lambda s: sort_key(s, win))


def score(standing: Standing, win: Window) -> int:
    """The sorted-set score (an integer below 2**53, so exact as a double)."""
    scale = win.scale
    if not 0 <= standing.points < MAX_POINTS:
        raise ValueError(f"{standing.points} points are outside 0..{MAX_POINTS - 1}")
    if not 0 <= standing.active_days < scale.day_radix:
        raise ValueError(f"{standing.active_days} active days do not fit a {win.period} board")
    inverted = scale.ticks - 1 - reach_tick(standing.reached_at, win)
    return (standing.points * scale.ticks + inverted) * scale.day_radix + standing.active_days


def points_of(value: float, win: Window) -> int:
    """The points a score encodes."""
    return int(value) // (win.scale.ticks * win.scale.day_radix)


def member(user_id: uuid.UUID) -> str:
    """The sorted-set member of a user: its hex digits inverted (ties sort by user id)."""
    return user_id.hex.translate(_INVERT)


def user_hex(name: str) -> str:
    """The user id's 32 hex digits, from a sorted-set member."""
    return name.translate(_INVERT)


def user_of(name: str) -> uuid.UUID:
    return uuid.UUID(hex=user_hex(name))


SENTINEL = "!complete"  # in every built board; its absence means "rebuild me"
