"""A Google Fit REST API (fitness/v1) stand-in, under /_sim/google_fit/.

Speaks the shapes of fitness.v1.json for what FitTrack reads:

    GET  fitness/v1/users/me/dataSources/{dataSourceId}/datasets/{startNs}-{endNs}
         ?limit=&pageToken=                                           Dataset
         for the merged streams (MERGED) of com.google.step_count.delta,
         com.google.active_minutes and com.google.heart_minutes
    GET  fitness/v1/users/me/sessions?startTime=&endTime=     ListSessionsResponse

A dataset holds every point overlapping the range; a page holds the `limit` latest
(PAGE_SIZE when no limit is asked for), and `nextPageToken` leads to the points that
end strictly earlier, as the reference describes. The phone records one point per
hour and stream: steps (a little fewer than the Google Health tracker sees), move
minutes spanning their minutes, heart points (1 per moderate, 2 per vigorous
minute) spanning the heart minutes. A user who logs by hand (sim_data) also has
typed-in points from the `user_input` stream in the merged streams: the day's
typed-in steps at noon, and the typed-in run's 45 move and heart minutes. The
"gone" switch answers like the shut-down API (410, or `status` 403/404 with a
message saying so).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import unquote

from fittrack.domain.sync import parse_rfc3339
from fittrack.local.simulators import sim_data
from fittrack.local.simulators.tracker_sim import SimError, TrackerSimulator

STEPS, MOVE, HEART = (
    "com.google.step_count.delta",
    "com.google.active_minutes",
    "com.google.heart_minutes",
)
MERGED = {
    "derived:com.google.step_count.delta:com.google.android.gms:merge_step_deltas": STEPS,
    "derived:com.google.active_minutes:com.google.android.gms:merge_active_minutes": MOVE,
    "derived:com.google.heart_minutes:com.google.android.gms:merge_heart_minutes": HEART,
}
PHONE = "raw:{kind}:com.google.android.gms:Google:Pixel:sim0001:recorded"
TYPED_IN = "raw:{kind}:com.google.android.apps.fitness:user_input"
DATASET = re.compile(r"fitness/v1/users/me/dataSources/([^/]+)/datasets/(\d+)-(\d+)")
ACTIVITY_TYPES = {"RUNNING": 8, "WALKING": 7, "BIKING": 1, "SWIMMING": 82, "YOGA": 100}
MAX_SPAN = timedelta(days=90)
PAGE_SIZE = 50  # small, so a week of hourly points takes several pages


def _ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def _ns(moment: datetime) -> int:
    return _ms(moment) * 1_000_000


def _from_ns(value: Any) -> datetime:
    return datetime.fromtimestamp(int(value) // 1_000_000 / 1000, UTC)


class GoogleFitSimulator(TrackerSimulator):
    provider = "google_fit"
    title = "Google Fit"
    gone_message = (
        "The Google Fit REST API has been shut down and is no longer available. "
        "Use Health Connect or the Google Health API."
    )

    def api(self, method: str, route: str, params: dict[str, str], body: Any, user: str) -> Any:
        now = self.clock()
        dataset = DATASET.fullmatch(unquote(route))
        if method == "GET" and dataset:
            source, lower, upper = dataset.groups()
            return self._dataset(source, _from_ns(lower), _from_ns(upper), params, user, now)
        if method == "GET" and route == "fitness/v1/users/me/sessions":
            return self._sessions(params, user, now)
        return super().api(method, route, params, body, user)

    def _dataset(
        self,
        source: str,
        start: datetime,
        end: datetime,
        params: dict[str, str],
        user: str,
        now: datetime,
    ) -> Any:
        kind = MERGED.get(source)
        if kind is None:
            raise SimError(
                403,
                "The simulator serves the merged step, move and heart streams only.",
                "PERMISSION_DENIED",
            )
        if end < start or end - start > MAX_SPAN:
            raise SimError(400, "a dataset of at most 90 days is required")
        points = sorted(
            (
                p
                for day in _user_days(user, start, end)
                for p in _day_points(kind, user, day, now)
                if _from_ns(p["startTimeNanos"]) <= end and _from_ns(p["endTimeNanos"]) >= start
            ),
            key=lambda p: int(p["endTimeNanos"]),
        )
        if params.get("pageToken"):
            points = [p for p in points if int(p["endTimeNanos"]) < int(params["pageToken"])]
        limit = int(params.get("limit") or PAGE_SIZE)
        if limit < 1:
            raise SimError(400, "limit must be positive")
        page = points[-limit:]
        answer: dict[str, Any] = {
            "minStartTimeNs": str(_ns(start)),
            "maxEndTimeNs": str(_ns(end)),
            "dataSourceId": source,
            "point": page,
        }
        if len(points) > limit:
            answer["nextPageToken"] = page[0]["endTimeNanos"]
        return answer

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


def _user_days(user: str, start: datetime, end: datetime) -> list[Any]:
    """The user's own calendar days that touch [start, end]."""
    return sim_data.days_between(sim_data.civil_day(user, start), sim_data.civil_day(user, end))


def _point(kind: str, origin: str, start: datetime, end: datetime, value: Any) -> dict[str, Any]:
    return {
        "startTimeNanos": str(_ns(start)),
        "endTimeNanos": str(_ns(end)),
        "dataTypeName": kind,
        "originDataSourceId": origin.format(kind=kind),
        "value": [
            {"fpVal": value, "mapVal": []} if kind == HEART else {"intVal": value, "mapVal": []}
        ],
    }


def _day_points(kind: str, user: str, day: Any, now: datetime) -> list[dict[str, Any]]:
    """One stream's points for one of the user's days, as of `now`."""
    found = []
    for start, steps, minutes in sim_data.hourly_so_far(user, day, now):
        heart = minutes["moderate"] + minutes["vigorous"]
        if kind == STEPS and int(steps * 0.97) > 0:
            end = min(start + timedelta(hours=1), now)
            found.append(_point(kind, PHONE, start, end, int(steps * 0.97)))
        elif kind == MOVE and heart + minutes["light"] > 0:
            span = timedelta(minutes=heart + minutes["light"])
            found.append(_point(kind, PHONE, start, start + span, heart + minutes["light"]))
        elif kind == HEART and heart > 0:
            points = float(minutes["moderate"] + 2 * minutes["vigorous"])
            found.append(_point(kind, PHONE, start, start + timedelta(minutes=heart), points))
    return found + _typed_in_points(kind, user, day, now)


def _typed_in_points(kind: str, user: str, day: Any, now: datetime) -> list[dict[str, Any]]:
    """What a member who logs by hand typed in: steps at noon, the run's minutes."""
    noon = sim_data.local_hour_start(day, 12, sim_data.user_zone(user))
    steps = sim_data.manual_steps(user, day, now)
    if kind == STEPS and steps:
        return [_point(kind, TYPED_IN, noon, noon + timedelta(minutes=1), steps)]
    found = []
    for run in sim_data.manual_workouts(user, day, now) if kind != STEPS else []:
        minutes = int((run.end - run.start).total_seconds() // 60)
        value: Any = minutes if kind == MOVE else float(minutes)
        found.append(_point(kind, TYPED_IN, run.start, run.end, value))
    return found
