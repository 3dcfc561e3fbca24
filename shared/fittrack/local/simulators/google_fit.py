"""A Google Fit REST API (fitness/v1) stand-in, under /_sim/google_fit/.

Speaks the shapes of fitness.v1.json for what FitTrack reads:

    POST fitness/v1/users/me/dataset:aggregate   AggregateRequest -> AggregateResponse
         (aggregateBy[].dataTypeName of com.google.step_count.delta,
          com.google.active_minutes, com.google.heart_minutes; bucketByTime with
          durationMillis or period {type: "day", value: 1, timeZoneId})
    GET  fitness/v1/users/me/sessions?startTime=&endTime=     ListSessionsResponse

The simulated phone sees the same person as the Google Health simulator, reading a
little fewer steps. Heart points: 1 per moderate and 2 per vigorous minute. The
"gone" switch answers like the shut-down API (410, or `status` 403/404 with a
message saying so).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from fittrack.domain.sync import parse_rfc3339
from fittrack.local.simulators import sim_data
from fittrack.local.simulators.tracker_sim import SimError, TrackerSimulator

STEPS, MOVE, HEART = (
    "com.google.step_count.delta",
    "com.google.active_minutes",
    "com.google.heart_minutes",
)
ACTIVITY_TYPES = {"RUNNING": 8, "WALKING": 7, "BIKING": 1, "SWIMMING": 82, "YOGA": 100}
MAX_SPAN = timedelta(days=90)


def _ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def _from_ms(value: Any) -> datetime:
    return datetime.fromtimestamp(int(value) / 1000, UTC)


class GoogleFitSimulator(TrackerSimulator):
    provider = "google_fit"
    title = "Google Fit"
    gone_message = (
        "The Google Fit REST API has been shut down and is no longer available. "
        "Use Health Connect or the Google Health API."
    )

    def api(self, method: str, route: str, params: dict[str, str], body: Any, user: str) -> Any:
        now = self.clock()
        if method == "POST" and route == "fitness/v1/users/me/dataset:aggregate":
            return self._aggregate(body, user, now)
        if method == "GET" and route == "fitness/v1/users/me/sessions":
            return self._sessions(params, user, now)
        return super().api(method, route, params, body, user)

    def _buckets(
        self, body: dict[str, Any], start: datetime, end: datetime
    ) -> list[tuple[datetime, datetime]]:
        by_time = body.get("bucketByTime") or {}
        period = by_time.get("period")
        if period:
            if period.get("type") != "day" or int(period.get("value", 1)) != 1:
                raise SimError(400, "the simulator buckets by period of 1 day only")
            zone = _zone(period.get("timeZoneId"))
            bounds, day = [], start.astimezone(zone).date()
            while sim_data.local_hour_start(day, 0, zone) < end:
                bounds.append(
                    (
                        max(start, sim_data.local_hour_start(day, 0, zone)),
                        min(end, sim_data.local_hour_start(day + timedelta(days=1), 0, zone)),
                    )
                )
                day += timedelta(days=1)
            return bounds
        size = timedelta(milliseconds=int(by_time.get("durationMillis") or 86_400_000))
        bounds, cursor = [], start
        while cursor < end:
            bounds.append((cursor, min(end, cursor + size)))
            cursor += size
        return bounds

    def _aggregate(self, body: dict[str, Any], user: str, now: datetime) -> Any:
        start, end = _from_ms(body["startTimeMillis"]), _from_ms(body["endTimeMillis"])
        kinds = [spec["dataTypeName"] for spec in body.get("aggregateBy") or []]
        if not kinds or end <= start or end - start > MAX_SPAN:
            raise SimError(400, "aggregateBy and a window of at most 90 days are required")
        if any(kind not in (STEPS, MOVE, HEART) for kind in kinds):
            raise SimError(
                403,
                "The simulator serves step, move minute and heart minute aggregates only.",
                "PERMISSION_DENIED",
            )
        hours = [
            hour
            for day in _user_days(user, start, end)
            for hour in sim_data.hourly_so_far(user, day, now)
        ]
        buckets = []
        for lower, upper in self._buckets(body, start, end):
            inside = [h for h in hours if lower <= h[0] < upper]
            buckets.append(
                {
                    "startTimeMillis": str(_ms(lower)),
                    "endTimeMillis": str(_ms(upper)),
                    "dataset": [_dataset(kind, inside, lower, upper) for kind in kinds],
                }
            )
        return {"bucket": buckets}

    def _sessions(self, params: dict[str, str], user: str, now: datetime) -> Any:
        start = parse_rfc3339(params["startTime"])
        end = parse_rfc3339(params["endTime"])
        sessions = []
        for day in _user_days(user, start, end):
            for workout in sim_data.workouts_so_far(user, day, now):
                if start <= workout.end <= end:
                    sessions.append(
                        {
                            "id": f"fit-{workout.workout_id}",
                            "name": f"{workout.kind.title()} session",
                            "description": "",
                            "startTimeMillis": str(_ms(workout.start)),
                            "endTimeMillis": str(_ms(workout.end)),
                            "modifiedTimeMillis": str(_ms(workout.end)),
                            "application": {"packageName": "com.google.android.apps.fitness"},
                            "activityType": ACTIVITY_TYPES.get(workout.kind, 108),
                            "activeTimeMillis": str(_ms(workout.end) - _ms(workout.start)),
                        }
                    )
        return {"session": sessions, "deletedSession": []}


def _zone(name: Any) -> ZoneInfo:
    """bucketByTime.period.timeZoneId (fitness.v1.json); the default is UTC."""
    try:
        return ZoneInfo(str(name)) if name else ZoneInfo("UTC")
    except (ValueError, KeyError, OSError):
        raise SimError(400, f"Unknown timeZoneId {name!r}.") from None


def _user_days(user: str, start: datetime, end: datetime) -> list[Any]:
    """The user's own calendar days that touch [start, end]."""
    return sim_data.days_between(sim_data.civil_day(user, start), sim_data.civil_day(user, end))


def _dataset(
    kind: str, hours: list[sim_data.Hour], lower: datetime, upper: datetime
) -> dict[str, Any]:
    steps = sum(int(h[1] * 0.97) for h in hours)
    moderate = sum(h[2]["moderate"] for h in hours)
    vigorous = sum(h[2]["vigorous"] for h in hours)
    move = sum(h[2]["light"] for h in hours) + moderate + vigorous
    if kind == STEPS:
        type_name, values = STEPS, [{"intVal": steps, "mapVal": []}]
        empty = steps == 0
    elif kind == MOVE:
        type_name, values = MOVE, [{"intVal": move, "mapVal": []}]
        empty = move == 0
    else:
        type_name = HEART + ".summary"
        values = [
            {"fpVal": float(moderate + 2 * vigorous), "mapVal": []},
            {"intVal": moderate + vigorous, "mapVal": []},
        ]
        empty = moderate + vigorous == 0
    point = {
        "startTimeNanos": str(_ms(lower) * 1_000_000),
        "endTimeNanos": str(_ms(upper) * 1_000_000),
        "dataTypeName": type_name,
        "originDataSourceId": "",
        "value": values,
    }
    return {
        "dataSourceId": f"derived:{type_name}:com.google.android.gms:aggregated",
        "point": [] if empty else [point],
    }
