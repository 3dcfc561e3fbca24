"""Deterministic synthetic activity for simulated tracker users.

The same simulated user on the same day always gets the same data (seeded by user
and date), so tests and demos can predict totals. Data appears as the day goes by:
an hour counts once it is over (the current hour pro rata) and a workout once it
has ended, so a daily total grows during the day like a real tracker's. Users live
in America/New_York, the program's time zone, unless their name says otherwise:
"ana+Europe_Berlin@example.com" lives in Europe/Berlin (the first "_" is the "/" of
the zone name), so their days, and a provider's civil days for them, are Berlin's.

A user whose name (before the @) contains "manual" also logs by hand: MANUAL_STEPS
typed-in steps and one typed-in 45-minute run at noon each day. Only the
"all-sources" view of Google Health and Google Fit's `user_input` stream include them;
a wearable recorded none of it.
"""

from __future__ import annotations

import functools
import hashlib
import random
import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

USER_TZ = ZoneInfo("America/New_York")
WORKOUT_TYPES = ("RUNNING", "WALKING", "BIKING", "SWIMMING", "YOGA")
LEVELS = ("light", "moderate", "vigorous")


@dataclass(frozen=True, kw_only=True)
class Workout:
    workout_id: str
    kind: str
    start: datetime  # UTC
    end: datetime  # UTC
    calories: float
    steps: int
    heart_rate_avg: int
    zone_seconds: dict[str, int]  # light / moderate / vigorous / peak


@dataclass(frozen=True)
class Day:
    day: date
    steps_by_hour: tuple[int, ...]  # 24 local hours (23 or 25 on DST days: clipped)
    minutes_by_hour: dict[str, tuple[int, ...]]  # level -> 24 local hours
    workouts: tuple[Workout, ...]


def user_key(user: str) -> str:
    """A stable id for a simulated user (also its Google Health user id)."""
    return hashlib.sha256(user.lower().encode()).hexdigest()[:20]


def user_zone(user: str) -> ZoneInfo:
    """The simulated user's civil time zone ("name+Area_City@..."; default New York)."""
    local = user.split("@", 1)[0]
    _, plus, tail = local.partition("+")
    if not plus or "_" not in tail:
        return USER_TZ
    area, _, city = tail.partition("_")
    name = _zones_by_lower_name().get(f"{area}/{city}".lower())  # addresses arrive lower-cased
    return ZoneInfo(name) if name else USER_TZ


@functools.cache
def _zones_by_lower_name() -> dict[str, str]:
    return {name.lower(): name for name in zoneinfo.available_timezones()}


def local_hour_start(day: date, hour: int, zone: ZoneInfo = USER_TZ) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC) + timedelta(hours=hour)


def civil_day(user: str, moment: datetime) -> date:
    """The user's own calendar date at `moment`."""
    return moment.astimezone(user_zone(user)).date()


def generate(user: str, day: date) -> Day:
    rng = random.Random(f"{user_key(user)}:{day.isoformat()}")  # noqa: S311 - test data
    steps, minutes = [0] * 24, {level: [0] * 24 for level in LEVELS}
    for hour in range(7, 22):
        steps[hour] = rng.randint(150, 1100)
        minutes["light"][hour] = rng.randint(0, 9)
        minutes["moderate"][hour] = rng.randint(0, 4)
        minutes["vigorous"][hour] = rng.choice((0, 0, 0, 1, 2, 3))
    workouts = []
    for n in range(rng.choice((0, 1, 1, 2))):
        hour, length = rng.randint(6, 19), rng.randint(20, 60)
        start = local_hour_start(day, hour, user_zone(user)) + timedelta(minutes=rng.randint(0, 30))
        kind = rng.choice(WORKOUT_TYPES)
        vigorous = rng.randint(0, length // 2)
        moderate = rng.randint(0, length - vigorous)
        workouts.append(
            Workout(
                workout_id=f"{int(start.timestamp())}{n}{rng.randint(100, 999)}",
                kind=kind,
                start=start,
                end=start + timedelta(minutes=length),
                calories=round(length * rng.uniform(5.0, 11.0), 1),
                steps=length * rng.randint(60, 160) if kind in ("RUNNING", "WALKING") else 0,
                heart_rate_avg=rng.randint(100, 165),
                zone_seconds={
                    "light": (length - vigorous - moderate) * 60,
                    "moderate": moderate * 60,
                    "vigorous": vigorous * 60,
                    "peak": 0,
                },
            )
        )
    return Day(day, tuple(steps), {k: tuple(v) for k, v in minutes.items()}, tuple(workouts))


MANUAL_STEPS = 3000


def logs_by_hand(user: str) -> bool:
    return "manual" in user.split("@", 1)[0].lower()


def manual_steps(user: str, day: date, now: datetime) -> int:
    """Steps the member typed in for the day (entered at noon, local time)."""
    noon = local_hour_start(day, 12, user_zone(user))
    return MANUAL_STEPS if logs_by_hand(user) and noon <= now else 0


def manual_workouts(user: str, day: date, now: datetime) -> list[Workout]:
    """The run the member typed in for the day, once its time is over."""
    if not logs_by_hand(user):
        return []
    start = local_hour_start(day, 12, user_zone(user))
    run = Workout(
        workout_id=f"manual{int(start.timestamp())}",
        kind="RUNNING",
        start=start,
        end=start + timedelta(minutes=45),
        calories=400.0,
        steps=0,
        heart_rate_avg=0,
        zone_seconds={},
    )
    return [run] if run.end <= now else []


def _share(hour_start: datetime, now: datetime) -> float:
    """How much of an hour is over at `now` (0..1)."""
    elapsed = (now - hour_start).total_seconds() / 3600
    return min(1.0, max(0.0, elapsed))


Hour = tuple[datetime, int, dict[str, int]]


def hourly_so_far(user: str, day: date, now: datetime) -> list[Hour]:
    """(hour start UTC, steps, minutes by level) for each hour of the day, as of `now`."""
    data, zone = generate(user, day), user_zone(user)
    found = []
    for hour in range(24):
        start = local_hour_start(day, hour, zone)
        share = _share(start, now)
        found.append(
            (
                start,
                int(data.steps_by_hour[hour] * share),
                {level: int(data.minutes_by_hour[level][hour] * share) for level in LEVELS},
            )
        )
    return found


def totals_so_far(user: str, day: date, now: datetime) -> tuple[int, dict[str, int]]:
    """A day's steps and minutes by level, as of `now`."""
    hours = hourly_so_far(user, day, now)
    return (
        sum(steps for _, steps, _ in hours),
        {level: sum(minutes[level] for _, _, minutes in hours) for level in LEVELS},
    )


def workouts_so_far(user: str, day: date, now: datetime) -> list[Workout]:
    return [w for w in generate(user, day).workouts if w.end <= now]


def days_between(first: date, last: date) -> list[date]:
    """Every date from `first` to `last` inclusive."""
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]
