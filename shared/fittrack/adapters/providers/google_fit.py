"""`google_fit`: the Google Fit REST API (fitness/v1), deprecated during 2026.

Shapes (discovery document fitness.v1.json):

- daily totals: `POST fitness/v1/users/me/dataset:aggregate` with `aggregateBy[]
  {dataTypeName}` for `com.google.step_count.delta`, `com.google.active_minutes` and
  `com.google.heart_minutes`, `bucketByTime.period {type: "day", value: 1, timeZoneId}`
  and `startTimeMillis`/`endTimeMillis` (strings). The answer's `bucket[]` carry
  `startTimeMillis` and one `dataset[]` per aggregateBy, whose `point[]` hold
  `value[]` of `{intVal | fpVal}`: steps `intVal`, move minutes `intVal`, heart
  minutes `fpVal` heart points then `intVal` minutes;
- workouts: `GET fitness/v1/users/me/sessions?startTime=&endTime=` (RFC 3339) →
  `session[]{id, name, startTimeMillis, endTimeMillis, activityType, activeTimeMillis}`.

Move minutes and heart points become light / moderate / vigorous minutes with
`domain.sync.split_heart_points`. When Google answers that the API is gone (410, or
a 403/404 that says so) the adapter raises ProviderGone and the connection retires.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from fittrack.adapters.providers.base import Budget, ProviderError, TrackerProvider
from fittrack.domain.activities import Activity
from fittrack.domain.sync import Window, day_end, day_of, day_start, split_heart_points

SCOPE = "https://www.googleapis.com/auth/fitness.activity.read"
STEPS, MOVE, HEART = (
    "com.google.step_count.delta",
    "com.google.active_minutes",
    "com.google.heart_minutes",
)
# Sessions that are not workouts: still, sleeping and its stages.
NOT_WORKOUTS = frozenset({3, 72, 109, 110, 111, 112})


def millis(moment: datetime) -> str:
    return str(int(moment.timestamp() * 1000))


def from_millis(value: Any) -> datetime:
    return datetime.fromtimestamp(int(value) / 1000, UTC)


class GoogleFitProvider(TrackerProvider):
    name = "google_fit"
    display_name = "Google Fit"
    scopes = (SCOPE,)
    requests_per_minute = 60
    authorize_params = {"access_type": "offline", "prompt": "consent"}

    def fetch_since(self, access_token: str, window: Window, budget: Budget) -> Sequence[Activity]:
        if window.until <= window.start:
            return []
        body = {
            "aggregateBy": [{"dataTypeName": name} for name in (STEPS, MOVE, HEART)],
            "bucketByTime": {
                "period": {"type": "day", "value": 1, "timeZoneId": "America/New_York"}
            },
            "startTimeMillis": millis(window.start),
            "endTimeMillis": millis(window.until),
        }
        answer = self._call(
            "POST", "/fitness/v1/users/me/dataset:aggregate", access_token, budget, json=body
        )
        sessions = self._call(
            "GET",
            "/fitness/v1/users/me/sessions",
            access_token,
            budget,
            params={"startTime": _rfc3339(window.start), "endTime": _rfc3339(window.until)},
        )
        return [
            *daily_activities(answer.get("bucket") or []),
            *session_activities(sessions.get("session") or []),
        ]


def _rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _kind(dataset: dict[str, Any]) -> str | None:
    source = str(dataset.get("dataSourceId") or "")
    points = dataset.get("point") or []
    named = str(points[0].get("dataTypeName") or "") if points else ""
    for kind in (HEART, STEPS, MOVE):  # heart_minutes before active_minutes: no prefix clash
        if kind in source or named.startswith(kind):
            return kind
    return None


def bucket_totals(buckets: list[dict[str, Any]]) -> dict[date, dict[str, float]]:
    """Per program day: steps, move minutes, heart points, heart minutes. Buckets of any
    size add up per day, so any split of a day yields the same totals."""
    totals: dict[date, dict[str, float]] = {}
    try:
        for bucket in buckets:
            day = day_of(from_millis(bucket["startTimeMillis"]))
            sums = totals.setdefault(day, {"steps": 0, "move": 0, "points": 0.0, "heart": 0})
            for dataset in bucket.get("dataset") or []:
                kind = _kind(dataset)
                for point in dataset.get("point") or []:
                    values = point.get("value") or []
                    if kind == STEPS:
                        sums["steps"] += int(values[0].get("intVal") or 0)
                    elif kind == MOVE:
                        sums["move"] += int(values[0].get("intVal") or 0)
                    elif kind == HEART:
                        sums["points"] += float(values[0].get("fpVal") or 0.0)
                        sums["heart"] += int(values[1].get("intVal") or 0) if len(values) > 1 else 0
    except (KeyError, IndexError, TypeError, ValueError):
        raise ProviderError("Google Fit sent an aggregate we cannot read") from None
    return totals


def daily_activities(buckets: list[dict[str, Any]]) -> list[Activity]:
    found: list[Activity] = []
    for day, sums in sorted(bucket_totals(buckets).items()):
        start, end = day_start(day), day_end(day)
        if sums["steps"] > 0:
            found.append(
                Activity(
                    activity_type="steps",
                    start_time=start,
                    end_time=end,
                    duration_minutes=0,
                    intensity=None,
                    metrics={"steps": int(sums["steps"])},
                    source="google_fit",
                    external_id=f"steps:{day.isoformat()}",
                )
            )
        split = split_heart_points(int(sums["move"]), sums["points"], int(sums["heart"]))
        for level, minutes in split.items():
            if minutes > 0:
                found.append(
                    Activity(
                        activity_type="active_minutes",
                        start_time=start,
                        end_time=end,
                        duration_minutes=min(minutes, 24 * 60),
                        intensity=level,
                        metrics={"minutes": minutes},
                        source="google_fit",
                        external_id=f"active_minutes:{day.isoformat()}:{level}",
                    )
                )
    return found


def session_activities(sessions: list[dict[str, Any]]) -> list[Activity]:
    found: list[Activity] = []
    for session in sessions:
        try:
            kind = int(session.get("activityType") or 0)
            start, end = (
                from_millis(session["startTimeMillis"]),
                from_millis(session["endTimeMillis"]),
            )
            session_id = str(session["id"])
        except (KeyError, TypeError, ValueError):
            continue
        if kind in NOT_WORKOUTS or end < start or not session_id:
            continue
        active = session.get("activeTimeMillis")
        span = (end - start).total_seconds()
        seconds = min(int(active) / 1000, span) if active else span
        found.append(
            Activity(
                activity_type="workout",
                start_time=start,
                end_time=end,
                duration_minutes=int(seconds // 60),
                intensity=None,
                metrics={"activity_type": kind},
                source="google_fit",
                external_id=f"session:{session_id[:180]}",
            )
        )
    return found
