"""The points rules (SPEC section 4): worked examples, caps, and Hypothesis properties
of paying a day exactly once whatever order its data arrives in."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fittrack.domain import points
from fittrack.domain.activities import Activity, Candidate, deduplicate, latest_per_record
from fittrack.domain.points import DAILY_CAP, day_value, payment_due, tally, value_of

START = datetime(2026, 3, 14, 12, 0, tzinfo=UTC)  # 08:00 in New York, program day 2026-03-14


def at(minutes: int) -> datetime:
    return START + timedelta(minutes=minutes)


def steps(count: int, source: str = "fitbit", ext: str = "steps-day") -> Activity:
    return Activity(
        activity_type="steps",
        start_time=at(0),
        end_time=at(600),
        duration_minutes=0,
        intensity=None,
        metrics={"steps": count},
        source=source,
        external_id=ext,
    )


def minutes(count: int, intensity: str, source: str = "fitbit") -> Activity:
    return Activity(
        activity_type="active_minutes",
        start_time=at(0),
        end_time=at(600),
        duration_minutes=count,
        intensity=intensity,
        metrics={},
        source=source,
        external_id=f"minutes-{intensity}",
    )


def workout(
    duration: int,
    start: int = 60,
    intensity: str | None = None,
    source: str = "fitbit",
    ext: str | None = None,
) -> Activity:
    return Activity(
        activity_type="workout",
        start_time=at(start),
        end_time=at(start + duration),
        duration_minutes=duration,
        intensity=intensity,
        metrics={"calories": 200},
        source=source,
        external_id=ext or f"workout-{start}",
    )


WORKED_DAY = [
    steps(12_345),
    minutes(30, "moderate"),
    minutes(20, "vigorous"),
    workout(25, start=60),
    workout(25, start=180),
]


def test_worked_example_440() -> None:
    value = value_of(WORKED_DAY)
    assert (
        value.steps_points,
        value.step_goal_points,
        value.minutes_points,
        value.workout_points,
    ) == (120, 100, 120, 100)
    assert value.total == 120 + 100 + 60 + 60 + 100 == 440


def test_worked_example_steps_growing_to_25000_is_520() -> None:
    grown = [steps(25_000), *WORKED_DAY[1:]]
    assert value_of(grown).total == 520
    assert payment_due(520, already_paid=440) == 80


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, 0),
        (999, 0),
        (1_000, 10),
        (9_999, 90),
        (10_000, 200),
        (19_999, 290),
        (20_000, 300),
        (20_999, 300),
        (80_000, 300),
    ],
)
def test_steps_earn_10_per_full_thousand_up_to_20000_plus_the_goal(
    count: int, expected: int
) -> None:
    assert value_of([steps(count)]).total == expected


def test_minutes_are_weighted_by_intensity() -> None:
    day = [minutes(10, "light"), minutes(10, "moderate"), minutes(10, "vigorous")]
    assert value_of(day).minutes_points == 10 + 20 + 30


def test_workout_bonuses_need_20_minutes_and_stop_at_3() -> None:
    day = [workout(19, start=0), *(workout(20, start=60 * i) for i in range(1, 6))]
    value = value_of(day)
    assert value.workout_bonuses == 3 and value.workout_points == 150


def test_workout_minutes_count_only_without_daily_totals() -> None:
    only_workouts = [workout(40, intensity="vigorous"), workout(30, start=200)]
    assert value_of(only_workouts).minutes_points == 40 * 3 + 30 * 1
    with_totals = [*only_workouts, minutes(100, "moderate")]
    assert value_of(with_totals).minutes_points == 200  # totals only, never both


def test_totals_lagging_behind_the_workouts_do_not_lower_the_day() -> None:
    day = [workout(60, intensity="vigorous"), minutes(10, "light")]
    assert value_of(day).minutes_points == 180
    assert tally(day).active_minutes == 60


def test_daily_cap_clips_minutes_and_keeps_bonuses_whole() -> None:
    day = [
        steps(30_000),
        minutes(600, "vigorous"),
        workout(30),
        workout(30, start=200),
        workout(30, start=400),
    ]
    value = day_value(tally(day), streak_bonus=True)
    assert value.total == DAILY_CAP
    assert (
        value.steps_points,
        value.step_goal_points,
        value.workout_points,
        value.streak_points,
    ) == (200, 100, 150, 250)
    assert value.minutes_points == DAILY_CAP - 700
    assert value.uncapped == 700 + 1800
    split = points.minutes_points_by_intensity(value.tally, value.minutes_points)
    assert split == {"vigorous": 300, "moderate": 0, "light": 0}


def test_streak_bonus_adds_250() -> None:
    assert day_value(tally(WORKED_DAY), streak_bonus=True).total == 690


def test_payment_due_never_negative_and_never_past_the_cap() -> None:
    assert payment_due(300, 500) == 0
    assert payment_due(1_200, 900) == 100


# ---- paying a day exactly once: a model of ingestion over the pure rules -----------


class DayLedger:
    """What ingestion does for one day, with the domain functions only."""

    def __init__(self, primary: str | None = "fitbit") -> None:
        self.records: dict[tuple[str, str], tuple[Activity, int]] = {}
        self.primary = primary
        self.paid = 0
        self.seen = 0
        self.values: list[int] = [0]

    def value(self) -> int:
        candidates = [
            Candidate(key, activity, START + timedelta(seconds=received), repr(key))
            for key, (activity, received) in self.records.items()
        ]
        decision = deduplicate(candidates, self.primary)
        kept = [self.records[key][0] for key, by in decision.items() if by is None]  # type: ignore[index]
        return value_of(kept).total

    def sync(self, batch: Sequence[Activity]) -> int:
        for activity in latest_per_record(batch):
            key = (activity.source, activity.external_id)
            received = self.records[key][1] if key in self.records else self.seen
            self.seen += 1
            self.records[key] = (activity, received)
        value = self.value()
        self.values.append(value)
        due = payment_due(value, self.paid)
        self.paid += due
        return due


@st.composite
def growing_day(draw: st.DrawFn, sources: Sequence[str] = ("fitbit",)) -> list[list[Activity]]:
    """Each record of a day as its successive readings (growing totals; workouts fixed)."""
    records: list[list[Activity]] = []
    for source in sources:
        step_readings = sorted(draw(st.lists(st.integers(0, 40_000), max_size=4)))
        if step_readings:
            records.append([steps(n, source) for n in step_readings])
        for intensity in draw(st.sets(st.sampled_from(("light", "moderate", "vigorous")))):
            readings = sorted(draw(st.lists(st.integers(0, 300), min_size=1, max_size=3)))
            records.append([minutes(n, intensity, source) for n in readings])
        for i in range(draw(st.integers(0, 5))):
            records.append(
                [
                    workout(
                        draw(st.integers(5, 120)),
                        start=draw(st.integers(0, 540)),
                        intensity=draw(st.sampled_from((None, "light", "moderate", "vigorous"))),
                        source=source,
                        ext=f"{source}-workout-{i}",
                    )
                ]
            )
    return records


@st.composite
def deliveries(
    draw: st.DrawFn, records: list[list[Activity]], in_order: bool
) -> list[list[Activity]]:
    """Readings interleaved in any order (each record's own readings in order when
    `in_order`), with repeats of what was already sent, split into syncs."""
    if in_order:
        tokens = draw(st.permutations([i for i, readings in enumerate(records) for _ in readings]))
        cursor = [0] * len(records)
        stream: list[Activity] = []
        for index in tokens:
            stream.append(records[index][cursor[index]])
            cursor[index] += 1
    else:
        stream = list(draw(st.permutations([r for readings in records for r in readings])))
    for position in sorted(
        draw(st.lists(st.integers(1, max(1, len(stream))), max_size=5)), reverse=True
    ):
        # a re-delivery of what the day holds at that point (in_order) or of anything sent
        sent = stream[:position]
        pool = latest_per_record(sent) if in_order else sent
        if pool:
            stream.insert(position, draw(st.sampled_from(pool)))
    cuts = sorted(draw(st.sets(st.integers(1, max(1, len(stream) - 1)), max_size=6)))
    bounds = [0, *cuts, len(stream)]
    return [stream[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if stream[a:b]]


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_any_order_repetition_and_split_pays_exactly_the_day_value(data: st.DataObject) -> None:
    records = data.draw(growing_day())
    syncs = data.draw(deliveries(records, in_order=True))
    day = DayLedger()
    for batch in syncs:
        day.sync(batch)
    final_value = value_of([readings[-1] for readings in records]).total
    assert day.paid == final_value <= DAILY_CAP
    assert day.sync([readings[-1] for readings in records]) == 0  # re-delivery pays nothing


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_two_trackers_any_order_never_pay_twice_nor_past_the_cap(data: st.DataObject) -> None:
    records = data.draw(growing_day(sources=("fitbit", "google_fit")))
    syncs = data.draw(deliveries(records, in_order=False))
    day = DayLedger(primary=data.draw(st.sampled_from(("fitbit", "google_fit", None))))
    for batch in syncs:
        day.sync(batch)
    # Points paid are never taken back: the day is paid its highest value so far.
    assert day.paid == max(day.values) <= DAILY_CAP
    assert day.paid >= day.values[-1]
    # Sending every record's latest reading again settles the day at its best value.
    day.sync([reading for readings in records for reading in readings])
    assert day.paid == max(day.values) <= DAILY_CAP
    assert day.sync([readings[-1] for readings in records]) == 0
