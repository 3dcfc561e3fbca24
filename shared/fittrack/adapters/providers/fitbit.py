"""`fitbit`: Fitbit devices through the Google Health API (v4).

The legacy Fitbit Web API answers 410 Gone since 2026-11-02; Fitbit data now comes
from `https://health.googleapis.com/v4/` with Google OAuth. Shapes (discovery
document health.v4.json):

- steps and active minutes: `POST v4/users/me/dataTypes/{steps|active-minutes}/
  dataPoints:rollUp` with `{"range": Interval{startTime, endTime}, "windowSize":
  "3600s"}` (physical time, closed-open; at most 14 days for active-minutes). The
  answer's `rollupDataPoints[]` carry `startTime` and `steps.countSum` or
  `activeMinutes.activeMinutesRollupByActivityLevel[]{activityLevel, activeMinutesSum}`
  (LIGHT / MODERATE / VIGOROUS; int64 values arrive as strings). Hours are summed
  into program days (America/New_York). `dailyRollUp` is not used: its civil days
  are the member's own (their device's time zone), so a member outside Eastern time
  would have every day shifted, and Google Fit (bucketed in New York time) would
  disagree with it about the same day;
- workouts: `GET v4/users/me/dataTypes/exercise/dataPoints?filter=exercise.interval.
  civil_start_time >= "YYYY-MM-DD" AND ... < "YYYY-MM-DD"` (civil dates, so the
  filter is widened by a day on each side; each workout is placed by its physical
  `interval.startTime`) (pages of 25,
  `nextPageToken`); each DataPoint has `name` and `exercise{exerciseType, interval
  {startTime, endTime}, activeDuration, metricsSummary{caloriesKcal, steps,
  distanceMillimeters, averageHeartRateBeatsPerMinute, heartRateZoneDurations}}`;
- identity: `GET v4/users/me/identity` → `healthUserId` (webhooks name members by it).

Only what a wearable recorded earns points (docs/points.md): the roll-ups ask for
`dataSourceFamily` `users/me/dataSourceFamilies/google-wearables` (the default,
all-sources, includes steps the member typed in), and an exercise whose
`dataSource.recordingMethod` is MANUAL is kept marked as a manual entry, shown but
unpaid.

300 requests per minute per user.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from fittrack.adapters.providers.base import Budget, ProviderError, TrackerProvider
from fittrack.domain.activities import MANUAL, RECORDING_METRIC, Activity
from fittrack.domain.sync import (
    Window,
    day_end,
    day_of,
    day_start,
    heart_rate_intensity,
    parse_duration_seconds,
    parse_rfc3339,
    sum_by_day,
    zone_intensity,
)

SCOPE = "https://www.googleapis.com/auth/googlehealth.activity_and_fitness.readonly"
WEARABLES = "users/me/dataSourceFamilies/google-wearables"
ROLLUP_MAX_DAYS = 14
ROLLUP_WINDOW = "3600s"  # program days start on the hour, so hours add up to days
LEVELS = {"LIGHT": "light", "MODERATE": "moderate", "VIGOROUS": "vigorous"}
ZONES = {
    "lightTime": "light",
    "moderateTime": "moderate",
    "vigorousTime": "vigorous",
    "peakTime": "peak",
}


def as_int(value: Any) -> int:
    """int64 fields arrive as JSON strings."""
    return int(value or 0)


class FitbitProvider(TrackerProvider):
    name = "fitbit"
    display_name = "Fitbit (Google Health)"
    scopes = (SCOPE,)
    requests_per_minute = 300
    authorize_params = {"access_type": "offline", "prompt": "consent"}

    def external_user_id(self, access_token: str) -> str | None:
        found = self._call("GET", "/v4/users/me/identity", access_token, lambda: None)
        health_id = found.get("healthUserId") if isinstance(found, dict) else None
        return health_id if isinstance(health_id, str) and health_id else None

    def fetch_since(self, access_token: str, window: Window, budget: Budget) -> Sequence[Activity]:
        days = window.days
        if not days:
            return []
        steps = self._rollup("steps", access_token, days, budget)
        minutes = self._rollup("active-minutes", access_token, days, budget)
        return [
            *steps_activities(steps),
            *minutes_activities(minutes),
            *self._exercises(access_token, days[0], days[-1], budget),
        ]

    def _rollup(
        self, data_type: str, token: str, days: list[date], budget: Budget
    ) -> list[dict[str, Any]]:
        points: list[dict[str, Any]] = []
        for first in range(0, len(days), ROLLUP_MAX_DAYS):
            chunk = days[first : first + ROLLUP_MAX_DAYS]
            body: dict[str, Any] = {
                "range": {
                    "startTime": _stamp(day_start(chunk[0])),
                    "endTime": _stamp(day_end(chunk[-1])),
                },
                "windowSize": ROLLUP_WINDOW,
                "dataSourceFamily": WEARABLES,
            }
            while True:
                page = self._call(
                    "POST",
                    f"/v4/users/me/dataTypes/{data_type}/dataPoints:rollUp",
                    token,
                    budget,
                    json=body,
                )
                points.extend(page.get("rollupDataPoints") or [])
                if not page.get("nextPageToken"):
                    break
                body = {**body, "pageToken": page["nextPageToken"]}
        return points

    def _exercises(self, token: str, first: date, last: date, budget: Budget) -> Iterator[Activity]:
        since, until = first - timedelta(days=1), last + timedelta(days=2)  # any civil zone
        query = {
            "filter": f'exercise.interval.civil_start_time >= "{since.isoformat()}" AND '
            f"exercise.interval.civil_start_time < "
            f'"{until.isoformat()}"',
            "pageSize": 25,
        }
        while True:
            page = self._call(
                "GET", "/v4/users/me/dataTypes/exercise/dataPoints", token, budget, params=query
            )
            for point in page.get("dataPoints") or []:
                activity = exercise_activity(point)
                if activity is not None and first <= day_of(activity.start_time) <= last:
                    yield activity
            if not page.get("nextPageToken"):
                return
            query = {**query, "pageToken": page["nextPageToken"]}


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def point_day(point: dict[str, Any]) -> date:
    """The program day a physical roll-up bucket starts in."""
    return day_of(parse_rfc3339(point["startTime"]))


def steps_activities(points: list[dict[str, Any]]) -> list[Activity]:
    """One `steps` record per day (a growing daily total keeps its id)."""
    try:
        totals = sum_by_day(
            (point_day(p), as_int(p.get("steps", {}).get("countSum"))) for p in points
        )
    except (KeyError, TypeError, ValueError):
        raise ProviderError("Google Health sent a steps roll-up we cannot read") from None
    return [
        Activity(
            activity_type="steps",
            start_time=day_start(day),
            end_time=day_end(day),
            duration_minutes=0,
            intensity=None,
            metrics={"steps": steps},
            source="fitbit",
            external_id=f"steps:{day.isoformat()}",
        )
        for day, steps in sorted(totals.items())
        if steps > 0
    ]


def minutes_activities(points: list[dict[str, Any]]) -> list[Activity]:
    """One `active_minutes` record per day and level (LIGHT/MODERATE/VIGOROUS)."""
    pairs: dict[str, list[tuple[date, int]]] = {level: [] for level in LEVELS.values()}
    try:
        for point in points:
            day = point_day(point)
            levels = (point.get("activeMinutes") or {}).get(
                "activeMinutesRollupByActivityLevel"
            ) or []
            for entry in levels:
                level = LEVELS.get(entry.get("activityLevel", ""))
                if level is not None:
                    pairs[level].append((day, as_int(entry.get("activeMinutesSum"))))
    except (KeyError, TypeError, ValueError):
        raise ProviderError("Google Health sent an active-minutes roll-up we cannot read") from None
    found: list[Activity] = []
    for level, values in pairs.items():
        for day, minutes in sorted(sum_by_day(values).items()):
            if minutes > 0:
                found.append(
                    Activity(
                        activity_type="active_minutes",
                        start_time=day_start(day),
                        end_time=day_end(day),
                        duration_minutes=min(minutes, 24 * 60),
                        intensity=level,
                        metrics={"minutes": minutes},
                        source="fitbit",
                        external_id=f"active_minutes:{day.isoformat()}:{level}",
                    )
                )
    return found


def exercise_activity(point: dict[str, Any]) -> Activity | None:
    """A `workout` from one exercise DataPoint (None when it is unusable)."""
    exercise, name = point.get("exercise"), point.get("name")
    if not isinstance(exercise, dict) or not isinstance(name, str) or "/" not in name:
        return None
    try:
        interval = exercise["interval"]
        start, end = parse_rfc3339(interval["startTime"]), parse_rfc3339(interval["endTime"])
    except (KeyError, TypeError, ValueError):
        return None
    if end < start:
        return None
    summary = exercise.get("metricsSummary") or {}
    active = parse_duration_seconds(exercise.get("activeDuration"))
    span = (end - start).total_seconds()
    seconds = min(active, span) if active is not None else span
    zones = {
        ZONES[key]: parse_duration_seconds(value) or 0.0
        for key, value in (summary.get("heartRateZoneDurations") or {}).items()
        if key in ZONES
    }
    heart_rate = as_int(summary.get("averageHeartRateBeatsPerMinute")) or None
    metrics: dict[str, Any] = {
        "exercise_type": exercise.get("exerciseType"),
        "calories": summary.get("caloriesKcal"),
        "steps": as_int(summary.get("steps")) or None,
        "distance_m": round(float(summary["distanceMillimeters"]) / 1000, 1)
        if summary.get("distanceMillimeters") is not None
        else None,
        "heart_rate_avg": heart_rate,
    }
    source = point.get("dataSource")
    if isinstance(source, dict) and source.get("recordingMethod") == "MANUAL":
        metrics[RECORDING_METRIC] = MANUAL
    return Activity(
        activity_type="workout",
        start_time=start,
        end_time=end,
        duration_minutes=int(seconds // 60),
        intensity=zone_intensity(zones) or heart_rate_intensity(heart_rate),
        metrics={k: v for k, v in metrics.items() if v is not None},
        source="fitbit",
        external_id=f"exercise:{name.rsplit('/', 1)[-1]}",
    )
