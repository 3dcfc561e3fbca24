"""Normalised activities: validation and cross-source de-duplication (SPEC section 3)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from fittrack.domain.activities import (
    Activity,
    Candidate,
    InvalidActivities,
    check,
    deduplicate,
    latest_per_record,
    same_content,
)

T0 = datetime(2026, 3, 14, 14, 0, tzinfo=UTC)
NOW = T0 + timedelta(hours=10)


def workout(
    source: str,
    start: int = 0,
    minutes: int = 30,
    ext: str = "w",
    metrics: dict | None = None,
    kind: str = "workout",
    intensity: str | None = "moderate",
) -> Activity:
    return Activity(
        activity_type=kind,
        start_time=T0 + timedelta(minutes=start),
        end_time=T0 + timedelta(minutes=start + minutes),
        duration_minutes=minutes,
        intensity=intensity,
        metrics=metrics if metrics is not None else {"calories": 100},
        source=source,
        external_id=ext,
    )


def candidates(*items: tuple[str, Activity, int]) -> list[Candidate]:
    return [
        Candidate(key, activity, T0 + timedelta(seconds=received), key)
        for key, activity, received in items
    ]


def test_the_primary_tracker_wins_an_overlap() -> None:
    decision = deduplicate(
        candidates(
            ("a", workout("fitbit", 0), 1),
            ("b", workout("google_fit", 10, metrics={"calories": 1, "heart_rate_avg": 120}), 0),
        ),
        primary_source="fitbit",
    )
    assert decision == {"a": None, "b": "a"}


def test_then_more_metrics_then_first_received() -> None:
    richer = workout("google_fit", 5, metrics={"calories": 1, "distance": 2})
    assert deduplicate(candidates(("a", workout("fitbit"), 0), ("b", richer, 1)), None) == {
        "a": "b",
        "b": None,
    }
    assert deduplicate(
        candidates(("a", workout("fitbit"), 5), ("b", workout("google_fit"), 1)), None
    ) == {"a": "b", "b": None}


def test_no_overlap_or_same_source_or_other_intensity_are_not_duplicates() -> None:
    apart = candidates(("a", workout("fitbit", 0), 0), ("b", workout("google_fit", 30), 1))
    assert set(deduplicate(apart, None).values()) == {None}
    same_source = candidates(
        ("a", workout("fitbit", 0, ext="1"), 0), ("b", workout("fitbit", 5, ext="2"), 1)
    )
    assert set(deduplicate(same_source, None).values()) == {None}
    minutes = candidates(
        ("a", workout("fitbit", kind="active_minutes", intensity="light"), 0),
        ("b", workout("google_fit", kind="active_minutes", intensity="vigorous"), 1),
    )
    assert set(deduplicate(minutes, None).values()) == {None}
    types = candidates(
        ("a", workout("fitbit"), 0), ("b", workout("google_fit", kind="active_minutes"), 1)
    )
    assert set(deduplicate(types, None).values()) == {None}


def test_the_decision_does_not_depend_on_input_order() -> None:
    items = candidates(
        ("a", workout("fitbit", 0), 3),
        ("b", workout("google_fit", 10), 1),
        ("c", workout("fitbit", 25, ext="w2"), 2),
    )
    assert deduplicate(items, None) == deduplicate(list(reversed(items)), None)


def test_validation_lists_every_problem() -> None:
    bad = [
        Activity(
            activity_type="swim",
            start_time=T0,
            end_time=T0 - timedelta(minutes=1),
            duration_minutes=-1,
            intensity="extreme",
            metrics={},
            source="strava",
            external_id="",
        ),
        Activity(
            activity_type="steps",
            start_time=T0,
            end_time=T0 + timedelta(hours=1),
            duration_minutes=0,
            intensity=None,
            metrics={"steps": -5},
            source="fitbit",
            external_id="s",
        ),
        Activity(
            activity_type="active_minutes",
            start_time=T0,
            end_time=T0 + timedelta(hours=1),
            duration_minutes=10,
            intensity=None,
            metrics={},
            source="fitbit",
            external_id="m",
        ),
        Activity(
            activity_type="workout",
            start_time=T0 + timedelta(days=2),
            end_time=T0 + timedelta(days=2, minutes=5),
            duration_minutes=5,
            intensity=None,
            metrics={},
            source="fitbit",
            external_id="future",
        ),
        Activity(
            activity_type="workout",
            start_time=T0,
            end_time=T0 + timedelta(minutes=10),
            duration_minutes=30,
            intensity=None,
            metrics={},
            source="fitbit",
            external_id="long",
        ),
    ]
    with pytest.raises(InvalidActivities) as raised:
        check(bad, NOW)
    found = {(p.index, p.field) for p in raised.value.problems}
    assert {
        (0, "activity_type"),
        (0, "source"),
        (0, "external_id"),
        (0, "intensity"),
        (0, "end_time"),
        (0, "duration_minutes"),
        (1, "metrics.steps"),
        (2, "intensity"),
        (3, "start_time"),
        (4, "duration_minutes"),
    } <= found
    check([workout("fitbit")], NOW)


def test_the_last_reading_of_a_record_wins_within_a_batch() -> None:
    first, second = workout("fitbit", minutes=20), workout("fitbit", minutes=40)
    assert latest_per_record([first, workout("google_fit"), second]) == [
        workout("google_fit"),
        second,
    ]
    assert same_content(first, workout("fitbit", minutes=20))
    assert not same_content(first, second)
