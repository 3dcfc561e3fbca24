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


# ---- Google Fit: merged stream points ---------------------------------------------------

SLOTS = 96  # quarter hours of a day: (steps, light, moderate, vigorous minutes)
slot_data = st.lists(
    st.tuples(st.integers(0, 900), st.integers(0, 5), st.integers(0, 5), st.integers(0, 5)),
    min_size=SLOTS,
    max_size=SLOTS,
)
cuts = st.lists(st.integers(1, SLOTS - 1), max_size=30, unique=True).map(sorted)
PHONE = "raw:{}:com.google.android.gms:Google:Pixel:1:recorded"
TYPED = "raw:{}:com.google.android.apps.fitness:user_input"
STEPS, MOVE, HEART = (
    "com.google.step_count.delta",
    "com.google.active_minutes",
    "com.google.heart_minutes",
)


def _ns(moment: datetime) -> str:
    return str(int(moment.timestamp() * 1000) * 1_000_000)


def _pt(kind: str, start: datetime, minutes: int, value: dict, origin: str = PHONE) -> dict:
    return {
        "startTimeNanos": _ns(start),
        "endTimeNanos": _ns(start + timedelta(minutes=minutes)),
        "dataTypeName": kind,
        "originDataSourceId": origin.format(kind),
        "value": [value],
    }


def _fit_points(data: list[tuple[int, int, int, int]], boundaries: list[int]) -> dict:
    """Merged-stream points over DAY's quarter hours, one per stream between cuts."""
    edges, points = [0, *boundaries, SLOTS], {STEPS: [], MOVE: [], HEART: []}
    for low, high in zip(edges, edges[1:], strict=False):
        part = data[low:high]
        moderate, vigorous = sum(p[2] for p in part), sum(p[3] for p in part)
        start = day_start(DAY) + timedelta(minutes=15 * low)
        move = sum(p[1] for p in part) + moderate + vigorous
        points[STEPS].append(_pt(STEPS, start, 15, {"intVal": sum(p[0] for p in part)}))
        points[MOVE].append(_pt(MOVE, start, move, {"intVal": move}))
        heart = {"fpVal": float(moderate + 2 * vigorous)}
        points[HEART].append(_pt(HEART, start, moderate + vigorous, heart))
    return points


@settings(max_examples=60, deadline=None)
@given(slot_data, cuts)
def test_google_fit_totals_do_not_depend_on_the_points(data: list, boundaries: list) -> None:
    whole = _totals(daily_activities(_fit_points(data, []), day_start(DAY)))
    assert _totals(daily_activities(_fit_points(data, boundaries), day_start(DAY))) == whole
    expected = {
        "steps": sum(p[0] for p in data),
        "active_minutes:light": sum(p[1] for p in data),
        "active_minutes:moderate": sum(p[2] for p in data),
        "active_minutes:vigorous": sum(p[3] for p in data),
    }
    assert whole == {k: v for k, v in expected.items() if v}


def test_google_fit_typed_in_points_are_kept_apart_as_manual() -> None:
    noon = day_start(DAY) + timedelta(hours=12)
    points = _fit_points([(400, 2, 1, 1)] * SLOTS, [])
    points[STEPS].append(_pt(STEPS, noon, 1, {"intVal": 3000}, TYPED))
    points[MOVE].append(_pt(MOVE, noon, 45, {"intVal": 45}, TYPED))
    points[HEART].append(_pt(HEART, noon, 45, {"fpVal": 45.0}, TYPED))
    found = daily_activities(points, day_start(DAY))
    recorded = [a for a in found if not a.manual_entry]
    typed = {a.external_id: a for a in found if a.manual_entry}
    assert _totals(recorded)["steps"] == 400 * SLOTS
    assert set(typed) == {
        f"manual:steps:{DAY}",
        f"manual:active_minutes:{DAY}:moderate",
    }
    assert typed[f"manual:steps:{DAY}"].metrics == {"steps": 3000, "recording": "manual"}
    assert typed[f"manual:active_minutes:{DAY}:moderate"].duration_minutes == 45


def test_google_fit_points_before_the_window_are_left_out() -> None:
    earlier = day_start(DAY) - timedelta(minutes=30)
    points = {STEPS: [_pt(STEPS, earlier, 60, {"intVal": 500})], MOVE: [], HEART: []}
    assert daily_activities(points, day_start(DAY)) == []


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
