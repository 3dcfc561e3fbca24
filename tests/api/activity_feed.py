"""Feeding activities through the local /_dev/activities route (API test helpers)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time
from typing import Any

from fittrack.clock import PROGRAM_TZ
from tests.api.conftest import Client

# Wednesday 2026-03-18, 12:00 in New York.
NOON = datetime(2026, 3, 18, 16, 0, tzinfo=UTC)
TODAY = date(2026, 3, 18)


def at(day: date, hour: int, minute: int = 0) -> str:
    return datetime.combine(day, time(hour, minute), PROGRAM_TZ).astimezone(UTC).isoformat()


def activity(
    kind: str,
    day: date,
    hour: int,
    minutes: int,
    ext: str,
    intensity: str | None = None,
    source: str = "fitbit",
    **metrics: Any,
) -> dict[str, Any]:
    end_hour, end_minute = divmod(hour * 60 + minutes, 60)
    return {
        "activityType": kind,
        "startTime": at(day, hour),
        "endTime": at(day, min(end_hour, 23), end_minute if end_hour < 24 else 59),
        "durationMinutes": minutes if kind != "steps" else 0,
        "intensity": intensity,
        "metrics": metrics,
        "source": source,
        "externalId": ext,
    }


def worked_day(day: date = TODAY) -> list[dict[str, Any]]:
    """12,345 steps, 30 moderate + 20 vigorous minutes, two 25-minute workouts: 440."""
    return [
        activity("steps", day, 0, 11 * 60, f"steps-{day}", steps=12_345),
        activity("active_minutes", day, 0, 11 * 60, f"mod-{day}", "moderate"),
        activity("active_minutes", day, 0, 11 * 60, f"vig-{day}", "vigorous"),
        activity("workout", day, 7, 25, f"run-{day}", calories=250),
        activity("workout", day, 9, 25, f"bike-{day}", calories=200),
    ]


def fix_minutes(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for item in items:
        if item["externalId"].startswith("mod-"):
            item["durationMinutes"] = 30
        elif item["externalId"].startswith("vig-"):
            item["durationMinutes"] = 20
    return items


def feed(api: Client, user_id: uuid.UUID, items: list[dict[str, Any]]) -> dict[str, Any]:
    answer = api.post("/_dev/activities", json={"userId": str(user_id), "activities": items})
    assert answer.status_code == 200, answer.text
    return dict(answer.json())
