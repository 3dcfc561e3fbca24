"""Weekly streaks (SPEC section 4): 7 consecutive active days pay a bonus.

An active day has at least 30 active minutes, counted as the points rules count
them (each minute once a day). The bonus is paid on the day that completes a run
of 7 consecutive active days, and again on every further 7th day while the run
goes on: a run of 14 days pays on its 7th and its 14th day, a run of 20 days on
its 7th and 14th. A missed day ends the run; the next run counts from 1 again.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

ACTIVE_DAY_MINUTES = 30
STREAK_LENGTH = 7

_ONE_DAY = timedelta(days=1)


def is_active_day(active_minutes: int) -> bool:
    return active_minutes >= ACTIVE_DAY_MINUTES


def pays_bonus(run_length: int) -> bool:
    """Whether the day at this position of a run (1 = first day) pays the streak bonus."""
    return run_length > 0 and run_length % STREAK_LENGTH == 0


def run_length(day: date, active_days: Iterable[date]) -> int:
    """Consecutive active days ending at `day` (0 when `day` itself is not active)."""
    days = active_days if isinstance(active_days, set | frozenset) else set(active_days)
    length = 0
    while day in days:
        length += 1
        day -= _ONE_DAY
    return length


def run_before(day: date, active_days_desc: Iterable[date]) -> int:
    """Consecutive active days ending the day before `day`, from days latest first."""
    expected = day - _ONE_DAY
    length = 0
    for active in active_days_desc:
        if active > expected:
            continue
        if active != expected:
            break
        length += 1
        expected -= _ONE_DAY
    return length


def current_streak(active_days: Iterable[date], today: date) -> int:
    """The run ending today, or ending yesterday while today may still become active."""
    days = set(active_days)
    return run_length(today if today in days else today - _ONE_DAY, days)


def days_to_next_bonus(streak: int) -> int:
    """Active days still needed (counting today's) until the next bonus day."""
    return STREAK_LENGTH - streak % STREAK_LENGTH


def longest_run(active_days: Iterable[date]) -> int:
    longest = length = 0
    previous: date | None = None
    for day in sorted(set(active_days)):
        length = length + 1 if previous is not None and day - previous == _ONE_DAY else 1
        longest = max(longest, length)
        previous = day
    return longest


def bonus_days(active_days: Iterable[date]) -> list[date]:
    """Every day that pays a streak bonus, given all active days (ascending)."""
    paid: list[date] = []
    length = 0
    previous: date | None = None
    for day in sorted(set(active_days)):
        length = length + 1 if previous is not None and day - previous == _ONE_DAY else 1
        if pays_bonus(length):
            paid.append(day)
        previous = day
    return paid
