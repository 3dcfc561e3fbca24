"""What a program day is worth (SPEC section 4). Pure: activities in, points out.

Sources, from a day's kept (non-duplicate) activities:

- steps: 10 points per full 1,000 steps, steps beyond 20,000 earn nothing. Steps
  come from `steps` records only (a workout's own step metric is already inside
  the provider's daily total).
- active minutes: light 1, moderate 2, vigorous 3 points a minute, counted once a
  day: the provider's daily intensity totals (`active_minutes` records) where it
  has them, otherwise the workouts' durations at their intensity (a workout
  without an intensity counts as light). Totals that still lag behind the
  workouts already received (a later sync will catch them up) do not lower the
  day: the day counts whichever of the two is worth more, never both. This keeps
  a day's value growing as its data grows, whatever order syncs deliver it in.
- workouts: 50 bonus points for each workout of 20 minutes or more, at most 3.
- step goal: 100 bonus points once the day reaches 10,000 steps.
- streak: 250 bonus points on a day that completes 7 consecutive active days
  (see `streaks`); the caller says whether the day does.
- the day is worth at most 1,000 points in all.

Cap order: the cap keeps the total at 1,000 and clips the sources in this
order of protection: steps, step goal, workout bonuses and streak bonus are
counted first (together at most 700, so they are never clipped), and active
minutes fill what is left, vigorous before moderate before light. So a day over
the cap always shows its bonuses in full and the minutes as the clipped source.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from fittrack.domain.activities import Activity
from fittrack.domain.streaks import is_active_day

STEP_POINTS = 10
STEPS_PER_UNIT = 1_000
STEPS_CAP = 20_000
STEPS_POINTS_CAP = STEPS_CAP // STEPS_PER_UNIT * STEP_POINTS
MINUTE_POINTS = {"light": 1, "moderate": 2, "vigorous": 3}
DEFAULT_WORKOUT_INTENSITY = "light"
WORKOUT_BONUS = 50
WORKOUT_MIN_MINUTES = 20
MAX_WORKOUT_BONUSES = 3
WORKOUT_POINTS_CAP = WORKOUT_BONUS * MAX_WORKOUT_BONUSES
STEP_GOAL = 10_000
STEP_GOAL_BONUS = 100
STREAK_BONUS = 250
DAILY_CAP = 1_000


class DayTally(NamedTuple):
    """What a day's kept activities add up to, before any points."""

    steps: int = 0
    # The minutes counted for points (daily totals or workouts, see the module doc).
    light_minutes: int = 0
    moderate_minutes: int = 0
    vigorous_minutes: int = 0
    workouts: int = 0  # all workouts of the day
    qualifying_workouts: int = 0  # workouts of WORKOUT_MIN_MINUTES or more
    # Active minutes for the streak rule: the larger of the totals' and the workouts'.
    active_minutes: int = 0

    @property
    def minutes_points(self) -> int:
        """Minutes points before the daily cap."""
        return self.light_minutes + self.moderate_minutes * 2 + self.vigorous_minutes * 3

    @property
    def is_active(self) -> bool:
        return is_active_day(self.active_minutes)


def tally(activities: Iterable[Activity]) -> DayTally:
    """Add up one day's kept activities (duplicates already removed); manual entries
    count for nothing."""
    steps = workouts = qualifying = 0
    light = moderate = vigorous = 0  # daily intensity totals
    w_light = w_moderate = w_vigorous = 0  # workout durations by intensity
    for activity in activities:
        if activity.manual_entry:
            continue
        kind = activity.activity_type
        if kind == "steps":
            steps += activity.steps
        elif kind == "active_minutes":
            intensity, duration = activity.intensity, activity.duration_minutes
            if intensity == "vigorous":
                vigorous += duration
            elif intensity == "moderate":
                moderate += duration
            else:
                light += duration
        elif kind == "workout":
            workouts += 1
            duration = activity.duration_minutes
            if duration >= WORKOUT_MIN_MINUTES:
                qualifying += 1
            intensity = activity.intensity or DEFAULT_WORKOUT_INTENSITY
            if intensity == "vigorous":
                w_vigorous += duration
            elif intensity == "moderate":
                w_moderate += duration
            else:
                w_light += duration
    active = max(light + moderate + vigorous, w_light + w_moderate + w_vigorous)
    if light + moderate * 2 + vigorous * 3 >= w_light + w_moderate * 2 + w_vigorous * 3:
        return DayTally(
            steps=steps,
            light_minutes=light,
            moderate_minutes=moderate,
            vigorous_minutes=vigorous,
            workouts=workouts,
            qualifying_workouts=qualifying,
            active_minutes=active,
        )
    return DayTally(
        steps=steps,
        light_minutes=w_light,
        moderate_minutes=w_moderate,
        vigorous_minutes=w_vigorous,
        workouts=workouts,
        qualifying_workouts=qualifying,
        active_minutes=active,
    )


class DayValue(NamedTuple):
    """A day's points by source (after the cap) and in total."""

    tally: DayTally
    steps_points: int
    minutes_points: int
    workout_bonuses: int
    workout_points: int
    step_goal_points: int
    streak_points: int
    uncapped: int

    @property
    def total(self) -> int:
        return (
            self.steps_points
            + self.minutes_points
            + self.workout_points
            + self.step_goal_points
            + self.streak_points
        )

    @property
    def active_day(self) -> bool:
        return self.tally.is_active

    @property
    def remaining(self) -> int:
        return DAILY_CAP - self.total


def day_value(day: DayTally, streak_bonus: bool = False) -> DayValue:
    """Points for a tallied day; `streak_bonus` when the day completes a 7-day run."""
    steps_points = min(day.steps, STEPS_CAP) // STEPS_PER_UNIT * STEP_POINTS
    goal_points = STEP_GOAL_BONUS if day.steps >= STEP_GOAL else 0
    bonuses = min(day.qualifying_workouts, MAX_WORKOUT_BONUSES)
    workout_points = bonuses * WORKOUT_BONUS
    streak_points = STREAK_BONUS if streak_bonus else 0
    minutes_raw = day.minutes_points
    fixed = steps_points + goal_points + workout_points + streak_points  # <= 700 < cap
    minutes_points = min(minutes_raw, DAILY_CAP - fixed)
    return DayValue(
        tally=day,
        steps_points=steps_points,
        minutes_points=minutes_points,
        workout_bonuses=bonuses,
        workout_points=workout_points,
        step_goal_points=goal_points,
        streak_points=streak_points,
        uncapped=fixed + minutes_raw,
    )


def value_of(activities: Iterable[Activity], streak_bonus: bool = False) -> DayValue:
    return day_value(tally(activities), streak_bonus)


def minutes_points_by_intensity(day: DayTally, minutes_points: int) -> dict[str, int]:
    """How the (possibly clipped) minutes points split: vigorous first, light last."""
    left = minutes_points
    split: dict[str, int] = {}
    for name, minutes in (
        ("vigorous", day.vigorous_minutes),
        ("moderate", day.moderate_minutes),
        ("light", day.light_minutes),
    ):
        points = min(minutes * MINUTE_POINTS[name], left)
        split[name] = points
        left -= points
    return split


def payment_due(day_total: int, already_paid: int) -> int:
    """Points still owed for a day: what it is worth now minus what it was paid, never
    negative and never past the daily cap (points already paid are never taken back)."""
    return max(0, min(day_total, DAILY_CAP) - already_paid)


@dataclass(frozen=True, slots=True, kw_only=True)
class DailyPoints:
    user_id: uuid.UUID
    program_day: date
    steps: int
    active_minutes: int
    workout_bonuses: int
    steps_points: int
    minutes_points: int
    workout_points: int
    step_goal_points: int
    streak_points: int
    total_paid: int
    active_day: bool
    first_reached_at: datetime | None
    updated_at: datetime | None = None

    @property
    def value(self) -> int:
        """What the day is worth now (after the cap)."""
        return (
            self.steps_points
            + self.minutes_points
            + self.workout_points
            + self.step_goal_points
            + self.streak_points
        )

    def same_value(self, value: DayValue) -> bool:
        return (
            self.steps == value.tally.steps
            and self.active_minutes == value.tally.active_minutes
            and self.workout_bonuses == value.workout_bonuses
            and self.steps_points == value.steps_points
            and self.minutes_points == value.minutes_points
            and self.workout_points == value.workout_points
            and self.step_goal_points == value.step_goal_points
            and self.streak_points == value.streak_points
            and self.active_day == value.active_day
        )
