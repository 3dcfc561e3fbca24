"""Normalising provider answers: property tests (any bucket split of a day yields the
same normalised totals) and the shapes of single records."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from fittrack.adapters.providers.fitbit import (
    exercise_activity,
    minutes_activities,
    steps_activities,
)
from fittrack.adapters.providers.google_fit import daily_activities, session_activities
from fittrack.domain.sync import day_end, day_start, split_heart_points

DAY = date(2026, 11, 10)


def _totals(found: list) -> dict[str, int]:
    totals: dict[str, int] = {}
    for a in found:
        key = a.activity_type + (f":{a.intensity}" if a.intensity else "")
        totals[key] = totals.get(key, 0) + (a.metrics.get("steps") or a.duration_minutes)
    return totals


# ---- Google Fit: aggregate buckets -------------------------------------------------------

SLOTS = 96  # quarter hours of a day: (steps, light, moderate, vigorous minutes)
slot_data = st.lists(
    st.tuples(st.integers(0, 900), st.integers(0, 5), st.integers(0, 5), st.integers(0, 5)),
    min_size=SLOTS,
    max_size=SLOTS,
)
cuts = st.lists(st.integers(1, SLOTS - 1), max_size=30, unique=True).map(sorted)


def _ds(kind: str, values: list[dict]) -> dict:
    return {
        "dataSourceId": f"derived:{kind}:com.google.android.gms:aggregated",
        "point": [{"dataTypeName": kind, "value": values}],
    }


def _fit_buckets(data: list[tuple[int, int, int, int]], boundaries: list[int]) -> list[dict]:
    """Aggregate buckets over DAY's quarter hours, cut at `boundaries`."""
    edges, buckets = [0, *boundaries, SLOTS], []
    for low, high in zip(edges, edges[1:], strict=False):
        part = data[low:high]
        moderate, vigorous = sum(p[2] for p in part), sum(p[3] for p in part)
        start = day_start(DAY) + timedelta(minutes=15 * low)
        buckets.append(
            {
                "startTimeMillis": str(int(start.timestamp() * 1000)),
                "dataset": [
                    _ds("com.google.step_count.delta", [{"intVal": sum(p[0] for p in part)}]),
                    _ds(
                        "com.google.active_minutes",
                        [{"intVal": sum(p[1] for p in part) + moderate + vigorous}],
                    ),
                    _ds(
                        "com.google.heart_minutes.summary",
                        [
                            {"fpVal": float(moderate + 2 * vigorous)},
                            {"intVal": moderate + vigorous},
                        ],
                    ),
                ],
            }
        )
    return buckets


@settings(max_examples=60, deadline=None)
@given(slot_data, cuts)
def test_google_fit_totals_do_not_depend_on_the_buckets(data: list, boundaries: list) -> None:
    whole = _totals(daily_activities(_fit_buckets(data, [])))
    assert _totals(daily_activities(_fit_buckets(data, boundaries))) == whole
    expected = {
        "steps": sum(p[0] for p in data),
        "active_minutes:light": sum(p[1] for p in data),
        "active_minutes:moderate": sum(p[2] for p in data),
        "active_minutes:vigorous": sum(p[3] for p in data),
    }
    assert whole == {k: v for k, v in expected.items() if v}


# ---- Google Health: daily roll-ups -------------------------------------------------------


def _start(day: date) -> str:
    """A physical roll-up bucket starting at the program day's midnight."""
    return day_start(day).strftime("%Y-%m-%dT%H:%M:%SZ")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(0, 5000), min_size=1, max_size=12),
    st.lists(
        st.tuples(st.sampled_from(["LIGHT", "MODERATE", "VIGOROUS"]), st.integers(0, 90)),
        max_size=12,
    ),
)
def test_google_health_rollups_add_up_per_day(steps: list[int], levels: list) -> None:
    split = [{"startTime": _start(DAY), "steps": {"countSum": str(n)}} for n in steps]
    whole = [{"startTime": _start(DAY), "steps": {"countSum": str(sum(steps))}}]
    assert _totals(steps_activities(split)) == _totals(steps_activities(whole))
    parts = [
        {
            "startTime": _start(DAY),
            "activeMinutes": {
                "activeMinutesRollupByActivityLevel": [
                    {"activityLevel": lv, "activeMinutesSum": str(n)}
                ]
            },
        }
        for lv, n in levels
    ]
    expected = {}
    for level, n in levels:
        key = f"active_minutes:{level.lower()}"
        expected[key] = expected.get(key, 0) + n
    assert _totals(minutes_activities(parts)) == {k: v for k, v in expected.items() if v}


def test_growing_daily_total_keeps_its_id() -> None:
    morning = steps_activities([{"startTime": _start(DAY), "steps": {"countSum": "1200"}}])
    evening = steps_activities([{"startTime": _start(DAY), "steps": {"countSum": "9800"}}])
    assert morning[0].external_id == evening[0].external_id == "steps:2026-11-10"
    assert (morning[0].start_time, morning[0].end_time) == (day_start(DAY), day_end(DAY))


@given(st.integers(0, 600), st.integers(0, 300), st.integers(0, 300))
def test_heart_points_split(move: int, moderate: int, vigorous: int) -> None:
    split = split_heart_points(
        move + moderate + vigorous, moderate + 2 * vigorous, moderate + vigorous
    )
    assert split == {"light": move, "moderate": moderate, "vigorous": vigorous}


# ---- single records ----------------------------------------------------------------------


def test_exercise_becomes_a_workout() -> None:
    point = {
        "name": "users/abc/dataTypes/exercise/dataPoints/2026443605080188808",
        "exercise": {
            "exerciseType": "RUNNING",
            "activeDuration": "1800s",
            "interval": {
                "startTime": "2026-11-10T13:00:00Z",
                "endTime": "2026-11-10T13:40:00.123456789Z",
            },
            "metricsSummary": {
                "caloriesKcal": 310.5,
                "steps": "4200",
                "distanceMillimeters": 5012345.0,
                "averageHeartRateBeatsPerMinute": "151",
                "heartRateZoneDurations": {"moderateTime": "600s", "peakTime": "900s"},
            },
        },
    }
    workout = exercise_activity(point)
    assert workout is not None
    assert (workout.activity_type, workout.duration_minutes, workout.intensity) == (
        "workout",
        30,
        "vigorous",
    )
    assert workout.external_id == "exercise:2026443605080188808"
    assert workout.metrics == {
        "exercise_type": "RUNNING",
        "calories": 310.5,
        "steps": 4200,
        "distance_m": 5012.3,
        "heart_rate_avg": 151,
    }
    assert exercise_activity({"name": "x", "exercise": {}}) is None


def test_sessions_skip_sleep_and_clamp_active_time() -> None:
    start = datetime(2026, 11, 10, 12, tzinfo=UTC)
    ms = lambda d: str(int(d.timestamp() * 1000))  # noqa: E731
    found = session_activities(
        [
            {
                "id": "run-1",
                "activityType": 8,
                "startTimeMillis": ms(start),
                "endTimeMillis": ms(start + timedelta(minutes=25)),
                "activeTimeMillis": "9999999",
            },
            {
                "id": "night",
                "activityType": 72,
                "startTimeMillis": ms(start),
                "endTimeMillis": ms(start + timedelta(hours=7)),
            },
        ]
    )
    assert [(a.external_id, a.duration_minutes) for a in found] == [("session:run-1", 25)]
