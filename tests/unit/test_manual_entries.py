"""Manual entries are kept and shown but earn nothing (docs/points.md)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fittrack.domain.activities import MANUAL, RECORDING_METRIC, Activity, Candidate, deduplicate
from fittrack.domain.points import tally

START = datetime(2026, 6, 10, 16, 0, tzinfo=UTC)


def workout(source: str, *, manual: bool, metrics: int = 1) -> Activity:
    extra = {f"m{n}": n for n in range(metrics)}
    return Activity(
        activity_type="workout",
        start_time=START,
        end_time=START + timedelta(minutes=45),
        duration_minutes=45,
        intensity="vigorous",
        metrics={**extra, **({RECORDING_METRIC: MANUAL} if manual else {})},
        source=source,
        external_id=f"{source}-{manual}",
    )


def test_a_typed_in_workout_adds_nothing_to_the_day() -> None:
    device = workout("fitbit", manual=False)
    assert tally([device, workout("fitbit", manual=True)]) == tally([device])
    assert tally([workout("fitbit", manual=True)]).qualifying_workouts == 0


def test_a_device_record_beats_a_richer_manual_one_across_sources() -> None:
    typed = Candidate(
        key="typed", activity=workout("fitbit", manual=True, metrics=9), received_at=START
    )
    recorded = Candidate(
        key="recorded",
        activity=workout("google_fit", manual=False),
        received_at=START + timedelta(hours=1),
    )
    decision = deduplicate([typed, recorded], primary_source="fitbit")
    assert decision == {"recorded": None, "typed": "recorded"}
