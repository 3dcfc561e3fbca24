"""A Google Health API (v4) stand-in for the `fitbit` provider, under /_sim/fitbit/.

Speaks the shapes of health.v4.json for what FitTrack reads:

    GET  v4/users/me/identity                                  Identity
    POST v4/users/me/dataTypes/{steps|active-minutes}/dataPoints:dailyRollUp
         {"range": {"start": {"date": {...}}, "end": {"date": {...}}},
          "windowSizeDays": n, "pageSize": n, "pageToken": "..."}   DailyRollUpDataPointsResponse
    POST v4/users/me/dataTypes/{steps|active-minutes}/dataPoints:rollUp
         {"range": {"startTime": RFC 3339, "endTime": RFC 3339},
          "windowSize": "3600s", ...}                              RollUpDataPointsResponse
    GET  v4/users/me/dataTypes/exercise/dataPoints?filter=...&pageSize=&pageToken=
                                                                ListDataPointsResponse

Civil dates are the simulated user's own days (America/New_York unless the user's
name gives another zone, sim_data.user_zone), as the real API's civil dates are the
member's; `rollUp` buckets physical time. int64 values are JSON strings, as the real
API sends them. Ranges over 14 days for active-minutes
(90 for steps) are refused like the real API refuses them.

Data sources (health.v4.json, `dataSourceFamily` of the roll-up requests:
`users/me/dataSourceFamilies/{all-sources|google-wearables|google-sources}`, the
first being the default): a user who logs by hand (sim_data.logs_by_hand) has
typed-in steps that only all-sources and google-sources roll up, and a typed-in
exercise listed with `dataSource.recordingMethod` MANUAL (device records say
ACTIVELY_MEASURED).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

from fittrack.clock import Clock, utc_now
from fittrack.domain.sync import parse_duration_seconds, parse_rfc3339
from fittrack.http.runtime import HttpResult
from fittrack.local.simulators import sim_data
from fittrack.local.simulators.health_webhooks import WebhookSigner
from fittrack.local.simulators.tracker_sim import SimError, TrackerSimulator

ROLLUP = re.compile(r"^v4/users/me/dataTypes/(steps|active-minutes)/dataPoints:dailyRollUp$")
PHYSICAL_ROLLUP = re.compile(r"^v4/users/me/dataTypes/(steps|active-minutes)/dataPoints:rollUp$")
EXERCISES = "v4/users/me/dataTypes/exercise/dataPoints"
CIVIL_FILTER = re.compile(r'exercise\.interval\.civil_start_time\s*(>=|<)\s*"([^"]+)"')
MAX_DAYS = {"steps": 90, "active-minutes": 14}
LEVELS = {"light": "LIGHT", "moderate": "MODERATE", "vigorous": "VIGOROUS"}
FAMILIES = ("all-sources", "google-wearables", "google-sources")
FAMILY_PREFIX = "users/me/dataSourceFamilies/"


def _civil(day: date) -> dict[str, Any]:
    return {"date": {"year": day.year, "month": day.month, "day": day.day}}


def _date(value: dict[str, Any]) -> date:
    found = value["date"]
    return date(int(found["year"]), int(found["month"]), int(found["day"]))


def _offset(moment: datetime, zone: Any = sim_data.USER_TZ) -> str:
    offset = moment.astimezone(zone).utcoffset() or timedelta(0)
    return f"{int(offset.total_seconds())}s"


def _exercise_name(user_key: str, workout_id: str) -> str:
    return f"users/{user_key}/dataTypes/exercise/dataPoints/{workout_id}"


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class GoogleHealthSimulator(TrackerSimulator):
    provider = "fitbit"
    title = "Google Health (Fitbit)"
    gone_message = "The Fitbit Web API has been shut down; use the Google Health API."
    KEYSET_PATH = "webhooks_public_keyset.json"

    def __init__(self, base_url: str, clock: Clock = utc_now) -> None:
        super().__init__(base_url, clock)
        self.webhooks = WebhookSigner()  # signs notifications as Google does

    @property
    def keyset_url(self) -> str:
        return f"{self.base_url}/{self.KEYSET_PATH}"

    def handle(
        self, method: str, path: str, query: str, headers: dict[str, str], body: bytes
    ) -> HttpResult:
        if method == "GET" and path.strip("/") == self.KEYSET_PATH:
            return HttpResult(200, {"Content-Type": "application/json"}, self.webhooks.keyset())
        return super().handle(method, path, query, headers, body)

    def api(self, method: str, route: str, params: dict[str, str], body: Any, user: str) -> Any:
        now = self.clock()
        if method == "GET" and route == "v4/users/me/identity":
            key = sim_data.user_key(user)
            return {
                "name": "users/me/identity",
                "healthUserId": key,
                "legacyUserId": key[:6].upper(),
            }
        rollup = ROLLUP.match(route)
        if method == "POST" and rollup:
            return self._rollup(rollup.group(1), body, user, now)
        physical = PHYSICAL_ROLLUP.match(route)
        if method == "POST" and physical:
            return self._physical_rollup(physical.group(1), body, user, now)
        if method == "GET" and route == EXERCISES:
            return self._exercises(params, user, now)
        return super().api(method, route, params, body, user)

    def _rollup(self, data_type: str, body: dict[str, Any], user: str, now: datetime) -> Any:
        first, end = _date(body["range"]["start"]), _date(body["range"]["end"])
        window = int(body.get("windowSizeDays") or 1)
        if end <= first or (end - first).days > MAX_DAYS[data_type] or window < 1:
            raise SimError(400, f"range must be 1 to {MAX_DAYS[data_type]} days")
        typed_in = _includes_typed_in(body)
        points = []
        for start in range(0, (end - first).days, window):
            bucket = [
                first + timedelta(days=start + n)
                for n in range(min(window, (end - first).days - start))
            ]
            point: dict[str, Any] = {
                "civilStartTime": _civil(bucket[0]),
                "civilEndTime": _civil(bucket[-1] + timedelta(days=1)),
            }
            totals = [sim_data.totals_so_far(user, day, now) for day in bucket]
            if data_type == "steps":
                manual = sum(sim_data.manual_steps(user, day, now) for day in bucket)
                recorded = sum(steps for steps, _ in totals)
                point["steps"] = {"countSum": str(recorded + (manual if typed_in else 0))}
            else:
                point["activeMinutes"] = {
                    "activeMinutesRollupByActivityLevel": [
                        {
                            "activityLevel": name,
                            "activeMinutesSum": str(sum(minutes[level] for _, minutes in totals)),
                        }
                        for level, name in LEVELS.items()
                    ]
                }
            points.append(point)
        return _page(
            points, "rollupDataPoints", body.get("pageToken"), int(body.get("pageSize") or 1440)
        )

    def _physical_rollup(
        self, data_type: str, body: dict[str, Any], user: str, now: datetime
    ) -> Any:
        """Buckets of `windowSize` seconds over a physical Interval, from its start."""
        start = parse_rfc3339(body["range"]["startTime"])
        end = parse_rfc3339(body["range"]["endTime"])
        size = parse_duration_seconds(body.get("windowSize"))
        if end <= start or end - start > timedelta(days=MAX_DAYS[data_type]):
            raise SimError(400, f"range must be at most {MAX_DAYS[data_type]} days")
        if not size or size < 60:
            raise SimError(400, 'windowSize is required (a duration such as "3600s")')
        typed_in = _includes_typed_in(body)
        hours = [
            hour
            for day in sim_data.days_between(
                sim_data.civil_day(user, start) - timedelta(days=1), sim_data.civil_day(user, end)
            )
            for hour in _hours_with_typed_in(user, day, now, typed_in)
        ]
        points, lower, step = [], start, timedelta(seconds=size)
        while lower < end:
            upper = min(end, lower + step)
            inside = [h for h in hours if lower <= h[0] < upper]
            point: dict[str, Any] = {"startTime": _stamp(lower), "endTime": _stamp(upper)}
            if data_type == "steps":
                point["steps"] = {"countSum": str(sum(steps for _, steps, _ in inside))}
            else:
                point["activeMinutes"] = {
                    "activeMinutesRollupByActivityLevel": [
                        {
                            "activityLevel": name,
                            "activeMinutesSum": str(sum(m[level] for _, _, m in inside)),
                        }
                        for level, name in LEVELS.items()
                    ]
                }
            points.append(point)
            lower = upper
        return _page(
            points, "rollupDataPoints", body.get("pageToken"), int(body.get("pageSize") or 1440)
        )

    def _exercises(self, params: dict[str, str], user: str, now: datetime) -> Any:
        bounds = dict((op, value) for op, value in CIVIL_FILTER.findall(params.get("filter", "")))
        if ">=" not in bounds or "<" not in bounds:
            raise SimError(400, "filter needs exercise.interval.civil_start_time >= and <")
        first = date.fromisoformat(bounds[">="][:10])
        last = date.fromisoformat(bounds["<"][:10]) - timedelta(days=1)
        key = sim_data.user_key(user)
        found = []
        for day in sim_data.days_between(first, last)[-90:]:
            for workout in sim_data.workouts_so_far(user, day, now):
                found.append(
                    (
                        workout.start,
                        {
                            "name": _exercise_name(key, workout.workout_id),
                            "dataSource": {
                                "platform": "FITBIT",
                                "recordingMethod": "ACTIVELY_MEASURED",
                                "device": {"formFactor": "WATCH", "manufacturer": "Google"},
                            },
                            "exercise": _exercise(workout, sim_data.user_zone(user)),
                        },
                    )
                )
            for typed in sim_data.manual_workouts(user, day, now):
                found.append(
                    (
                        typed.start,
                        {
                            "name": _exercise_name(key, typed.workout_id),
                            "dataSource": {"platform": "FITBIT", "recordingMethod": "MANUAL"},
                            "exercise": _exercise(typed, sim_data.user_zone(user)),
                        },
                    )
                )
        found.sort(key=lambda pair: pair[0], reverse=True)  # newest first, as the API orders
        return _page(
            [point for _, point in found],
            "dataPoints",
            params.get("pageToken"),
            min(int(params.get("pageSize") or 25), 25),
        )


def _includes_typed_in(body: dict[str, Any]) -> bool:
    """Whether the requested dataSourceFamily rolls up typed-in data (400 if unknown)."""
    family = str(body.get("dataSourceFamily") or FAMILY_PREFIX + "all-sources")
    if not family.startswith(FAMILY_PREFIX) or family[len(FAMILY_PREFIX) :] not in FAMILIES:
        raise SimError(400, f"dataSourceFamily must be {FAMILY_PREFIX}{{{'|'.join(FAMILIES)}}}")
    return not family.endswith("/google-wearables")


def _hours_with_typed_in(
    user: str, day: date, now: datetime, typed_in: bool
) -> list[sim_data.Hour]:
    hours = sim_data.hourly_so_far(user, day, now)
    manual = sim_data.manual_steps(user, day, now) if typed_in else 0
    if not manual:
        return hours
    noon = sim_data.local_hour_start(day, 12, sim_data.user_zone(user))
    return [(h[0], h[1] + (manual if h[0] == noon else 0), h[2]) for h in hours]


def _exercise(workout: sim_data.Workout, zone: Any = sim_data.USER_TZ) -> dict[str, Any]:
    seconds = int((workout.end - workout.start).total_seconds())
    zones = {f"{name}Time": f"{value}s" for name, value in workout.zone_seconds.items()}
    summary: dict[str, Any] = {
        "caloriesKcal": workout.calories,
        "averageHeartRateBeatsPerMinute": str(workout.heart_rate_avg),
        "heartRateZoneDurations": zones,
    }
    if workout.steps:
        summary["steps"] = str(workout.steps)
        summary["distanceMillimeters"] = float(workout.steps * 780)
    return {
        "displayName": workout.kind.title(),
        "exerciseType": workout.kind,
        "interval": {
            "startTime": _stamp(workout.start),
            "startUtcOffset": _offset(workout.start, zone),
            "endTime": _stamp(workout.end),
            "endUtcOffset": _offset(workout.end, zone),
        },
        "activeDuration": f"{seconds}s",
        "metricsSummary": summary,
        "createTime": _stamp(workout.end),
        "updateTime": _stamp(workout.end),
    }


def _page(items: list[Any], field: str, token: str | None, size: int) -> dict[str, Any]:
    start = int(token) if token and token.isdigit() else 0
    answer: dict[str, Any] = {field: items[start : start + size]}
    if start + size < len(items):
        answer["nextPageToken"] = str(start + size)
    return answer
