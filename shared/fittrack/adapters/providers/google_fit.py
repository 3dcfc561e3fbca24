"""`google_fit`: the Google Fit REST API (fitness/v1), deprecated during 2026.

Shapes (discovery document fitness.v1.json):

- daily totals: the points of Google's merged streams, `GET fitness/v1/users/me/
  dataSources/{dataSourceId}/datasets/{startNanos}-{endNanos}` (pages: `pageToken`
  <- the answer's `nextPageToken`) for MERGED below. Each `point[]` has
  `startTimeNanos`, `endTimeNanos`, `dataTypeName`, `originDataSourceId` (the stream
  that created it) and `value[]` of `{intVal | fpVal}`: steps `intVal`, move minutes
  `intVal`, heart minutes `fpVal` heart points (one point per minute: its span is
  the heart minutes);
- workouts: `GET fitness/v1/users/me/sessions?startTime=&endTime=` (RFC 3339) ->
  `session[]{id, name, startTimeMillis, endTimeMillis, activityType, activeTimeMillis}`.

Not `dataset:aggregate`: its totals merge every source, typed-in data included. A
point whose origin stream ends in `:user_input` was typed in by the member: it is
summed apart and reported as a manual entry (`metrics.recording = "manual"`), shown
but unpaid (docs/points.md). A Session has no field that says it was typed in, so
sessions are taken as they come.

Move minutes and heart points become light / moderate / vigorous minutes with
`domain.sync.split_heart_points`. When Google answers that the API is gone (410, or
a 403/404 that says so) the adapter raises ProviderGone and the connection retires.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from fittrack.adapters.providers.base import Budget, ProviderError, TrackerProvider
from fittrack.domain.activities import MANUAL, RECORDING_METRIC, Activity
from fittrack.domain.sync import Window, day_end, day_of, day_start, split_heart_points

SCOPE = "https://www.googleapis.com/auth/fitness.activity.read"
STEPS, MOVE, HEART = (
    "com.google.step_count.delta",
    "com.google.active_minutes",
    "com.google.heart_minutes",
)
MERGED = {
    STEPS: "derived:com.google.step_count.delta:com.google.android.gms:merge_step_deltas",
    MOVE: "derived:com.google.active_minutes:com.google.android.gms:merge_active_minutes",
    HEART: "derived:com.google.heart_minutes:com.google.android.gms:merge_heart_minutes",
}
USER_INPUT = ":user_input"  # the stream Google Fit writes what a member types in to
MAX_PAGES = 500  # a stream that pages on beyond this is broken, not long
# Sessions that are not workouts: still, sleeping and its stages.
NOT_WORKOUTS = frozenset({3, 72, 109, 110, 111, 112})

Points = Mapping[str, Sequence[dict[str, Any]]]  # data type -> its merged points
DayTotals = dict[str, float]  # steps, move minutes, heart points, heart minutes


def nanos(moment: datetime) -> int:
    return int(moment.timestamp() * 1000) * 1_000_000


def from_millis(value: Any) -> datetime:
    return datetime.fromtimestamp(int(value) / 1000, UTC)


def from_nanos(value: Any) -> datetime:
    return datetime.fromtimestamp(int(value) // 1_000_000 / 1000, UTC)


class GoogleFitProvider(TrackerProvider):
    name = "google_fit"
    display_name = "Google Fit"
    scopes = (SCOPE,)
    requests_per_minute = 60
    authorize_params = {"access_type": "offline", "prompt": "consent"}

    def fetch_since(self, access_token: str, window: Window, budget: Budget) -> Sequence[Activity]:
        if window.until <= window.start:
            return []
        dataset = f"{nanos(window.start)}-{nanos(window.until)}"
        points = {
            kind: self._points(access_token, budget, source, dataset)
            for kind, source in MERGED.items()
        }
        sessions = self._call(
            "GET",
            "/fitness/v1/users/me/sessions",
            access_token,
            budget,
            params={"startTime": _rfc3339(window.start), "endTime": _rfc3339(window.until)},
        )
        return [
            *daily_activities(points, window.start),
            *session_activities(sessions.get("session") or []),
        ]

    def _points(
        self, access_token: str, budget: Budget, source: str, dataset: str
    ) -> list[dict[str, Any]]:
        """Every point of one stream's dataset, following `nextPageToken`."""
        path = f"/fitness/v1/users/me/dataSources/{source}/datasets/{dataset}"
        found: list[dict[str, Any]] = []
        token: str | None = None
        for _ in range(MAX_PAGES):
            params = {"pageToken": token} if token else None
            answer = self._call("GET", path, access_token, budget, params=params)
            found.extend(answer.get("point") or [])
            following = answer.get("nextPageToken")
            if not following or following == token:
                return found
            token = str(following)
        raise ProviderError("Google Fit kept paging a dataset")


def _rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def typed_in(point: Mapping[str, Any]) -> bool:
    """Created by the member's own input rather than by a sensor or an app."""
    return str(point.get("originDataSourceId") or "").endswith(USER_INPUT)


def _add(sums: DayTotals, kind: str, point: Mapping[str, Any]) -> None:
    values = point.get("value") or []
    if kind == STEPS:
        sums["steps"] += int(values[0].get("intVal") or 0)
    elif kind == MOVE:
        sums["move"] += int(values[0].get("intVal") or 0)
    elif kind == HEART:
        span = from_nanos(point["endTimeNanos"]) - from_nanos(point["startTimeNanos"])
        sums["points"] += float(values[0].get("fpVal") or 0.0)
        sums["heart"] += round(span / timedelta(minutes=1))


def point_totals(points: Points, since: datetime) -> dict[tuple[date, bool], DayTotals]:
    """Per (program day, typed in): steps, move minutes, heart points, heart minutes.
    A point belongs to the day it starts on; one starting before `since` belongs to a
    day outside the window and is left out. Points of any size add up per day."""
    totals: dict[tuple[date, bool], DayTotals] = {}
    try:
        for kind, found in points.items():
            for point in found:
                start = from_nanos(point["startTimeNanos"])
                if start < since:
                    continue
                sums = totals.setdefault(
                    (day_of(start), typed_in(point)),
                    {"steps": 0, "move": 0, "points": 0.0, "heart": 0},
                )
                _add(sums, kind, point)
    except (KeyError, IndexError, TypeError, ValueError, AttributeError):
        raise ProviderError("Google Fit sent a dataset we cannot read") from None
    return totals


def daily_activities(points: Points, since: datetime) -> list[Activity]:
    found: list[Activity] = []
    for (day, manual), sums in sorted(point_totals(points, since).items()):
        found.extend(_day_activities(day, sums, manual))
    return found


def _day_activities(day: date, sums: DayTotals, manual: bool) -> list[Activity]:
    """A day's steps and minutes records; typed-in ones are marked and keyed apart."""
    start, end = day_start(day), day_end(day)
    prefix, marks = ("manual:", {RECORDING_METRIC: MANUAL}) if manual else ("", {})
    found: list[Activity] = []
    if sums["steps"] > 0:
        found.append(
            Activity(
                activity_type="steps",
                start_time=start,
                end_time=end,
                duration_minutes=0,
                intensity=None,
                metrics={"steps": int(sums["steps"]), **marks},
                source="google_fit",
                external_id=f"{prefix}steps:{day.isoformat()}",
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
                    metrics={"minutes": minutes, **marks},
                    source="google_fit",
                    external_id=f"{prefix}active_minutes:{day.isoformat()}:{level}",
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
