"""Normalised activities (SPEC section 3): the value object, its checks, de-duplication.

Pure rules, no I/O. An activity belongs to the program day (America/New_York)
its `start_time` falls on; the caller decides that day with the program clock.

De-duplication across sources: two activities of one member with the same type
(and, for active minutes, the same intensity) from *different* sources whose time
windows overlap are the same activity. One is kept, by priority: a device's
record over a manual entry, then the member's primary tracker, then the record
with more metrics, then the one received first (then the smaller key, so the
answer never depends on the order of the input).
Records of one source never supersede each other: within a source, the
provider's own id already identifies a record.

Manual entries (a workout the member typed in, `metrics.recording == "manual"`) are
stored and shown but earn nothing: points pay for what a wearable recorded
(docs/points.md).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

ACTIVITY_TYPES = ("steps", "workout", "active_minutes")
INTENSITIES = ("light", "moderate", "vigorous")
SOURCES = ("fitbit", "google_fit")

MAX_DURATION_MINUTES = 24 * 60
MAX_WINDOW = timedelta(hours=25)  # a program day is 23 to 25 hours long (DST)
MAX_STEPS_PER_RECORD = 200_000
MAX_EXTERNAL_ID_LENGTH = 200
MAX_METRICS = 50
RECORDING_METRIC = "recording"  # how the provider says the record was made
MANUAL = "manual"  # typed in by the member, not recorded by a device
# A provider clock a little ahead of ours is tolerated; anything later is refused.
FUTURE_TOLERANCE = timedelta(minutes=5)


@dataclass(frozen=True, slots=True, kw_only=True)
class Activity:
    activity_type: str
    start_time: datetime
    end_time: datetime
    duration_minutes: int
    intensity: str | None
    metrics: Mapping[str, Any]
    source: str
    external_id: str

    @property
    def steps(self) -> int:
        """The steps a `steps` record counts (0 for other types or a missing metric)."""
        value = self.metrics.get("steps") if self.activity_type == "steps" else None
        return value if isinstance(value, int) and not isinstance(value, bool) else 0

    @property
    def manual_entry(self) -> bool:
        """Typed in by the member: kept and shown, never paid."""
        return self.metrics.get(RECORDING_METRIC) == MANUAL

    @property
    def metric_count(self) -> int:
        """How many metrics the record carries (null values do not count)."""
        return sum(1 for value in self.metrics.values() if value is not None)

    @property
    def dedup_group(self) -> tuple[str, str | None]:
        """Activities can only duplicate each other inside one group."""
        return self.activity_type, (
            self.intensity if self.activity_type == "active_minutes" else None
        )

    def overlaps(self, other: Activity) -> bool:
        """Time windows share a moment (two instants at the same time count as overlap)."""
        if self.start_time == other.start_time:
            return True
        return self.start_time < other.end_time and other.start_time < self.end_time


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one activity of a batch (index into the batch, field)."""

    index: int
    field: str
    message: str


class InvalidActivities(ValueError):
    """Raised by `check` with every problem of a batch."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("; ".join(f"[{p.index}].{p.field}: {p.message}" for p in problems))
        self.problems = list(problems)


def problems_of(activity: Activity, index: int, now: datetime) -> list[Problem]:
    """What is wrong with one activity (empty when it is valid)."""
    found: list[Problem] = []

    def bad(field_name: str, message: str) -> None:
        found.append(Problem(index, field_name, message))

    if activity.activity_type not in ACTIVITY_TYPES:
        bad("activity_type", f"must be one of {', '.join(ACTIVITY_TYPES)}")
    if activity.source not in SOURCES:
        bad("source", f"must be one of {', '.join(SOURCES)}")
    if not activity.external_id or len(activity.external_id) > MAX_EXTERNAL_ID_LENGTH:
        bad("external_id", f"must be 1 to {MAX_EXTERNAL_ID_LENGTH} characters")
    if activity.intensity is not None and activity.intensity not in INTENSITIES:
        bad("intensity", f"must be one of {', '.join(INTENSITIES)}")
    if activity.activity_type == "active_minutes" and activity.intensity is None:
        bad("intensity", "is required for active_minutes")
    _check_times(activity, now, bad)
    if not 0 <= activity.duration_minutes <= MAX_DURATION_MINUTES:
        bad("duration_minutes", f"must be between 0 and {MAX_DURATION_MINUTES}")
    _check_metrics(activity, bad)
    return found


def _check_times(activity: Activity, now: datetime, bad: Any) -> None:
    start, end = activity.start_time, activity.end_time
    if start.tzinfo is None or end.tzinfo is None:
        bad("start_time", "times need a time zone (ISO 8601 with Z or an offset)")
        return
    if end < start:
        bad("end_time", "must not be before start_time")
    elif end - start > MAX_WINDOW:
        bad("end_time", "an activity spans at most one day")
    if start > now + FUTURE_TOLERANCE:
        bad("start_time", "must not be in the future")
    window_minutes = (end - start).total_seconds() / 60
    if (
        end >= start
        and activity.activity_type != "steps"
        and activity.duration_minutes > window_minutes + 1
    ):
        bad("duration_minutes", "must fit inside the time window")


def _check_metrics(activity: Activity, bad: Any) -> None:
    metrics = activity.metrics
    if len(metrics) > MAX_METRICS:
        bad("metrics", f"at most {MAX_METRICS} metrics")
    for name, value in metrics.items():
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int | float | str)
        ):
            bad(f"metrics.{name}", "must be a number or a string")
    if activity.activity_type == "steps":
        steps = metrics.get("steps")
        if (
            not isinstance(steps, int)
            or isinstance(steps, bool)
            or not 0 <= steps <= MAX_STEPS_PER_RECORD
        ):
            bad(
                "metrics.steps",
                f"a steps record needs a whole number of steps from 0 to {MAX_STEPS_PER_RECORD}",
            )


def check(activities: Sequence[Activity], now: datetime) -> None:
    """Raise InvalidActivities listing every problem of the batch."""
    problems = [p for i, a in enumerate(activities) for p in problems_of(a, i, now)]
    if problems:
        raise InvalidActivities(problems)


def latest_per_record(activities: Iterable[Activity]) -> list[Activity]:
    """One activity per (source, external_id): the last one sent wins, first-seen order."""
    latest: dict[tuple[str, str], Activity] = {}
    for activity in activities:
        key = (activity.source, activity.external_id)
        latest.pop(key, None)
        latest[key] = activity
    return list(latest.values())


def same_content(a: Activity, b: Activity) -> bool:
    """Whether a re-delivered record says nothing new (times compared as instants)."""
    return (
        a.activity_type == b.activity_type
        and a.start_time == b.start_time
        and a.end_time == b.end_time
        and a.duration_minutes == b.duration_minutes
        and a.intensity == b.intensity
        and dict(a.metrics) == dict(b.metrics)
    )


@dataclass(frozen=True, slots=True)
class Candidate:
    """A stored activity as de-duplication sees it."""

    key: Hashable
    activity: Activity
    received_at: datetime
    sort_key: str = field(default="")  # a stable tie-break (e.g. the id as text)


def deduplicate(
    candidates: Iterable[Candidate], primary_source: str | None
) -> dict[Hashable, Hashable | None]:
    """key -> key of the activity that supersedes it, or None when it is kept."""
    everyone = candidates if isinstance(candidates, list) else list(candidates)
    decision: dict[Hashable, Hashable | None] = dict.fromkeys([c.key for c in everyone])
    groups: dict[tuple[str, str | None], list[Candidate]] = {}
    sources: set[str] = set()
    for candidate in everyone:
        activity = candidate.activity
        sources.add(activity.source)
        group = (
            activity.activity_type,
            activity.intensity if activity.activity_type == "active_minutes" else None,
        )
        members = groups.get(group)
        if members is None:
            groups[group] = [candidate]
        else:
            members.append(candidate)
    if len(sources) < 2:
        return decision  # one source: nothing can be a cross-source duplicate
    for members in groups.values():
        if len(members) > 1 and len({c.activity.source for c in members}) > 1:
            _settle_group(members, primary_source, decision)
    return decision


def _settle_group(
    members: list[Candidate], primary_source: str | None, decision: dict[Hashable, Hashable | None]
) -> None:
    """Keep the best of every overlapping cross-source set, greedily by priority."""
    members.sort(
        key=lambda c: (
            c.activity.manual_entry,  # a device's record beats a typed-in one
            c.activity.source != primary_source,
            -c.activity.metric_count,
            c.received_at,
            c.sort_key,
        )
    )
    kept: list[Candidate] = []
    for candidate in members:
        activity = candidate.activity
        winner = next(
            (
                k
                for k in kept
                if k.activity.source != activity.source and k.activity.overlaps(activity)
            ),
            None,
        )
        if winner is None:
            kept.append(candidate)
        else:
            decision[candidate.key] = winner.key
